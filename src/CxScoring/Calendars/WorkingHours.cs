using System.Globalization;
using NodaTime;

namespace CxScoring.Calendars;

/// <summary>
/// One stretch of working time within a day, read on the wall clock of a calendar's zone: from <see cref="Start"/>
/// (inclusive) to <see cref="End"/> (exclusive). A day may have several (a split day: 09:00–12:30 and 13:30–17:00).
/// </summary>
/// <remarks>
/// An <see cref="End"/> of 00:00 means midnight at the end of the day (24:00), so <c>00:00–00:00</c> is the whole day.
/// This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct WorkingHours : IEquatable<WorkingHours>
{
    private const long NanosecondsPerDay = NodaConstants.NanosecondsPerDay;

    /// <summary>Initializes a new instance of the <see cref="WorkingHours"/> struct.</summary>
    /// <param name="start">The local time work starts.</param>
    /// <param name="end">The local time work ends; 00:00 means midnight at the end of the day.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="end"/> is not later than <paramref name="start"/>.</exception>
    public WorkingHours(LocalTime start, LocalTime end)
    {
        var endNanoseconds = end == LocalTime.Midnight ? NanosecondsPerDay : end.NanosecondOfDay;
        if (endNanoseconds <= start.NanosecondOfDay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end),
                end,
                string.Create(CultureInfo.InvariantCulture, $"Working hours must end after they start; {start:HH':'mm}–{end:HH':'mm} does not (write 00:00 as the end for midnight at the end of the day)."));
        }

        Start = start;
        End = end;
    }

    /// <summary>Gets the local time work starts.</summary>
    public LocalTime Start { get; }

    /// <summary>Gets the local time work ends (exclusive).</summary>
    /// <value>The end; 00:00 means midnight at the end of the day.</value>
    public LocalTime End { get; }

    /// <summary>Gets the length of the stretch on the wall clock (not counting daylight-saving changes).</summary>
    public Duration WallClockLength => Duration.FromNanoseconds(EndNanosecondOfDay - Start.NanosecondOfDay);

    /// <summary>Gets the end as nanoseconds since the start of the day, up to a whole day for midnight.</summary>
    internal long EndNanosecondOfDay => End == LocalTime.Midnight ? NanosecondsPerDay : End.NanosecondOfDay;

    /// <inheritdoc/>
    public bool Equals(WorkingHours other) => Start == other.Start && End == other.End;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WorkingHours other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Format(Start)}-{(End == LocalTime.Midnight ? "24:00" : Format(End))}");

    /// <summary>Determines whether two stretches are the same.</summary>
    /// <param name="left">The first stretch.</param>
    /// <param name="right">The second stretch.</param>
    /// <returns><see langword="true"/> when start and end are equal.</returns>
    public static bool operator ==(WorkingHours left, WorkingHours right) => left.Equals(right);

    /// <summary>Determines whether two stretches differ.</summary>
    /// <param name="left">The first stretch.</param>
    /// <param name="right">The second stretch.</param>
    /// <returns><see langword="true"/> when start or end differ.</returns>
    public static bool operator !=(WorkingHours left, WorkingHours right) => !left.Equals(right);

    private static string Format(LocalTime time)
        => time.Second == 0 && time.NanosecondOfSecond == 0
            ? time.ToString("HH':'mm", CultureInfo.InvariantCulture)
            : time.ToString("HH':'mm':'ss.FFFFFFFFF", CultureInfo.InvariantCulture);
}
