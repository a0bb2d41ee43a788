using System.Collections.Immutable;
using CxScoring.Gaps;

namespace CxScoring.Journeys;

/// <summary>
/// The result of scoring a batch of outcomes for journey analysis: the scored <see cref="Events"/> and how many
/// outcomes were rejected, by <see cref="RejectionReason"/>, with the first few rejections described.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ScoredOutcomes
{
    /// <summary>The number of rejected outcomes kept as examples in <see cref="Rejections"/>.</summary>
    public const int MaxExamples = 20;

    internal ScoredOutcomes(ImmutableArray<JourneyEvent> events, ImmutableSortedDictionary<RejectionReason, int> rejectedByReason, ImmutableArray<RejectedOutcome> rejections)
    {
        Events = events;
        RejectedByReason = rejectedByReason;
        Rejections = rejections;
        var rejected = 0;
        foreach (var count in rejectedByReason.Values)
        {
            rejected += count;
        }

        RejectedCount = rejected;
    }

    /// <summary>Gets the scored events, in input order.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }

    /// <summary>Gets how many outcomes were rejected, per reason (reasons with no rejection are left out).</summary>
    public ImmutableSortedDictionary<RejectionReason, int> RejectedByReason { get; }

    /// <summary>Gets the first rejected outcomes (at most <see cref="MaxExamples"/>), each with its reason and a description.</summary>
    public ImmutableArray<RejectedOutcome> Rejections { get; }

    /// <summary>Gets the number of scored outcomes.</summary>
    public int ScoredCount => Events.Length;

    /// <summary>Gets the number of rejected outcomes.</summary>
    public int RejectedCount { get; }
}
