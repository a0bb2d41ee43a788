using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Scorecards;

/// <summary>
/// The aggregates of a set of outcomes, per touchpoint, journey stage, channel, segment, measure, promise, owner,
/// journey stage × owner, calendar day, week and month (in the scorecard's time zone) and, when asked, per customer;
/// with the count of refused outcomes per reason.
/// </summary>
/// <remarks>
/// <para>Scorecards are deterministic and mergeable: <see cref="Merge(Scorecard)"/> of the scorecards of two sets of
/// outcomes is bit-identical to the scorecard of their union, whatever the order, batch split or parallelism. Hosts
/// split work across threads, processes or machines and merge the results.</para>
/// <para>Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class Scorecard : IEquatable<Scorecard>
{
    private readonly ScoreAggregate[] _versionCells;
    private readonly ScoreAggregate[] _cells;
    private readonly ImmutableArray<long> _rejections;

    internal Scorecard(
        ScoringPlan plan, DateTimeZone zone, IsoDayOfWeek weekStart, ScoreAggregate[] versionCells,
        SortedDictionary<int, ScoreAggregate> days, SortedDictionary<long, ScoreAggregate> customers,
        ImmutableArray<long> rejections, double feltScale, CustomerDirectory? customerDirectory, bool byPeriod,
        SortedDictionary<long, ScoreAggregate>? touchpointDays = null, ScorecardRatings? ratings = null)
    {
        Debug.Assert(ratings is null || (ratings.Cells.Length == plan.VersionCellCount && ratings.Agreement.Length == plan.Cells.Length * RatingTable.AgreementCells), "Ratings are held per version cell and per plan cell.");
        Ratings = ratings;
        Debug.Assert(touchpointDays is null || byPeriod, "Touchpoint days come with calendar periods.");
        TouchpointDayNumbers = touchpointDays;
        Debug.Assert(versionCells.Length == plan.VersionCellCount, "A scorecard holds one aggregate per promise-version cell of its plan.");
        Plan = plan;
        HasPeriods = byPeriod;
        TimeZone = zone;
        WeekStart = weekStart;
        FeltScale = feltScale;
        CustomerDirectory = customerDirectory;
        _versionCells = versionCells;
        _rejections = rejections;
        DayNumbers = days;

        // Every grouping is an exact fixed-point roll-up of the promise-version cells, so it merges as they do.
        var model = plan.Model;
        var slots = plan.SegmentSlots;
        var perTouchpoint = plan.MeasureCount * slots;
        var groups = NewSums(plan.TouchpointCount * slots);
        var measures = NewSums(plan.MeasureCount);
        var promises = NewSums(model.Promises.Length);
        var withoutPromise = new AggregateSum();
        var sources = NewSums(plan.TouchpointCount * SourceCount);
        var owners = new SortedDictionary<string, AggregateSum>(StringComparer.Ordinal);
        var stageOwners = new SortedDictionary<JourneyStage, SortedDictionary<string, AggregateSum>>();
        for (var v = 0; v < versionCells.Length; v++)
        {
            var aggregate = versionCells[v];
            var cell = plan.VersionCellPlanCell[v];
            var t = cell / perTouchpoint;
            var promise = plan.VersionCellPromise[v];
            var touchpoint = model.Touchpoints[t];
            var owner = (promise >= 0 ? model.Promises[promise].Owner : null) ?? touchpoint.Owner;
            SortedDictionary<string, AggregateSum>? stageOwner = null;
            if (owner is not null && !stageOwners.TryGetValue(touchpoint.Stage, out stageOwner))
            {
                stageOwner = new SortedDictionary<string, AggregateSum>(StringComparer.Ordinal);
                stageOwners.Add(touchpoint.Stage, stageOwner);
            }

            if (ratings is not null && ratings.Cells[v].Count > 0)
            {
                // A rating scored against a perceived measure counts on the perceived side, beside its outcomes.
                sources[(t * SourceCount) + (int)MeasureSource.Perceived].Add(ratings.Cells[v]);
            }

            if (aggregate.Count == 0)
            {
                // Nothing to add, but owners of the model appear even without outcomes.
                if (owner is not null)
                {
                    foreach (var unit in Owners.SelfAndParents(owner))
                    {
                        Sum(owners, unit);
                        Sum(stageOwner!, unit);
                    }
                }

                continue;
            }

            groups[(t * slots) + (cell % slots)].Add(aggregate);
            var m = cell / slots % plan.MeasureCount;
            measures[m].Add(aggregate);
            sources[(t * SourceCount) + (int)model.Measures[m].Source].Add(aggregate);
            (promise >= 0 ? promises[promise] : withoutPromise).Add(aggregate);
            if (owner is not null)
            {
                foreach (var unit in Owners.SelfAndParents(owner))
                {
                    Sum(owners, unit).Add(aggregate);
                    Sum(stageOwner!, unit).Add(aggregate);
                }
            }
        }

        var cells = new ScoreAggregate[groups.Length];
        for (var g = 0; g < cells.Length; g++)
        {
            cells[g] = groups[g].ToAggregate(feltScale);
        }

        _cells = cells;
        var touchpoints = new ScoreAggregate[plan.TouchpointCount];
        var stages = new SortedDictionary<JourneyStage, AggregateSum>();
        var channels = new Dictionary<Channel, AggregateSum>();
        var segments = NewSums(slots);
        var total = new AggregateSum();
        for (var t = 0; t < plan.TouchpointCount; t++)
        {
            var sum = new AggregateSum();
            for (var s = 0; s < slots; s++)
            {
                var cell = cells[(t * slots) + s];
                sum.Add(cell);
                segments[s].Add(cell);
            }

            touchpoints[t] = sum.ToAggregate(feltScale);
            total.Add(touchpoints[t]);
            var touchpoint = model.Touchpoints[t];
            Sum(stages, touchpoint.Stage).Add(touchpoints[t]);
            Sum(channels, touchpoint.Channel).Add(touchpoints[t]);
        }

        ByMeasure = [.. measures.Select(m => m.ToAggregate(feltScale))];
        var sourceTotals = NewSums(SourceCount);
        var perceivedVsDelivered = new PerceivedVsDelivered[plan.TouchpointCount];
        for (var t = 0; t < perceivedVsDelivered.Length; t++)
        {
            var delivered = sources[(t * SourceCount) + (int)MeasureSource.Delivered].ToAggregate(feltScale);
            var perceived = sources[(t * SourceCount) + (int)MeasureSource.Perceived].ToAggregate(feltScale);
            sourceTotals[(int)MeasureSource.Delivered].Add(delivered);
            sourceTotals[(int)MeasureSource.Perceived].Add(perceived);
            perceivedVsDelivered[t] = new PerceivedVsDelivered(model.Touchpoints[t], delivered, perceived, ratings is null ? null : TouchpointRatings(ratings, t, perTouchpoint));
        }

        PerceivedVsDelivered = [.. perceivedVsDelivered];
        BySource = ImmutableSortedDictionary.CreateRange(
            [new(MeasureSource.Delivered, sourceTotals[(int)MeasureSource.Delivered].ToAggregate(feltScale)), new KeyValuePair<MeasureSource, ScoreAggregate>(MeasureSource.Perceived, sourceTotals[(int)MeasureSource.Perceived].ToAggregate(feltScale))]);
        HasPerceivedMeasures = model.Measures.Any(m => m.Source == MeasureSource.Perceived);
        var promiseOwners = PromiseOwners(plan, versionCells);
        ByPromise = [.. promises.Select((p, i) => new PromiseAggregate(model.Promises[i], promiseOwners[i], p.ToAggregate(feltScale)))];
        WithoutModelPromise = withoutPromise.ToAggregate(feltScale);
        Total = total.ToAggregate(feltScale);
        ByTouchpoint = [.. touchpoints];
        ByStage = stages.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToAggregate(feltScale));
        ByChannel = channels.ToFrozenDictionary(p => p.Key, p => p.Value.ToAggregate(feltScale));
        ByOwner = owners.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToAggregate(feltScale), StringComparer.Ordinal);
        ByStageAndOwner = stageOwners.ToImmutableSortedDictionary(
            p => p.Key,
            p => p.Value.ToImmutableSortedDictionary(q => q.Key, q => q.Value.ToAggregate(feltScale), StringComparer.Ordinal));
        WithoutSegment = segments[0].ToAggregate(feltScale);
        BySegment = Enumerable.Range(0, plan.SegmentCount)
            .ToFrozenDictionary(s => plan.Model.Segments[s].Id, s => segments[s + 1].ToAggregate(feltScale), StringComparer.Ordinal);

        var byDay = ImmutableSortedDictionary.CreateBuilder<LocalDate, ScoreAggregate>();
        var weeks = new SortedDictionary<LocalDate, AggregateSum>();
        var months = new SortedDictionary<LocalDate, AggregateSum>();
        var toWeekStart = DateAdjusters.PreviousOrSame(weekStart);
        foreach (var (day, aggregate) in days)
        {
            var date = CalendarIndex.DateOf(day);
            byDay.Add(date, aggregate);
            Sum(weeks, toWeekStart(date)).Add(aggregate);
            Sum(months, DateAdjusters.StartOfMonth(date)).Add(aggregate);
        }

        ByDay = byDay.ToImmutable();
        ByWeek = weeks.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToAggregate(feltScale));
        ByMonth = months.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToAggregate(feltScale));
        ByCustomer = customers.ToImmutableSortedDictionary();
    }

    /// <summary>Gets the ratings scored beside the outcomes, or <see langword="null"/> when none was seen.</summary>
    internal ScorecardRatings? Ratings { get; }

    /// <summary>Gets the number of outcomes of a rated measure (<see cref="Measure.RatedBy"/>) that carried a rating:
    /// <see cref="ScoredRatings"/> + <see cref="RejectedRatings"/>. Ratings have their own accounting; the outcomes
    /// themselves are counted in <see cref="Received"/> as any other.</summary>
    public long RatedOutcomes => ScoredRatings + RejectedRatings;

    /// <summary>Gets the number of ratings scored against their perceived measure (added to <see cref="PerceivedVsDelivered"/>'s perceived side and to the agreement tables).</summary>
    public long ScoredRatings => Ratings?.Scored ?? 0;

    /// <summary>Gets the number of ratings refused: not finite, outside the perceived measure's scale, no expectation (or promise) of the perceived measure at the touchpoint and segment, or carried on an outcome that was itself refused.</summary>
    public long RejectedRatings => Ratings?.Rejected ?? 0;

    /// <summary>Gets the number of ratings refused for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="reason"/> is not defined.</exception>
    public long RejectedRatingsBy(RejectionReason reason)
    {
        if ((uint)reason >= (uint)_rejections.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a defined rejection reason.");
        }

        return Ratings?.Rejections[(int)reason] ?? 0;
    }

    /// <summary>Gets the agreement table of the rated outcomes of one delivered measure at one touchpoint and segment.</summary>
    /// <param name="touchpointId">The touchpoint's id.</param>
    /// <param name="measureId">The delivered measure's id.</param>
    /// <param name="segmentId">The segment's id, or <see langword="null"/> for outcomes without a segment.</param>
    /// <returns>The table; <see cref="RatingAgreement.Empty"/> when no rating was scored there.</returns>
    /// <exception cref="ArgumentException">Thrown when an id is not in the plan; the message names the parameter.</exception>
    public RatingAgreement ForRatingAgreement(string touchpointId, string measureId, string? segmentId = null)
    {
        var cell = Plan.CellIndex(Plan.TouchpointIndex(touchpointId), Plan.MeasureIndex(measureId), segmentId is null ? OutcomeRow.NoSegment : Plan.SegmentIndex(segmentId));
        return Ratings is null ? RatingAgreement.Empty : new RatingAgreement(Ratings.Agreement.AsSpan(cell * RatingTable.AgreementCells, RatingTable.AgreementCells));
    }

    /// <summary>Gets the plan whose touchpoints and segments the scorecard groups by.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets a value indicating whether the scorecard aggregates per calendar period (<see cref="ScorecardOptions.ByPeriod"/>).</summary>
    /// <value><see langword="false"/> when the scorecard was built without days, weeks and months.</value>
    public bool HasPeriods { get; }

    /// <summary>Gets a value indicating whether the scorecard aggregates per touchpoint and calendar period (<see cref="ScorecardOptions.ByTouchpointPeriod"/>), for <see cref="TouchpointTrend(string, CalendarPeriod)"/>.</summary>
    /// <value><see langword="false"/> when the scorecard was built without touchpoint × day cells.</value>
    public bool HasTouchpointPeriods => TouchpointDayNumbers is not null;

    /// <summary>Gets the time zone whose local dates define days, weeks and months.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>Gets the first day of a week.</summary>
    public IsoDayOfWeek WeekStart { get; }

    /// <summary>Gets the directory that numbered the customers of <see cref="ByCustomer"/>.</summary>
    /// <value>The directory, or <see langword="null"/> when the scorecard is not per customer.</value>
    public CustomerDirectory? CustomerDirectory { get; }

    /// <summary>Gets the number of outcomes received: <see cref="Scored"/> + <see cref="Rejected"/>.</summary>
    public long Received => Scored + Rejected;

    /// <summary>Gets the number of outcomes scored.</summary>
    public long Scored => Total.Count;

    /// <summary>Gets the number of outcomes refused.</summary>
    public long Rejected => Counts.Sum(_rejections.AsSpan());

    /// <summary>Gets the aggregate of all scored outcomes.</summary>
    public ScoreAggregate Total { get; }

    /// <summary>Gets the aggregates per touchpoint, in the order of the plan's touchpoint indices.</summary>
    public ImmutableArray<ScoreAggregate> ByTouchpoint { get; }

    /// <summary>Gets the aggregates per journey stage of the model's touchpoints, early stages first.</summary>
    public ImmutableSortedDictionary<JourneyStage, ScoreAggregate> ByStage { get; }

    /// <summary>Gets the aggregates per channel of the model's touchpoints.</summary>
    public IReadOnlyDictionary<Channel, ScoreAggregate> ByChannel { get; }

    /// <summary>
    /// Gets the aggregates per owning unit, in ordinal order: each outcome counts under the owner of the model promise in
    /// force for it (<see cref="Promise.Owner"/>) when the model names one, else under its touchpoint's owner
    /// (<see cref="Touchpoint.Owner"/>). A roll-up of the scorecard's cells, so it merges like any other. A nested owner
    /// also counts under each of its parents (<c>billing/disputes</c> under <c>billing</c> too); outcomes without an
    /// owner appear under none.
    /// </summary>
    public ImmutableSortedDictionary<string, ScoreAggregate> ByOwner { get; }

    /// <summary>
    /// Gets the aggregates per journey stage and, within it, per owning unit (nested owners rolled up to their parents
    /// as in <see cref="ByOwner"/>): where one silo hands a shortfall to the next along the journey.
    /// </summary>
    public ImmutableSortedDictionary<JourneyStage, ImmutableSortedDictionary<string, ScoreAggregate>> ByStageAndOwner { get; }

    /// <summary>
    /// Gets, per touchpoint in the order of the plan's touchpoint indices, its delivered outcomes beside its perceived ones
    /// (<see cref="Measure.Source"/>): the perceived gap beside the delivered gap, and whether they agree. Exact roll-ups of
    /// the scorecard's cells: per touchpoint, delivered and perceived together make up <see cref="ByTouchpoint"/>.
    /// </summary>
    public ImmutableArray<PerceivedVsDelivered> PerceivedVsDelivered { get; }

    /// <summary>Gets the aggregate of all scored outcomes per measure source: delivered and perceived together make up <see cref="Total"/>.</summary>
    /// <value>Both sources, always present (empty aggregates when a source has no outcomes).</value>
    public ImmutableSortedDictionary<MeasureSource, ScoreAggregate> BySource { get; }

    /// <summary>Gets a value indicating whether the model has a measure answered by customers (<see cref="MeasureSource.Perceived"/>), so that <see cref="PerceivedVsDelivered"/> has anything to show.</summary>
    public bool HasPerceivedMeasures { get; }

    /// <summary>Gets the aggregates per measure, in the order of the plan's measure indices: a roll-up of the touchpoint × measure × segment cells.</summary>
    public ImmutableArray<ScoreAggregate> ByMeasure { get; }

    /// <summary>
    /// Gets the aggregates per promise of the model, in the model's order, with each promise's identity, source, scope,
    /// wording and owner: every outcome counts under the model promise in force at its touchpoint, measure and segment
    /// when it was observed (or requested), even when it carries its own promised level or deadline. Outcomes with no
    /// model promise in force (scored against their own) count in <see cref="WithoutModelPromise"/>.
    /// </summary>
    public ImmutableArray<PromiseAggregate> ByPromise { get; }

    /// <summary>Gets the aggregate of outcomes scored against their own promised level or deadline with no model promise in force; with <see cref="ByPromise"/> it makes up <see cref="Total"/>.</summary>
    public ScoreAggregate WithoutModelPromise { get; }

    /// <summary>Gets the aggregates per segment identifier of the model.</summary>
    public IReadOnlyDictionary<string, ScoreAggregate> BySegment { get; }

    /// <summary>Gets the aggregate of outcomes that carry no segment.</summary>
    public ScoreAggregate WithoutSegment { get; }

    /// <summary>Gets the aggregates per local date of observation, for dates with outcomes.</summary>
    public ImmutableSortedDictionary<LocalDate, ScoreAggregate> ByDay { get; }

    /// <summary>Gets the aggregates per week, keyed by the local date the week starts on.</summary>
    public ImmutableSortedDictionary<LocalDate, ScoreAggregate> ByWeek { get; }

    /// <summary>Gets the aggregates per month, keyed by the month's first local date.</summary>
    public ImmutableSortedDictionary<LocalDate, ScoreAggregate> ByMonth { get; }

    /// <summary>Gets the aggregates per customer key; empty unless the scorecard was built per customer.</summary>
    public ImmutableSortedDictionary<long, ScoreAggregate> ByCustomer { get; }

    internal SortedDictionary<int, ScoreAggregate> DayNumbers { get; }

    /// <summary>Gets the touchpoint × day aggregates keyed by <see cref="TouchpointDayKey(int, int)"/>, or <see langword="null"/> without them.</summary>
    internal SortedDictionary<long, ScoreAggregate>? TouchpointDayNumbers { get; }

    /// <summary>Gets the promise-version cells (touchpoint × measure × segment × promise version, in the plan's order): the state every other figure is rolled up from.</summary>
    internal ReadOnlySpan<ScoreAggregate> VersionCells => _versionCells;

    /// <summary>Gets the count of rejected outcomes per <see cref="RejectionReason"/>.</summary>
    internal ImmutableArray<long> RejectionCounts => _rejections;

    internal double FeltScale { get; }

    /// <summary>Gets the number of outcomes refused for a reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="reason"/> is not defined.</exception>
    public long RejectedBy(RejectionReason reason)
    {
        if ((uint)reason >= (uint)_rejections.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a rejection reason.");
        }

        return _rejections[(int)reason];
    }

    /// <summary>Gets the aggregate of a touchpoint by identifier.</summary>
    /// <param name="touchpointId">The touchpoint identifier.</param>
    /// <returns>The aggregate.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such touchpoint.</exception>
    public ScoreAggregate ForTouchpoint(string touchpointId) => ByTouchpoint[Plan.TouchpointIndex(touchpointId)];

    /// <summary>
    /// Gets a touchpoint's aggregates per local day, week or month of the scorecard's calendar (<see cref="TimeZone"/>,
    /// <see cref="WeekStart"/>), keyed by the period's first date, for periods with outcomes: an exact roll-up of its
    /// touchpoint × day cells, which add up to <see cref="ForTouchpoint(string)"/>.
    /// </summary>
    /// <param name="touchpointId">The touchpoint identifier.</param>
    /// <param name="period">The period.</param>
    /// <returns>The aggregates, in date order.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such touchpoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="period"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">Thrown when the scorecard has no touchpoint periods (<see cref="HasTouchpointPeriods"/>).</exception>
    public ImmutableSortedDictionary<LocalDate, ScoreAggregate> TouchpointTrend(string touchpointId, CalendarPeriod period)
    {
        ArgumentNullException.ThrowIfNull(touchpointId);
        if (!Plan.TryGetTouchpointIndex(touchpointId, out var touchpoint))
        {
            throw new ArgumentException($"The model defines no touchpoint '{touchpointId}'.", nameof(touchpointId));
        }

        if (!Enum.IsDefined(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Not a calendar period.");
        }

        if (TouchpointDayNumbers is not { } touchpointDays)
        {
            throw new InvalidOperationException("The scorecard has no touchpoint periods: build it with ScorecardOptions.ByTouchpointPeriod.");
        }

        var sums = new SortedDictionary<LocalDate, AggregateSum>();
        var toWeekStart = DateAdjusters.PreviousOrSame(WeekStart);
        foreach (var (key, aggregate) in touchpointDays)
        {
            if ((int)(key & uint.MaxValue) != touchpoint)
            {
                continue;
            }

            var date = CalendarIndex.DateOf((int)(key >> 32));
            Sum(sums, period switch
            {
                CalendarPeriod.Day => date,
                CalendarPeriod.Week => toWeekStart(date),
                _ => DateAdjusters.StartOfMonth(date),
            }).Add(aggregate);
        }

        return sums.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToAggregate(FeltScale));
    }

    /// <summary>The key of a touchpoint's aggregate on a day (days since the ISO epoch): day first, so keys sort by day, then touchpoint.</summary>
    internal static long TouchpointDayKey(int day, int touchpoint) => ((long)day << 32) | (uint)touchpoint;

    /// <summary>Gets the aggregate of a measure by identifier.</summary>
    /// <param name="measureId">The measure identifier.</param>
    /// <returns>The aggregate.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="measureId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such measure.</exception>
    public ScoreAggregate ForMeasure(string measureId)
    {
        ArgumentNullException.ThrowIfNull(measureId);
        return Plan.TryGetMeasureIndex(measureId, out var measure)
            ? ByMeasure[measure]
            : throw new ArgumentException($"The model defines no measure '{measureId}'.", nameof(measureId));
    }

    /// <summary>Gets a touchpoint's delivered outcomes beside its perceived ones, by identifier.</summary>
    /// <param name="touchpointId">The touchpoint identifier.</param>
    /// <returns>The touchpoint's row of <see cref="PerceivedVsDelivered"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such touchpoint.</exception>
    public PerceivedVsDelivered ForPerceivedVsDelivered(string touchpointId)
    {
        ArgumentNullException.ThrowIfNull(touchpointId);
        return PerceivedVsDelivered[Plan.TouchpointIndex(touchpointId)];
    }

    /// <summary>Gets the aggregate of a promise by identifier.</summary>
    /// <param name="promiseId">The promise identifier.</param>
    /// <returns>The promise and its aggregate.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="promiseId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such promise.</exception>
    public PromiseAggregate ForPromise(string promiseId)
    {
        ArgumentNullException.ThrowIfNull(promiseId);
        foreach (var promise in ByPromise)
        {
            if (promise.Id == promiseId)
            {
                return promise;
            }
        }

        throw new ArgumentException($"The model defines no promise '{promiseId}'.", nameof(promiseId));
    }

    /// <summary>
    /// Reviews the promises: which are set wrong (change the promise) and which are broken (keep it better), by the rule
    /// <see cref="PromiseReview"/> states.
    /// </summary>
    /// <returns>The review.</returns>
    public PromiseReview ReviewPromises() => new(ByPromise);

    /// <summary>Gets the aggregate of one touchpoint for one segment.</summary>
    /// <param name="touchpointIndex">The touchpoint's index in the plan.</param>
    /// <param name="segmentIndex">The segment's index in the plan, or <see cref="Plans.OutcomeRow.NoSegment"/>.</param>
    /// <returns>The aggregate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an index is outside the plan.</exception>
    public ScoreAggregate ForTouchpointAndSegment(int touchpointIndex, int segmentIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(touchpointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(touchpointIndex, Plan.TouchpointCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentIndex, Plans.OutcomeRow.NoSegment);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(segmentIndex, Plan.SegmentCount);
        return _cells[(touchpointIndex * Plan.SegmentSlots) + segmentIndex + 1];
    }

    /// <summary>Ranks touchpoints by their share of the weighted shortfall (touchpoint weight × sum of shortfalls), by the rule <see cref="Hotspot"/> states.</summary>
    /// <param name="count">The most hotspots to return.</param>
    /// <returns>The hotspots, largest share first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="count"/> is negative.</exception>
    public IReadOnlyList<Hotspot> Hotspots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var touchpoints = Plan.Model.Touchpoints;
        var candidates = new (Touchpoint, double, long, long)[touchpoints.Length];
        for (var t = 0; t < candidates.Length; t++)
        {
            var aggregate = ByTouchpoint[t];
            candidates[t] = (touchpoints[t], touchpoints[t].Weight * aggregate.ShortfallSum, aggregate.Count, aggregate.BelowCount);
        }

        return Hotspot.Order(candidates, count);
    }

    /// <summary>Merges two scorecards of the same plan: the scorecard of both sets of outcomes. Commutative and associative, exactly.</summary>
    /// <param name="other">The other scorecard.</param>
    /// <returns>The merged scorecard.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the scorecards group differently (other touchpoints, segments, measures or promises, another time zone or week start, another felt scale, calendar or touchpoint periods in one only), or both hold per-customer aggregates numbered by different customer directories.</exception>
    public Scorecard Merge(Scorecard other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(Plan, other.Plan)
            && !(Plan.Model.Touchpoints.Select(t => t.Id).SequenceEqual(other.Plan.Model.Touchpoints.Select(t => t.Id))
                 && Plan.Model.Segments.Select(s => s.Id).SequenceEqual(other.Plan.Model.Segments.Select(s => s.Id))))
        {
            throw new ArgumentException("Cannot merge scorecards of plans with different touchpoints or segments.", nameof(other));
        }

        if (!ReferenceEquals(Plan, other.Plan) && !SameVersionCells(Plan, other.Plan))
        {
            throw new ArgumentException("Cannot merge scorecards of plans with different measures or promises: their promise cells differ.", nameof(other));
        }

        if (HasPeriods != other.HasPeriods)
        {
            throw new ArgumentException($"Cannot merge a scorecard with calendar periods and one without (periods {HasPeriods} vs {other.HasPeriods}).", nameof(other));
        }

        if (HasTouchpointPeriods != other.HasTouchpointPeriods)
        {
            throw new ArgumentException($"Cannot merge a scorecard with touchpoint periods and one without (touchpoint periods {HasTouchpointPeriods} vs {other.HasTouchpointPeriods}).", nameof(other));
        }

        if (TimeZone.Id != other.TimeZone.Id || WeekStart != other.WeekStart || !FeltScale.Equals(other.FeltScale))
        {
            throw new ArgumentException(
                $"Cannot merge scorecards with different calendars or felt scales ({TimeZone.Id}, weeks from {WeekStart}, felt scale {FeltScale} vs {other.TimeZone.Id}, {other.WeekStart}, {other.FeltScale}).",
                nameof(other));
        }

        if (ByCustomer.Count > 0 && other.ByCustomer.Count > 0 && !ReferenceEquals(CustomerDirectory, other.CustomerDirectory))
        {
            throw new ArgumentException(
                "Cannot merge per-customer scorecards numbered by different customer directories: the same key would name different customers. Give every builder the same directory (ScorecardOptions.Customers).",
                nameof(other));
        }

        var cells = new ScoreAggregate[_versionCells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _versionCells[i].Merge(other._versionCells[i]);
        }

        var days = MergeKeyed(DayNumbers, other.DayNumbers);
        var customers = MergeKeyed(new SortedDictionary<long, ScoreAggregate>(ByCustomer), new SortedDictionary<long, ScoreAggregate>(other.ByCustomer));
        var rejections = Counts.Add(_rejections.AsSpan(), other._rejections.AsSpan());

        var touchpointDays = TouchpointDayNumbers is { } mine && other.TouchpointDayNumbers is { } theirs ? MergeKeyed(mine, theirs) : null;
        return new Scorecard(
            Plan, TimeZone, WeekStart, cells, days, customers, [.. rejections], FeltScale, CustomerDirectory ?? other.CustomerDirectory, HasPeriods, touchpointDays,
            ScorecardRatings.Merge(Ratings, other.Ratings));
    }

    /// <summary>Merges scorecards of the same plan.</summary>
    /// <param name="scorecards">The scorecards; at least one.</param>
    /// <returns>The merged scorecard.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecards"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when there is none, or they group differently.</exception>
    public static Scorecard Merge(IEnumerable<Scorecard> scorecards)
    {
        ArgumentNullException.ThrowIfNull(scorecards);
        Scorecard? merged = null;
        foreach (var scorecard in scorecards)
        {
            ArgumentNullException.ThrowIfNull(scorecard, nameof(scorecards));
            merged = merged is null ? scorecard : merged.Merge(scorecard);
        }

        return merged ?? throw new ArgumentException("Merging needs at least one scorecard.", nameof(scorecards));
    }

    /// <inheritdoc/>
    public bool Equals(Scorecard? other)
        => other is not null && HasPeriods == other.HasPeriods && TimeZone.Id == other.TimeZone.Id && WeekStart == other.WeekStart
           && _rejections.AsSpan().SequenceEqual(other._rejections.AsSpan())
           && _versionCells.AsSpan().SequenceEqual(other._versionCells)
           && DayNumbers.Count == other.DayNumbers.Count && DayNumbers.SequenceEqual(other.DayNumbers)
           && HasTouchpointPeriods == other.HasTouchpointPeriods
           && (TouchpointDayNumbers is null || (TouchpointDayNumbers.Count == other.TouchpointDayNumbers!.Count && TouchpointDayNumbers.SequenceEqual(other.TouchpointDayNumbers)))
           && ByCustomer.Count == other.ByCustomer.Count && ByCustomer.SequenceEqual(other.ByCustomer)
           && ScorecardRatings.Same(Ratings, other.Ratings);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Scorecard);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Total, Rejected, DayNumbers.Count);

    /// <inheritdoc/>
    public override string ToString() => $"{Plan.Model.Name}: {Received} received, {Scored} scored, {Rejected} refused; {Total}";

    private const int SourceCount = 2;

    /// <summary>The agreement table of one touchpoint: its plan cells' tables added.</summary>
    private static RatingAgreement TouchpointRatings(ScorecardRatings ratings, int touchpoint, int perTouchpoint)
    {
        Span<long> sum = stackalloc long[RatingTable.AgreementCells];
        var counts = ratings.Agreement.AsSpan(touchpoint * perTouchpoint * RatingTable.AgreementCells, perTouchpoint * RatingTable.AgreementCells);
        for (var i = 0; i < counts.Length; i++)
        {
            sum[i % RatingTable.AgreementCells] += counts[i];
        }

        return new RatingAgreement(sum);
    }

    private static AggregateSum[] NewSums(int count)
    {
        var sums = new AggregateSum[count];
        for (var i = 0; i < count; i++)
        {
            sums[i] = new AggregateSum();
        }

        return sums;
    }

    /// <summary>Whether two plans have the same promise-version cells: the same measures, promises and cells of each version.</summary>
    private static bool SameVersionCells(ScoringPlan a, ScoringPlan b)
        => a.Model.Measures.Select(m => m.Id).SequenceEqual(b.Model.Measures.Select(m => m.Id))
           && a.Model.Promises.Select(p => p.Id).SequenceEqual(b.Model.Promises.Select(p => p.Id))
           && a.VersionCellPlanCell.AsSpan().SequenceEqual(b.VersionCellPlanCell)
           && a.VersionCellPromise.AsSpan().SequenceEqual(b.VersionCellPromise);

    /// <summary>
    /// The owner of each promise of the plan's model: its own, else the owner shared by every touchpoint where outcomes
    /// were scored against it (by every touchpoint where it is ever in force when none were), else none (the touchpoints
    /// differ, or have no owner). An unscoped promise is in force at every touchpoint, also those that never see its
    /// measure; its owner is read from where it was actually kept or broken.
    /// </summary>
    private static string?[] PromiseOwners(ScoringPlan plan, ScoreAggregate[] versionCells)
    {
        var promises = plan.Model.Promises;
        var scored = new bool[promises.Length];
        for (var v = 0; v < plan.VersionCellCount; v++)
        {
            if (plan.VersionCellPromise[v] is var p && p >= 0 && versionCells[v].Count > 0)
            {
                scored[p] = true;
            }
        }

        var owners = new string?[promises.Length];
        var seen = new bool[promises.Length];
        var perTouchpoint = plan.MeasureCount * plan.SegmentSlots;
        for (var v = 0; v < plan.VersionCellCount; v++)
        {
            var p = plan.VersionCellPromise[v];
            if (p < 0 || promises[p].Owner is not null || (scored[p] && versionCells[v].Count == 0))
            {
                continue;
            }

            var owner = plan.Model.Touchpoints[plan.VersionCellPlanCell[v] / perTouchpoint].Owner;
            if (!seen[p])
            {
                seen[p] = true;
                owners[p] = owner;
            }
            else if (owners[p] != owner)
            {
                owners[p] = null;
            }
        }

        for (var p = 0; p < promises.Length; p++)
        {
            owners[p] = promises[p].Owner ?? owners[p];
        }

        return owners;
    }

    private static AggregateSum Sum<TKey>(IDictionary<TKey, AggregateSum> sums, TKey key)
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sum = new AggregateSum();
            sums.Add(key, sum);
        }

        return sum;
    }

    private static SortedDictionary<TKey, ScoreAggregate> MergeKeyed<TKey>(SortedDictionary<TKey, ScoreAggregate> a, SortedDictionary<TKey, ScoreAggregate> b)
        where TKey : notnull
    {
        var merged = new SortedDictionary<TKey, ScoreAggregate>(a);
        foreach (var (key, aggregate) in b)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? existing.Merge(aggregate) : aggregate;
        }

        return merged;
    }
}
