using CxScoring.Journeys.Cascades;

namespace CxScoring.Tests.Journeys.Cascades;

public class RelativeRiskTests
{
    [Fact]
    public void Katz_WikipediaRiskReductionExample_RelativeRiskAndHandWorkedInterval()
    {
        // docs/sources.md: Wikipedia "Relative risk", worked example 1: 15 of 150 vs 100 of 250 → RR 0.25 (published);
        // Katz interval hand-worked: SE = √(1/15 − 1/150 + 1/100 − 1/250) = 0.256905, exp(ln 0.25 ± 1.96·SE) = 0.1511 to 0.4136.
        var rr = RelativeRisk.Katz(15, 150, 100, 250);
        Assert.Equal(0.25, rr.Estimate, 1e-12);
        Assert.Equal(0.151099, rr.Lower, 1e-6);
        Assert.Equal(0.413635, rr.Upper, 1e-6);
        Assert.Equal(0.1, rr.ExposedRisk, 1e-12);
        Assert.Equal(0.4, rr.UnexposedRisk, 1e-12);
        Assert.True(rr.ExcludesOne);
        Assert.False(rr.ContinuityCorrected);
    }

    [Fact]
    public void Katz_WikipediaRiskIncreaseExample_IntervalJustExcludesOne()
    {
        // Worked example 2: 75 of 150 vs 100 of 250 → RR 1.25 (published); hand-worked interval 1.0026 to 1.5585.
        var rr = RelativeRisk.Katz(75, 150, 100, 250);
        Assert.Equal(1.25, rr.Estimate, 1e-12);
        Assert.Equal(1.002560, rr.Lower, 1e-6);
        Assert.Equal(1.558510, rr.Upper, 1e-6);
        Assert.True(rr.ExcludesOne);
    }

    [Fact]
    public void Katz_ZeroCell_AddsHalfToEachCellAndSaysSo()
    {
        // 10 of 20 vs 0 of 30: corrected to 10.5/21 vs 0.5/31 → RR 31, interval 1.9185 to 500.91 (hand-worked).
        var rr = RelativeRisk.Katz(10, 20, 0, 30);
        Assert.True(rr.ContinuityCorrected);
        Assert.Equal(31, rr.Estimate, 1e-9);
        Assert.Equal(1.918523, rr.Lower, 1e-6);
        Assert.Equal(500.906, rr.Upper, 1e-3);
        Assert.Equal(0.0, rr.UnexposedRisk);
    }

    [Fact]
    public void Katz_EmptyGroup_IsNotANumberAndExcludesNothing()
    {
        var rr = RelativeRisk.Katz(0, 0, 3, 10);
        Assert.True(double.IsNaN(rr.Estimate));
        Assert.False(rr.ExcludesOne);
    }

    [Fact]
    public void Katz_EqualRisks_IntervalContainsOne()
    {
        var rr = RelativeRisk.Katz(20, 100, 40, 200);
        Assert.Equal(1.0, rr.Estimate, 1e-12);
        Assert.False(rr.ExcludesOne);
        Assert.True(rr.Lower < 1 && rr.Upper > 1);
    }

    [Fact]
    public void Katz_InvalidArguments_NameTheParameter()
    {
        Assert.Equal("exposedEvents", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeRisk.Katz(-1, 10, 1, 10)).ParamName);
        Assert.Equal("exposedCount", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeRisk.Katz(11, 10, 1, 10)).ParamName);
        Assert.Equal("unexposedEvents", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeRisk.Katz(1, 10, -1, 10)).ParamName);
        Assert.Equal("unexposedCount", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeRisk.Katz(1, 10, 11, 10)).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeRisk.Katz(1, 10, 1, 10, 0)).ParamName);
    }
}
