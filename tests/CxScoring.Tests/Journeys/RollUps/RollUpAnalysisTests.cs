using CxScoring.Journeys;
using CxScoring.Journeys.RollUps;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys.RollUps;

public class RollUpAnalysisTests
{
    [Fact]
    public void Analyze_Journey_MatchesFormulasOnScores()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "offer", 9, 0),
            JourneyFixtures.Event("a", "upgrade", 3, 60),
            JourneyFixtures.Event("a", "invoice", 6, 120),
        ];
        double[] scores = [1.0 / 8, -2.0 / 8, 0];

        var r = RollUpAnalysis.Analyze(JourneyFixtures.Shuffle(events, 3));

        Assert.Equal(RollUpFormulas.Mean(scores), r.Mean, 12);
        Assert.Equal(RollUpFormulas.WeightedMean(scores, [1, 3, 1]), r.WeightedMean, 12);
        Assert.Equal(RollUpFormulas.PeakEnd(scores), r.PeakEnd, 12);
        Assert.Equal(-0.125, r.PeakEnd, 12);
        Assert.Equal(RollUpFormulas.MeanPlusPeak(scores, 0.5), r.MeanPlusPeak, 12);
        Assert.Equal(-0.25, r.WeakestLink);
        Assert.Equal(0.125, r.Best);
        Assert.Equal(RollUpFormulas.RecencyWeighted(scores, [7200, 3600, 0], Duration.FromDays(30).TotalSeconds), r.RecencyWeighted, 12);
        Assert.Equal(RollUpFormulas.Dispersion(scores), r.Dispersion, 12);
        Assert.Equal(r.Mean - (0.5 * r.Dispersion), r.ConsistencyAdjusted, 12);
        Assert.Equal(3, r.TouchpointCount);
        Assert.Equal(r.PeakEnd, r.Get(RollUpKind.PeakEnd));
    }

    [Fact]
    public void Analyze_FeltValue_RollsUpFeltValues()
    {
        var e = JourneyFixtures.Event("a", "upgrade", 1, 0);
        var r = RollUpAnalysis.Analyze([e], new RollUpOptions { Value = MomentValue.FeltValue });
        Assert.Equal(e.Gap.FeltValue, r.Mean, 12);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_AnyJourney_WeakestLinkAtMostMeanAtMostBest(JourneyEvent[] events)
    {
        var r = RollUpAnalysis.Analyze(events);
        Assert.True(r.WeakestLink <= r.Mean && r.Mean <= r.Best);
        foreach (var kind in new[] { RollUpKind.WeightedMean, RollUpKind.PeakEnd, RollUpKind.RecencyWeighted })
        {
            Assert.InRange(r.Get(kind), r.WeakestLink, r.Best);
        }

        // Only a positive peak lifts the mean (Verhoef et al. 2004): between the mean and max(best, 0).
        Assert.InRange(r.MeanPlusPeak, r.Mean, Math.Max(r.Best, 0));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_AnyInputOrder_SameResult(ShuffledEvents shuffled)
    {
        var a = RollUpAnalysis.Analyze(shuffled.Events);
        var b = RollUpAnalysis.Analyze(shuffled.InOrder);
        foreach (var kind in Enum.GetValues<RollUpKind>())
        {
            Assert.Equal(a.Get(kind), b.Get(kind));
        }
    }

    [Fact]
    public void Analyze_InvalidArguments_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => RollUpAnalysis.Analyze(null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentException>(() => RollUpAnalysis.Analyze([])).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentException>(() => RollUpAnalysis.Analyze([default])).ParamName);
    }

    [Fact]
    public void Analyze_NullEvents_Throws()
        => Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => RollUpAnalysis.Analyze(null!)).ParamName);

    [Fact]
    public void Get_UndefinedKind_Throws()
        => Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => RollUpAnalysis.Analyze([JourneyFixtures.Event("a", "offer", 5, 0)]).Get((RollUpKind)99)).ParamName);

    [Fact]
    public void Analyze_InvalidOptions_ThrowsNamingOptionsAndProperty()
    {
        JourneyEvent[] events = [JourneyFixtures.Event("a", "offer", 5, 0)];
        var halfLife = OptionsAssert.Refused<ArgumentOutOfRangeException>(() => RollUpAnalysis.Analyze(events, new RollUpOptions { HalfLife = Duration.Zero }), "RollUpOptions.HalfLife");
        Assert.Contains("longer than zero", halfLife.Message, StringComparison.Ordinal);
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => RollUpAnalysis.Analyze(events, new RollUpOptions { PeakWeight = -0.1 }), "RollUpOptions.PeakWeight");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => RollUpAnalysis.Analyze(events, new RollUpOptions { ConsistencyPenalty = double.NaN }), "RollUpOptions.ConsistencyPenalty");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => RollUpAnalysis.Analyze(events, new RollUpOptions { Value = (MomentValue)7 }), "RollUpOptions.Value");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new JourneyTracker(new RollUpOptions { HalfLife = -Duration.Epsilon }), "RollUpOptions.HalfLife");
    }

    [Fact]
    public void Options_Defaults_Validate()
    {
        RollUpOptions.Default.Validate("options");
        new RollUpOptions().Validate("options");
    }
}
