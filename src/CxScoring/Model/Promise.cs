using System.Globalization;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// What the organisation committed to for a measure: a level ("≤ 48 h", "bill is accurate"), the interval in
/// which the commitment holds, where it comes from and where it applies. For a <see cref="MeasureKind.Deadline"/>
/// measure the level is the deadline itself (lateness 0), given by <see cref="Deadline"/> or by each outcome.
/// </summary>
/// <remarks>
/// A promise may be stated in calendar terms instead of a fixed level: a local-time <see cref="Deadline"/> (possibly in
/// working days of a business calendar) or working time <see cref="Within"/> a business calendar. On a deadline measure
/// the rule gives the deadline of each outcome; on a duration measure it gives each outcome's promised duration, the
/// time from the request to the rule's deadline ("within 5 working days" is 7 calendar days over a weekend and more
/// over a bank holiday). Such promises vary per outcome and are scored on the plan's general path.
/// Instances are immutable and safe to share between threads.
/// </remarks>
/// <seealso cref="BusinessTimeLimit"/>
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
    /// <param name="within">For deadline and duration measures, working time of a business calendar within which delivery is promised; <see langword="null"/> otherwise.</param>
    /// <exception cref="ArgumentException">Thrown when an identifier is invalid, <paramref name="owner"/> is not a valid owner path, or both <paramref name="deadline"/> and <paramref name="within"/> are given.</exception>
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
        string? owner = null,
        BusinessTimeLimit? within = null)
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

        if (deadline is not null && within is not null)
        {
            throw new ArgumentException($"Promise '{id}': give either a local-time deadline or a business-time limit, not both.", nameof(within));
        }

        Id = id;
        MeasureId = measureId;
        Level = deadline is null && within is null ? level : 0;
        Source = source;
        Validity = validity ?? new Interval(null, null);
        Scope = scope;
        Deadline = deadline;
        Description = description;
        Owner = owner;
        Within = within;
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

    /// <summary>Gets the working time of a business calendar within which delivery is promised ("within 4 business hours").</summary>
    /// <value>The limit, or <see langword="null"/>.</value>
    public BusinessTimeLimit? Within { get; }

    /// <summary>Gets a value indicating whether the promise is stated by a rule (<see cref="Deadline"/> or <see cref="Within"/>) that gives each request its own deadline.</summary>
    internal bool HasDueRule => Deadline is not null || Within is not null;

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

    /// <summary>Creates a promise of working time of a business calendar ("we answer within 4 business hours").</summary>
    /// <param name="id">The promise's identifier.</param>
    /// <param name="measureId">The duration or deadline measure.</param>
    /// <param name="within">The working time and its calendar.</param>
    /// <param name="source">Where the promise comes from.</param>
    /// <param name="validity">When the promise holds; all time when omitted.</param>
    /// <param name="scope">Where the promise applies; everywhere when omitted.</param>
    /// <param name="description">The promise's wording.</param>
    /// <param name="owner">The unit that owns the promise; when omitted, the owner of the touchpoints it applies to.</param>
    /// <returns>The promise.</returns>
    /// <exception cref="ArgumentException">Thrown when an identifier or <paramref name="owner"/> is invalid.</exception>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="within"/> is <see langword="null"/>.</exception>
    public static Promise OfBusinessTime(string id, string measureId, BusinessTimeLimit within, PromiseSource source, Interval? validity = null, Scope scope = default, string? description = null, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(within);
        return new(id, measureId, 0, source, validity, scope, null, description, owner, within);
    }

    /// <summary>
    /// Finds the deadline the promise's rule sets for a request: <see cref="Deadline"/> or <see cref="Within"/>.
    /// </summary>
    /// <param name="requestedAt">When the request was made.</param>
    /// <param name="due">The deadline.</param>
    /// <returns><see langword="false"/> when the promise has no rule or the deadline lies outside the range of instants.</returns>
    internal bool TryDueFor(Instant requestedAt, out Instant due)
    {
        if (Deadline is { } deadline)
        {
            return deadline.TryDeadlineFor(requestedAt, out due);
        }

        if (Within is { } within)
        {
            return within.TryDeadlineFor(requestedAt, out due);
        }

        due = default;
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(Promise? other)
        => other is not null && Id == other.Id && MeasureId == other.MeasureId && Level.Equals(other.Level)
           && Source == other.Source && Validity == other.Validity && Scope == other.Scope
           && Equals(Deadline, other.Deadline) && Description == other.Description && Owner == other.Owner && Equals(Within, other.Within);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Promise);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, MeasureId, Level, Source, Validity, Scope, Deadline ?? (object?)Within, HashCode.Combine(Description, Owner));

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Id}: {MeasureId} {(Deadline?.ToString() ?? Within?.ToString() ?? Level.ToString(CultureInfo.InvariantCulture))} ({Source}, {Scope})");
}
