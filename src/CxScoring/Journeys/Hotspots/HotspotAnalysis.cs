using System.Collections.Immutable;
using CxScoring.Model;
using CxScoring.Scorecards;

namespace CxScoring.Journeys.Hotspots;

/// <summary>
/// Ranks touchpoints by their share of the total weighted shortfall, shortfall = −min(score, 0) × touchpoint weight,
/// so that an outcome below the zone at an important touchpoint counts most and outcomes within or above the zone
/// count nothing (a delight elsewhere does not offset a let-down here).
/// </summary>
/// <remarks>
/// <para>Order: larger shortfall first, whatever the stage; only on exactly equal shortfall does the earlier journey stage
/// come first, then the touchpoint identifier (ordinal). The stage is a tie-break, not a weight: an early-journey
/// problem is not brought forward past a larger later one (weight touchpoints, or look at
/// <see cref="Cascades.CascadeAnalysis"/> for problems that cause later contacts). Shares sum to 1 whenever there is
/// any shortfall; the last cumulative share is then exactly 1.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class HotspotAnalysis
{
    /// <summary>Ranks the touchpoints of all events.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>The ranking.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event.</exception>
    public static HotspotReport Analyze(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Build(events, null, null);
    }

    /// <summary>Ranks touchpoints within each channel.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>One ranking per channel, ordered by channel name.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event.</exception>
    public static ImmutableArray<HotspotReport> AnalyzePerChannel(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var groups = new SortedDictionary<string, (Channel Channel, List<JourneyEvent> Events)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            Require(e, nameof(events));
            if (!groups.TryGetValue(e.Channel.Name, out var group))
            {
                group = (e.Channel, []);
                groups.Add(e.Channel.Name, group);
            }

            group.Events.Add(e);
        }

        var result = ImmutableArray.CreateBuilder<HotspotReport>(groups.Count);
        foreach (var (_, (channel, list)) in groups)
        {
            result.Add(Build(list, channel, null));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Ranks touchpoints within each segment; events with no segment form a last report whose segment is <see langword="null"/>.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>One ranking per segment, ordered by segment identifier.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event.</exception>
    public static ImmutableArray<HotspotReport> AnalyzePerSegment(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var groups = new SortedDictionary<string, List<JourneyEvent>>(StringComparer.Ordinal);
        var none = new List<JourneyEvent>();
        foreach (var e in events)
        {
            Require(e, nameof(events));
            if (e.SegmentId is not { } segment)
            {
                none.Add(e);
                continue;
            }

            if (!groups.TryGetValue(segment, out var list))
            {
                list = [];
                groups.Add(segment, list);
            }

            list.Add(e);
        }

        var result = ImmutableArray.CreateBuilder<HotspotReport>();
        foreach (var (segment, list) in groups)
        {
            result.Add(Build(list, null, segment));
        }

        if (none.Count > 0)
        {
            result.Add(Build(none, null, null));
        }

        return result.ToImmutable();
    }

    private static HotspotReport Build(IEnumerable<JourneyEvent> events, Channel? channel, string? segmentId)
    {
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var count = 0;
        foreach (var e in events)
        {
            Require(e, nameof(events));
            if (!tallies.TryGetValue(e.Outcome.TouchpointId, out var tally))
            {
                tally = new Tally(e.Touchpoint);
                tallies.Add(e.Outcome.TouchpointId, tally);
            }

            tally.Add(e);
            count++;
        }

        return Rank(tallies.Values, count, channel, segmentId);
    }

    internal static HotspotReport Rank(IEnumerable<Tally> tallies, int eventCount, Channel? channel, string? segmentId)
    {
        var candidates = new List<(Touchpoint, double, long, long)>();
        var total = 0.0;
        foreach (var t in tallies)
        {
            candidates.Add((t.Touchpoint, t.Shortfall, t.EventCount, t.ShortfallCount));
            total += t.Shortfall;
        }

        var hotspots = Hotspot.Order(candidates, int.MaxValue);
        return new HotspotReport(channel, segmentId, total, eventCount, [.. hotspots]);
    }

    private static void Require(in JourneyEvent e, string parameterName)
    {
        if (e.Touchpoint is null)
        {
            throw new ArgumentException("An event is the default value; create events with JourneyEventScorer.", parameterName);
        }
    }

    /// <summary>
    /// One touchpoint's running shortfall. The sum is kept in fixed point (units of 2⁻⁴⁸, in 128 bits), so it is the
    /// same whatever order the events arrive in: batch ranking and the incremental tracker rank near-ties alike.
    /// </summary>
    internal sealed class Tally(Touchpoint touchpoint)
    {
        private const double Unit = 281_474_976_710_656.0; // 2^48

        private Int128 _shortfall;

        public Touchpoint Touchpoint { get; } = touchpoint;

        public double Shortfall => (double)_shortfall / Unit;

        public int EventCount { get; private set; }

        public int ShortfallCount { get; private set; }

        public void Add(in JourneyEvent e)
        {
            EventCount++;
            if (e.Score < 0)
            {
                ShortfallCount++;
                _shortfall += (Int128)(e.WeightedShortfall * Unit);
            }
        }
    }
}
