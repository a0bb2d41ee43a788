using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;
using CxScoring.Tests.TestSupport;
using NodaTime;

namespace CxScoring.Tests.Scorecards.Accumulation;

public class CalendarIndexTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);
    private static readonly long MinuteNanoseconds = 60_000_000_000;

    public static TheoryData<string> Zones => new() { "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago" };

    private static int LocalDay(DateTimeZone zone, long nanoseconds)
        => Period.DaysBetween(new LocalDate(1970, 1, 1), UnixTime.FromNanoseconds(nanoseconds).InZone(zone).Date);

    [Fact]
    public void For_TwoBuildersOfSamePlanAndZone_ShareOneCalendar()
    {
        var options = new ScorecardOptions { TimeZone = EngineTestData.Berlin };
        var first = new ScorecardBuilder(Plan, options);
        var second = new ScorecardBuilder(Plan, new ScorecardOptions { TimeZone = EngineTestData.Berlin });

        Assert.NotNull(first.Accumulator.Calendar);
        Assert.Same(first.Accumulator.Calendar, second.Accumulator.Calendar);
        Assert.Same(EngineTestData.Berlin, first.Accumulator.Calendar!.Zone);
    }

    [Fact]
    public void For_OtherZoneOrNoPeriods_DoesNotShare()
    {
        var berlin = new ScorecardBuilder(Plan, new ScorecardOptions { TimeZone = EngineTestData.Berlin });
        var tokyo = new ScorecardBuilder(Plan, new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Asia/Tokyo"] });
        var noPeriods = new ScorecardBuilder(Plan, new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByPeriod = false });

        Assert.NotSame(berlin.Accumulator.Calendar, tokyo.Accumulator.Calendar);
        Assert.Null(noPeriods.Accumulator.Calendar);
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void DayOf_EverySevenMinutesOverTwoYears_EqualsLocalDateInZone(string id)
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        var calendar = new CalendarIndex(zone);
        var from = UnixTime.ToNanoseconds(Instant.FromUtc(2024, 1, 1, 0, 0));
        var to = UnixTime.ToNanoseconds(Instant.FromUtc(2026, 1, 1, 0, 0));
        for (var t = from; t < to; t += 7 * MinuteNanoseconds)
        {
            Assert.Equal(LocalDay(zone, t), calendar.DayOf(t));
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void DayOf_AtEveryTransitionAndChunkEdge_EqualsLocalDateInZone(string id)
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        var calendar = new CalendarIndex(zone);
        var hour = 60 * MinuteNanoseconds;
        foreach (var interval in zone.GetZoneIntervals(Instant.FromUtc(1990, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 1, 0, 0)))
        {
            if (!interval.HasStart)
            {
                continue;
            }

            var start = UnixTime.ToNanoseconds(interval.Start);
            foreach (var t in new[] { start - 1, start, start + 1, start - hour, start + hour - 1 })
            {
                Assert.Equal(LocalDay(zone, t), calendar.DayOf(t));
            }
        }

        // The first instant of each chunk (hours count from the first whole UTC hour of the 64-bit range) and the one before it.
        var chunk = CalendarIndex.ChunkHours * hour;
        var edge = CalendarIndex.Origin + (((UnixTime.ToNanoseconds(Instant.FromUtc(2025, 3, 1, 0, 0)) - CalendarIndex.Origin) / chunk) * chunk);
        for (var k = 0; k < 3; k++, edge += chunk)
        {
            Assert.Equal(LocalDay(zone, edge - 1), calendar.DayOf(edge - 1));
            Assert.Equal(LocalDay(zone, edge), calendar.DayOf(edge));
        }

        foreach (var t in new[] { long.MinValue, long.MinValue + 1, CalendarIndex.Origin - 1, CalendarIndex.Origin, CalendarIndex.Origin + 1, -1L, 0L, long.MaxValue - 1, long.MaxValue })
        {
            Assert.Equal(LocalDay(zone, t), calendar.DayOf(t));
        }
    }

    [Theory]
    [InlineData("Etc/UTC", 0, 0)]
    [InlineData("Europe/Berlin", 0, 0)]
    [InlineData("America/New_York", 0, 0)]
    [InlineData("Asia/Kolkata", 365, 24 * 7)]
    public void DayOf_AYearOfInstants_ExactPathOnlyWhereAMidnightFallsInsideAUtcHour(string id, int atLeast, int margin)
    {
        // Hours start on UTC hour boundaries: in zones whose offsets are whole hours no local midnight falls inside
        // one (DST changes happen on the hour too), so every outcome is a table read; UTC+5:30 has one such hour a day.
        var zone = DateTimeZoneProviders.Tzdb[id];
        var calendar = new CalendarIndex(zone);
        var from = UnixTime.ToNanoseconds(Instant.FromUtc(2025, 1, 1, 0, 0));
        for (var t = from; t < from + (365L * 1440 * MinuteNanoseconds); t += 30 * MinuteNanoseconds)
        {
            Assert.Equal(LocalDay(zone, t), calendar.DayOf(t));
        }

        Assert.InRange(calendar.ExactHours, atLeast, atLeast + margin);
    }

    [Fact]
    public void DayOf_OneDayOfInstants_BuildsAtMostTwoChunks()
    {
        var calendar = new CalendarIndex(EngineTestData.Berlin);
        var from = UnixTime.ToNanoseconds(Instant.FromUtc(2025, 6, 10, 0, 0));
        for (var t = from; t < from + (1440 * MinuteNanoseconds); t += MinuteNanoseconds)
        {
            calendar.DayOf(t);
        }

        Assert.InRange(calendar.FilledChunks, 1, 2);
    }

    [Fact]
    public void DayOf_ManyThreadsOnFreshCalendar_EqualsLocalDateInZone()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var calendar = new CalendarIndex(zone);
        var from = UnixTime.ToNanoseconds(Instant.FromUtc(2025, 1, 1, 0, 0));
        var wrong = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var t = from + ((((long)i * 8) + worker) * 13 * MinuteNanoseconds);
                if (calendar.DayOf(t) != LocalDay(zone, t))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }
}
