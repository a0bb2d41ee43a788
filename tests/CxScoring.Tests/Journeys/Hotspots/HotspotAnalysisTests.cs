using CxScoring.Journeys;
using CxScoring.Journeys.Hotspots;
using CxScoring.Model;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.Hotspots;

public class HotspotAnalysisTests
{
    [Fact]
    public void Analyze_HandBuilt_SharesAndTieBreakByEarlierStage()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "upgrade", 3, 0),   // 0.25 × 3 = 0.75
            JourneyFixtures.Event("a", "invoice", 1, 10),  // 0.5 × 1 = 0.5
            JourneyFixtures.Event("b", "offer", 1, 10),    // 0.5 × 1 = 0.5, earlier stage than invoice
            JourneyFixtures.Event("b", "hotline", 9, 20),  // delight: no shortfall
        ];

        var report = HotspotAnalysis.Analyze(events);

        // The one hotspot rule (shared with Scorecard.Hotspots): a touchpoint without shortfall is not a hotspot.
        Assert.Equal(["upgrade", "offer", "invoice"], report.Hotspots.Select(h => h.Touchpoint.Id));
        Assert.Equal(1.75, report.TotalShortfall, 12);
        Assert.Equal(0.75 / 1.75, report.Hotspots[0].Share, 12);
        Assert.Equal(1.25 / 1.75, report.Hotspots[1].CumulativeShare, 12);
        Assert.Equal(1.0, report.Hotspots[^1].CumulativeShare);
        Assert.Equal(JourneyStage.Consideration, report.Hotspots[1].Stage);
        Assert.Equal(1, report.Hotspots[2].BelowCount);
        Assert.Equal(1, report.Hotspots[2].Count);
        Assert.Equal(4, report.EventCount);
    }

    // The stage only breaks exact ties: a slightly larger shortfall at a later stage still ranks first.
    [Fact]
    public void Analyze_LargerLaterShortfall_RanksAboveEarlierStage()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "offer", 4, 0),   // consideration, weight 1: shortfall 0.125
            JourneyFixtures.Event("a", "hotline", 3, 10), // support, weight 1: shortfall 0.25
        ];
        var report = HotspotAnalysis.Analyze(events);
        Assert.Equal(["hotline", "offer"], report.Hotspots.Select(h => h.Touchpoint.Id));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_AnyEvents_SharesSumToOneAndCumulativeRises(JourneyEvent[] events)
    {
        var report = HotspotAnalysis.Analyze(events);
        if (report.TotalShortfall == 0)
        {
            Assert.All(report.Hotspots, h => Assert.Equal(0.0, h.Share));
            return;
        }

        Assert.Equal(1.0, report.Hotspots.Sum(h => h.Share), 9);
        Assert.Equal(1.0, report.Hotspots[^1].CumulativeShare);
        for (var i = 1; i < report.Hotspots.Length; i++)
        {
            Assert.True(report.Hotspots[i].WeightedShortfall <= report.Hotspots[i - 1].WeightedShortfall);
            Assert.True(report.Hotspots[i].CumulativeShare >= report.Hotspots[i - 1].CumulativeShare);
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_AnyInputOrder_SameRanking(ShuffledEvents shuffled)
    {
        var a = HotspotAnalysis.Analyze(shuffled.Events);
        var b = HotspotAnalysis.Analyze(shuffled.InOrder);
        Assert.Equal(a.Hotspots.Select(h => h.Touchpoint.Id), b.Hotspots.Select(h => h.Touchpoint.Id).ToArray());
        for (var i = 0; i < a.Hotspots.Length; i++)
        {
            Assert.Equal(a.Hotspots[i].Share, b.Hotspots[i].Share, 9);
        }
    }

    [Fact]
    public void AnalyzePerChannelAndSegment_HandBuilt_SlicesRankedSeparately()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "offer", 1, 0, "consumer"),
            JourneyFixtures.Event("a", "contract", 4, 10, "consumer"),
            JourneyFixtures.Event("b", "hotline", 2, 10, "business"),
            JourneyFixtures.Event("c", "hotline", 2, 10),
        ];

        var perChannel = HotspotAnalysis.AnalyzePerChannel(events);
        Assert.Equal(["phone", "web"], perChannel.Select(r => r.Channel!.Value.Name));
        Assert.Equal(["offer", "contract"], perChannel[1].Hotspots.Select(h => h.Touchpoint.Id));

        var perSegment = HotspotAnalysis.AnalyzePerSegment(events);
        Assert.Equal(["business", "consumer", null], perSegment.Select(r => r.SegmentId));
        Assert.Equal(1.0, perSegment[2].Hotspots[0].Share);
    }

    [Fact]
    public void AllMethods_NullEvents_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => HotspotAnalysis.Analyze(null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => HotspotAnalysis.AnalyzePerChannel(null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => HotspotAnalysis.AnalyzePerSegment(null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentException>(() => HotspotAnalysis.Analyze([default])).ParamName);
    }
}
