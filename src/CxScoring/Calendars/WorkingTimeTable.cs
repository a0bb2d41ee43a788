using System.Diagnostics;
using System.Runtime.CompilerServices;
using NodaTime;

namespace CxScoring.Calendars;

/// <summary>
/// A calendar's working stretches as instants, one table per local year, with the working time before each stretch:
/// business time becomes two binary searches instead of a walk through the calendar day by day, and allocates nothing.
/// </summary>
/// <remarks>
/// <para>Each year's table is built on first use from the same stretches the day-by-day walk computes
/// (<see cref="BusinessCalendar.TryStretch"/>), then published with a compare-and-swap: threads that race build the
/// same table and one copy wins, so readers take no lock. Instants are nanoseconds since the Unix epoch, which covers
/// the local years <see cref="MinYear"/> to <see cref="MaxYear"/>; outside them, or past <see cref="MaxYearsAhead"/>
/// years of search, the calendar walks as before.</para>
/// <para>A table answers only while the zone's local date never moves backwards (no daylight-saving change turns the
/// clock back across midnight) within its year and two days either side. Then the stretches of all days, in date
/// order, are sorted and never overlap, and a stretch of a date before (after) an instant's local date ends at or
/// before (starts at or after) it, so that the sums over stretches below equal the walk's sums over the dates it
/// visits. A year without that property is marked <see cref="YearTable.Regular"/> <see langword="false"/> and its
/// questions go to the walk.</para>
/// </remarks>
internal sealed class WorkingTimeTable
{
    /// <summary>The first local year with a table: its instants, with a year of margin, fit in nanoseconds since 1970 as a <see cref="long"/>.</summary>
    internal const int MinYear = 1679;

    /// <summary>The last local year with a table.</summary>
    internal const int MaxYear = 2260;

    /// <summary>The most years a search for a deadline reads before it leaves the question to the walk.</summary>
    internal const int MaxYearsAhead = 12;

    private const long NanosecondsPerDay = NodaConstants.NanosecondsPerDay;

    /// <summary>Days since 1970-01-01 of 1 January of each year from <see cref="MinYear"/> − 2 to <see cref="MaxYear"/> + 3.</summary>
    private static readonly int[] YearStartDays = BuildYearStartDays();

    private static readonly Instant Low = NodaConstants.UnixEpoch.PlusNanoseconds(((long)YearStartDays[2] + 1) * NanosecondsPerDay);
    private static readonly Instant High = NodaConstants.UnixEpoch.PlusNanoseconds(((long)YearStartDays[^2] - 1) * NanosecondsPerDay);

    private readonly BusinessCalendar _calendar;
    private readonly YearTable?[] _years = new YearTable?[MaxYear - MinYear + 1];

    internal WorkingTimeTable(BusinessCalendar calendar)
    {
        _calendar = calendar;
    }

    /// <summary>Measures the working time in [<paramref name="from"/>, <paramref name="to"/>), with <paramref name="from"/> ≤ <paramref name="to"/>.</summary>
    /// <returns><see langword="false"/> when the tables cannot answer (the walk must).</returns>
    internal bool TryForward(Instant from, Instant to, out Duration duration)
    {
        Debug.Assert(from <= to, "Forward measures from the earlier instant.");
        duration = Duration.Zero;
        if (!TryNanoseconds(from, out var f) || !TryNanoseconds(to, out var t))
        {
            return false;
        }

        var first = UtcYear(f) - 1;
        var last = UtcYear(t) + 1;
        if (first < MinYear || last > MaxYear || last - first > 2 * MaxYearsAhead)
        {
            return false;
        }

        long total = 0;
        for (var year = first; year <= last; year++)
        {
            var table = Year(year);
            if (!table.Regular)
            {
                return false;
            }

            // A year wholly before the span adds its total twice over (nothing), one wholly after it adds nothing.
            if (table.EndsBy(f) || table.StartsFrom(t))
            {
                continue;
            }

            total += table.WorkBefore(t) - table.WorkBefore(f);
        }

        duration = Duration.FromNanoseconds(total);
        return true;
    }

