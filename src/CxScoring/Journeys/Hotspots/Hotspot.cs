using System.Globalization;
using CxScoring.Model;

namespace CxScoring.Journeys.Hotspots;

/// <summary>One touchpoint's part of the total weighted shortfall, with its rank and cumulative (Pareto) share.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Hotspot
{
    internal Hotspot(int rank, Touchpoint touchpoint, double shortfall, double share, double cumulativeShare, int eventCount, int shortfallCount)
    {
        Rank = rank;
        Touchpoint = touchpoint;
        Shortfall = shortfall;
        Share = share;
        CumulativeShare = cumulativeShare;
        EventCount = eventCount;
        ShortfallCount = shortfallCount;
    }

    /// <summary>Gets the rank, 1 for the largest shortfall.</summary>
    public int Rank { get; }

    /// <summary>Gets the touchpoint.</summary>
    public Touchpoint Touchpoint { get; }

    /// <summary>Gets the journey stage of the touchpoint: early stages cause later breakdowns.</summary>
    public JourneyStage Stage => Touchpoint.Stage;

    /// <summary>Gets the weighted shortfall: Σ −min(score, 0) × touchpoint weight over the touchpoint's events.</summary>
    public double Shortfall { get; }

    /// <summary>Gets the touchpoint's share of the total weighted shortfall.</summary>
    /// <value>A number in [0, 1]; 0 for every touchpoint when there is no shortfall at all.</value>
    public double Share { get; }

    /// <summary>Gets the share of this touchpoint and all ranked above it (the Pareto curve).</summary>
    public double CumulativeShare { get; }

    /// <summary>Gets the number of events at the touchpoint.</summary>
    public int EventCount { get; }

    /// <summary>Gets the number of events at the touchpoint that fell below the zone of tolerance.</summary>
    public int ShortfallCount { get; }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"#{Rank} {Touchpoint.Id} ({Stage}, {Touchpoint.Channel}): {Share:P1} (cumulative {CumulativeShare:P1}), {ShortfallCount}/{EventCount} below");
}
