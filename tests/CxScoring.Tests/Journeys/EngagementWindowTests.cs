using CxScoring.Journeys;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys;

public class EngagementWindowTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void EndFor_OneLocalDayOverSpringForward_Lasts23Hours()
    {
        var start = new LocalDateTime(2026, 3, 28, 12, 0).InZoneStrictly(Berlin).ToInstant();
        Assert.Equal(Duration.FromHours(23), EngagementWindow.OfLocalDays(1, Berlin).EndFor(start) - start);
    }

    [Fact]
    public void EndFor_OneLocalDayOverFallBack_Lasts25Hours()
    {
        var start = new LocalDateTime(2026, 10, 24, 12, 0).InZoneStrictly(Berlin).ToInstant();
        Assert.Equal(Duration.FromHours(25), EngagementWindow.OfLocalDays(1, Berlin).EndFor(start) - start);
    }

    [Fact]
    public void EndFor_EndInSkippedHour_MovesForwardByTheGap()
    {
        var start = new LocalDateTime(2026, 3, 28, 2, 30).InZoneStrictly(Berlin).ToInstant();
        var end = EngagementWindow.OfLocalDays(1, Berlin).EndFor(start);
        Assert.Equal(new LocalDateTime(2026, 3, 29, 3, 30), end.InZone(Berlin).LocalDateTime);
    }

    [Fact]
    public void EndFor_FixedDuration_AddsElapsedTime()
    {
        var start = JourneyFixtures.Base;
        Assert.Equal(start + Duration.FromDays(14), EngagementWindow.Of(Duration.FromDays(14)).EndFor(start));
    }

    [Property(MaxTest = 200)]
    public void EndFor_LocalDays_KeepsLocalTimeOfDayUnlessSkipped(PositiveInt minutes, PositiveInt days)
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(minutes.Get % (365 * 24 * 60));
        var d = 1 + (days.Get % 40);
        var end = EngagementWindow.OfLocalDays(d, Berlin).EndFor(start);
        var expected = start.InZone(Berlin).LocalDateTime.PlusDays(d);
        var mapping = Berlin.MapLocal(expected);
        if (mapping.Count > 0)
        {
            Assert.Equal(expected, end.InZone(Berlin).LocalDateTime);
        }

        Assert.InRange(end - start, Duration.FromHours((24 * d) - 1), Duration.FromHours((24 * d) + 1));
    }

    [Fact]
    public void Of_NotPositive_ThrowsNamingLength()
        => Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => EngagementWindow.Of(Duration.Zero)).ParamName);

    [Fact]
    public void OfLocalDays_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => EngagementWindow.OfLocalDays(0, Berlin)).ParamName);
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => EngagementWindow.OfLocalDays(1, null!)).ParamName);
    }

    [Fact]
    public void EndFor_DefaultWindow_Throws()
        => Assert.Throws<InvalidOperationException>(() => default(EngagementWindow).EndFor(JourneyFixtures.Base));

    [Fact]
    public void Equality_SameDaysAndZone_Equal()
    {
        Assert.True(EngagementWindow.OfLocalDays(3, Berlin) == EngagementWindow.OfLocalDays(3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]));
        Assert.True(EngagementWindow.OfLocalDays(3, Berlin) != EngagementWindow.Of(Duration.FromDays(3)));
    }
}
