using System.Globalization;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// What the organisation committed to for a measure: a level ("≤ 48 h", "bill is accurate"), the interval in
/// which the commitment holds, where it comes from and where it applies. For a <see cref="MeasureKind.Deadline"/>
/// measure the level is the deadline itself (lateness 0), given by <see cref="Deadline"/> or by each outcome.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Promise : IEquatable<Promise>
{
    /// <summary>Initializes a new instance of the <see cref="Promise"/> class.</summary>
    /// <param name="id">The promise's identifier, unique within a scoring model.</param>
    /// <param name="measureId">The measure the promise is about.</param>
    /// <param name="level">The committed level, in the measure's unit (seconds for time measures; ignored for deadlines).</param>
    /// <param name="source">Where the promise comes from.</param>
    /// <param name="validity">When the promise holds; all time when omitted. Outcomes observed outside it are not scored against it.</param>
    /// <param name="scope">Where the promise applies; everywhere when omitted.</param>
    /// <param name="deadline">For deadline measures, the local-time deadline rule; <see langword="null"/> when each outcome carries its own deadline.</param>
    /// <param name="description">The promise's wording as the customer saw it, for reports.</param>
    /// <param name="owner">The unit that owns the promise, optionally nested with '/' (<c>billing/disputes</c>); when omitted, the owner of the touchpoints it applies to.</param>
    /// <exception cref="ArgumentException">Thrown when an identifier is invalid, or <paramref name="owner"/> is not a valid owner path.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="level"/> is not finite or <paramref name="source"/> is not defined.</exception>
    public Promise(
        string id,
        string measureId,
        double level,
        PromiseSource source,
        Interval? validity = null,
        Scope scope = default,
        ZonedDeadline? deadline = null,
        string? description = null,
        string? owner = null)
    {
        Ids.Validate(id, nameof(id));
        Ids.Validate(measureId, nameof(measureId));
        if (owner is not null)
        {
            Owners.Validate(owner, nameof(owner));
        }

        if (!double.IsFinite(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Promise '{id}': the promised level must be a finite number.");
        }

        if (!Enum.IsDefined(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"Promise '{id}': not a promise source.");
        }

        Id = id;
        MeasureId = measureId;
        Level = deadline is null ? level : 0;
        Source = source;
        Validity = validity ?? new Interval(null, null);
        Scope = scope;
        Deadline = deadline;
        Description = description;
        Owner = owner;
    }

    /// <summary>Gets the promise's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the identifier of the measure the promise is about.</summary>
    public string MeasureId { get; }

    /// <summary>Gets the committed level, in the measure's unit.</summary>
    /// <value>A finite number; 0 (on time) for deadline promises.</value>
    public double Level { get; }

    /// <summary>Gets where the promise comes from.</summary>
    public PromiseSource Source { get; }

    /// <summary>Gets when the promise holds (start inclusive, end exclusive).</summary>
    /// <value>An interval; unbounded on both sides when none was given.</value>
    public Interval Validity { get; }

    /// <summary>Gets where the promise applies.</summary>
    public Scope Scope { get; }

    /// <summary>Gets the local-time deadline rule of a deadline promise.</summary>
    /// <value>The rule, or <see langword="null"/> when the promise is not a deadline or each outcome carries its own deadline.</value>
    public ZonedDeadline? Deadline { get; }

    /// <summary>Gets the promise's wording, as the customer saw it.</summary>
    /// <value>The wording, or <see langword="null"/>.</value>
    public string? Description { get; }

    /// <summary>
    /// Gets the unit that owns the promise: a path of identifiers separated by '/', parents first. Scorecards count the
    /// promise's outcomes under this owner; when it is <see langword="null"/>, under the owner of each outcome's touchpoint.
    /// </summary>
    /// <value>The owner, or <see langword="null"/> when the model names none for the promise.</value>
    public string? Owner { get; }

    /// <summary>Creates a promise of a duration ("we answer within 48 hours").</summary>
    /// <param name="id">The promise's identifier.</param>
    /// <param name="measureId">The duration measure.</param>
    /// <param name="level">The promised duration.</param>
    /// <param name="source">Where the promise comes from.</param>
    /// <param name="validity">When the promise holds; all time when omitted.</param>
    /// <param name="scope">Where the promise applies; everywhere when omitted.</param>
    /// <param name="description">The promise's wording.</param>
    /// <param name="owner">The unit that owns the promise; when omitted, the owner of the touchpoints it applies to.</param>
    /// <returns>The promise.</returns>
    /// <exception cref="ArgumentException">Thrown when an identifier is invalid, or <paramref name="owner"/> is not a valid owner path.</exception>
    public static Promise OfDuration(string id, string measureId, Duration level, PromiseSource source, Interval? validity = null, Scope scope = default, string? description = null, string? owner = null)
        => new(id, measureId, Measure.ToSeconds(level), source, validity, scope, null, description, owner);

    /// <summary>Determines whether the promise is in force at an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when <paramref name="instant"/> lies in <see cref="Validity"/>.</returns>
    public bool IsInForceAt(Instant instant) => Validity.Contains(instant);

    /// <inheritdoc/>
    public bool Equals(Promise? other)
        => other is not null && Id == other.Id && MeasureId == other.MeasureId && Level.Equals(other.Level)
           && Source == other.Source && Validity == other.Validity && Scope == other.Scope
           && Equals(Deadline, other.Deadline) && Description == other.Description && Owner == other.Owner;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Promise);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, MeasureId, Level, Source, Validity, Scope, Deadline, HashCode.Combine(Description, Owner));

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Id}: {MeasureId} {(Deadline is null ? Level.ToString(CultureInfo.InvariantCulture) : Deadline.ToString())} ({Source}, {Scope})");
}
