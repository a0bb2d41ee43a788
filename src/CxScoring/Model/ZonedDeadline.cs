using System.Diagnostics;
using System.Globalization;
using CxScoring.Calendars;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// A deadline stated in local time, such as "by 17:00 local time the next day": a time of day in a time zone,
/// a number of days after the local date of a reference instant (the request). With a <see cref="BusinessCalendar"/>
/// the days are working days: "by 17:00 on the next working day", "by 17:00 on the fifth working day".
/// </summary>
/// <remarks>
/// <para>The deadline is computed in the zone, so it stays at 17:00 on the wall clock across daylight-saving
/// changes. A local time that does not exist (skipped by a spring-forward gap) moves forward by the length of the
/// gap; a local time that occurs twice (in a fall-back overlap) resolves to the <em>later</em> occurrence, the
/// reading that gives the customer the promised wall-clock time in full.</para>
/// <para>This type is immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class ZonedDeadline : IEquatable<ZonedDeadline>
{
    /// <summary>Initializes a new instance of the <see cref="ZonedDeadline"/> class.</summary>
    /// <param name="timeOfDay">The local time of day by which delivery is promised.</param>
    /// <param name="zone">The time zone the local time is read in.</param>
    /// <param name="daysAfter">Days after the reference's local date (0 = same day), from 0 to 366.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="daysAfter"/> is outside 0..366.</exception>
    public ZonedDeadline(LocalTime timeOfDay, DateTimeZone zone, int daysAfter = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(daysAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysAfter, 366);
        TimeOfDay = timeOfDay;
        Zone = zone;
        DaysAfter = daysAfter;
    }

    private ZonedDeadline(LocalTime timeOfDay, BusinessCalendar calendar, int workingDaysAfter, bool counted)
        : this(timeOfDay, calendar.Zone, workingDaysAfter)
    {
        Debug.Assert(counted, "Only the working-day factory uses this constructor.");
        Calendar = calendar;
    }

    /// <summary>Creates a deadline that counts working days of a business calendar: "by 17:00 on the next working day".</summary>
    /// <param name="timeOfDay">The local time of day by which delivery is promised.</param>
    /// <param name="calendar">The business calendar; its zone is the deadline's zone.</param>
    /// <param name="workingDaysAfter">Working days after the reference's local date, from 0 to 366: 0 is that date when it is a
    /// working day, else the next working day; 1 is the next working day after it (see <see cref="BusinessCalendar.AddWorkingDays(LocalDate, int)"/>).</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="calendar"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="workingDaysAfter"/> is outside 0..366.</exception>
    /// <returns>The deadline rule.</returns>
    public static ZonedDeadline OnWorkingDay(LocalTime timeOfDay, BusinessCalendar calendar, int workingDaysAfter)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(workingDaysAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDaysAfter, 366);
        return new ZonedDeadline(timeOfDay, calendar, workingDaysAfter, counted: true);
    }

    /// <summary>Gets the business calendar whose working days <see cref="DaysAfter"/> counts.</summary>
    /// <value>The calendar, or <see langword="null"/> when <see cref="DaysAfter"/> counts calendar days.</value>
    public BusinessCalendar? Calendar { get; }

    /// <summary>Gets the local time of day of the deadline.</summary>
    public LocalTime TimeOfDay { get; }

    /// <summary>Gets the time zone the deadline is read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the number of days after the reference's local date (working days when <see cref="Calendar"/> is set).</summary>
    public int DaysAfter { get; }

    /// <summary>Computes the deadline for a request made at <paramref name="reference"/>.</summary>
    /// <param name="reference">The instant of the request (an order, a question).</param>
    /// <returns>The instant of the deadline.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the deadline lies outside the range of
    /// <see cref="Instant"/> (a reference within <see cref="DaysAfter"/> days of the year 9999 ending, or at
    /// the very start of time); use <see cref="TryDeadlineFor(Instant, out Instant)"/> to test for this.</exception>
    public Instant DeadlineFor(Instant reference)
    {
        if (!TryDeadlineFor(reference, out var deadline))
        {
            throw new ArgumentOutOfRangeException(
                nameof(reference),
                reference,
                $"The deadline '{this}' for a request at {reference} lies outside the range of instants NodaTime can hold (years -9998 to 9999).");
        }

        return deadline;
    }

    /// <summary>Computes the deadline for a request made at <paramref name="reference"/>, unless it lies outside the range of <see cref="Instant"/>.</summary>
    /// <param name="reference">The instant of the request (an order, a question).</param>
    /// <param name="deadline">The instant of the deadline, when it could be computed.</param>
    /// <returns><see langword="true"/> when the deadline could be computed; <see langword="false"/> when it (or the
    /// reference's local date) lies outside the range NodaTime holds, near the start or the end of time.</returns>
    public bool TryDeadlineFor(Instant reference, out Instant deadline)
    {
        deadline = default;

        // Whole days of margin at both ends: the local date in the zone, the days after it and the resolved local
        // time (offsets under a day) then all stay inside NodaTime's range, so nothing below can throw.
        var limit = Duration.FromDays(DaysAfter + 2);
        if (reference < Instant.MinValue + limit || reference > Instant.MaxValue - limit)
        {
            return false;
        }

        var date = reference.InZone(Zone).Date;
        if (Calendar is null)
        {
            date = date.PlusDays(DaysAfter);
        }
        else if (!Calendar.TryAddWorkingDays(date, DaysAfter, out date))
        {
            return false;
        }

        deadline = ZoneResolution.LaterOrShiftedForward(Zone, date + TimeOfDay);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(ZonedDeadline? other)
        => other is not null && TimeOfDay == other.TimeOfDay && Zone.Id == other.Zone.Id && DaysAfter == other.DaysAfter
           && Equals(Calendar, other.Calendar);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ZonedDeadline);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TimeOfDay, Zone.Id, DaysAfter);

    /// <inheritdoc/>
    public override string ToString()
        => Calendar is null
            ? string.Create(CultureInfo.InvariantCulture, $"by {TimeOfDay:HH':'mm} {Zone.Id}, {DaysAfter} day(s) after the request")
            : string.Create(CultureInfo.InvariantCulture, $"by {TimeOfDay:HH':'mm} {Zone.Id}, {DaysAfter} working day(s) of calendar '{Calendar.Id}' after the request");
}
