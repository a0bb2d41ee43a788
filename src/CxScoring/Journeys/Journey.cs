using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace CxScoring.Journeys;

/// <summary>
/// A customer's scored events in journey order (<see cref="JourneyEventOrder"/>): either everything the customer lived
/// (<see cref="EngagementId"/> is <see langword="null"/>) or one engagement, an objective pursued within a time window.
/// Create journeys with <see cref="JourneyGrouping"/>.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Journey
{
    internal Journey(string customerId, string? engagementId, Interval? window, ImmutableArray<JourneyEvent> events)
    {
        CustomerId = customerId;
        EngagementId = engagementId;
        Window = window;
        Events = events;
    }

    /// <summary>Gets the customer.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the engagement this journey is an instance of.</summary>
    /// <value>The engagement definition's identifier, or <see langword="null"/> for a customer's whole journey.</value>
    public string? EngagementId { get; }

    /// <summary>Gets the engagement window: from the opening event to the end of the window (end exclusive).</summary>
    /// <value>The window, or <see langword="null"/> for a customer's whole journey.</value>
    public Interval? Window { get; }

    /// <summary>Gets the events in journey order; never empty.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }

    /// <summary>Gets the customer's segment: the segment of the last event that carries one.</summary>
    /// <value>The segment identifier, or <see langword="null"/> when no event carries one.</value>
    public string? SegmentId
    {
        get
        {
            for (var i = Events.Length - 1; i >= 0; i--)
            {
                if (Events[i].SegmentId is { } segment)
                {
                    return segment;
                }
            }

            return null;
        }
    }

    /// <summary>Gets the instant of the first event.</summary>
    public Instant Start => Events[0].ObservedAt;

    /// <summary>Gets the instant of the last event.</summary>
    public Instant End => Events[^1].ObservedAt;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CustomerId}{(EngagementId is null ? string.Empty : " / " + EngagementId)}: {Events.Length} events, {Start} .. {End}");
}
