using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// Counts failure demand: a shortfall at touchpoint A (an outcome below the zone of tolerance) followed by a contact
/// at touchpoint B by the same customer within a window is counted A → B.
/// </summary>
/// <remarks>
/// <para>A contact is a distinct (customer, touchpoint, instant): several measures observed at one call are one contact,
/// which is a shortfall when any of them fell below the zone. A contact follows a shortfall when it comes strictly later
/// and at most <c>window</c> after it; it is counted once, against the most recent such shortfall (ties at the same
/// instant: the earlier journey stage, then the smaller touchpoint identifier). A → A counts repeat contacts.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class CascadeAnalysis
{
    /// <summary>Counts follow-on contacts.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="window">How long after a shortfall a contact counts as following it; greater than zero.</param>
    /// <param name="contactTouchpointIds">The touchpoints whose events are contacts (for example the inbound channels); every touchpoint when omitted.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="window"/> is not positive.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="events"/> holds a default event.</exception>
    public static CascadeReport Analyze(IEnumerable<JourneyEvent> events, Duration window, IEnumerable<string>? contactTouchpointIds = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The cascade window must be longer than zero.");
        }

        var contactSet = contactTouchpointIds?.ToFrozenSet(StringComparer.Ordinal);
        var counts = new Dictionary<(string From, string To), int>();
        int contacts = 0, followOns = 0;
        var customerContacts = new List<Contact>();
        foreach (var (_, journey) in JourneyGrouping.SortedPerCustomer(events))
        {
            // Journey order sorts by instant, then stage, then touchpoint: one contact per (touchpoint, instant).
            customerContacts.Clear();
            foreach (var e in journey)
            {
                if (customerContacts.Count > 0 && customerContacts[^1].At == e.ObservedAt && customerContacts[^1].TouchpointId == e.Outcome.TouchpointId)
                {
                    customerContacts[^1] = customerContacts[^1] with { Shortfall = customerContacts[^1].Shortfall || e.Score < 0 };
                }
                else
                {
                    customerContacts.Add(new Contact(e.Outcome.TouchpointId, e.ObservedAt, e.Score < 0));
                }
            }

            Contact? lastShortfall = null;
            var i = 0;
            while (i < customerContacts.Count)
            {
                var at = customerContacts[i].At;
                var groupEnd = i;
                while (groupEnd < customerContacts.Count && customerContacts[groupEnd].At == at)
                {
                    groupEnd++;
                }

                for (var j = i; j < groupEnd; j++)
                {
                    var contact = customerContacts[j];
                    if (contactSet is not null && !contactSet.Contains(contact.TouchpointId))
                    {
                        continue;
                    }

                    contacts++;
                    if (lastShortfall is { } cause && at - cause.At <= window)
                    {
                        followOns++;
                        var key = (cause.TouchpointId, contact.TouchpointId);
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }
                }

                for (var j = i; j < groupEnd && lastShortfall?.At != at; j++)
                {
                    if (customerContacts[j].Shortfall)
                    {
                        lastShortfall = customerContacts[j];
                    }
                }

                i = groupEnd;
            }
        }

        var cells = counts.Select(kv => new CascadeCell(kv.Key.From, kv.Key.To, kv.Value)).ToArray();
        Array.Sort(cells, static (a, b) =>
        {
            var c = b.Count.CompareTo(a.Count);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.FromTouchpointId, b.FromTouchpointId);
            return c != 0 ? c : string.CompareOrdinal(a.ToTouchpointId, b.ToTouchpointId);
        });
        return new CascadeReport(window, contacts, followOns, [.. cells]);
    }

    private readonly record struct Contact(string TouchpointId, Instant At, bool Shortfall);
}
