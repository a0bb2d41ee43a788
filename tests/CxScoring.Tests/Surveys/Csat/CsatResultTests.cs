using CxScoring.Surveys.Csat;


namespace CxScoring.Tests.Surveys.Csat;

public class CsatResultTests
{
    // docs/sources.md, "CSAT": 1–5, top two boxes of [1, 2, 3, 4, 5] -> 40 %.
    [Fact]
    public void Calculate_PublishedVector_TopTwoBoxIs40Percent()
    {
        var csat = CsatScorer.Score([1, 2, 3, 4, 5], CsatScale.FivePointTopTwo);
        Assert.Equal(40, csat.TopBoxPercent, 12);
        Assert.Equal(3, csat.Mean, 12);
        Assert.Equal(40, csat.Value(CsatMeasure.TopBoxPercent), 12);
        Assert.Equal(3, csat.Value(CsatMeasure.Mean), 12);
        Assert.Equal("CSAT top-2-box 40.0 % (1–5, n=5)", csat.Describe(CsatMeasure.TopBoxPercent));
        Assert.Equal("CSAT mean 3.00 on 1–5 (n=5)", csat.Describe(CsatMeasure.Mean));
    }

    [Fact]
    public void Calculate_ConfiguredScale_UsesItsTopBoxes()
    {
        var csat = CsatScorer.Score([7, 6, 5, 1], new CsatScale(1, 7, 1));
        Assert.Equal(1, csat.TopBoxCount);
        Assert.Equal(25, csat.TopBoxPercent, 12);
    }

    [Fact]
    public void Calculate_BadInput_ThrowsNamingParameterAndRespondent()
    {
        Assert.Equal("ratings", Assert.Throws<ArgumentException>(() => CsatScorer.Score([], CsatScale.FivePointTopTwo)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => CsatScorer.Score([1], default)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CsatScorer.Score([5, 4, 6], CsatScale.FivePointTopTwo));
        Assert.Equal("ratings", ex.ParamName);
        Assert.Contains("Respondent 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_UnknownMeasure_ThrowsNamingMeasure()
    {
        var csat = CsatScorer.Score([4], CsatScale.FivePointTopTwo);
        Assert.Equal("measure", Assert.Throws<ArgumentOutOfRangeException>(() => csat.Value((CsatMeasure)5)).ParamName);
        Assert.Equal("measure", Assert.Throws<ArgumentOutOfRangeException>(() => csat.Describe((CsatMeasure)5)).ParamName);
    }
}
