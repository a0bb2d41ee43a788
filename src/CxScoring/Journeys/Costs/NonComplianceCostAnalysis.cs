using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// Prices non-compliance on the engine's rows, in one pass that also builds the journey scorecard and the cascades:
/// breach penalties per broken promise, shortfall below the zone × a rate per measure, follow-on contacts beyond the
/// baseline × a contact cost, and revenue at risk from the churn curve, each line traceable to its quantity and unit
/// cost and summed per touchpoint, owner, month and promise.
/// </summary>
/// <remarks>
/// <para>Follow-on contacts are priced only for cascades that are evidence: pairs A → B whose relative-risk interval
/// lies wholly above 1. Their excess over the baseline, per month of the shortfalls at A, is the number of shortfall
/// contacts at A × (risk after a shortfall − risk after a contact without one).</para>
/// <para>Revenue at risk is charged, per customer, to the touchpoint of the customer's weakest moment (the promise in
/// force there, the segment and month of the journey's last moment): a heuristic, since a churn curve in the journey
/// score does not say which moment caused it.</para>
/// <para>Shortfall units and churn excesses are summed in fixed point and amounts are decimals rounded to 6 places, so
/// the report does not depend on the order of the rows. All members are pure functions of their arguments and safe
/// to call from any number of threads.</para>
/// </remarks>
public static class NonComplianceCostAnalysis
{
    /// <summary>Prices non-compliance over rows.</summary>
    /// <param name="plan">The plan that scores the rows.</param>
    /// <param name="rows">The rows, in any order; <see cref="OutcomeRow.CustomerKey"/> identifies the customer.</param>
    /// <param name="options">The prices.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range) or names a promise, measure, touchpoint or segment the model does not define; the message names it.</exception>
    public static NonComplianceCostReport Analyze(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, NonComplianceCostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        var model = plan.Model;
        RequireKnown(options.BreachPenaltyByPromise.Keys, model.Promises.Select(p => p.Id), "NonComplianceCostOptions.BreachPenaltyByPromise", "promise");
        RequireKnown(options.CostPerShortfallUnit.Keys, model.Measures.Select(m => m.Id), "NonComplianceCostOptions.CostPerShortfallUnit", "measure");
        RequireKnown(options.ContactCostByTouchpoint.Keys, model.Touchpoints.Select(t => t.Id), "NonComplianceCostOptions.ContactCostByTouchpoint", "touchpoint");
        RequireKnown(options.RevenueBySegment.Keys, model.Segments.Select(s => s.Id), "NonComplianceCostOptions.RevenueBySegment", "segment");

        // The pass: score each row once, feed the journeys, and tally broken promises and shortfall per cost cell.
        var journeys = new JourneyScorecardBuilder(plan, options.Journeys);
        var calendar = CalendarIndex.For(options.TimeZone);
        var cells = new Dictionary<CostKey, CostCell>();
        foreach (ref readonly var row in rows)
        {
            if (!plan.TryScore(row, out var gap, out var reason))
            {
                journeys.CountRejected(reason);
                continue;
            }

            journeys.AddScored(row, gap.Score);
            var broken = gap.PromiseGap < 0;
            var shortfall = gap.Adequacy < 0;
            if (!broken && !shortfall)
            {
                continue;
            }

            var promise = PromiseAt(plan, row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex, row.HasRequestedAt ? row.RequestedAtNanoseconds : row.ObservedAtNanoseconds);
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(cells, new CostKey(promise, row.TouchpointIndex, row.MeasureIndex, -1, MonthOf(calendar, row.ObservedAtNanoseconds)), out _);
            cell.Broken += broken ? 1 : 0;
            cell.Units += shortfall ? FixedPoint.GapTerm(-gap.Adequacy) : 0;
        }

        var cascades = CascadeRiskAnalysis.Analyze(plan, rows, options.Cascades, options.TimeZone);
        var lines = new List<NonComplianceCostLine>();
        foreach (var (key, cell) in cells)
        {
            var touchpoint = model.Touchpoints[key.Touchpoint];
            var promiseId = key.Promise < 0 ? null : model.Promises[key.Promise].Id;
            if (cell.Broken > 0 && promiseId is not null && options.BreachPenaltyByPromise.TryGetValue(promiseId, out var penalty))
            {
                lines.Add(new NonComplianceCostLine(NonComplianceCostKind.BreachPenalty, touchpoint.Id, touchpoint.Owner, promiseId, null, key.Month, cell.Broken, penalty, null));
            }

            if (cell.Units > 0 && options.CostPerShortfallUnit.TryGetValue(model.Measures[key.Measure].Id, out var rate))
            {
                lines.Add(new NonComplianceCostLine(NonComplianceCostKind.Shortfall, touchpoint.Id, touchpoint.Owner, promiseId, null, key.Month, cell.Units / (decimal)FixedPoint.GapOne, rate, null));
            }
        }

        foreach (var pair in cascades.Pairs)
        {
            if (!(pair.Risk.Lower > 1) || !options.ContactCostByTouchpoint.TryGetValue(pair.ToTouchpointId, out var contactCost))
            {
                continue;
            }

            var from = plan.TouchpointIndex(pair.FromTouchpointId);
            var excessRate = pair.Risk.ExposedRisk - pair.Risk.UnexposedRisk;
            var touchpoint = model.Touchpoints[from];
            foreach (var ((t, month), shortfalls) in cascades.ShortfallsByMonth)
            {
                if (t == from)
                {
                    var excess = decimal.Round((decimal)(shortfalls * excessRate), 9);
                    lines.Add(new NonComplianceCostLine(NonComplianceCostKind.FollowOnContacts, touchpoint.Id, touchpoint.Owner, null, null, month, excess, contactCost, pair.ToTouchpointId));
                }
            }
        }

        if (options.ChurnCurve is { } curve)
        {
            AddRevenueAtRisk(plan, journeys, options, curve, calendar, lines);
        }

        lines.Sort(Compare);
        return new NonComplianceCostReport([.. lines], journeys.Build(), cascades);
    }

