using CxScoring.Surveys.Ces;

namespace CxScoring.Tests.Surveys.Ces;

public class CesScaleTests
{
    [Fact]
    public void PublishedScales_HaveTheirRangeAndPolarity()
    {
        Assert.Equal(new CesScale(1, 5, EffortPolarity.LowerIsBetter), CesScale.Original);
        Assert.Equal(new CesScale(1, 7, EffortPolarity.HigherIsBetter), CesScale.Ces2);
        Assert.True(CesScale.Original != CesScale.Ces2);
    }

    [Fact]
    public void Constructor_BadScale_ThrowsNamingParameter()
    {
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new CesScale(3, 1, EffortPolarity.LowerIsBetter)).ParamName);
        Assert.Equal("polarity", Assert.Throws<ArgumentOutOfRangeException>(() => new CesScale(1, 5, (EffortPolarity)3)).ParamName);
    }
}
