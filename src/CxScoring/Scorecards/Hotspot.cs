using System.Globalization;
using CxScoring.Model;

namespace CxScoring.Scorecards;

/// <summary>
/// A touchpoint ranked by its share of the weighted shortfall: the touchpoint's weight times the sum of its
/// shortfalls (magnitudes of negative scores), over the same for all touchpoints.
/// </summary>
/// <remarks>This type is immutable and safe to use from any number of threads.</remarks>
public sealed class Hotspot
{
    internal Hotspot(int rank, Touchpoint touchpoint, ScoreAggregate aggregate, double weightedShortfall, double share)
    {
        Rank = rank;
        Touchpoint = touchpoint;
        Aggregate = aggregate;
        WeightedShortfall = weightedShortfall;
        Share = share;
    }

    /// <summary>Gets the rank, from 1 for the largest share.</summary>
    public int Rank { get; }

    /// <summary>Gets the touchpoint.</summary>
    public Touchpoint Touchpoint { get; }

    /// <summary>Gets the touchpoint's aggregate.</summary>
    public ScoreAggregate Aggregate { get; }

    /// <summary>Gets the touchpoint's weight times the sum of its shortfalls.</summary>
    public double WeightedShortfall { get; }

    /// <summary>Gets the touchpoint's share of the weighted shortfall of all touchpoints.</summary>
    /// <value>A number in [0, 1].</value>
    public double Share { get; }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"#{Rank} {Touchpoint.Id}: {Share:P1} of weighted shortfall");
}
