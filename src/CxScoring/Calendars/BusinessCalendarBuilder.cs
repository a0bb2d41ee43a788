using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace CxScoring.Calendars;

/// <summary>Builds a <see cref="BusinessCalendar"/>: working hours per day of the week, then holidays.</summary>
/// <remarks>
/// Each method checks its arguments as they are added; <see cref="Build"/> yields an immutable calendar. A builder is
/// not thread-safe; the calendars it builds are.
/// </remarks>
public sealed class BusinessCalendarBuilder
{
    private readonly ImmutableArray<WorkingHours>[] _week = [.. Enumerable.Repeat(ImmutableArray<WorkingHours>.Empty, 7)];
    private readonly List<LocalDate> _holidays = [];

    /// <summary>Initializes a new instance of the <see cref="BusinessCalendarBuilder"/> class, with no working hours yet.</summary>
    /// <param name="id">The calendar's identifier: 1 to 128 characters without white space or control characters.</param>
    /// <param name="zone">The time zone whose wall clock the hours and holidays are read on.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is empty, too long or has white space or control characters.</exception>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="zone"/> is <see langword="null"/>.</exception>
    public BusinessCalendarBuilder(string id, DateTimeZone zone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(zone);
        if (id.Length > 128 || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"A calendar identifier has 1 to 128 characters without white space or control characters; got '{id}'.", nameof(id));
        }

        Id = id;
        Zone = zone;
    }

    /// <summary>Gets the identifier of the calendar being built.</summary>
    public string Id { get; }

    /// <summary>Gets the time zone of the calendar being built.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Sets the working hours of one day of the week, replacing any set before.</summary>
    /// <param name="day">The day of the week.</param>
    /// <param name="hours">The stretches, in order and not overlapping; none makes the day a day off.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="day"/> is not a day of the week.</exception>
    /// <exception cref="ArgumentException">Thrown when the stretches are out of order or overlap.</exception>
    public BusinessCalendarBuilder SetHours(IsoDayOfWeek day, params WorkingHours[] hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week.");
        }

        for (var i = 1; i < hours.Length; i++)
        {
            if (hours[i].Start.NanosecondOfDay < hours[i - 1].EndNanosecondOfDay)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Calendar '{Id}', {day}: working hours must be in order and must not overlap; {hours[i]} starts before {hours[i - 1]} ends."),
                    nameof(hours));
            }
        }

        _week[(int)day - 1] = [.. hours];
        return this;
    }

    /// <summary>Sets the same working hours on several days of the week.</summary>
    /// <param name="days">The days of the week.</param>
    /// <param name="hours">The stretches, in order and not overlapping.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a day is not a day of the week.</exception>
    /// <exception cref="ArgumentException">Thrown when the stretches are out of order or overlap.</exception>
    public BusinessCalendarBuilder SetHours(IEnumerable<IsoDayOfWeek> days, params WorkingHours[] hours)
    {
        ArgumentNullException.ThrowIfNull(days);
        foreach (var day in days)
        {
            SetHours(day, hours);
        }

        return this;
    }

    /// <summary>Adds a holiday: a local date without working time. Adding a date twice is harmless.</summary>
    /// <param name="date">The date.</param>
    /// <returns>This builder.</returns>
    public BusinessCalendarBuilder AddHoliday(LocalDate date)
    {
        _holidays.Add(date);
        return this;
    }

    /// <summary>Adds holidays.</summary>
    /// <param name="dates">The dates.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dates"/> is <see langword="null"/>.</exception>
    public BusinessCalendarBuilder AddHolidays(IEnumerable<LocalDate> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        _holidays.AddRange(dates);
        return this;
    }

    /// <summary>Builds the calendar.</summary>
    /// <returns>An immutable calendar.</returns>
    /// <exception cref="InvalidOperationException">Thrown when no day of the week has working hours.</exception>
    public BusinessCalendar Build()
    {
        if (_week.All(d => d.IsEmpty))
        {
            throw new InvalidOperationException($"Calendar '{Id}' has no working hours on any day of the week; set them with SetHours.");
        }

        return new BusinessCalendar(Id, Zone, [.. _week], _holidays);
    }
}
