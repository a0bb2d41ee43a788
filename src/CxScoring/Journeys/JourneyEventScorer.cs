using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Model;

namespace CxScoring.Journeys;

/// <summary>
/// Scores outcomes with a <see cref="ScoringModel"/> into <see cref="JourneyEvent"/>s, the input of every journey
/// analysis. Rejected outcomes are counted by <see cref="RejectionReason"/>, never dropped silently.
/// </summary>
/// <remarks>All members are pure functions of their arguments and safe to call from any number of threads.</remarks>
public static class JourneyEventScorer
{
    /// <summary>Scores one outcome into a journey event, or says why it cannot be scored.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="journeyEvent">The scored event, when scored.</param>
    /// <param name="reason">Why the outcome was rejected, when it was.</param>
    /// <returns><see langword="true"/> when the outcome was scored.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    public static bool TryScore(ScoringModel model, in Outcome outcome, out JourneyEvent journeyEvent, out RejectionReason reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        journeyEvent = default;
        if (!model.TryScore(outcome, out var gap, out reason))
        {
            return false;
        }

        // TryScore succeeded, so both lookups succeed.
        model.TryGetTouchpoint(outcome.TouchpointId, out var touchpoint);
        model.TryGetMeasure(outcome.MeasureId, out var measure);
        journeyEvent = new JourneyEvent(outcome, gap, touchpoint!, measure!);
        return true;
    }

    /// <summary>Scores a sequence of outcomes into journey events and counts the rejected ones by reason.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="outcomes">The outcomes, in any order.</param>
    /// <returns>The scored events, in input order, and the rejections.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> or <paramref name="outcomes"/> is <see langword="null"/>.</exception>
    public static ScoredOutcomes Score(ScoringModel model, IEnumerable<Outcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outcomes);
        var events = ImmutableArray.CreateBuilder<JourneyEvent>();
        var rejected = new int[Enum.GetValues<RejectionReason>().Length];
        var firstRejections = ImmutableArray.CreateBuilder<RejectedOutcome>();
        foreach (var outcome in outcomes)
        {
            if (TryScore(model, outcome, out var journeyEvent, out var reason))
            {
                events.Add(journeyEvent);
            }
            else
            {
                rejected[(int)reason]++;
                if (firstRejections.Count < ScoredOutcomes.MaxExamples)
                {
                    firstRejections.Add(new RejectedOutcome(outcome, reason, model.DescribeRejection(outcome, reason)));
                }
            }
        }

        var counts = ImmutableSortedDictionary.CreateBuilder<RejectionReason, int>();
        for (var i = 0; i < rejected.Length; i++)
        {
            if (rejected[i] > 0)
            {
                counts.Add((RejectionReason)i, rejected[i]);
            }
        }

        return new ScoredOutcomes(events.ToImmutable(), counts.ToImmutable(), firstRejections.ToImmutable());
    }
}
