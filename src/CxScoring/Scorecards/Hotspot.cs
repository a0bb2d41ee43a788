using System.Globalization;
using CxScoring.Model;

namespace CxScoring.Scorecards;

/// <summary>
/// A touchpoint ranked by its share of the weighted shortfall: how much of the customers' shortfall below their zone
/// of tolerance (each touchpoint's weight × the sum of its negative scores) lands there. The same rule ranks a
/// scorecard (<see cref="Scorecard.Hotspots(int)"/>) and scored journey events (<c>HotspotAnalysis</c>): largest
/// share first; exact ties go to the earlier journey stage (get bad parts out of the way early), then to the
/// touchpoint id in ordinal order. Touchpoints without shortfall are not hotspots.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Hotspot
{
    internal Hotspot(int rank, Touchpoint touchpoint, double weightedShortfall, double share, double cumulativeShare, long count, long belowCount)
    {
        Rank = rank;
        Touchpoint = touchpoint;
        WeightedShortfall = weightedShortfall;
        Share = share;
        CumulativeShare = cumulativeShare;
        Count = count;
        BelowCount = belowCount;
    }

    /// <summary>Gets the rank: 1 for the largest share.</summary>
    public int Rank { get; }

    /// <summary>Gets the touchpoint.</summary>
    public Touchpoint Touchpoint { get; }

    /// <summary>Gets the touchpoint's journey stage.</summary>
    public JourneyStage Stage => Touchpoint.Stage;

    /// <summary>Gets the touchpoint's weight × the sum of its shortfalls (the magnitudes of its negative scores).</summary>
    public double WeightedShortfall { get; }

    /// <summary>Gets the share of all hotspots' weighted shortfall, in [0, 1].</summary>
    public double Share { get; }

    /// <summary>Gets the share of this hotspot and all ranked above it (the Pareto curve), in [0, 1]; 1 for the last.</summary>
    public double CumulativeShare { get; }

    /// <summary>Gets the number of scored outcomes at the touchpoint.</summary>
    public long Count { get; }

    /// <summary>Gets the number of those outcomes below the zone of tolerance.</summary>
    public long BelowCount { get; }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"#{Rank} {Touchpoint.Id} ({Stage}, {Touchpoint.Channel}): {Share:P1} of weighted shortfall (cumulative {CumulativeShare:P1}), {BelowCount}/{Count} below the zone");

    /// <summary>Ranks candidates by the one hotspot rule; candidates without shortfall are left out.</summary>
    /// <param name="candidates">Each touchpoint with its weighted shortfall, outcome count and count below the zone.</param>
    /// <param name="count">The most hotspots to return.</param>
    /// <returns>The hotspots, largest share first, with shares of the total over all candidates.</returns>
    internal static List<Hotspot> Order(IEnumerable<(Touchpoint Touchpoint, double WeightedShortfall, long Count, long BelowCount)> candidates, int count)
    {
        var ranked = new List<(Touchpoint Touchpoint, double WeightedShortfall, long Count, long BelowCount)>();
        var total = 0.0;
        foreach (var c in candidates)
        {
            if (c.WeightedShortfall > 0)
            {
                ranked.Add(c);
                total += c.WeightedShortfall;
            }
        }

        ranked.Sort(static (a, b) =>
        {
            var c = b.WeightedShortfall.CompareTo(a.WeightedShortfall);
            if (c != 0)
            {
                return c;
            }

            c = ((int)a.Touchpoint.Stage).CompareTo((int)b.Touchpoint.Stage);
            return c != 0 ? c : string.CompareOrdinal(a.Touchpoint.Id, b.Touchpoint.Id);
        });

        var hotspots = new List<Hotspot>(Math.Min(count, ranked.Count));
        var cumulative = 0.0;
        for (var i = 0; i < ranked.Count && i < count; i++)
        {
            var (touchpoint, shortfall, outcomes, below) = ranked[i];
            cumulative += shortfall;
            var cumulativeShare = i == ranked.Count - 1 ? 1.0 : Math.Min(cumulative / total, 1.0);
            hotspots.Add(new Hotspot(i + 1, touchpoint, shortfall, shortfall / total, cumulativeShare, outcomes, below));
        }

        return hotspots;
    }
}