    /// <summary>Finds the earliest instant by which <paramref name="amount"/> (greater than zero) of working time has passed since <paramref name="start"/>.</summary>
    /// <returns><see langword="false"/> when the tables cannot answer (the walk must).</returns>
    internal bool TryAdd(Instant start, Duration amount, out Instant result)
    {
        Debug.Assert(amount > Duration.Zero, "Zero is answered by the caller.");
        result = start;
        if (!TryNanoseconds(start, out var from) || amount > Duration.FromDays(366 * MaxYearsAhead))
        {
            return false;
        }

        var need = amount.ToInt64Nanoseconds();
        var first = UtcYear(from) - 1;
        if (first < MinYear)
        {
            return false;
        }

        var last = Math.Min(MaxYear, first + MaxYearsAhead);
        for (var year = first; year <= last; year++)
        {
            var table = Year(year);
            if (!table.Regular)
            {
                return false;
            }

            if (table.EndsBy(from))
            {
                continue;
            }

            var count = table.Starts.Length;
            var k = table.FirstEndingAfter(from);

            // Working time of this year's stretches before the start, then the stretch where the amount runs out: the
            // first whose cumulative end reaches the target (an amount that ends exactly at a stretch's end stops there).
            var target = table.Before[k] + Math.Max(0, from - table.Starts[k]) + need;
            if (target <= table.Before[count])
            {
                var j = table.LastStartingBefore(target, k);
                result = NodaConstants.UnixEpoch.PlusNanoseconds(table.Starts[j] + (target - table.Before[j]));
                return true;
            }

            need = target - table.Before[count];
            from = table.Ends[count - 1];
        }

        return false;
    }

    /// <summary>Determines whether an instant lies in a working stretch.</summary>
    /// <returns><see langword="false"/> when the tables cannot answer (the walk must).</returns>
    internal bool TryIsWorkingTime(Instant instant, out bool working)
    {
        working = false;
        if (!TryNanoseconds(instant, out var x))
        {
            return false;
        }

        var year = UtcYear(x);
        if (year - 1 < MinYear || year + 1 > MaxYear)
        {
            return false;
        }

        for (var y = year - 1; y <= year + 1; y++)
        {
            var table = Year(y);
            if (!table.Regular)
            {
                return false;
            }

            if (table.EndsBy(x) || table.StartsFrom(x + 1))
            {
                continue;
            }

            var k = table.FirstEndingAfter(x);
            if (k < table.Starts.Length && table.Starts[k] <= x)
            {
                working = true;
            }
        }

        return true;
    }

