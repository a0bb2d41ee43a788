using System.Globalization;
using CxScoring.Calendars;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// One bound of a zone of tolerance, stated absolutely (adequate = 72 h), relative to the promise, as the customer's
/// reading of it (adequate = promised + 2 h), or, for a duration measure, by a calendar rule in working time
/// ("customers accept 5 working days, hope for 2": <see cref="InBusinessTime(BusinessTimeLimit)"/>,
/// <see cref="ByDeadline(ZonedDeadline)"/>) that gives each request its own level.
/// </summary>
/// <remarks>
/// A level stated by a calendar rule resolves per outcome, from its request instant, exactly as a promise stated in
/// working time does: the level is the clock time from the request to the rule's deadline.
/// This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct ExpectationLevel : IEquatable<ExpectationLevel>
{
    // A BusinessTimeLimit or a ZonedDeadline for a level stated by a calendar rule; null otherwise.
    private readonly object? _rule;

    private ExpectationLevel(object rule)
    {
        _rule = rule;
    }

    private ExpectationLevel(double value, bool isRelative)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An expectation level must be a finite number.");
        }

        Value = value;
        IsRelativeToPromise = isRelative;
    }

    /// <summary>Gets the level (absolute) or the offset from the promised level (relative), in the measure's unit.</summary>
    public double Value { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> is an offset from the promised level.</summary>
    public bool IsRelativeToPromise { get; }

    /// <summary>Gets the working time of a business calendar that states the level ("within 16 business hours" of the request).</summary>
    /// <value>The limit, or <see langword="null"/> when the level is not stated in business time.</value>
    public BusinessTimeLimit? Within => _rule as BusinessTimeLimit;

    /// <summary>Gets the local-time deadline, usually counted in working days of a business calendar, that states the level ("by 17:00 on the second working day").</summary>
    /// <value>The rule, or <see langword="null"/> when the level is not stated by a deadline.</value>
    public ZonedDeadline? Deadline => _rule as ZonedDeadline;

    /// <summary>
    /// Gets a value indicating whether the level is stated by a calendar rule (<see cref="Within"/> or
    /// <see cref="Deadline"/>), which gives each request its own level; <see cref="Value"/> is then 0.
    /// </summary>
    public bool IsCalendarRule => _rule is not null;

    /// <summary>Creates a level of a duration measure stated in working time of a business calendar: "customers accept 16 business hours".</summary>
    /// <param name="within">The working time and its calendar.</param>
    /// <returns>The level: for each request, the clock time from the request to the instant by which that much working time has passed.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="within"/> is <see langword="null"/>.</exception>
    public static ExpectationLevel InBusinessTime(BusinessTimeLimit within)
    {
        ArgumentNullException.ThrowIfNull(within);
        return new(within);
    }

    /// <summary>
    /// Creates a level of a duration measure stated by a local-time deadline, usually in working days
    /// (<see cref="ZonedDeadline.OnWorkingDay(LocalTime, BusinessCalendar, int)"/>): "customers accept 5 working days, hope for 2".
    /// </summary>
    /// <param name="deadline">The deadline rule.</param>
    /// <returns>The level: for each request, the clock time from the request to the rule's deadline.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="deadline"/> is <see langword="null"/>.</exception>
    public static ExpectationLevel ByDeadline(ZonedDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return new(deadline);
    }

    /// <summary>Creates an absolute level.</summary>
    /// <param name="value">The level, in the measure's unit.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="value"/> is not finite.</exception>
    public static ExpectationLevel Absolute(double value) => new(value, false);

    /// <summary>Creates an absolute level for a time measure.</summary>
    /// <param name="value">The level.</param>
    /// <returns>The level.</returns>
    public static ExpectationLevel Absolute(Duration value) => new(Measure.ToSeconds(value), false);

    /// <summary>Creates a level relative to the promised level.</summary>
    /// <param name="offset">The offset added to the promised level, in the measure's unit (0 = exactly as promised).</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="offset"/> is not finite.</exception>
    public static ExpectationLevel RelativeToPromise(double offset) => new(offset, true);

    /// <summary>Creates a level relative to the promised level of a time measure.</summary>
    /// <param name="offset">The offset added to the promised level (for example two hours later than promised).</param>
    /// <returns>The level.</returns>
    public static ExpectationLevel RelativeToPromise(Duration offset) => new(Measure.ToSeconds(offset), true);

    /// <summary>Gets the level exactly as promised (a relative level with offset 0).</summary>
    public static ExpectationLevel AsPromised => new(0, true);

    /// <summary>Resolves the level against a promised level.</summary>
    /// <param name="promised">The promised level, in the measure's unit.</param>
    /// <returns>The absolute level.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the level is stated by a calendar rule (<see cref="IsCalendarRule"/>), which needs the request instant: use <see cref="Resolve(double, Instant)"/>.</exception>
    public double Resolve(double promised)
    {
        if (_rule is not null)
        {
            throw new InvalidOperationException($"The expectation level '{this}' is stated by a calendar rule and resolves per request; call Resolve(promised, requestedAt).");
        }

        return IsRelativeToPromise ? promised + Value : Value;
    }

    /// <summary>Resolves the level of one request against a promised level.</summary>
    /// <param name="promised">The promised level, in the measure's unit.</param>
    /// <param name="requestedAt">When the customer asked; used only by a level stated by a calendar rule.</param>
    /// <returns>The absolute level: for a calendar rule, the seconds from <paramref name="requestedAt"/> to the rule's deadline.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the rule's deadline lies outside the range of <see cref="Instant"/>.</exception>
    public double Resolve(double promised, Instant requestedAt)
    {
        if (!TryResolve(promised, requestedAt, out var level))
        {
            throw new ArgumentOutOfRangeException(nameof(requestedAt), requestedAt, $"The deadline of expectation level '{this}' for a request at {requestedAt} lies outside the range of instants.");
        }

        return level;
    }

    /// <summary>Resolves the level of one request; <see langword="false"/> when the rule's deadline lies outside the range of instants.</summary>
    internal bool TryResolve(double promised, Instant requestedAt, out double level)
    {
        switch (_rule)
        {
            case null:
                level = IsRelativeToPromise ? promised + Value : Value;
                return true;
            case BusinessTimeLimit within when within.TryDeadlineFor(requestedAt, out var due):
                level = Measure.ToSeconds(due - requestedAt);
                return true;
            case ZonedDeadline deadline when deadline.TryDeadlineFor(requestedAt, out var due):
                level = Measure.ToSeconds(due - requestedAt);
                return true;
            default:
                level = 0;
                return false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(ExpectationLevel other)
        => Value.Equals(other.Value) && IsRelativeToPromise == other.IsRelativeToPromise && Equals(_rule, other._rule);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ExpectationLevel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, IsRelativeToPromise, _rule);

    /// <inheritdoc/>
    public override string ToString()
        => _rule is not null
            ? _rule.ToString()!
            : IsRelativeToPromise
                ? string.Create(CultureInfo.InvariantCulture, $"promised {(Value < 0 ? "-" : "+")} {Math.Abs(Value)}")
                : Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Determines whether two levels are the same.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when both value and kind are equal.</returns>
    public static bool operator ==(ExpectationLevel left, ExpectationLevel right) => left.Equals(right);

    /// <summary>Determines whether two levels differ.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when value or kind differ.</returns>
    public static bool operator !=(ExpectationLevel left, ExpectationLevel right) => !left.Equals(right);
}
