using System.Globalization;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Events;

/// <summary>Whether an operational event opens or closes what is measured.</summary>
public enum OutcomeEventKind
{
    /// <summary>The request: a ticket opened, an order placed, a letter received.</summary>
    Start = 0,

    /// <summary>The answer: a reply sent, an order delivered, a ticket solved.</summary>
    End = 1,
}

/// <summary>
/// An event as operational systems emit it ("ticket 4711 opened at …", "reply to 4711 sent at …"). A start and the
/// end with the same <see cref="Key"/> make one outcome (<see cref="EventPairer"/>).
/// </summary>
/// <remarks>
/// The start names the customer, touchpoint, measure and segment; the end names only the key and its instant. Both
/// may record their <see cref="Channel"/>: the channel of the request and of the answer, from which the pairer can
/// score a same-channel reply (<see cref="EventPairingOptions.SameChannelMeasureId"/>). Create events with <see cref="Start"/> and <see cref="End"/>, which
/// validate their arguments; the default value is malformed and is counted as such. This type is an immutable value
/// and is safe to use from any number of threads.
/// </remarks>
public readonly struct OutcomeEvent : IEquatable<OutcomeEvent>
{
    private OutcomeEvent(OutcomeEventKind kind, string key, Instant at, string? customerId, string? touchpointId, string? measureId, string? segmentId, Channel? channel)
    {
        Kind = kind;
        Key = key;
        At = at;
        CustomerId = customerId;
        TouchpointId = touchpointId;
        MeasureId = measureId;
        SegmentId = segmentId;
        Channel = channel;
    }

    /// <summary>Gets whether the event opens or closes an outcome.</summary>
    public OutcomeEventKind Kind { get; }

    /// <summary>Gets the key that pairs a start with its end (a ticket or order id).</summary>
    /// <value>The key; <see langword="null"/> only for the default value.</value>
    public string? Key { get; }

    /// <summary>Gets when the event happened.</summary>
    public Instant At { get; }

    /// <summary>Gets the customer (starts only).</summary>
    public string? CustomerId { get; }

    /// <summary>Gets the touchpoint (starts only).</summary>
    public string? TouchpointId { get; }

    /// <summary>Gets the measure of the outcome to produce: a duration or a deadline measure (starts only).</summary>
    public string? MeasureId { get; }

    /// <summary>Gets the customer's segment (starts only), or <see langword="null"/>.</summary>
    public string? SegmentId { get; }

    /// <summary>Gets the channel of the event: the one the request came in on (starts) or the answer went out on (ends).</summary>
    /// <value>The channel, or <see langword="null"/> when not recorded.</value>
    public Channel? Channel { get; }

    /// <summary>Creates a start event.</summary>
    /// <param name="key">The key that pairs it with its end.</param>
    /// <param name="at">When the request was made.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="measureId">The duration or deadline measure of the outcome to produce.</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
    /// <param name="channel">The channel the request came in on, or <see langword="null"/> when not recorded.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">Thrown when the key or an identifier is empty or has white space or control characters.</exception>
    public static OutcomeEvent Start(string key, Instant at, string customerId, string touchpointId, string measureId, string? segmentId = null, Channel? channel = null)
    {
        Ids.Validate(key, nameof(key));
        Ids.Validate(customerId, nameof(customerId));
        Ids.Validate(touchpointId, nameof(touchpointId));
        Ids.Validate(measureId, nameof(measureId));
        if (segmentId is not null)
        {
            Ids.Validate(segmentId, nameof(segmentId));
        }

        return new OutcomeEvent(OutcomeEventKind.Start, key, at, customerId, touchpointId, measureId, segmentId, channel);
    }

    /// <summary>Creates an end event.</summary>
    /// <param name="key">The key of the start it closes.</param>
    /// <param name="at">When the answer was given.</param>
    /// <param name="replyChannel">The channel the answer went out on, or <see langword="null"/> when not recorded.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">Thrown when the key is empty or has white space or control characters.</exception>
    public static OutcomeEvent End(string key, Instant at, Channel? replyChannel = null)
    {
        Ids.Validate(key, nameof(key));
        return new OutcomeEvent(OutcomeEventKind.End, key, at, null, null, null, null, replyChannel);
    }

    /// <inheritdoc/>
    public bool Equals(OutcomeEvent other)
        => Kind == other.Kind && Key == other.Key && At == other.At && CustomerId == other.CustomerId && TouchpointId == other.TouchpointId
           && MeasureId == other.MeasureId && SegmentId == other.SegmentId && Nullable.Equals(Channel, other.Channel);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OutcomeEvent other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Key, At, CustomerId, TouchpointId, MeasureId, SegmentId, Channel);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Key} at {At}");

    /// <summary>Determines whether two events are the same.</summary>
    /// <param name="left">The first event.</param>
    /// <param name="right">The second event.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public static bool operator ==(OutcomeEvent left, OutcomeEvent right) => left.Equals(right);

    /// <summary>Determines whether two events differ.</summary>
    /// <param name="left">The first event.</param>
    /// <param name="right">The second event.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(OutcomeEvent left, OutcomeEvent right) => !left.Equals(right);
}
