using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The journey scorecard: how customers' journeys roll up, as distributions over customers, in total, per segment (of
/// the journey's last moment), per owning unit (the journeys that met one of its touchpoints, or of the units below it)
/// and per month (the local month of the journey's last moment), built by <see cref="JourneyScorecardBuilder"/>.
/// </summary>
/// <remarks>
/// Every figure is an integer count or a fixed-point sum, so scorecards built from any split of a stream are equal
/// (<see cref="Equals(JourneyScorecard?)"/>), bit for bit. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class JourneyScorecard : IEquatable<JourneyScorecard>
{
    private readonly ImmutableArray<long> _rejected;

    internal JourneyScorecard(
        ScoringPlan plan, long scored, ImmutableArray<long> rejected, JourneyAggregate total, IDictionary<string, JourneyAggregate> bySegment,
        JourneyAggregate withoutSegment, IDictionary<string, JourneyAggregate> byOwner, IDictionary<LocalDate, JourneyAggregate> byMonth)
    {
        Plan = plan;
        Scored = scored;
        _rejected = rejected;
        Total = total;
        BySegment = bySegment.ToImmutableSortedDictionary(StringComparer.Ordinal);
        WithoutSegment = withoutSegment;
        ByOwner = byOwner.ToImmutableSortedDictionary(StringComparer.Ordinal);
        ByMonth = byMonth.ToImmutableSortedDictionary();
    }

    /// <summary>Gets the plan that scored the outcomes.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the number of outcomes received: <see cref="Scored"/> + <see cref="Rejected"/>.</summary>
    public long Received => Scored + Rejected;

    /// <summary>Gets the number of outcomes scored.</summary>
    public long Scored { get; }

    /// <summary>Gets the number of outcomes rejected.</summary>
    public long Rejected => Counts.Sum(_rejected.AsSpan());

    /// <summary>Gets all journeys.</summary>
    public JourneyAggregate Total { get; }

    /// <summary>Gets the journeys per segment of their last moment (segments without a journey are left out).</summary>
    public ImmutableSortedDictionary<string, JourneyAggregate> BySegment { get; }

    /// <summary>Gets the journeys whose last moment carries no segment.</summary>
    public JourneyAggregate WithoutSegment { get; }

    /// <summary>
    /// Gets the journeys per owning unit: a journey counts under every unit (and parent unit: <c>"billing/disputes"</c>
    /// also counts under <c>"billing"</c>) owning a touchpoint it met; empty when the model names more than 64 units.
    /// </summary>
    public ImmutableSortedDictionary<string, JourneyAggregate> ByOwner { get; }

    /// <summary>Gets the journeys per local month of their last moment (keyed by the first day of the month), in <see cref="JourneyScorecardOptions.TimeZone"/>.</summary>
    public ImmutableSortedDictionary<LocalDate, JourneyAggregate> ByMonth { get; }

    /// <summary>Gets the number of outcomes rejected for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long RejectedBy(RejectionReason reason) => (uint)reason < (uint)_rejected.Length ? _rejected[(int)reason] : 0;

    /// <summary>
    /// Merges with the scorecard of other customers' journeys (for example a shard of customers scored elsewhere); exact
    /// in any order. Customers must not be in both: a journey split between two scorecards counts as two journeys (merge
    /// the builders instead: <see cref="JourneyScorecardBuilder.Merge(JourneyScorecardBuilder)"/>).
    /// </summary>
    /// <param name="other">The other scorecard, of the same plan.</param>
    /// <returns>The merged scorecard.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="other"/> was built for another plan.</exception>
    public JourneyScorecard Merge(JourneyScorecard other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other.Plan, Plan))
        {
            throw new ArgumentException("Only journey scorecards of the same plan can be merged.", nameof(other));
        }

        var rejected = Counts.Add(_rejected.AsSpan(), other._rejected.AsSpan());

        return new JourneyScorecard(
            Plan, Scored + other.Scored, [.. rejected], Total.Merge(other.Total), MergeMaps(BySegment, other.BySegment),
            WithoutSegment.Merge(other.WithoutSegment), MergeMaps(ByOwner, other.ByOwner), MergeMaps(ByMonth, other.ByMonth));
    }

    /// <inheritdoc/>
    public bool Equals(JourneyScorecard? other)
        => other is not null && ReferenceEquals(Plan, other.Plan) && Scored == other.Scored && _rejected.AsSpan().SequenceEqual(other._rejected.AsSpan())
           && Total.Equals(other.Total) && WithoutSegment.Equals(other.WithoutSegment)
           && SameMaps(BySegment, other.BySegment) && SameMaps(ByOwner, other.ByOwner) && SameMaps(ByMonth, other.ByMonth);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as JourneyScorecard);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scored, Total);

    /// <inheritdoc/>
    public override string ToString() => $"{Plan.Model.Name}: {Received} received, {Scored} scored, {Rejected} rejected; {Total}";

    private static SortedDictionary<TKey, JourneyAggregate> MergeMaps<TKey>(ImmutableSortedDictionary<TKey, JourneyAggregate> a, ImmutableSortedDictionary<TKey, JourneyAggregate> b)
        where TKey : notnull
    {
        var merged = new SortedDictionary<TKey, JourneyAggregate>(a, a.KeyComparer);
        foreach (var (key, value) in b)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? existing.Merge(value) : value;
        }

        return merged;
    }

    private static bool SameMaps<TKey>(ImmutableSortedDictionary<TKey, JourneyAggregate> a, ImmutableSortedDictionary<TKey, JourneyAggregate> b)
        where TKey : notnull
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !value.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
