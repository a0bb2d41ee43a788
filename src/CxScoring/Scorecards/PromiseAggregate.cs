using System.Globalization;
using CxScoring.Model;

namespace CxScoring.Scorecards;

/// <summary>
/// One promise of the model with the aggregate of the outcomes scored while it was in force (<see cref="Scorecard.ByPromise"/>),
/// its owner and the verdict of the promise review (<see cref="PromiseReview"/>): whether to change the promise or keep it
/// better.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class PromiseAggregate : IEquatable<PromiseAggregate>
{
    internal PromiseAggregate(Promise promise, string? owner, ScoreAggregate aggregate)
    {
        Promise = promise;
        Owner = owner;
        Aggregate = aggregate;
        Verdict = VerdictOf(aggregate);
    }

    /// <summary>Gets the promise.</summary>
    public Promise Promise { get; }

    /// <summary>Gets the promise's identifier.</summary>
    public string Id => Promise.Id;

    /// <summary>Gets the identifier of the measure the promise is about.</summary>
    public string MeasureId => Promise.MeasureId;

    /// <summary>Gets where the promise comes from.</summary>
    public PromiseSource Source => Promise.Source;

    /// <summary>Gets where the promise applies.</summary>
    public Scope Scope => Promise.Scope;

    /// <summary>Gets the promise's wording, as the customer saw it.</summary>
    /// <value>The wording, or <see langword="null"/>.</value>
    public string? Description => Promise.Description;

    /// <summary>
    /// Gets the unit that owns the promise: <see cref="Promise.Owner"/> when the model names one, else the owner shared by
    /// every touchpoint where outcomes were scored against the promise (when none were, by every touchpoint where it is in
    /// force: an unscoped promise is in force at every touchpoint, also those that never see its measure).
    /// </summary>
    /// <value>The owner, or <see langword="null"/> when there is none or the promise's touchpoints have different owners.</value>
    public string? Owner { get; }

    /// <summary>Gets the aggregate of the outcomes scored while the promise was in force.</summary>
    public ScoreAggregate Aggregate { get; }

    /// <summary>Gets the verdict of the promise review, by the rule <see cref="PromiseReview"/> states.</summary>
    public PromiseVerdict Verdict { get; }

    /// <summary>Gets a value indicating whether the verdict is to change the promise (<see cref="PromiseVerdict.SetTooLoose"/> or <see cref="PromiseVerdict.SetTooStrict"/>).</summary>
    public bool IsSetWrong => Verdict is PromiseVerdict.SetTooLoose or PromiseVerdict.SetTooStrict;

    /// <summary>Gets the weight the "set wrong" ranking orders by: |mean setting gap| × volume = |Σ setting gap|, in full scales.</summary>
    public double SetWrongWeight => Math.Abs(Aggregate.SettingGapSum);

    /// <summary>Gets the weight the "broken" ranking orders by: broken share × volume = the number of outcomes whose promise was broken.</summary>
    public long BrokenWeight => Aggregate.PromisesBroken;

    /// <inheritdoc/>
    public bool Equals(PromiseAggregate? other)
        => other is not null && Promise.Equals(other.Promise) && Owner == other.Owner && Aggregate.Equals(other.Aggregate);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PromiseAggregate);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Promise, Owner, Aggregate);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Owner ?? "no owner"}): {Verdict}; {Aggregate.Count} outcomes, {Aggregate.KeptButMissedShare:P1} kept but missed, {Aggregate.BrokenYetSatisfiedShare:P1} broken yet satisfied, {Aggregate.BrokenAndMissedCount} broken and missed");

    /// <summary>The verdict rule: the largest of the three kinds of miss, ties to keeping the promise better.</summary>
    internal static PromiseVerdict VerdictOf(ScoreAggregate aggregate)
    {
        if (aggregate.Count == 0)
        {
            return PromiseVerdict.NoOutcomes;
        }

        var brokenAndMissed = aggregate.BrokenAndMissedCount;
        var keptButMissed = aggregate.KeptButMissedCount;
        var brokenYetSatisfied = aggregate.BrokenYetSatisfiedCount;
        if (brokenAndMissed == 0 && keptButMissed == 0 && brokenYetSatisfied == 0)
        {
            return PromiseVerdict.Sound;
        }

        if (brokenAndMissed >= keptButMissed && brokenAndMissed >= brokenYetSatisfied)
        {
            return PromiseVerdict.KeepBetter;
        }

        return keptButMissed >= brokenYetSatisfied ? PromiseVerdict.SetTooLoose : PromiseVerdict.SetTooStrict;
    }
}
