using System.Collections.Frozen;
using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Scorecards;

/// <summary>
/// The aggregates of a set of outcomes, per touchpoint, journey stage, channel, segment, owner, journey stage × owner,
/// calendar day, week and month (in the scorecard's time zone) and, when asked, per customer; with the count of
/// refused outcomes per reason.
/// </summary>
/// <remarks>
/// <para>Scorecards are deterministic and mergeable: <see cref="Merge(Scorecard)"/> of the scorecards of two sets of
/// outcomes is bit-identical to the scorecard of their union, whatever the order, batch split or parallelism. Hosts
/// split work across threads, processes or machines and merge the results.</para>
/// <para>Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class Scorecard : IEquatable<Scorecard>
{
    private readonly ScoreAggregate[] _cells;
    private readonly ImmutableArray<long> _rejections;

    internal Scorecard(
        ScoringPlan plan, DateTimeZone zone, IsoDayOfWeek weekStart, ScoreAggregate[] cells,
        SortedDictionary<int, ScoreAggregate> days, SortedDictionary<long, ScoreAggregate> customers,
        ImmutableArray<long> rejections, double feltScale, CustomerDirectory? customerDirectory, bool byPeriod)
    {
        Plan = plan;
        HasPeriods = byPeriod;
        TimeZone = zone;
        WeekStart = weekStart;
        FeltScale = feltScale;
        CustomerDirectory = customerDirectory;
        _cells = cells;
        _rejections = rejections;
        DayNumbers = days;

        var slots = plan.SegmentSlots;
        var touchpoints = new ScoreAggregate[plan.TouchpointCount];
        var stages = new SortedDictionary<JourneyStage, AggregateSum>();
        var channels = new Dictionary<Channel, AggregateSum>();
        var owners = new SortedDictionary<string, AggregateSum>(StringComparer.Ordinal);
        var stageOwners = new SortedDictionary<JourneyStage, SortedDictionary<string, AggregateSum>>();
        var segments = new AggregateSum[slots];
        var total = new AggregateSum();
        for (var s = 0; s < slots; s++)
        {
            segments[s] = new AggregateSum();
        }

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
            var touchpoint = plan.Model.Touchpoints[t];
            Sum(stages, touchpoint.Stage).Add(touchpoints[t]);
            Sum(channels, touchpoint.Channel).Add(touchpoints[t]);
            if (touchpoint.Owner is { } owner)
            {
                if (!stageOwners.TryGetValue(touchpoint.Stage, out var stageOwner))
                {
                    stageOwner = new SortedDictionary<string, AggregateSum>(StringComparer.Ordinal);
                    stageOwners.Add(touchpoint.Stage, stageOwner);
                }

                foreach (var unit in Owners.SelfAndParents(owner))
                {
                    Sum(owners, unit).Add(touchpoints[t]);
                    Sum(stageOwner, unit).Add(touchpoints[t]);
                }
            }
        }

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

    /// <summary>Gets the plan whose touchpoints and segments the scorecard groups by.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets a value indicating whether the scorecard aggregates per calendar period (<see cref="ScorecardOptions.ByPeriod"/>).</summary>
    /// <value><see langword="false"/> when the scorecard was built without days, weeks and months.</value>
    public bool HasPeriods { get; }

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
    public long Rejected
    {
        get
        {
            long sum = 0;
            foreach (var count in _rejections)
            {
                sum += count;
            }

            return sum;
        }
    }

    /// <summary>Gets the aggregate of all scored outcomes.</summary>
    public ScoreAggregate Total { get; }

    /// <summary>Gets the aggregates per touchpoint, in the order of the plan's touchpoint indices.</summary>
    public ImmutableArray<ScoreAggregate> ByTouchpoint { get; }

    /// <summary>Gets the aggregates per journey stage of the model's touchpoints, early stages first.</summary>
    public ImmutableSortedDictionary<JourneyStage, ScoreAggregate> ByStage { get; }

    /// <summary>Gets the aggregates per channel of the model's touchpoints.</summary>
    public IReadOnlyDictionary<Channel, ScoreAggregate> ByChannel { get; }

    /// <summary>
    /// Gets the aggregates per owning unit of the model's touchpoints (<see cref="Touchpoint.Owner"/>), in ordinal order:
    /// a roll-up of touchpoint aggregates, so it merges like any other. A nested owner also counts under each of its
    /// parents (<c>billing/disputes</c> under <c>billing</c> too); touchpoints without an owner appear under none.
    /// </summary>
    public ImmutableSortedDictionary<string, ScoreAggregate> ByOwner { get; }

    /// <summary>
    /// Gets the aggregates per journey stage and, within it, per owning unit (nested owners rolled up to their parents
    /// as in <see cref="ByOwner"/>): where one silo hands a shortfall to the next along the journey.
    /// </summary>
    public ImmutableSortedDictionary<JourneyStage, ImmutableSortedDictionary<string, ScoreAggregate>> ByStageAndOwner { get; }

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

    /// <summary>Gets the touchpoint × segment cells, in the plan's order (segment slot 0 is "no segment").</summary>
    internal ReadOnlySpan<ScoreAggregate> Cells => _cells;

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
    /// <exception cref="ArgumentException">Thrown when the scorecards group differently (other touchpoints or segments, another time zone or week start, another felt scale, calendar periods in one only), or both hold per-customer aggregates numbered by different customer directories.</exception>
    public Scorecard Merge(Scorecard other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(Plan, other.Plan)
            && !(Plan.Model.Touchpoints.Select(t => t.Id).SequenceEqual(other.Plan.Model.Touchpoints.Select(t => t.Id))
                 && Plan.Model.Segments.Select(s => s.Id).SequenceEqual(other.Plan.Model.Segments.Select(s => s.Id))))
        {
            throw new ArgumentException("Cannot merge scorecards of plans with different touchpoints or segments.", nameof(other));
        }

        if (HasPeriods != other.HasPeriods)
        {
            throw new ArgumentException($"Cannot merge a scorecard with calendar periods and one without (periods {HasPeriods} vs {other.HasPeriods}).", nameof(other));
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

        var cells = new ScoreAggregate[_cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _cells[i].Merge(other._cells[i]);
        }

        var days = MergeKeyed(DayNumbers, other.DayNumbers);
        var customers = MergeKeyed(new SortedDictionary<long, ScoreAggregate>(ByCustomer), new SortedDictionary<long, ScoreAggregate>(other.ByCustomer));
        var rejections = new long[_rejections.Length];
        for (var i = 0; i < rejections.Length; i++)
        {
            rejections[i] = _rejections[i] + other._rejections[i];
        }

        return new Scorecard(Plan, TimeZone, WeekStart, cells, days, customers, [.. rejections], FeltScale, CustomerDirectory ?? other.CustomerDirectory, HasPeriods);
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
           && _cells.AsSpan().SequenceEqual(other._cells)
           && DayNumbers.Count == other.DayNumbers.Count && DayNumbers.SequenceEqual(other.DayNumbers)
           && ByCustomer.Count == other.ByCustomer.Count && ByCustomer.SequenceEqual(other.ByCustomer);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Scorecard);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Total, Rejected, DayNumbers.Count);

    /// <inheritdoc/>
    public override string ToString() => $"{Plan.Model.Name}: {Received} received, {Scored} scored, {Rejected} refused; {Total}";

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
