using System.Collections.Immutable;
using CxScoring.Model;

namespace CxScoring.Journeys.Dynamics;

/// <summary>
/// Expectation dynamics over a batch of events: per customer and measure the zone of tolerance starts at the model's
/// zone (shifted by <see cref="ExpectationDynamicsOptions.Seed"/>) and moves after each outcome by the asymmetric
/// adaptive rule, so that a wow moment raises the next expectation and the same delivered level scores lower after it.
/// </summary>
/// <remarks>All members are pure functions of their arguments and safe to call from any number of threads.</remarks>
public static class ExpectationDynamicsAnalysis
{
    /// <summary>Re-scores events with moving expectations.</summary>
    /// <param name="events">The events, scored against the model's zones, in any order.</param>
    /// <param name="model">The scoring model the events were scored with; its <see cref="ScoringModel.FeltValue"/> value function gives the re-scored felt values.</param>
    /// <param name="options">The dynamics; <see cref="ExpectationDynamicsOptions.Default"/> when omitted.</param>
    /// <returns>The re-scored events, grouped by customer (ordinal) and in journey order, and the final drifts.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event, or when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range; the message names it).</exception>
    public static DynamicsResult Analyze(IEnumerable<JourneyEvent> events, ScoringModel model, ExpectationDynamicsOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(model);
        var tracker = new ExpectationTracker(model, options);
        var rescored = ImmutableArray.CreateBuilder<JourneyEvent>();
        foreach (var (_, journey) in JourneyGrouping.SortedPerCustomer(events))
        {
            foreach (var e in journey)
            {
                rescored.Add(tracker.Rescore(e));
            }
        }

        return new DynamicsResult(rescored.ToImmutable(), tracker.Drifts(), options ?? ExpectationDynamicsOptions.Default);
    }
}
