using System.Globalization;
using CxScoring.Calendars;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// A promise stated in working time of a business calendar: "within 4 business hours", "within 16 working hours".
/// The deadline of a request is the instant by which that much working time has passed since it
/// (<see cref="BusinessCalendar.AddBusinessTime(Instant, Duration)"/>).
/// </summary>
/// <remarks>This type is immutable and safe to use from any number of threads.</remarks>
public sealed class BusinessTimeLimit : IEquatable<BusinessTimeLimit>
{
    /// <summary>Initializes a new instance of the <see cref="BusinessTimeLimit"/> class.</summary>
    /// <param name="amount">The working time promised, greater than zero.</param>
    /// <param name="calendar">The business calendar whose working time is counted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="calendar"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="amount"/> is not greater than zero.</exception>
    public BusinessTimeLimit(Duration amount, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(amount, Duration.Zero);
        Amount = amount;
        Calendar = calendar;
    }

    /// <summary>Gets the working time promised.</summary>
    public Duration Amount { get; }

    /// <summary>Gets the business calendar whose working time is counted.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>Computes the deadline for a request made at <paramref name="reference"/>, unless it lies outside the range of <see cref="Instant"/>.</summary>
    /// <param name="reference">The instant of the request.</param>
    /// <param name="deadline">The earliest instant by which <see cref="Amount"/> of working time has passed since <paramref name="reference"/>.</param>
    /// <returns><see langword="true"/> when the deadline could be computed.</returns>
    public bool TryDeadlineFor(Instant reference, out Instant deadline) => Calendar.TryAddBusinessTime(reference, Amount, out deadline);

    /// <summary>Computes the deadline for a request made at <paramref name="reference"/>.</summary>
    /// <param name="reference">The instant of the request.</param>
    /// <returns>The earliest instant by which <see cref="Amount"/> of working time has passed since <paramref name="reference"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the deadline lies outside the range of <see cref="Instant"/>.</exception>
    public Instant DeadlineFor(Instant reference) => Calendar.AddBusinessTime(reference, Amount);

    /// <inheritdoc/>
    public bool Equals(BusinessTimeLimit? other) => other is not null && Amount == other.Amount && Calendar.Equals(other.Calendar);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessTimeLimit);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Amount, Calendar);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"within {Amount} of working time of calendar '{Calendar.Id}'");
}
