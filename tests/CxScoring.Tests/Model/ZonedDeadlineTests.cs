using CxScoring.Model;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Model;

public class ZonedDeadlineTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void DeadlineFor_FallBackDay_StaysAtLocalFivePm()
    {
        // Europe/Berlin returns to winter time on 2026-10-25; 17:00 CET that day is 16:00 UTC.
        var rule = new ZonedDeadline(new LocalTime(17, 0), Berlin, 1);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 16, 0), rule.DeadlineFor(Instant.FromUtc(2026, 10, 24, 8, 0)));
    }

    [Fact]
    public void DeadlineFor_SkippedLocalTime_MovesForwardByTheGap()
    {
        // 02:30 does not exist in Berlin on 2026-03-29; it becomes 03:30 CEST = 01:30 UTC.
        var rule = new ZonedDeadline(new LocalTime(2, 30), Berlin);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), rule.DeadlineFor(Instant.FromUtc(2026, 3, 28, 23, 30)));
    }

    [Fact]
    public void DeadlineFor_AmbiguousLocalTime_TakesTheLaterOccurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET).
        var rule = new ZonedDeadline(new LocalTime(2, 30), Berlin);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 1, 30), rule.DeadlineFor(Instant.FromUtc(2026, 10, 24, 23, 0)));
    }

    [Property(MaxTest = 300)]
    public void DeadlineFor_AnyRequestThroughTheYear_IsAtTheLocalTimeOnTheRightDay(PositiveInt minutes, byte hour, byte days)
    {
        var request = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(minutes.Get % (366 * 24 * 60));
        var rule = new ZonedDeadline(new LocalTime(hour % 24 == 2 ? 17 : hour % 24, 0), Berlin, days % 4);
        var local = rule.DeadlineFor(request).InZone(Berlin);
        Assert.Equal(rule.TimeOfDay, local.TimeOfDay);
        Assert.Equal(request.InZone(Berlin).Date.PlusDays(rule.DaysAfter), local.Date);
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingParameter()
    {
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => new ZonedDeadline(LocalTime.Noon, null!)).ParamName);
        Assert.Equal("daysAfter", Assert.Throws<ArgumentOutOfRangeException>(() => new ZonedDeadline(LocalTime.Noon, Berlin, -1)).ParamName);
        Assert.Equal("daysAfter", Assert.Throws<ArgumentOutOfRangeException>(() => new ZonedDeadline(LocalTime.Noon, Berlin, 400)).ParamName);
    }

    [Fact]
    public void Equality_SameRule_Equal()
    {
        Assert.Equal(new ZonedDeadline(LocalTime.Noon, Berlin, 1), new ZonedDeadline(LocalTime.Noon, DateTimeZoneProviders.Tzdb["Europe/Berlin"], 1));
        Assert.NotEqual(new ZonedDeadline(LocalTime.Noon, Berlin, 1), new ZonedDeadline(LocalTime.Noon, Berlin, 2));
    }

    [Fact]
    public void DeadlineFor_ReferenceAtTheEndOfTime_ThrowsNamingTheReference()
    {
        var rule = new ZonedDeadline(new LocalTime(17, 0), Berlin, 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => rule.DeadlineFor(Instant.FromUtc(9999, 12, 31, 23, 59, 59)));
        Assert.Equal("reference", ex.ParamName);
        Assert.Contains("9999-12-31T23:59:59Z", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeadlineFor_ReferenceAtTheEndsOfTime_ReturnsFalse()
    {
        var rule = new ZonedDeadline(new LocalTime(17, 0), Berlin, 1);
        Assert.False(rule.TryDeadlineFor(Instant.MaxValue, out _));
        Assert.False(rule.TryDeadlineFor(Instant.MinValue, out _));
        Assert.True(rule.TryDeadlineFor(Instant.FromUtc(2026, 10, 24, 8, 0), out var deadline));
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 16, 0), deadline);
    }
}
