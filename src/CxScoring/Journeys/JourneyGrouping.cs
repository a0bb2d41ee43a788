using System.Collections.Immutable;
using NodaTime;

namespace CxScoring.Journeys;

/// <summary>
/// Groups scored events into journeys: per customer, and per engagement (an objective with a time window).
/// Journeys come out ordered by customer identifier (ordinal) and then by start; events inside a journey in
/// <see cref="JourneyEventOrder"/>, so the result does not depend on the order of the input.
/// </summary>
/// <remarks>All members are pure functions of their arguments and safe to call from any number of threads.</remarks>
public static class JourneyGrouping
{
    /// <summary>Groups events into one journey per customer.</summary>
    /// <param name="events">The scored events, in any order.</param>
    /// <returns>The customers' journeys, ordered by customer identifier.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    public static ImmutableArray<Journey> ByCustomer(IEnumerable<JourneyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = ImmutableArray.CreateBuilder<Journey>();
        foreach (var (customer, sorted) in SortedPerCustomer(events))
        {
            result.Add(new Journey(customer, null, null, sorted));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Splits each customer's events into engagements: an event at an opening touchpoint, when no engagement is open,
    /// opens one whose window runs from its instant to <see cref="EngagementWindow.EndFor(Instant)"/> (end exclusive);
    /// later events at the engagement's touchpoints inside the window join it. Events at other touchpoints, and events at
    /// non-opening touchpoints outside any window, belong to no engagement.
    /// </summary>
    /// <param name="events">The scored events, in any order.</param>
    /// <param name="definition">The engagement.</param>
    /// <returns>The engagements, ordered by customer identifier and then by start.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> or <paramref name="definition"/> is <see langword="null"/>.</exception>
    public static ImmutableArray<Journey> ByEngagement(IEnumerable<JourneyEvent> events, EngagementDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(definition);
        var result = ImmutableArray.CreateBuilder<Journey>();
        var current = ImmutableArray.CreateBuilder<JourneyEvent>();
        foreach (var (customer, sorted) in SortedPerCustomer(events))
        {
            var open = false;
            Instant start = default;
            Instant end = default;
            foreach (var e in sorted)
            {
                if (!definition.Includes(e.Outcome.TouchpointId))
                {
                    continue;
                }

                if (open && e.ObservedAt >= end)
                {
                    result.Add(new Journey(customer, definition.Id, new Interval(start, end), current.ToImmutable()));
                    current.Clear();
                    open = false;
                }

                if (!open)
                {
                    if (!definition.Opens(e.Outcome.TouchpointId))
                    {
                        continue;
                    }

                    open = true;
                    start = e.ObservedAt;
                    end = definition.Window.EndFor(start);
                }

                current.Add(e);
            }

            if (open)
            {
                result.Add(new Journey(customer, definition.Id, new Interval(start, end), current.ToImmutable()));
                current.Clear();
            }
        }

        return result.ToImmutable();
    }

    internal static IEnumerable<(string Customer, ImmutableArray<JourneyEvent> Events)> SortedPerCustomer(IEnumerable<JourneyEvent> events)
    {
        var byCustomer = new SortedDictionary<string, List<JourneyEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Touchpoint is null)
            {
                throw new ArgumentException("An event is the default value; create events with JourneyEventScorer.", nameof(events));
            }

            if (!byCustomer.TryGetValue(e.CustomerId, out var list))
            {
                list = [];
                byCustomer.Add(e.CustomerId, list);
            }

            list.Add(e);
        }

        foreach (var (customer, list) in byCustomer)
        {
            list.Sort(JourneyEventOrder.Instance);
            yield return (customer, [.. list]);
        }
    }
}
