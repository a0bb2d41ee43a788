using CxScoring.Gaps;
using CxScoring.Surveys.Ces;


namespace CxScoring.Tests.Surveys.Ces;

public class CesResultTests
{
    [Fact]
    public void Calculate_OriginalScale_LowerIsBetterCarried()
    {
        var ces = CesScorer.Score([1, 2, 3], CesScale.Original);
        Assert.Equal(2, ces.Mean, 12);
        Assert.Equal(Polarity.LowerIsBetter, ces.Polarity);
        Assert.Equal(0.75, ces.Ease, 12);
    }

    [Fact]
    public void Calculate_Ces2_HigherIsBetterCarried()
    {
        var ces = CesScorer.Score([7, 6, 5], CesScale.Ces2);
        Assert.Equal(6, ces.Mean, 12);
        Assert.Equal(Polarity.HigherIsBetter, ces.Polarity);
        Assert.Equal(5 / 6.0, ces.Ease, 12);
    }

    [Fact]
    public void Calculate_BadInput_ThrowsNamingParameterAndRespondent()
    {
        Assert.Equal("ratings", Assert.Throws<ArgumentException>(() => CesScorer.Score([], CesScale.Original)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => CesScorer.Score([1], default)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CesScorer.Score([3, 6], CesScale.Original));
        Assert.Equal("ratings", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1–5", ex.Message, StringComparison.Ordinal);
    }
}
