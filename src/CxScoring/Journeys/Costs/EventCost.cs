using System.Globalization;

namespace CxScoring.Journeys.Costs;

/// <summary>The cost of one outcome's shortfall: <see cref="Shortfall"/> × <see cref="CostPerUnit"/>, with the event it came from.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class EventCost
{
    internal EventCost(JourneyEvent journeyEvent, double shortfall, double costPerUnit)
    {
        Event = journeyEvent;
        Shortfall = shortfall;
        CostPerUnit = costPerUnit;
    }

    /// <summary>Gets the event (its outcome and gaps are the inputs).</summary>
    public JourneyEvent Event { get; }

    /// <summary>Gets the shortfall −min(score, 0).</summary>
    public double Shortfall { get; }

    /// <summary>Gets the cost per unit of shortfall of the event's measure.</summary>
    public double CostPerUnit { get; }

    /// <summary>Gets the cost, <see cref="Shortfall"/> × <see cref="CostPerUnit"/>.</summary>
    public double Cost => Shortfall * CostPerUnit;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Event.CustomerId} @ {Event.Outcome.TouchpointId} / {Event.Outcome.MeasureId}: {Shortfall:0.###} × {CostPerUnit} = {Cost:0.##}");
}