    private static void AddRevenueAtRisk(ScoringPlan plan, JourneyScorecardBuilder journeys, NonComplianceCostOptions options, ChurnResponseCurve curve, CalendarIndex calendar, List<NonComplianceCostLine> lines)
    {
        var model = plan.Model;
        var baseline = curve.Probability(0);
        var excessByKey = new Dictionary<CostKey, long>();
        Span<double> values = stackalloc double[JourneyAggregate.KindCount];
        foreach (ref readonly var state in journeys.States)
        {
            state.RollUps(values, options.Journeys.RollUps);
            var excess = Math.Max(curve.Probability(values[(int)options.JourneyScore]) - baseline, 0);
            var promise = PromiseAt(plan, state.MinTouchpoint, state.MinMeasure, state.MinSegment, state.MinTime);
            var key = new CostKey(promise, state.MinTouchpoint, state.MinMeasure, state.EndSegment, MonthOf(calendar, state.EndTime));
            excessByKey[key] = excessByKey.GetValueOrDefault(key) + (long)(excess * FixedPoint.One);
        }

        foreach (var (key, excess) in excessByKey)
        {
            if (excess <= 0)
            {
                continue;
            }

            var touchpoint = model.Touchpoints[key.Touchpoint];
            var segmentId = key.Segment < 0 ? null : model.Segments[key.Segment].Id;
            var promiseId = key.Promise < 0 ? null : model.Promises[key.Promise].Id;
            lines.Add(new NonComplianceCostLine(NonComplianceCostKind.RevenueAtRisk, touchpoint.Id, touchpoint.Owner, promiseId, segmentId, key.Month, excess / (decimal)FixedPoint.One, options.RevenueOf(segmentId), null));
        }
    }

    private static int PromiseAt(ScoringPlan plan, int touchpoint, int measure, int segment, long instant)
        => plan.FindVersion(plan.CellIndex(touchpoint, measure, segment), instant);

    private static LocalDate MonthOf(CalendarIndex calendar, long nanoseconds)
    {
        var day = CalendarIndex.DateOf(calendar.DayOf(nanoseconds));
        return new LocalDate(day.Year, day.Month, 1);
    }

    private static int Compare(NonComplianceCostLine x, NonComplianceCostLine y)
    {
        var c = x.Kind.CompareTo(y.Kind);
        c = c != 0 ? c : x.Month.CompareTo(y.Month);
        c = c != 0 ? c : string.CompareOrdinal(x.TouchpointId, y.TouchpointId);
        c = c != 0 ? c : string.CompareOrdinal(x.PromiseId, y.PromiseId);
        c = c != 0 ? c : string.CompareOrdinal(x.SegmentId, y.SegmentId);
        return c != 0 ? c : string.CompareOrdinal(x.FollowOnTouchpointId, y.FollowOnTouchpointId);
    }

    private static void RequireKnown(IEnumerable<string> keys, IEnumerable<string> known, string property, string what)
    {
        var set = known.ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!set.Contains(key))
            {
                throw new ArgumentException($"{property} names {what} '{key}', which the model does not define.", "options");
            }
        }
    }

    private readonly record struct CostKey(int Promise, int Touchpoint, int Measure, int Segment, LocalDate Month);

    private struct CostCell
    {
        public long Broken;
        public long Units;
    }
}
