using CxScoring.Journeys;
using CxScoring.Journeys.Cascades;
using NodaTime;

namespace CxScoring.Tests.Journeys.Cascades;

public class CascadeAnalysisTests
{
    private const double Day = 24 * 60;

    [Fact]
    public void Analyze_HandBuiltJourneys_CountsFollowOnsAgainstLatestShortfall()
    {
        JourneyEvent[] events =
        [
            // a: bad invoice, then two hotline calls (second also follows the first call's shortfall), then one outside the window.
            JourneyFixtures.Event("a", "invoice", 2, 0),
            JourneyFixtures.Event("a", "hotline", 3, Day),
            JourneyFixtures.Event("a", "hotline", 6, 2 * Day),
            JourneyFixtures.Event("a", "hotline", 6, 20 * Day),

            // b: bad upgrade followed by a hotline call; the good invoice before it is not a cause.
            JourneyFixtures.Event("b", "invoice", 7, 0),
            JourneyFixtures.Event("b", "upgrade", 1, Day),
            JourneyFixtures.Event("b", "hotline", 6, Day + 30),

            // c: a call at the same instant as the shortfall does not follow it.
            JourneyFixtures.Event("c", "upgrade", 1, 0),
            JourneyFixtures.Event("c", "hotline", 6, 0),
        ];

        var report = CascadeAnalysis.Analyze(JourneyFixtures.Shuffle(events, 11), Duration.FromDays(7));

        Assert.Equal(9, report.ContactCount);
        Assert.Equal(3, report.FollowOnCount);
        Assert.Equal(1, report.Count("invoice", "hotline"));
        Assert.Equal(1, report.Count("hotline", "hotline"));
        Assert.Equal(1, report.Count("upgrade", "hotline"));
        Assert.Equal(0, report.Count("offer", "hotline"));
        Assert.Equal(3.0 / 9, report.FollowOnShare, 12);
        Assert.Equal(3, report.Cells.Length);
    }

    [Fact]
    public void Analyze_ContactTouchpoints_OnlyThoseCountAsContacts()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "invoice", 2, 0),
            JourneyFixtures.Event("a", "offer", 7, Day),
            JourneyFixtures.Event("a", "hotline", 7, Day),
        ];

        var report = CascadeAnalysis.Analyze(events, Duration.FromDays(7), ["hotline"]);

        Assert.Equal(1, report.ContactCount);
        Assert.Equal(1.0, report.FollowOnShare);
        Assert.Equal(1, report.Count("invoice", "hotline"));
    }

    [Fact]
    public void Analyze_SeveralMeasuresOneContact_CountedOnce()
    {
        var at = JourneyFixtures.Base + Duration.FromDays(1);
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "invoice", 2, 0),
            JourneyFixtures.Event("a", "hotline", 7, at),
            JourneyFixtures.Event("a", "hotline", 4, at),
        ];

        var report = CascadeAnalysis.Analyze(events, Duration.FromDays(7));

        Assert.Equal(2, report.ContactCount);
        Assert.Equal(1, report.FollowOnCount);
    }

    [Fact]
    public void Analyze_InvalidArguments_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => CascadeAnalysis.Analyze(null!, Duration.FromDays(1))).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => CascadeAnalysis.Analyze([], Duration.Zero)).ParamName);
        var report = CascadeAnalysis.Analyze([], Duration.FromDays(1));
        Assert.Equal(0.0, report.FollowOnShare);
        Assert.Equal("fromTouchpointId", Assert.Throws<ArgumentNullException>(() => report.Count(null!, "x")).ParamName);
        Assert.Equal("toTouchpointId", Assert.Throws<ArgumentNullException>(() => report.Count("x", null!)).ParamName);
    }
}
