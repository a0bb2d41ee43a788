using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.RollUps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Tests.Journeys;

// The row-by-row implementations the one pass over rows replaced, kept as the oracle of its equality properties (and
// linked into the benchmarks as EngineRowByRow): a general TryScore per row, dictionaries of customer states and cost
// cells, and one sort of all contacts. They share no code with the pass beyond the plan's scoring, the journey state's
// fold and the report types.

/// <summary>The reference path of <see cref="CascadeRiskAnalysis"/>.</summary>
internal static class CascadeRiskReference
{
    /// <summary>
    /// Scores each row through <see cref="ScoringPlan.TryScore(in OutcomeRow, out GapResult, out RejectionReason)"/>,
    /// sorts a copy of the scored contacts by customer, instant and journey order (O(n log n), 40 bytes per scored row)
    /// and scans forward for follow-ons. <see cref="CascadeRiskAnalysis.Analyze(ScoringPlan, ReadOnlySpan{OutcomeRow}, CascadeRiskOptions?)"/>
    /// gives the same report; tests hold the two to it.
    /// </summary>
    internal static CascadeRiskReport AnalyzeBySorting(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options, DateTimeZone zone)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        options ??= CascadeRiskOptions.Default;
        var touchpoints = plan.TouchpointCount;
        var isContact = new bool[touchpoints];
        if (options.ContactTouchpointIds.Count == 0)
        {
            isContact.AsSpan().Fill(true);
        }
        else
        {
            foreach (var id in options.ContactTouchpointIds)
            {
                if (!plan.TryGetTouchpointIndex(id, out var index))
                {
                    throw new ArgumentException($"CascadeRiskOptions.ContactTouchpointIds names touchpoint '{id}', which the model does not define.", nameof(options));
                }

                isContact[index] = true;
            }
        }

        var rank = Ranks(plan.Model.Touchpoints);
        var early = new bool[touchpoints];
        for (var t = 0; t < touchpoints; t++)
        {
            early[t] = plan.Model.Touchpoints[t].Stage <= options.LastEarlyStage;
        }

        // Score once; keep one record per scored row, then sort by customer, instant and journey order.
        var contacts = new Contact[rows.Length];
        var n = 0;
        foreach (ref readonly var row in rows)
        {
            if (plan.TryScore(row, out var gap, out _))
            {
                var t = row.TouchpointIndex;
                contacts[n++] = new Contact(row.CustomerKey, row.ObservedAtNanoseconds, ((long)plan.TouchpointStage[t] << 32) | (uint)rank[t], t, gap.Score < 0);
            }
        }

        var scored = n;
        var span = contacts.AsSpan(0, n);
        span.Sort(static (x, y) =>
        {
            var c = x.Customer.CompareTo(y.Customer);
            if (c != 0)
            {
                return c;
            }

            c = x.Time.CompareTo(y.Time);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        });

