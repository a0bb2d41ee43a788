using System.Collections.Immutable;
using CxScoring.Gaps;

namespace CxScoring.Journeys;

/// <summary>
/// The result of scoring a batch of outcomes for journey analysis: the scored <see cref="Events"/> and how many
/// outcomes were refused, by <see cref="RejectionReason"/>, with the first few refusals described.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ScoredOutcomes
{
    /// <summary>The number of refused outcomes kept as examples in <see cref="Refusals"/>.</summary>
    public const int MaxExamples = 20;

    internal ScoredOutcomes(ImmutableArray<JourneyEvent> events, ImmutableSortedDictionary<RejectionReason, int> refusedByReason, ImmutableArray<RefusedOutcome> refusals)
    {
        Events = events;
        RefusedByReason = refusedByReason;
        Refusals = refusals;
        var refused = 0;
        foreach (var count in refusedByReason.Values)
        {
            refused += count;
        }

        RefusedCount = refused;
    }

    /// <summary>Gets the scored events, in input order.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }

    /// <summary>Gets how many outcomes were refused, per reason (reasons with no refusal are left out).</summary>
    public ImmutableSortedDictionary<RejectionReason, int> RefusedByReason { get; }

    /// <summary>Gets the first refused outcomes (at most <see cref="MaxExamples"/>), each with its reason and a description.</summary>
    public ImmutableArray<RefusedOutcome> Refusals { get; }

    /// <summary>Gets the number of scored outcomes.</summary>
    public int ScoredCount => Events.Length;

    /// <summary>Gets the number of refused outcomes.</summary>
    public int RefusedCount { get; }
}
