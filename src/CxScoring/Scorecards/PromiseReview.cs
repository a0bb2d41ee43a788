using System.Collections.Immutable;

namespace CxScoring.Scorecards;

/// <summary>
/// Which promises to change and which to keep better (<see cref="Scorecard.ReviewPromises"/>). Each scored outcome with a
/// promise in force is one of four cases (DOMAIN §7): kept and within or above the zone; <em>kept to the letter, missed
/// the spirit</em> (promise gap ≥ 0, zone below: the promise is set too loosely); <em>broken, yet within or above the
/// zone</em> (promise gap &lt; 0, zone not below: the promise is stricter than needed); and <em>broken and missed</em>
/// (promise gap &lt; 0, zone below: delivery failed). A promise's <see cref="PromiseVerdict"/> is the largest of the
/// three misses — <see cref="PromiseVerdict.KeepBetter"/>, <see cref="PromiseVerdict.SetTooLoose"/> or
/// <see cref="PromiseVerdict.SetTooStrict"/>, ties in that order — or <see cref="PromiseVerdict.Sound"/> without any.
/// </summary>
/// <remarks>
/// <para><see cref="SetWrong"/> lists the promises to change, ranked by |mean setting gap| × volume = |Σ setting gap|
/// (the setting gap s·(promised − adequate)/scale says how far the letter lies from the least customers accept);
/// <see cref="Broken"/> lists the promises to keep better, ranked by broken share × volume = the number broken. Exact
/// ties keep the model's order. Both figures are read from fixed-point sums, so the review is the same for any split or
/// merge of the outcomes.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class PromiseReview
{
    internal PromiseReview(ImmutableArray<PromiseAggregate> promises)
    {
        Promises = promises;
        SetWrong = [.. promises.Where(p => p.IsSetWrong).OrderByDescending(p => Int128.Abs(p.Aggregate.SettingGapSumFixed))];
        Broken = [.. promises.Where(p => p.Verdict == PromiseVerdict.KeepBetter).OrderByDescending(p => p.BrokenWeight)];
    }

    /// <summary>Gets every promise of the model with its verdict, in the model's order.</summary>
    public ImmutableArray<PromiseAggregate> Promises { get; }

    /// <summary>Gets the promises to change (<see cref="PromiseVerdict.SetTooLoose"/>, <see cref="PromiseVerdict.SetTooStrict"/>), largest |Σ setting gap| first.</summary>
    public ImmutableArray<PromiseAggregate> SetWrong { get; }

    /// <summary>Gets the promises to keep better (<see cref="PromiseVerdict.KeepBetter"/>), most broken outcomes first.</summary>
    public ImmutableArray<PromiseAggregate> Broken { get; }

    /// <summary>
    /// Applies the review's rule to any aggregate — a promise's, a touchpoint's, an owner's: the largest of the three kinds
    /// of miss (broken and below the zone, kept to the letter yet below it, broken yet within or above it), ties in that
    /// order; <see cref="PromiseVerdict.Sound"/> without any, <see cref="PromiseVerdict.NoOutcomes"/> for an empty aggregate.
    /// </summary>
    /// <param name="aggregate">The outcomes to judge.</param>
    /// <returns>The verdict <see cref="PromiseAggregate.Verdict"/> would give a promise with this aggregate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> is <see langword="null"/>.</exception>
    public static PromiseVerdict VerdictOf(ScoreAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return PromiseAggregate.VerdictOf(aggregate);
    }
}
