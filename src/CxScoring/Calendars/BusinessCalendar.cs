using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace CxScoring.Calendars;

/// <summary>
/// When an organisation works: working hours per day of the week (possibly split, such as 09:00–12:30 and
/// 13:30–17:00) and a list of holidays, read on the wall clock of one time zone. It turns promises written in working
/// days and business hours ("within 4 business hours", "by 17:00 on the next working day") into instants.
/// </summary>
/// <remarks>
/// <para>All arithmetic is done in the calendar's zone with NodaTime, so working hours stay on the wall clock across
/// daylight-saving changes. Working time is the set of instants whose wall-clock reading lies in a working stretch of
/// a working day: on a spring-forward day the skipped wall-clock hour is no working time (09:00–17:00 across a gap
/// holds 7 hours); on a fall-back day a repeated wall-clock hour is working time twice (it holds 9 hours). A stretch
/// start that falls in a gap moves to the first instant after it; a stretch start that occurs twice takes the earlier
/// occurrence and its end the later, and stretches of one day never overlap.</para>
/// <para>Intervals are half-open: a stretch 09:00–17:00 contains 09:00 and not 17:00. A holiday is a whole local date
/// without working time, whatever its day of the week.</para>
/// <para>Create calendars with <see cref="BusinessCalendarBuilder"/> or <see cref="Weekdays(string, DateTimeZone, WorkingHours[])"/>.
/// Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class BusinessCalendar : IEquatable<BusinessCalendar>
{
    /// <summary>The most consecutive days without working time a search walks through before it gives up (about 100 years).</summary>
    internal const int MaxDaysWithoutWork = 36_525;

    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly Instant SafeMin = Instant.MinValue + Duration.FromDays(2);
    private static readonly Instant SafeMax = Instant.MaxValue - Duration.FromDays(2);

    private readonly ImmutableArray<WorkingHours>[] _week;
    private readonly FrozenSet<LocalDate> _holidays;
    private readonly WorkingTimeTable _table;

    internal BusinessCalendar(string id, DateTimeZone zone, ImmutableArray<WorkingHours>[] week, IEnumerable<LocalDate> holidays)
    {
        Id = id;
        Zone = zone;
        _week = week;
        var sorted = holidays.Distinct().Order().ToImmutableArray();
        Holidays = sorted;
        _holidays = sorted.ToFrozenSet();
        _table = new WorkingTimeTable(this);
    }

    /// <summary>Gets the calendar's identifier, by which a model refers to it.</summary>
    public string Id { get; }

    /// <summary>Gets the time zone whose wall clock the working hours and holidays are read on.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the working stretches as instants, per local year, that answer business-time questions without walking the calendar.</summary>
    internal WorkingTimeTable WorkingTime => _table;

    /// <summary>Gets the holidays, in date order, without repeats.</summary>
    public ImmutableArray<LocalDate> Holidays { get; }

    /// <summary>Creates a calendar that works the same hours Monday to Friday and has the given holidays.</summary>
    /// <param name="id">The calendar's identifier.</param>
    /// <param name="zone">The time zone.</param>
    /// <param name="hours">The working hours of each weekday, in order and not overlapping.</param>
    /// <returns>The calendar, without holidays; add them with a <see cref="BusinessCalendarBuilder"/> when needed.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is invalid or the hours are out of order, overlap or are missing.</exception>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="zone"/> or <paramref name="hours"/> is <see langword="null"/>.</exception>
    public static BusinessCalendar Weekdays(string id, DateTimeZone zone, params WorkingHours[] hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return new BusinessCalendarBuilder(id, zone)
            .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], hours)
            .Build();
    }

    /// <summary>Gets the working hours of a day of the week (before holidays are taken into account).</summary>
    /// <param name="day">The day of the week.</param>
    /// <returns>The stretches, in order; empty for a day off.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="day"/> is not a day of the week.</exception>
    public ImmutableArray<WorkingHours> GetHours(IsoDayOfWeek day)
    {
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week.");
        }

        return _week[(int)day - 1];
    }

    /// <summary>Determines whether a local date is a holiday of this calendar.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when the date is in <see cref="Holidays"/>.</returns>
    public bool IsHoliday(LocalDate date) => _holidays.Contains(date);

    /// <summary>Determines whether a local date is a working day: not a holiday, and its day of the week has working hours.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when some working time falls on the date (on the wall clock).</returns>
    public bool IsWorkingDay(LocalDate date) => !_week[(int)date.DayOfWeek - 1].IsEmpty && !_holidays.Contains(date);

    /// <summary>Determines whether an instant is working time.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when <paramref name="instant"/> lies in a working stretch of a working day.</returns>
    public bool IsWorkingTime(Instant instant)
        => _table.TryIsWorkingTime(instant, out var working) ? working : WalkIsWorkingTime(instant);

    /// <summary>Determines whether an instant is working time by computing the stretches of its local date: the reference the year tables reproduce.</summary>
    internal bool WalkIsWorkingTime(Instant instant)
    {
        if (!InSafeRange(instant))
        {
            return false;
        }

        var date = instant.InZone(Zone).Date;
        if (!IsWorkingDay(date))
        {
            return false;
        }

        var previousEnd = Instant.MinValue;
        foreach (var hours in _week[(int)date.DayOfWeek - 1])
        {
            if (TryStretch(date, hours, ref previousEnd, out var start, out var end) && start <= instant && instant < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Measures the working time between two instants.</summary>
    /// <param name="from">The first instant.</param>
    /// <param name="to">The second instant.</param>
    /// <returns>The working time in [<paramref name="from"/>, <paramref name="to"/>); negative (the same amount) when
    /// <paramref name="to"/> is earlier than <paramref name="from"/>, so that the measure is additive:
    /// <c>BusinessDuration(a, b) + BusinessDuration(b, c) == BusinessDuration(a, c)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an instant lies within two days of the ends of NodaTime's range.</exception>
    public Duration BusinessDuration(Instant from, Instant to)
    {
        RequireSafe(from, nameof(from));
        RequireSafe(to, nameof(to));
        if (to < from)
        {
            return -Forward(to, from);
        }

        return Forward(from, to);
    }

    /// <summary>
    /// Adds working time to an instant: the earliest instant by which <paramref name="amount"/> of working time has
    /// passed since <paramref name="start"/> ("within 4 business hours").
    /// </summary>
    /// <param name="start">The instant counting starts (it need not be working time: a request at night starts counting when work starts).</param>
    /// <param name="amount">The working time to add; zero returns <paramref name="start"/>.</param>
    /// <returns>The instant <c>t</c> with <c>BusinessDuration(start, t) == amount</c>, the earliest such; for an amount
    /// greater than zero the instant just before it is working time, so the result never lies inside a non-working period
    /// (it may be the end of a working stretch, such as 17:00).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="amount"/> is negative, or the result lies
    /// outside NodaTime's range or behind more than a century without working time.</exception>
    public Instant AddBusinessTime(Instant start, Duration amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, Duration.Zero);
        RequireSafe(start, nameof(start));
        if (!TryAddBusinessTime(start, amount, out var result))
        {
            ThrowOutOfRange(nameof(amount), $"Adding {amount} of working time of calendar '{Id}' to {start} goes beyond the range of instants or past {MaxDaysWithoutWork} days without working time.");
        }

        return result;
    }

    /// <summary>Adds working time to an instant, unless the result lies outside NodaTime's range.</summary>
    /// <param name="start">The instant counting starts.</param>
    /// <param name="amount">The working time to add, zero or more.</param>
    /// <param name="result">The earliest instant by which <paramref name="amount"/> of working time has passed.</param>
    /// <returns><see langword="true"/> when the result could be computed.</returns>
    public bool TryAddBusinessTime(Instant start, Duration amount, out Instant result)
    {
        result = start;
        if (amount < Duration.Zero || !InSafeRange(start))
        {
            return false;
        }

        if (amount == Duration.Zero)
        {
            return true;
        }

        return _table.TryAdd(start, amount, out result) || WalkTryAddBusinessTime(start, amount, out result);
    }

    /// <summary>
    /// Adds working time by walking the calendar day by day from the start's local date: the reference the year tables
    /// reproduce, and the answer where they do not reach (before 1679, after 2260, past a dozen years of search, or a
    /// zone whose clock goes back across midnight).
    /// </summary>
    internal bool WalkTryAddBusinessTime(Instant start, Duration amount, out Instant result)
    {
        result = start;
        if (amount < Duration.Zero || !InSafeRange(start))
        {
            return false;
        }

        if (amount == Duration.Zero)
        {
            return true;
        }

        var remaining = amount;
        var date = start.InZone(Zone).Date;
        var idle = 0;
        while (idle <= MaxDaysWithoutWork)
        {
            if (!InSafeRange(date))
            {
                return false;
            }

            var worked = false;
            if (IsWorkingDay(date))
            {
                var previousEnd = Instant.MinValue;
                foreach (var hours in _week[(int)date.DayOfWeek - 1])
                {
                    if (!TryStretch(date, hours, ref previousEnd, out var stretchStart, out var stretchEnd) || stretchEnd <= start)
                    {
                        continue;
                    }

                    worked = true;
                    var from = stretchStart > start ? stretchStart : start;
                    var available = stretchEnd - from;
                    if (remaining <= available)
                    {
                        result = from + remaining;
                        return true;
                    }

                    remaining -= available;
                }
            }

            idle = worked ? 0 : idle + 1;
            date = date.PlusDays(1);
        }

        return false;
    }

    /// <summary>Counts working days forward from a date.</summary>
    /// <param name="date">The date counting starts from.</param>
    /// <param name="days">The working days to count: 0 gives <paramref name="date"/> itself when it is a working day, else the
    /// next working day; n &gt; 0 gives the n-th working day after <paramref name="date"/> ("the next working day" is 1).</param>
    /// <returns>The working day reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="days"/> is negative, or the result lies
    /// outside NodaTime's range or behind more than a century without working days.</exception>
    public LocalDate AddWorkingDays(LocalDate date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (!TryAddWorkingDays(date, days, out var result))
        {
            ThrowOutOfRange(nameof(days), string.Create(CultureInfo.InvariantCulture, $"Counting {days} working day(s) of calendar '{Id}' from {date:uuuu'-'MM'-'dd} goes beyond the range of dates or past {MaxDaysWithoutWork} days without a working day."));
        }

        return result;
    }

    /// <summary>
    /// Adds working days to an instant, keeping its wall-clock time of day: a request at 10:30 on a Friday plus one
    /// working day is 10:30 on the Monday (or the Tuesday after a Monday holiday).
    /// </summary>
    /// <param name="start">The instant.</param>
    /// <param name="days">The working days to add, as in <see cref="AddWorkingDays(LocalDate, int)"/>.</param>
    /// <returns>The instant at the same local time on the working day reached; a local time skipped by a daylight-saving
    /// gap moves forward by the gap, a repeated one takes the later occurrence (as <c>ZonedDeadline</c> does).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="days"/> is negative or the result lies outside NodaTime's range.</exception>
    public Instant AddWorkingDays(Instant start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        RequireSafe(start, nameof(start));
        var local = start.InZone(Zone).LocalDateTime;
        var date = AddWorkingDays(local.Date, days);
        return ZoneResolution.LaterOrShiftedForward(Zone, date + local.TimeOfDay);
    }

    /// <summary>Counts working days forward from a date, unless the result lies outside NodaTime's range.</summary>
    /// <param name="date">The date counting starts from.</param>
    /// <param name="days">The working days to count, zero or more.</param>
    /// <param name="result">The working day reached.</param>
    /// <returns><see langword="true"/> when the result could be computed.</returns>
    public bool TryAddWorkingDays(LocalDate date, int days, out LocalDate result)
    {
        result = date;
        if (days < 0)
        {
            return false;
        }

        var remaining = days;
        var idle = 0;
        var current = date;
        if (remaining == 0)
        {
            // The date itself when it is a working day; else the first working day after it.
            while (!IsWorkingDay(current))
            {
                if (++idle > MaxDaysWithoutWork || !InSafeRange(current))
                {
                    return false;
                }

                current = current.PlusDays(1);
            }

            result = current;
            return true;
        }

        while (remaining > 0)
        {
            if (!InSafeRange(current))
            {
                return false;
            }

            current = current.PlusDays(1);
            if (IsWorkingDay(current))
            {
                remaining--;
                idle = 0;
            }
            else if (++idle > MaxDaysWithoutWork)
            {
                return false;
            }
        }

        result = current;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(BusinessCalendar? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Id != other.Id || Zone.Id != other.Zone.Id || !Holidays.SequenceEqual(other.Holidays))
        {
            return false;
        }

        for (var i = 0; i < 7; i++)
        {
            if (!_week[i].SequenceEqual(other._week[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessCalendar);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Zone.Id, Holidays.Length);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Zone.Id}, {Holidays.Length} holiday(s))");

    private Duration Forward(Instant from, Instant to)
        => _table.TryForward(from, to, out var duration) ? duration : WalkForward(from, to);

    /// <summary>Measures working time by walking the calendar day by day: the reference the year tables reproduce.</summary>
    internal Duration WalkForward(Instant from, Instant to)
    {
        var total = Duration.Zero;
        var date = from.InZone(Zone).Date;
        var last = to.InZone(Zone).Date;
        for (; date <= last; date = date.PlusDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var previousEnd = Instant.MinValue;
            foreach (var hours in _week[(int)date.DayOfWeek - 1])
            {
                if (!TryStretch(date, hours, ref previousEnd, out var start, out var end))
                {
                    continue;
                }

                var a = start > from ? start : from;
                var b = end < to ? end : to;
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    /// <summary>The instants of one working stretch of a date; <see langword="false"/> when it holds no time (wholly in a gap or overlapped).</summary>
    internal bool TryStretch(LocalDate date, WorkingHours hours, ref Instant previousEnd, out Instant start, out Instant end)
    {
        start = hours.Start == LocalTime.Midnight
            ? Zone.AtStartOfDay(date).ToInstant()
            : Zone.ResolveLocal(date + hours.Start, StartResolver).ToInstant();
        end = hours.End == LocalTime.Midnight
            ? Zone.AtStartOfDay(date.PlusDays(1)).ToInstant()
            : Zone.ResolveLocal(date + hours.End, EndResolver).ToInstant();
        if (start < previousEnd)
        {
            start = previousEnd;
        }

        if (end <= start)
        {
            return false;
        }

        previousEnd = end;
        return true;
    }

    private static bool InSafeRange(Instant instant) => instant > SafeMin && instant < SafeMax;

    private static bool InSafeRange(LocalDate date)
        => date > LocalDate.MinIsoValue.PlusDays(2) && date < LocalDate.MaxIsoValue.PlusDays(-2);

    private static void RequireSafe(Instant instant, string parameterName)
    {
        if (!InSafeRange(instant))
        {
            ThrowOutOfRange(parameterName, $"The instant {instant} lies within two days of the ends of the range NodaTime holds; business time cannot be computed there.");
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(string parameterName, string message) => throw new ArgumentOutOfRangeException(parameterName, message);
}
