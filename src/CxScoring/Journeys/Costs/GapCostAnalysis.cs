using System.Collections.Immutable;
using CxScoring.Journeys.RollUps;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// Prices gaps: each outcome below the zone of tolerance costs −min(adequacy, 0) × the cost per unit of its measure
/// (the unclamped adequacy gap, so a miss ten scales deep costs ten units), and each customer's whole journey puts
/// revenue at risk through the host's churn-response curve. Costs are summed per touchpoint and per segment; every
/// figure keeps the inputs it came from.
/// </summary>
/// <remarks>
/// <para>Segments: a shortfall cost belongs to the segment of its own event, as in
/// <see cref="Hotspots.HotspotAnalysis.AnalyzePerSegment(IEnumerable{JourneyEvent})"/>; a customer's revenue at risk, being a
/// property of the customer, belongs to the customer's segment (<see cref="Journey.SegmentId"/>: the last segment seen),
/// which also chooses the revenue.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class GapCostAnalysis
{
    /// <summary>Analyzes the cost of gaps.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="options">The prices.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event, or when a property of <paramref name="options"/> (or of its <see cref="GapCostOptions.RollUps"/>) is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range; the message names it).</exception>
    public static GapCostReport Analyze(IEnumerable<JourneyEvent> events, GapCostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(events);
        var eventCosts = ImmutableArray.CreateBuilder<EventCost>();
        var risks = ImmutableArray.CreateBuilder<CustomerRisk>();
        var touchpoints = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var segments = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var noSegment = new Sums();
        var customerShortfall = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (customerId, journey) in JourneyGrouping.SortedPerCustomer(events))
        {
            var segmentId = new Journey(customerId, null, null, journey).SegmentId;
            var customerSegmentSums = segmentId is null ? noSegment : SumsOf(segments, segmentId);
            customerShortfall.Clear();
            var totalWeighted = 0.0;
            foreach (var e in journey)
            {
                if (e.Score >= 0)
                {
                    continue;
                }

                var eventSegmentSums = e.SegmentId is { } eventSegment ? SumsOf(segments, eventSegment) : noSegment;
                var shortfall = -Math.Min(e.Gap.Adequacy, 0.0);
                var touchpointSums = SumsOf(touchpoints, e.Outcome.TouchpointId);
                touchpointSums.ShortfallCount++;
                eventSegmentSums.ShortfallCount++;
                if (options.CostPerShortfall.TryGetValue(e.Outcome.MeasureId, out var rate))
                {
                    var cost = new EventCost(e, shortfall, rate);
                    eventCosts.Add(cost);
                    touchpointSums.ShortfallCost += cost.Cost;
                    eventSegmentSums.ShortfallCost += cost.Cost;
                }

                customerShortfall[e.Outcome.TouchpointId] = customerShortfall.GetValueOrDefault(e.Outcome.TouchpointId) + e.WeightedShortfall;
                totalWeighted += e.WeightedShortfall;
            }

            if (options.ChurnCurve is { } curve)
            {
                var score = RollUpAnalysis.Analyze(journey, options.RollUps).Get(options.JourneyScore);
                var risk = new CustomerRisk(customerId, segmentId, options.JourneyScore, score, options.RevenueOf(segmentId), curve.Probability(score), curve.Probability(0));
                risks.Add(risk);
                customerSegmentSums.ExcessRevenueAtRisk += risk.ExcessRevenueAtRisk;
                if (totalWeighted > 0)
                {
                    foreach (var (touchpointId, weighted) in customerShortfall)
                    {
                        SumsOf(touchpoints, touchpointId).ExcessRevenueAtRisk += risk.ExcessRevenueAtRisk * weighted / totalWeighted;
                    }
                }
            }
        }

        var bySegment = Lines(segments);
        if (noSegment.ShortfallCount > 0 || noSegment.ExcessRevenueAtRisk > 0)
        {
            bySegment = bySegment.Add(new CostLine(null, noSegment.ShortfallCount, noSegment.ShortfallCost, noSegment.ExcessRevenueAtRisk));
        }

        return new GapCostReport(options, eventCosts.ToImmutable(), risks.ToImmutable(), Lines(touchpoints), bySegment);
    }

    private static Sums SumsOf(Dictionary<string, Sums> sums, string key)
    {
        if (!sums.TryGetValue(key, out var value))
        {
            value = new Sums();
            sums.Add(key, value);
        }

        return value;
    }

    private static ImmutableArray<CostLine> Lines(Dictionary<string, Sums> sums)
    {
        var lines = sums.Select(kv => new CostLine(kv.Key, kv.Value.ShortfallCount, kv.Value.ShortfallCost, kv.Value.ExcessRevenueAtRisk)).ToArray();
        Array.Sort(lines, static (a, b) =>
        {
            var c = b.Total.CompareTo(a.Total);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        });
        return [.. lines];
    }

    private sealed class Sums
    {
        public int ShortfallCount { get; set; }

        public double ShortfallCost { get; set; }

        public double ExcessRevenueAtRisk { get; set; }
    }
}
