using CxScoring.Journeys;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.RollUps;
using CxScoring.Model;
using CxScoring.Tests.TestSupport;


namespace CxScoring.Tests.Journeys.Costs;

public class GapCostAnalysisTests
{
    private static readonly ChurnResponseCurve Curve = new(-2, -4);

    [Fact]
    public void Analyze_HandBuilt_FiguresTraceableToInputs()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "upgrade", 3, 0, "business"),  // score −0.25, weighted 0.75
            JourneyFixtures.Event("a", "invoice", 1, 10, "business"), // score −0.5, weighted 0.5
            JourneyFixtures.Event("b", "offer", 9, 0, "consumer"),    // delight
        ];
        var options = new GapCostOptions
        {
            CostPerShortfall = new Dictionary<string, double> { ["sat"] = 40 },
            ChurnCurve = Curve,
            RevenuePerCustomer = 300,
            RevenueBySegment = new Dictionary<string, double> { ["business"] = 1000 },
            JourneyScore = RollUpKind.Mean,
        };

        var report = GapCostAnalysis.Analyze(events, options);

        Assert.Equal(2, report.EventCosts.Length);
        Assert.Equal(0.25 * 40, report.EventCosts[0].Cost, 12);
        Assert.Equal(30.0, report.TotalShortfallCost, 12);

        var a = report.CustomerRisks[0];
        Assert.Equal("a", a.CustomerId);
        Assert.Equal(-0.375, a.JourneyScore, 12);
        Assert.Equal(1000, a.Revenue);
        Assert.Equal(Curve.Probability(-0.375), a.ChurnProbability, 12);
        Assert.Equal(1000 * (Curve.Probability(-0.375) - Curve.Probability(0)), a.ExcessRevenueAtRisk, 9);
        var b = report.CustomerRisks[1];
        Assert.Equal(300, b.Revenue);
        Assert.Equal(0.0, b.ExcessRevenueAtRisk);
        Assert.Equal(a.RevenueAtRisk + b.RevenueAtRisk, report.TotalRevenueAtRisk, 9);

        var upgrade = report.ByTouchpoint.Single(l => l.Key == "upgrade");
        Assert.Equal(10.0, upgrade.ShortfallCost, 12);
        Assert.Equal(a.ExcessRevenueAtRisk * 0.75 / 1.25, upgrade.ExcessRevenueAtRisk, 9);
        Assert.Equal(report.TotalExcessRevenueAtRisk, report.ByTouchpoint.Sum(l => l.ExcessRevenueAtRisk), 9);
        Assert.Equal("business", report.BySegment[0].Key);
        Assert.Equal(30.0 + a.ExcessRevenueAtRisk, report.BySegment[0].Total, 9);
        Assert.Same(options, report.Options);
    }

    [Fact]
    public void Analyze_MissManyScalesDeep_CostsUnclampedAdequacy()
    {
        var model = new ScoringModelBuilder("deep-miss")
            .AddMeasure(Measure.Count("transfers", 1))
            .AddTouchpoint("hotline", JourneyStage.Support, Channel.Phone, 1.0)
            .AddPromise(new Promise("transfers-promise", "transfers", 0, PromiseSource.Advertising))
            .AddExpectation(new Expectation("transfers", ExpectationLevel.Absolute(1), ExpectationLevel.Absolute(0)))
            .Build();
        Assert.True(JourneyEventScorer.TryScore(model, new Outcome("c", "hotline", "transfers", 11, JourneyFixtures.Base), out var e, out var reason), reason.ToString());
        var options = new GapCostOptions { CostPerShortfall = new Dictionary<string, double> { ["transfers"] = 5 } };

        var report = GapCostAnalysis.Analyze([e], options);

        Assert.Equal(-10, e.Gap.Adequacy, 12);
        Assert.Equal(10, report.EventCosts.Single().Shortfall, 12);
        Assert.Equal(50, report.TotalShortfallCost, 12);
    }

    [Fact]
    public void Analyze_SegmentChangesMidJourney_ShortfallCostGoesToEventSegment()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "upgrade", 3, 0, "consumer"),  // score −0.25
            JourneyFixtures.Event("a", "invoice", 1, 10, "business"), // score −0.5; customer now business
        ];
        var options = new GapCostOptions { CostPerShortfall = new Dictionary<string, double> { ["sat"] = 40 } };

        var report = GapCostAnalysis.Analyze(events, options);

        Assert.Equal(10.0, report.BySegment.Single(l => l.Key == "consumer").ShortfallCost, 12);
        Assert.Equal(20.0, report.BySegment.Single(l => l.Key == "business").ShortfallCost, 12);
        var hotspots = CxScoring.Journeys.Hotspots.HotspotAnalysis.AnalyzePerSegment(events);
        Assert.Equal(["business", "consumer"], hotspots.Select(h => h.SegmentId));
    }

    [Fact]
    public void Analyze_NoCurve_OnlyShortfallCosts()
    {
        var report = GapCostAnalysis.Analyze([JourneyFixtures.Event("a", "upgrade", 3, 0)], new GapCostOptions { CostPerShortfall = new Dictionary<string, double> { ["sat"] = 8 } });
        Assert.Empty(report.CustomerRisks);
        Assert.Equal(2.0, report.TotalShortfallCost, 12);
        Assert.Null(report.BySegment.Single().Key);
    }

    [Fact]
    public void Analyze_NullArguments_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => GapCostAnalysis.Analyze(null!, new GapCostOptions())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => GapCostAnalysis.Analyze([], null!)).ParamName);
    }

    [Fact]
    public void Analyze_InvalidOptions_ThrowsNamingOptionsAndProperty()
    {
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => GapCostAnalysis.Analyze([], new GapCostOptions { RevenuePerCustomer = -1 }), "GapCostOptions.RevenuePerCustomer");
        var cost = OptionsAssert.Refused<ArgumentOutOfRangeException>(() => GapCostAnalysis.Analyze([], new GapCostOptions { CostPerShortfall = new Dictionary<string, double> { ["sat"] = double.NaN } }), "GapCostOptions.CostPerShortfall");
        Assert.Contains("'sat'", cost.Message, StringComparison.Ordinal);
        OptionsAssert.Refused<ArgumentException>(() => GapCostAnalysis.Analyze([], new GapCostOptions { RevenueBySegment = null! }), "GapCostOptions.RevenueBySegment");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => GapCostAnalysis.Analyze([], new GapCostOptions { JourneyScore = (RollUpKind)42 }), "GapCostOptions.JourneyScore");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => GapCostAnalysis.Analyze([], new GapCostOptions { RollUps = new RollUpOptions { PeakWeight = 2 } }), "RollUpOptions.PeakWeight");
    }

    [Fact]
    public void Options_Defaults_Validate()
        => new GapCostOptions().Validate("options");
}
