using System.Globalization;

namespace CxScoring.Journeys.Costs;

/// <summary>The cost of gaps summed for one touchpoint or one segment.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CostLine
{
    internal CostLine(string? key, int shortfallCount, double shortfallCost, double excessRevenueAtRisk)
    {
        Key = key;
        ShortfallCount = shortfallCount;
        ShortfallCost = shortfallCost;
        ExcessRevenueAtRisk = excessRevenueAtRisk;
    }

    /// <summary>Gets the touchpoint or segment identifier.</summary>
    /// <value>The identifier; <see langword="null"/> for customers with no segment.</value>
    public string? Key { get; }

    /// <summary>Gets the number of outcomes below the zone of tolerance.</summary>
    public int ShortfallCount { get; }

    /// <summary>Gets the sum of <see cref="EventCost.Cost"/>.</summary>
    public double ShortfallCost { get; }

    /// <summary>
    /// Gets the revenue at risk attributable to gaps: for a segment the sum of its customers'
    /// <see cref="CustomerRisk.ExcessRevenueAtRisk"/>; for a touchpoint each customer's excess split over the
    /// touchpoints by their share of that customer's weighted shortfall (a heuristic allocation).
    /// </summary>
    public double ExcessRevenueAtRisk { get; }

    /// <summary>Gets <see cref="ShortfallCost"/> + <see cref="ExcessRevenueAtRisk"/>.</summary>
    public double Total => ShortfallCost + ExcessRevenueAtRisk;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Key ?? "(none)"}: shortfall cost {ShortfallCost:0.##}, revenue at risk {ExcessRevenueAtRisk:0.##}");
}
