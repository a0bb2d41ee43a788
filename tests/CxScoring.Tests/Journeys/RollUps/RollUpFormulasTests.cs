using CxScoring.Journeys.RollUps;
using FsCheck;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.RollUps;

public class RollUpFormulasTests
{
    // Kahneman's patients (Kahneman et al. 1993; Redelmeier & Kahneman 1996), docs/sources.md, "Peak-end rule":
    // A peak 8 end 7 → 7.5; B peak 8 end 1 → 4.5 (pain ratings, duration neglected).
    [Fact]
    public void PeakEnd_KahnemanPatients_Match()
    {
        Assert.Equal(7.5, RollUpFormulas.PeakEnd([2, 4, 8, 6, 7]), 12);
        Assert.Equal(4.5, RollUpFormulas.PeakEnd([3, 8, 5, 4, 2, 2, 1, 1]), 12);
    }

    [Fact]
    public void Peak_EqualIntensity_ShortfallWins()
    {
        Assert.Equal(-0.5, RollUpFormulas.Peak([0.5, -0.5, 0.1]));
        Assert.Equal(-0.5, RollUpFormulas.Peak([-0.5, 0.5]));
    }

    [Fact]
    public void Others_SmallVector_MatchHandComputation()
    {
        double[] x = [-0.5, 0.25, 0.75];
        Assert.Equal(1.0 / 6, RollUpFormulas.Mean(x), 12);
        Assert.Equal(((-0.5 * 1) + (0.25 * 2) + (0.75 * 1)) / 4, RollUpFormulas.WeightedMean(x, [1, 2, 1]), 12);
        Assert.Equal((0.5 / 6) + 0.375, RollUpFormulas.MeanPlusPeak(x, 0.5), 12);
        Assert.Equal(-0.5, RollUpFormulas.WeakestLink(x));
        Assert.Equal(0.75, RollUpFormulas.Best(x));
        Assert.Equal(((-0.5 * 0.25) + (0.25 * 0.5) + 0.75) / 1.75, RollUpFormulas.RecencyWeighted(x, [2, 1, 0], 1), 12);
        Assert.Equal(0.0, RollUpFormulas.Dispersion([0.3]));
    }

    // Verhoef et al. 2004: the mean plus the *positive* peak; a journey with no good moment is not lifted by its least bad one.
    [Fact]
    public void MeanPlusPeak_NoPositiveMoment_PeakCountsAsZero()
    {
        double[] x = [-0.5, -0.25, -0.75];
        Assert.Equal(0.5 * -0.5, RollUpFormulas.MeanPlusPeak(x, 0.5), 12);
        var r = RollUpAnalysis.Analyze([JourneyFixtures.Event("a", "offer", 1, 0), JourneyFixtures.Event("a", "invoice", 3, 10)]);
        Assert.True(r.Best < 0);
        Assert.Equal(0.5 * r.Mean, r.MeanPlusPeak, 12);
    }

    [Property(MaxTest = 200)]
    public void Published_AnyMoments_BetweenWeakestLinkAndBest(NormalFloat[] raw)
    {
        if (raw.Length == 0)
        {
            return;
        }

        var x = raw.Select(v => Math.Clamp(v.Get, -1e6, 1e6)).ToArray();
        var lo = RollUpFormulas.WeakestLink(x);
        var hi = RollUpFormulas.Best(x);
        var eps = 1e-9 * (1 + Math.Abs(lo) + Math.Abs(hi));
        Assert.InRange(RollUpFormulas.Mean(x), lo - eps, hi + eps);
        Assert.InRange(RollUpFormulas.PeakEnd(x), lo - eps, hi + eps);
        var mean = RollUpFormulas.Mean(x);
        Assert.InRange(RollUpFormulas.MeanPlusPeak(x, 0.3), mean - eps, Math.Max(hi, 0) + eps);
    }

    [Fact]
    public void AllMethods_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RollUpFormulas.Mean([])).ParamName);
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RollUpFormulas.Peak([])).ParamName);
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RollUpFormulas.PeakEnd([])).ParamName);
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RollUpFormulas.WeakestLink([])).ParamName);
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RollUpFormulas.Best([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => RollUpFormulas.Dispersion([])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => RollUpFormulas.WeightedMean([1], [1, 2])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => RollUpFormulas.WeightedMean([1], [0])).ParamName);
        Assert.Equal("peakWeight", Assert.Throws<ArgumentOutOfRangeException>(() => RollUpFormulas.MeanPlusPeak([1], 1.5)).ParamName);
        Assert.Equal("ageSeconds", Assert.Throws<ArgumentException>(() => RollUpFormulas.RecencyWeighted([1], [], 1)).ParamName);
        Assert.Equal("ageSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => RollUpFormulas.RecencyWeighted([1], [-1], 1)).ParamName);
        Assert.Equal("halfLifeSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => RollUpFormulas.RecencyWeighted([1], [0], 0)).ParamName);
    }
}
