using System.Globalization;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// What was delivered to a customer at a touchpoint for a measure, observed at an instant. For a
/// <see cref="MeasureKind.Deadline"/> measure the delivered value is the instant <see cref="ObservedAt"/> itself,
/// compared with <see cref="PromisedBy"/> or with the promise's local-time deadline for <see cref="RequestedAt"/>.
/// </summary>
/// <remarks>
/// Construction checks identifiers only; whether the value can be scored (finite, in the measure's range, a promise in
/// force) is the scoring model's decision, so that the engine can count a refused record with its reason instead of
/// throwing. This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct Outcome : IEquatable<Outcome>
{
    /// <summary>Initializes a new instance of the <see cref="Outcome"/> struct.</summary>
    /// <param name="customerId">The customer (or journey) the outcome belongs to.</param>
    /// <param name="touchpointId">The touchpoint where it happened.</param>
    /// <param name="measureId">The measure it is a value of.</param>
    /// <param name="value">The delivered value in the measure's unit (seconds for durations; ignored for deadlines).</param>
    /// <param name="observedAt">When it was observed (for deadlines: when it was delivered).</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
    /// <param name="promisedLevel">A level promised for this outcome alone, overriding the model's promise level, or <see langword="null"/>.</param>
    /// <param name="promisedBy">For deadline measures: the deadline promised for this outcome alone (a per-order deadline).</param>
    /// <param name="requestedAt">For deadline measures: when the request was made, to apply the promise's local-time deadline rule.</param>
    /// <param name="perceivedRating">The customer's own rating of the outcome, when asked, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Thrown when an identifier is not valid.</exception>
    public Outcome(
        string customerId,
        string touchpointId,
        string measureId,
        double value,
        Instant observedAt,
        string? segmentId = null,
        double? promisedLevel = null,
        Instant? promisedBy = null,
        Instant? requestedAt = null,
        double? perceivedRating = null)
    {
        Ids.Validate(customerId, nameof(customerId));
        Ids.Validate(touchpointId, nameof(touchpointId));
        Ids.Validate(measureId, nameof(measureId));
        if (segmentId is not null)
        {
            Ids.Validate(segmentId, nameof(segmentId));
        }

        CustomerId = customerId;
        TouchpointId = touchpointId;
        MeasureId = measureId;
        Value = value;
        ObservedAt = observedAt;
        SegmentId = segmentId;
        PromisedLevel = promisedLevel;
        PromisedBy = promisedBy;
        RequestedAt = requestedAt;
        PerceivedRating = perceivedRating;
    }

    /// <summary>Gets the customer (or journey) the outcome belongs to.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the touchpoint where the outcome happened.</summary>
    public string TouchpointId { get; }

    /// <summary>Gets the measure the outcome is a value of.</summary>
    public string MeasureId { get; }

    /// <summary>Gets the delivered value, in the measure's unit.</summary>
    /// <value>Seconds for duration measures; not used by deadline measures.</value>
    public double Value { get; }

    /// <summary>Gets when the outcome was observed; for deadline measures, when it was delivered.</summary>
    public Instant ObservedAt { get; }

    /// <summary>Gets the customer's segment.</summary>
    /// <value>The segment identifier, or <see langword="null"/> when the outcome carries none.</value>
    public string? SegmentId { get; }

    /// <summary>Gets a level promised for this outcome alone.</summary>
    /// <value>The level, overriding the model promise's level; or <see langword="null"/>.</value>
    public double? PromisedLevel { get; }

    /// <summary>Gets the deadline promised for this outcome alone (deadline measures).</summary>
    /// <value>The deadline, or <see langword="null"/>.</value>
    public Instant? PromisedBy { get; }

    /// <summary>Gets when the request was made (deadline measures whose promise has a local-time rule).</summary>
    /// <value>The request instant, or <see langword="null"/>.</value>
    public Instant? RequestedAt { get; }

    /// <summary>Gets the customer's own rating of the outcome.</summary>
    /// <value>The rating, or <see langword="null"/> when not asked.</value>
    public double? PerceivedRating { get; }

    /// <summary>Creates an outcome of a duration measure.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="measureId">The duration measure.</param>
    /// <param name="delivered">The delivered duration.</param>
    /// <param name="observedAt">When it was observed.</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">Thrown when an identifier is not valid.</exception>
    public static Outcome OfDuration(string customerId, string touchpointId, string measureId, Duration delivered, Instant observedAt, string? segmentId = null)
        => new(customerId, touchpointId, measureId, Measure.ToSeconds(delivered), observedAt, segmentId);

    /// <summary>Creates an outcome of a deadline measure with its own promised deadline (a per-order deadline).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="measureId">The deadline measure.</param>
    /// <param name="deliveredAt">When it was delivered.</param>
    /// <param name="promisedBy">The deadline promised for it.</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">Thrown when an identifier is not valid.</exception>
    public static Outcome OfDeadline(string customerId, string touchpointId, string measureId, Instant deliveredAt, Instant promisedBy, string? segmentId = null)
        => new(customerId, touchpointId, measureId, 0, deliveredAt, segmentId, promisedBy: promisedBy);

    /// <summary>Creates an outcome of a deadline measure whose deadline comes from the promise's local-time rule.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="measureId">The deadline measure.</param>
    /// <param name="deliveredAt">When it was delivered.</param>
    /// <param name="requestedAt">When the request was made.</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">Thrown when an identifier is not valid.</exception>
    public static Outcome OfRequest(string customerId, string touchpointId, string measureId, Instant deliveredAt, Instant requestedAt, string? segmentId = null)
        => new(customerId, touchpointId, measureId, 0, deliveredAt, segmentId, requestedAt: requestedAt);

    /// <inheritdoc/>
    public bool Equals(Outcome other)
        => CustomerId == other.CustomerId && TouchpointId == other.TouchpointId && MeasureId == other.MeasureId
           && Value.Equals(other.Value) && ObservedAt == other.ObservedAt && SegmentId == other.SegmentId
           && Nullable.Equals(PromisedLevel, other.PromisedLevel) && Nullable.Equals(PromisedBy, other.PromisedBy)
           && Nullable.Equals(RequestedAt, other.RequestedAt) && Nullable.Equals(PerceivedRating, other.PerceivedRating);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Outcome other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(CustomerId);
        hash.Add(TouchpointId);
        hash.Add(MeasureId);
        hash.Add(Value);
        hash.Add(ObservedAt);
        hash.Add(SegmentId);
        hash.Add(PromisedLevel);
        hash.Add(PromisedBy);
        hash.Add(RequestedAt);
        hash.Add(PerceivedRating);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CustomerId} @ {TouchpointId}: {MeasureId} = {Value} at {ObservedAt}");

    /// <summary>Determines whether two outcomes are the same.</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public static bool operator ==(Outcome left, Outcome right) => left.Equals(right);

    /// <summary>Determines whether two outcomes differ.</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(Outcome left, Outcome right) => !left.Equals(right);
}
