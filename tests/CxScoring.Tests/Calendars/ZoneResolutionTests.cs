using CxScoring.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.TimeZones;

namespace CxScoring.Tests.Calendars;

/// <summary>The allocation-free resolution of deadlines' local times gives NodaTime's own answer for every local time.</summary>
public sealed class ZoneResolutionTests
{
    private static readonly ZoneLocalMappingResolver LaterOrForward =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <summary>One-hour changes at 01:00, 02:00 and 03:00; at 00:01 and at midnight (St John's before 2011, Santiago,
    /// Havana); half-hour changes (Lord Howe); an offset that never changes.</summary>
    private static readonly DateTimeZone[] Zones =
    [
        .. new[] { "Europe/London", "America/New_York", "Australia/Sydney", "America/St_Johns", "America/Santiago", "America/Havana", "Australia/Lord_Howe" }
            .Select(id => DateTimeZoneProviders.Tzdb[id]),
        DateTimeZone.Utc,
        DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 30)),
    ];

    /// <summary>Local times within two and a half hours of a zone change (gaps and overlaps), or anywhere between 1900 and 2100.</summary>
    public static Arbitrary<(DateTimeZone Zone, LocalDateTime Local)> LocalTimes()
        => Arb.From(
            from zone in Gen.Elements(Zones)
            from days in Gen.Choose(0, 200 * 365)
            from minutes in Gen.Choose(-150, 150)
            from seconds in Gen.Choose(0, 59)
            from nearChange in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (zone, Near(zone, Instant.FromUtc(1900, 1, 1, 0, 0) + Duration.FromDays(days), minutes, seconds, nearChange)));

    private static LocalDateTime Near(DateTimeZone zone, Instant instant, int minutes, int seconds, bool nearChange)
    {
        var interval = zone.GetZoneInterval(instant);
        var origin = nearChange && interval.HasStart ? interval.IsoLocalStart : instant.InZone(zone).LocalDateTime;
        return origin.PlusMinutes(minutes).PlusSeconds(seconds);
    }

    [Property(Arbitrary = new[] { typeof(ZoneResolutionTests) }, MaxTest = 3000)]
    public void LaterOrShiftedForward_EqualsNodaTimesResolver((DateTimeZone Zone, LocalDateTime Local) c)
        => Assert.Equal(c.Zone.ResolveLocal(c.Local, LaterOrForward).ToInstant(), ZoneResolution.LaterOrShiftedForward(c.Zone, c.Local));

    [Fact]
    public void LaterOrShiftedForward_LondonGapAndOverlap_ShiftsForwardAndTakesTheLater()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];

        // 01:30 on 30 March 2025 does not exist (01:00 GMT became 02:00 BST): shifted forward to 02:30 BST = 01:30 UTC.
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 1, 30), ZoneResolution.LaterOrShiftedForward(london, new LocalDateTime(2025, 3, 30, 1, 30)));

        // 01:30 on 26 October 2025 happens twice: the later is 01:30 GMT.
        Assert.Equal(Instant.FromUtc(2025, 10, 26, 1, 30), ZoneResolution.LaterOrShiftedForward(london, new LocalDateTime(2025, 10, 26, 1, 30)));
    }

    [Fact]
    public void LaterOrShiftedForward_AllocatesNothing()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var local = new LocalDateTime(2025, 10, 20, 17, 0);
        long sink = 0;
        for (var i = 0; i < 200; i++)
        {
            sink += ZoneResolution.LaterOrShiftedForward(london, local.PlusHours(i)).ToUnixTimeTicks();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            sink += ZoneResolution.LaterOrShiftedForward(london, local.PlusHours(i % 200)).ToUnixTimeTicks();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sink);
    }
}
