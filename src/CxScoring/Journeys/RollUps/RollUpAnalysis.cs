namespace CxScoring.Journeys.RollUps;

/// <summary>Rolls the moments of a journey up into journey-level scores (mean, peak-end, weakest link, recency-weighted …), returned as a <see cref="JourneyRollUp"/>.</summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class RollUpAnalysis
{
    /// <summary>Analyzes a set of events (one customer's journey, <see cref="Journey.Events"/>, or any other set): every roll-up at once.</summary>
    /// <param name="events">The events, in any order; at least one.</param>
    /// <param name="options">The options; <see cref="RollUpOptions.Default"/> when omitted.</param>
    /// <returns>The roll-up.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> is empty or holds a default event, or when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range; the message names it).</exception>
    public static JourneyRollUp Analyze(IEnumerable<JourneyEvent> events, RollUpOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(events);
        var accumulator = new RollUpAccumulator(options ?? RollUpOptions.Default);
        foreach (var e in JourneyEventOrder.Sorted(events))
        {
            if (e.Touchpoint is null)
            {
                throw new ArgumentException("An event is the default value; create events with JourneyEventScorer.", nameof(events));
            }

            accumulator.Add(e);
        }

        if (accumulator.Count == 0)
        {
            throw new ArgumentException("A roll-up needs at least one event.", nameof(events));
        }

        return accumulator.ToRollUp();
    }
}
