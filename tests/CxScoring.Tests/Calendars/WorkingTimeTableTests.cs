using CxScoring.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxScoring.Tests.Calendars.CalendarFixtures;

namespace CxScoring.Tests.Calendars;

/// <summary>
/// The year tables behind <see cref="BusinessCalendar.AddBusinessTime"/>, <see cref="BusinessCalendar.BusinessDuration"/>
/// and <see cref="BusinessCalendar.IsWorkingTime"/> give exactly what the day-by-day walk gives, for every instant.
/// </summary>
public sealed class WorkingTimeTableTests
{
    private static readonly DateTimeZone StJohns = DateTimeZoneProviders.Tzdb["America/St_Johns"];

    /// <summary>
    /// Newfoundland turned its clocks at 00:01 until 2011: in autumn from 00:01 back to 23:01 of the day before, so the
    /// local date went backwards. Shifts around midnight every day and round the clock on Sundays.
    /// </summary>
    private static readonly BusinessCalendar MidnightShifts = new BusinessCalendarBuilder("st-johns-midnight", StJohns)
        .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday], Hours(0, 0, 0, 30), Hours(23, 0, 24, 0))
        .SetHours(IsoDayOfWeek.Sunday, Hours(0, 0, 24, 0))
        .Build();

    /// <summary>Stretches that start and end a nanosecond off the minute, in Sydney, with a holiday.</summary>
    private static readonly BusinessCalendar Nanoseconds = new BusinessCalendarBuilder("au-nanoseconds", Sydney)
        .SetHours(
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            new WorkingHours(new LocalTime(8, 59, 59).PlusNanoseconds(999_999_999), new LocalTime(12, 0).PlusNanoseconds(1)),
            new WorkingHours(new LocalTime(13, 0).PlusNanoseconds(7), new LocalTime(17, 0)))
        .AddHolidays([new(2025, 10, 6)])
        .Build();

    private static readonly BusinessCalendar[] Calendars = [.. All, MidnightShifts, Nanoseconds];

    /// <summary>Bases of the instants drawn: the fixtures' years, Newfoundland's midnight changes, and both ends of the tables' range.</summary>
    private static readonly Instant[] Bases =
    [
        Instant.FromUtc(2024, 6, 1, 0, 0), Instant.FromUtc(2024, 6, 1, 0, 0), Instant.FromUtc(2005, 1, 1, 0, 0),
        Instant.FromUtc(1975, 3, 1, 0, 0), Instant.FromUtc(1678, 6, 1, 0, 0), Instant.FromUtc(2259, 9, 1, 0, 0),
    ];

    private static Gen<Instant> Instants
        => from origin in Gen.Elements(Bases)
           from minutes in Gen.Choose(0, 3 * 366 * 24 * 60)
           from nanoseconds in Gen.Choose(0, 59_999_999).Select(n => n * 1000L + 999)
           from shape in Gen.Choose(0, 2)
           select shape switch
           {
               // On the half hour (every stretch edge of the fixtures is on one), on the minute, or anywhere.
               0 => origin + Duration.FromMinutes(minutes - (minutes % 30)),
               1 => origin + Duration.FromMinutes(minutes),
               _ => origin + Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanoseconds),
           };

    private static Gen<Duration> Amounts
        => from minutes in Gen.Frequency(
               (3, Gen.Choose(0, 48).Select(halfHours => halfHours * 30)),
               (3, Gen.Choose(0, 12 * 60)),
               (2, Gen.Choose(0, 400 * 60)),
               (1, Gen.Choose(0, 40_000 * 60)))
           from nanoseconds in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 999_999_999)))
           select Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanoseconds);

    public static Arbitrary<(BusinessCalendar Calendar, Instant Start, Duration Amount)> Additions()
        => Arb.From(
            from calendar in Gen.Elements(Calendars)
            from start in Instants
            from amount in Amounts
            select (calendar, start, amount));

    public static Arbitrary<(BusinessCalendar Calendar, Instant From, Instant To)> Spans()
        => Arb.From(
            from calendar in Gen.Elements(Calendars)
            from start in Instants
            from width in Gen.Frequency((3, Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)), (1, Gen.Choose(-2 * 366 * 24 * 60, 2 * 366 * 24 * 60)))
            select (calendar, start, start + Duration.FromMinutes(width)));

    [Property(Arbitrary = new[] { typeof(WorkingTimeTableTests) }, MaxTest = 1500)]
    public void AddBusinessTime_EqualsTheDayByDayWalk((BusinessCalendar Calendar, Instant Start, Duration Amount) c)
    {
        var fast = c.Calendar.TryAddBusinessTime(c.Start, c.Amount, out var deadline);
        var walked = c.Calendar.WalkTryAddBusinessTime(c.Start, c.Amount, out var expected);
        Assert.Equal(walked, fast);
        Assert.Equal(expected, deadline);
    }

    [Property(Arbitrary = new[] { typeof(WorkingTimeTableTests) }, MaxTest = 1500)]
    public void BusinessDuration_EqualsTheDayByDayWalk((BusinessCalendar Calendar, Instant From, Instant To) s)
    {
        var expected = s.To < s.From ? -s.Calendar.WalkForward(s.To, s.From) : s.Calendar.WalkForward(s.From, s.To);
        Assert.Equal(expected, s.Calendar.BusinessDuration(s.From, s.To));
    }

    [Property(Arbitrary = new[] { typeof(WorkingTimeTableTests) }, MaxTest = 1500)]
    public void IsWorkingTime_EqualsTheDayByDayWalk((BusinessCalendar Calendar, Instant Start, Duration Amount) c)
    {
        // The start, and both sides of the deadline: the edges of stretches are where a table could be off by one.
        Assert.Equal(c.Calendar.WalkIsWorkingTime(c.Start), c.Calendar.IsWorkingTime(c.Start));
        if (c.Calendar.WalkTryAddBusinessTime(c.Start, c.Amount, out var deadline))
        {
            Assert.Equal(c.Calendar.WalkIsWorkingTime(deadline), c.Calendar.IsWorkingTime(deadline));
            Assert.Equal(c.Calendar.WalkIsWorkingTime(deadline - Duration.Epsilon), c.Calendar.IsWorkingTime(deadline - Duration.Epsilon));
        }
    }

    [Fact]
    public void IsRegular_NewfoundlandBefore2011_IsFalseWhereTheClockWentBackAcrossMidnight()
    {
        Assert.False(MidnightShifts.WorkingTime.IsRegular(2005));
        Assert.True(MidnightShifts.WorkingTime.IsRegular(2020));
        Assert.True(UkOffice.WorkingTime.IsRegular(2025));
        Assert.True(AuOffice.WorkingTime.IsRegular(2025));
    }

    [Fact]
    public void AddBusinessTime_NewfoundlandAutumn2005_WalksAndCountsTheRepeatedHourTwice()
    {
        // Sun 30 Oct 2005 00:01 NDT went back to Sat 29 Oct 23:01 NST. Saturday's 23:00–24:00 stretch then holds two hours
        // minus a minute (23:00 NDT to 24:00 NST), overlapping Sunday's first minute; the walk's answer stands.
        var start = Instant.FromUtc(2005, 10, 30, 1, 0);
        var fast = MidnightShifts.AddBusinessTime(start, Duration.FromHours(3));
        Assert.True(MidnightShifts.WalkTryAddBusinessTime(start, Duration.FromHours(3), out var walked));
        Assert.Equal(walked, fast);
    }

    [Fact]
    public void AddBusinessTime_ManyThreadsOnAFreshCalendar_AllGetTheWalksAnswers()
    {
        var calendar = new BusinessCalendarBuilder("fresh", London)
            .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], Hours(9, 0, 17, 0))
            .AddHolidays([new(2025, 12, 25), new(2025, 12, 26), new(2026, 1, 1)])
            .Build();
        var starts = new Instant[4000];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = Instant.FromUtc(2020, 1, 1, 0, 0) + Duration.FromMinutes(i * 3331L);
        }

        var results = new Instant[starts.Length];
        Parallel.For(0, starts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = calendar.AddBusinessTime(starts[i], Duration.FromHours(2.5)));
        for (var i = 0; i < starts.Length; i++)
        {
            Assert.True(calendar.WalkTryAddBusinessTime(starts[i], Duration.FromHours(2.5), out var walked));
            Assert.Equal(walked, results[i]);
        }
    }

    [Fact]
    public void AddBusinessTime_OnceTheYearIsBuilt_AllocatesNothing()
    {
        var start = Instant.FromUtc(2025, 3, 3, 8, 0);
        static long Calls(Instant from)
        {
            long sink = 0;
            for (var i = 0; i < 10_000; i++)
            {
                var at = from + Duration.FromMinutes(i * 7);
                sink += UkOffice.AddBusinessTime(at, Duration.FromMinutes(150)).ToUnixTimeTicks();
                sink += UkOffice.BusinessDuration(at, at + Duration.FromHours(5)).BclCompatibleTicks;
                sink += UkOffice.IsWorkingTime(at) ? 1 : 0;
            }

            return sink;
        }

        // The first round builds the year tables (2024 to 2026). The least of eight later rounds is taken, counted on
        // this thread: one round measured alone once counted 472 bytes in a full test run on a loaded machine and
        // none when run again (not reproduced in a program of its own, with tiered compilation and on-stack
        // replacement made to act early or turned off, or with threads allocating alongside), presumably the runtime
        // allocating on the calling thread for itself now and then, while an allocation per call would show in every
        // round, 30,000 times over.
        var sink = Calls(start);
        var least = long.MaxValue;
        for (var round = 0; round < 8; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            sink += Calls(start);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.NotEqual(0, sink);
        Assert.Equal(0, least);
    }
}