    /// <summary>Determines whether the table of a local year may answer: the zone's local date never goes backwards in it.</summary>
    /// <param name="year">A year from <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
    internal bool IsRegular(int year) => Year(year).Regular;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryNanoseconds(Instant instant, out long nanoseconds)
    {
        if (instant < Low || instant > High)
        {
            nanoseconds = 0;
            return false;
        }

        nanoseconds = (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
        return true;
    }

    /// <summary>The UTC year of an instant in nanoseconds since 1970 (between <see cref="MinYear"/> − 1 and <see cref="MaxYear"/> + 1).</summary>
    private static int UtcYear(long nanoseconds)
    {
        var days = nanoseconds / NanosecondsPerDay;
        if (nanoseconds % NanosecondsPerDay < 0)
        {
            days--;
        }

        // 146,097 days in 400 Gregorian years; the estimate is off by at most one year either way.
        var index = (int)(days * 400 / 146_097) + 1970 - (MinYear - 2);
        index = Math.Clamp(index, 0, YearStartDays.Length - 2);
        while (index > 0 && days < YearStartDays[index])
        {
            index--;
        }

        while (index < YearStartDays.Length - 2 && days >= YearStartDays[index + 1])
        {
            index++;
        }

        return index + MinYear - 2;
    }

    private static int[] BuildYearStartDays()
    {
        var days = new int[MaxYear - MinYear + 6];
        for (var i = 0; i < days.Length; i++)
        {
            days[i] = (int)Math.Round((new LocalDate(MinYear - 2 + i, 1, 1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - NodaConstants.UnixEpoch).TotalDays);
        }

        return days;
    }

    private YearTable Year(int year)
    {
        ref var slot = ref _years[year - MinYear];
        var table = Volatile.Read(ref slot);
        if (table is not null)
        {
            return table;
        }

        var built = Build(year);
        return Interlocked.CompareExchange(ref slot, built, null) ?? built;
    }

    private YearTable Build(int year)
    {
        var zone = _calendar.Zone;
        var starts = new List<long>(300);
        var ends = new List<long>(300);
        var regular = true;
        var previousEnd = long.MinValue;
        for (var date = new LocalDate(year, 1, 1); date.Year == year; date = date.PlusDays(1))
        {
            if (!_calendar.IsWorkingDay(date))
            {
                continue;
            }

            var dayEnd = Instant.MinValue;
            foreach (var hours in _calendar.GetHours(date.DayOfWeek))
            {
                if (!_calendar.TryStretch(date, hours, ref dayEnd, out var start, out var end))
                {
                    continue;
                }

                var s = (start - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
                var e = (end - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
                regular &= s >= previousEnd && e > s;
                starts.Add(s);
                ends.Add(e);
                previousEnd = e;
            }
        }

        // The local date must never go backwards: a change that turns the clock back across midnight would let a
        // stretch of one date overlap the next, and the walk, which visits dates, would count differently.
        var margin = Duration.FromDays(2);
        var span = new Interval(zone.AtStartOfDay(new LocalDate(year, 1, 1)).ToInstant() - margin, zone.AtStartOfDay(new LocalDate(year + 1, 1, 1)).ToInstant() + margin);
        foreach (var interval in zone.GetZoneIntervals(span))
        {
            if (interval.HasStart && interval.Start > span.Start
                && (interval.Start - Duration.Epsilon).InZone(zone).Date > interval.Start.InZone(zone).Date)
            {
                regular = false;
            }
        }

        var before = new long[starts.Count + 1];
        for (var i = 0; i < starts.Count; i++)
        {
            before[i + 1] = before[i] + (ends[i] - starts[i]);
        }

        return new YearTable([.. starts], [.. ends], before, regular);
    }

    /// <summary>
    /// The working stretches of one local year, in nanoseconds since 1970, the working time before each, and for each
    /// UTC day the table spans the first stretch that ends after its start, so that finding an instant's stretch is a
    /// look-up and a step or two instead of a binary search.
    /// </summary>
    private sealed class YearTable
    {
        private readonly long _firstDay;
        private readonly int[] _firstEndingAfterDay;

        internal YearTable(long[] starts, long[] ends, long[] before, bool regular)
        {
            Starts = starts;
            Ends = ends;
            Before = before;
            Regular = regular;
            if (starts.Length == 0)
            {
                _firstEndingAfterDay = [];
                return;
            }

            _firstDay = FloorDay(starts[0]);
            var days = (int)(FloorDay(ends[^1]) - _firstDay + 1);
            _firstEndingAfterDay = new int[days];
            var k = 0;
            for (var d = 0; d < days; d++)
            {
                var dayStart = (_firstDay + d) * NanosecondsPerDay;
                while (k < ends.Length && ends[k] <= dayStart)
                {
                    k++;
                }

                _firstEndingAfterDay[d] = k;
            }
        }

        /// <summary>Gets the stretches' starts, in order.</summary>
        internal long[] Starts { get; }

        /// <summary>Gets the stretches' ends (exclusive), in order.</summary>
        internal long[] Ends { get; }

        /// <summary>Gets the working time before each stretch; the last element is the year's total.</summary>
        internal long[] Before { get; }

        /// <summary>Gets a value indicating whether the local date never goes backwards in the year, so the table may answer.</summary>
        internal bool Regular { get; }

        /// <summary>Determines whether every stretch ends at or before <paramref name="x"/> (also when there is none).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool EndsBy(long x) => Ends.Length == 0 || Ends[^1] <= x;

        /// <summary>Determines whether every stretch starts at or after <paramref name="x"/> (also when there is none).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool StartsFrom(long x) => Starts.Length == 0 || Starts[0] >= x;

        /// <summary>The index of the first stretch that ends after <paramref name="x"/>, or the count when none does.</summary>
        internal int FirstEndingAfter(long x)
        {
            var ends = Ends;
            if (ends.Length == 0 || x < ends[0])
            {
                return 0;
            }

            if (x >= ends[^1])
            {
                return ends.Length;
            }

            // ends[0] <= x < ends[^1]: the day lies within the table's span.
            var k = _firstEndingAfterDay[(int)(FloorDay(x) - _firstDay)];
            while (ends[k] <= x)
            {
                k++;
            }

            return k;
        }

        /// <summary>The stretch in which the cumulative working time reaches <paramref name="target"/>: the last index ≥ <paramref name="from"/> with <c>Before[j] &lt; target</c>.</summary>
        internal int LastStartingBefore(long target, int from)
        {
            var before = Before;

            // Most amounts end in the stretch they start in or soon after: step a few stretches, then search.
            var j = from;
            for (var steps = 0; steps < 8; steps++, j++)
            {
                if (before[j + 1] >= target)
                {
                    return j;
                }
            }

            // Smallest i in (j, count] with before[i] >= target; the stretch is i - 1.
            int lo = j + 1, hi = before.Length - 1;
            while (lo < hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                if (before[mid] < target)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo - 1;
        }

        /// <summary>The working time of this year's stretches before <paramref name="x"/>.</summary>
        internal long WorkBefore(long x)
        {
            var k = FirstEndingAfter(x);
            var work = Before[k];
            if (k < Starts.Length && Starts[k] < x)
            {
                work += x - Starts[k];
            }

            return work;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static long FloorDay(long nanoseconds)
        {
            var day = nanoseconds / NanosecondsPerDay;
            return nanoseconds % NanosecondsPerDay < 0 ? day - 1 : day;
        }
    }
}