        // One contact per (customer, touchpoint, instant): a shortfall when any of its measures fell short.
        var m = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (m > 0 && span[m - 1].Customer == span[i].Customer && span[m - 1].Time == span[i].Time && span[m - 1].Touchpoint == span[i].Touchpoint)
            {
                span[m - 1].Shortfall |= span[i].Shortfall;
            }
            else
            {
                span[m++] = span[i];
            }
        }

        span = span[..m];
        var window = (long)options.Window.TotalNanoseconds;
        var exposedTotal = new long[touchpoints];
        var unexposedTotal = new long[touchpoints];
        var followed = new Dictionary<long, (long Exposed, long Unexposed)>();
        var seen = new int[touchpoints];
        var stamp = 0;
        long earlyExposed = 0, earlyExposedFollowed = 0, earlyUnexposed = 0, earlyUnexposedFollowed = 0;
        var calendar = CalendarIndex.For(zone);
        var byMonth = new Dictionary<(int, LocalDate), long>();
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var from = ref span[i];
            var a = from.Touchpoint;
            if (from.Shortfall)
            {
                exposedTotal[a]++;
                var day = CalendarIndex.DateOf(calendar.DayOf(from.Time));
                var key = (a, new LocalDate(day.Year, day.Month, 1));
                byMonth[key] = byMonth.GetValueOrDefault(key) + 1;
            }
            else
            {
                unexposedTotal[a]++;
            }

            stamp++;
            var any = false;
            for (var j = i + 1; j < span.Length && span[j].Customer == from.Customer && span[j].Time - from.Time <= window; j++)
            {
                var b = span[j].Touchpoint;
                if (span[j].Time == from.Time || !isContact[b])
                {
                    continue;
                }

                any = true;
                if (seen[b] != stamp)
                {
                    seen[b] = stamp;
                    ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(followed, ((long)a * touchpoints) + b, out _);
                    counts = from.Shortfall ? (counts.Exposed + 1, counts.Unexposed) : (counts.Exposed, counts.Unexposed + 1);
                }
            }

            if (early[a])
            {
                if (from.Shortfall)
                {
                    earlyExposed++;
                    earlyExposedFollowed += any ? 1 : 0;
                }
                else
                {
                    earlyUnexposed++;
                    earlyUnexposedFollowed += any ? 1 : 0;
                }
            }
        }

        var pairs = new List<CascadeRisk>(followed.Count);
        foreach (var (key, counts) in followed)
        {
            var a = (int)(key / touchpoints);
            var b = (int)(key % touchpoints);
            var risk = RelativeRisk.Katz(counts.Exposed, exposedTotal[a], counts.Unexposed, unexposedTotal[a], options.Z);
            pairs.Add(new CascadeRisk(plan.Model.Touchpoints[a].Id, plan.Model.Touchpoints[b].Id, risk));
        }

        pairs.Sort(CascadeCounter.ComparePairs);
        var earlyStage = RelativeRisk.Katz(earlyExposedFollowed, earlyExposed, earlyUnexposedFollowed, earlyUnexposed, options.Z);
        return new CascadeRiskReport(options.Window, rows.Length, scored, m, [.. pairs], earlyStage, byMonth.ToFrozenDictionary());
    }

    private static int[] Ranks(ImmutableArray<Touchpoint> touchpoints)
    {
        var order = Enumerable.Range(0, touchpoints.Length).OrderBy(i => touchpoints[i].Id, StringComparer.Ordinal).ToArray();
        var ranks = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Contact(long customer, long time, long order, int touchpoint, bool shortfall)
    {
        public readonly long Customer = customer;
        public readonly long Time = time;
        public readonly long Order = order;
        public readonly int Touchpoint = touchpoint;
        public bool Shortfall = shortfall;
    }
}

/// <summary>The reference path of <see cref="NonComplianceCostAnalysis"/>.</summary>
internal static class NonComplianceCostReference
{
    /// <summary>
    /// Scores each row through <see cref="ScoringPlan.TryScore(in OutcomeRow, out GapResult, out RejectionReason)"/>
    /// into a <see cref="JourneyScorecardBuilder"/> (a dictionary of customer states) and a dictionary of cost cells,
    /// and takes the cascades from <see cref="CascadeRiskReference.AnalyzeBySorting"/>, which scores the rows again.
    /// <see cref="NonComplianceCostAnalysis.Analyze"/> gives the same report; tests hold the two to it.
    /// </summary>
    internal static NonComplianceCostReport AnalyzeByRow(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, NonComplianceCostOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var model = plan.Model;

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

            var promise = NonComplianceCostAnalysis.PromiseAt(plan, row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex, row.HasRequestedAt ? row.RequestedAtNanoseconds : row.ObservedAtNanoseconds);
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(cells, new CostKey(promise, row.TouchpointIndex, row.MeasureIndex, -1, MonthOf(calendar, row.ObservedAtNanoseconds)), out _);
            cell.Broken += broken ? 1 : 0;
            cell.Units += shortfall ? FixedPoint.GapTerm(-gap.Adequacy) : 0;
        }

        var cascades = CascadeRiskReference.AnalyzeBySorting(plan, rows, options.Cascades, options.TimeZone);
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

        NonComplianceCostAnalysis.AddFollowOns(plan, options, cascades, lines);
        if (options.ChurnCurve is { } curve)
        {
            AddRevenueAtRisk(plan, journeys, options, curve, calendar, lines);
        }

        lines.Sort(NonComplianceCostAnalysis.Compare);
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
            var promise = NonComplianceCostAnalysis.PromiseAt(plan, state.MinTouchpoint, state.MinMeasure, state.MinSegment, state.MinTime);
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

    private static LocalDate MonthOf(CalendarIndex calendar, long nanoseconds)
    {
        var day = CalendarIndex.DateOf(calendar.DayOf(nanoseconds));
        return new LocalDate(day.Year, day.Month, 1);
    }

    private readonly record struct CostKey(int Promise, int Touchpoint, int Measure, int Segment, LocalDate Month);

    private struct CostCell
    {
        public long Broken;
        public long Units;
    }
}
