using System.Runtime.InteropServices;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using CxScoring.Kernels;
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
        Validate(plan, options);
        var model = plan.Model;

        // Pass 1 (row order): score each row with the row kernel, tally broken promises and shortfall per cost cell,
        // and write each scored row's moment to its partition (a hash of the customer key).
        var journeys = new JourneyScorecardBuilder(plan, options.Journeys);
        var cascades = new CascadeCounter(plan, options.Cascades, options.TimeZone);
        var sink = new CostSink(plan, options.TimeZone);
        using var grouped = CustomerRows.Build(plan, rows, ref sink);

        // Pass 2 (per partition, in cache): group the partition's moments by customer, then the journey state, the
        // cascades and the revenue at risk of each customer in turn.
        var sums = new JourneyScorecardSums(journeys);
        var revenue = options.ChurnCurve is { } curve ? new RevenueAtRisk(plan, options, curve) : null;
        var visitor = new JourneyVisitor(options, journeys, cascades, sums, revenue);
        grouped.Visit(ref visitor);
        var cascadeReport = cascades.ToReport(rows.Length, grouped.Scored);
        var lines = new List<NonComplianceCostLine>();
        sink.AddLines(plan, options, lines);
        AddFollowOns(plan, options, cascadeReport, lines);
        revenue?.AddLines(lines);
        lines.Sort(Compare);
        return new NonComplianceCostReport([.. lines], sums.ToScorecard(grouped.Scored, grouped.Rejected), cascadeReport, options.Currency);
    }

    /// <summary>Adds the follow-on contact lines of the cascades whose relative risk's interval lies above 1.</summary>
    internal static void AddFollowOns(ScoringPlan plan, NonComplianceCostOptions options, CascadeRiskReport cascades, List<NonComplianceCostLine> lines)
    {
        var model = plan.Model;
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
    }

    private static void Validate(ScoringPlan plan, NonComplianceCostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        var model = plan.Model;
        RequireKnown(options.BreachPenaltyByPromise.Keys, model.Promises.Select(p => p.Id), "NonComplianceCostOptions.BreachPenaltyByPromise", "promise");
        RequireKnown(options.CostPerShortfallUnit.Keys, model.Measures.Select(m => m.Id), "NonComplianceCostOptions.CostPerShortfallUnit", "measure");
        RequireKnown(options.ContactCostByTouchpoint.Keys, model.Touchpoints.Select(t => t.Id), "NonComplianceCostOptions.ContactCostByTouchpoint", "touchpoint");
        RequireKnown(options.RevenueBySegment.Keys, model.Segments.Select(s => s.Id), "NonComplianceCostOptions.RevenueBySegment", "segment");
    }

    /// <summary>The validity version of the promise in force in a cell at an instant.</summary>
    internal static int PromiseAt(ScoringPlan plan, int touchpoint, int measure, int segment, long instant)
        => plan.FindVersion(plan.CellIndex(touchpoint, measure, segment), instant);

    /// <summary>The report's order of lines: a function of their content alone, whatever the pass.</summary>
    internal static int Compare(NonComplianceCostLine x, NonComplianceCostLine y)
    {
        var c = x.Kind.CompareTo(y.Kind);
        c = c != 0 ? c : x.Month.CompareTo(y.Month);
        c = c != 0 ? c : string.CompareOrdinal(x.TouchpointId, y.TouchpointId);
        c = c != 0 ? c : string.CompareOrdinal(x.PromiseId, y.PromiseId);
        c = c != 0 ? c : string.CompareOrdinal(x.SegmentId, y.SegmentId);
        c = c != 0 ? c : string.CompareOrdinal(x.FollowOnTouchpointId, y.FollowOnTouchpointId);

        // Then by amount, so that the order of the lines is a function of their content alone, whatever the pass.
        c = c != 0 ? c : x.Quantity.CompareTo(y.Quantity);
        return c != 0 ? c : x.UnitCost.CompareTo(y.UnitCost);
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

    private struct CostCell
    {
        public long Broken;
        public long Units;
    }

    /// <summary>One customer's journey: its state, its contacts and its revenue at risk.</summary>
    private readonly struct JourneyVisitor(NonComplianceCostOptions options, JourneyScorecardBuilder journeys, CascadeCounter cascades, JourneyScorecardSums sums, RevenueAtRisk? revenue)
        : IJourneyVisitor
    {
        private readonly double[] _values = new double[JourneyAggregate.KindCount];
        private readonly byte[] _order = new byte[ContactKernel.OrderLimit];
        private readonly long[] _times = new long[ContactKernel.OrderLimit];

        public void Visit(ReadOnlySpan<JourneyMoment> journey)
        {
            // One read of the moments for both: the fold hands each moment's instant, touchpoint and score to the
            // cascade count's rows as it goes. A short journey is taken in order of its instants, so that the fold's
            // branches on its last and worst moments are predictable and the count finds shared instants among
            // neighbours.
            var rows = cascades.Rows(journey.Length);
            CustomerJourneyState state;
            var byInstant = journey.Length <= ContactKernel.OrderLimit && ContactKernel.TryOrderByInstant(TimesOf(journey), journey.Length, _order);
            if (byInstant)
            {
                state = journeys.FoldJourney(journey, _order.AsSpan(0, journey.Length), ref rows);
            }
            else
            {
                state = journeys.FoldJourney(journey, ref rows);
            }

            cascades.AddJourney(ref rows, byInstant);
            state.RollUps(_values, options.Journeys.RollUps);
            sums.AddRolledUp(state, _values);
            revenue?.Add(state, _values);
        }

        /// <summary>The instants of a journey of at most <see cref="ContactKernel.OrderLimit"/> moments, in a buffer of that many.</summary>
        private long[] TimesOf(ReadOnlySpan<JourneyMoment> journey)
        {
            var times = _times;
            for (var i = 0; i < journey.Length; i++)
            {
                times[i] = journey[i].Time;
            }

            return times;
        }
    }

    /// <summary>
    /// Broken promises and shortfall units per (promise in force, touchpoint, measure) and month, dense in the months and
    /// cells met. A row's part is written to a buffer whatever the row and kept only when it broke its promise or fell
    /// short (no branch on either, which is not predictable), and the buffer is added to its cells at the end of each
    /// block of rows, in a loop of its own.
    /// </summary>
    private struct CostSink : IScoredRowSink
    {
        private readonly int[] _slotOfVersionCell;
        private readonly (int Promise, int Touchpoint, int Measure)[] _slots;
        private readonly MonthOrdinals _months;
        private readonly MonthTable<CostCell> _cells = new();
        private readonly Pending[] _pending = new Pending[CustomerRows.Block];
        private int _count;

        internal CostSink(ScoringPlan plan, DateTimeZone zone)
        {
            _months = new MonthOrdinals(zone);
            _slotOfVersionCell = new int[plan.VersionCellCount];
            var slots = new Dictionary<(int, int, int), int>();
            var perTouchpoint = plan.MeasureCount * plan.SegmentSlots;
            for (var v = 0; v < _slotOfVersionCell.Length; v++)
            {
                var cell = plan.VersionCellPlanCell[v];
                var key = (plan.VersionCellPromise[v], cell / perTouchpoint, cell / plan.SegmentSlots % plan.MeasureCount);
                if (!slots.TryGetValue(key, out var slot))
                {
                    slot = slots.Count;
                    slots.Add(key, slot);
                }

                _slotOfVersionCell[v] = slot;
            }

            _slots = new (int, int, int)[slots.Count];
            foreach (var (key, slot) in slots)
            {
                _slots[slot] = key;
            }
        }

        public void Add(in OutcomeRow row, double score, double adequacy, double promiseGap, int versionCell)
        {
            // GapTerm(0) is 0: a row within or above the zone adds no units.
            var broken = promiseGap < 0 ? 1 : 0;
            var count = _count;
            _pending[count] = new Pending(row.ObservedAtNanoseconds, FixedPoint.GapTerm(double.MaxNative(-adequacy, 0.0)), versionCell, broken);
            _count = count + (broken | (adequacy < 0 ? 1 : 0));
        }

        public void EndBlock()
        {
            foreach (ref readonly var pending in _pending.AsSpan(0, _count))
            {
                ref var cell = ref _cells.At(_months.Of(pending.Time), _slotOfVersionCell[pending.VersionCell]);
                cell.Broken += pending.Broken;
                cell.Units += pending.Units;
            }

            _count = 0;
        }

        internal void AddLines(ScoringPlan plan, NonComplianceCostOptions options, List<NonComplianceCostLine> lines)
        {
            var model = plan.Model;
            for (var r = 0; r < _cells.MonthCount; r++)
            {
                if (_cells.Row(r) is not { } row)
                {
                    continue;
                }

                var month = MonthOrdinals.ToDate(_cells.FirstMonth + r);
                for (var slot = 0; slot < row.Length; slot++)
                {
                    var cell = row[slot];
                    if (cell.Broken == 0 && cell.Units == 0)
                    {
                        continue;
                    }

                    var (promise, t, m) = _slots[slot];
                    var touchpoint = model.Touchpoints[t];
                    var promiseId = promise < 0 ? null : model.Promises[promise].Id;
                    if (cell.Broken > 0 && promiseId is not null && options.BreachPenaltyByPromise.TryGetValue(promiseId, out var penalty))
                    {
                        lines.Add(new NonComplianceCostLine(NonComplianceCostKind.BreachPenalty, touchpoint.Id, touchpoint.Owner, promiseId, null, month, cell.Broken, penalty, null));
                    }

                    if (cell.Units > 0 && options.CostPerShortfallUnit.TryGetValue(model.Measures[m].Id, out var rate))
                    {
                        lines.Add(new NonComplianceCostLine(NonComplianceCostKind.Shortfall, touchpoint.Id, touchpoint.Owner, promiseId, null, month, cell.Units / (decimal)FixedPoint.GapOne, rate, null));
                    }
                }
            }
        }
    }

    /// <summary>A row's part of the cost cells: its instant, shortfall units, promise-version cell and 1 when it broke its promise.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Pending(long time, long units, int versionCell, int broken)
    {
        public readonly long Time = time;
        public readonly long Units = units;
        public readonly int VersionCell = versionCell;
        public readonly int Broken = broken;
    }

    /// <summary>Revenue at risk per (promise, touchpoint and measure of the weakest moment, segment, month of the last moment), fed one customer at a time.</summary>
    private sealed class RevenueAtRisk(ScoringPlan plan, NonComplianceCostOptions options, ChurnResponseCurve curve)
    {
        private readonly double _baseline = curve.Probability(0);
        private readonly MonthOrdinals _months = new(options.TimeZone);
        private readonly Dictionary<(int Promise, int Touchpoint, int Measure, int Segment, int Month), long> _excess = [];

        internal void Add(in CustomerJourneyState state, ReadOnlySpan<double> values)
        {
            var excess = Math.Max(curve.Probability(values[(int)options.JourneyScore]) - _baseline, 0);
            var promise = PromiseAt(plan, state.MinTouchpoint, state.MinMeasure, state.MinSegment, state.MinTime);
            var key = (promise, state.MinTouchpoint, state.MinMeasure, state.EndSegment, _months.Of(state.EndTime));
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_excess, key, out _);
            sum += (long)(excess * FixedPoint.One);
        }

        internal void AddLines(List<NonComplianceCostLine> lines)
        {
            var model = plan.Model;
            foreach (var (key, excess) in _excess)
            {
                if (excess <= 0)
                {
                    continue;
                }

                var touchpoint = model.Touchpoints[key.Touchpoint];
                var segmentId = key.Segment < 0 ? null : model.Segments[key.Segment].Id;
                var promiseId = key.Promise < 0 ? null : model.Promises[key.Promise].Id;
                lines.Add(new NonComplianceCostLine(NonComplianceCostKind.RevenueAtRisk, touchpoint.Id, touchpoint.Owner, promiseId, segmentId, MonthOrdinals.ToDate(key.Month), excess / (decimal)FixedPoint.One, options.RevenueOf(segmentId), null));
            }
        }
    }
}
