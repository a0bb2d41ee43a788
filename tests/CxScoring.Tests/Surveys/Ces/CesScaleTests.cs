using CxScoring.Gaps;
using CxScoring.Surveys.Ces;


namespace CxScoring.Tests.Surveys.Ces;

public class CesScaleTests
{
    [Fact]
    public void PublishedScales_HaveTheirRangeAndPolarity()
    {
        Assert.Equal(new CesScale(1, 5, Polarity.LowerIsBetter), CesScale.Original);
        Assert.Equal(new CesScale(1, 7, Polarity.HigherIsBetter), CesScale.Ces2);
        Assert.True(CesScale.Original != CesScale.Ces2);
    }

    [Fact]
    public void Constructor_BadScale_ThrowsNamingParameter()
    {
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new CesScale(3, 1, Polarity.LowerIsBetter)).ParamName);
        Assert.Equal("polarity", Assert.Throws<ArgumentOutOfRangeException>(() => new CesScale(1, 5, (Polarity)3)).ParamName);
        Assert.Equal("polarity", Assert.Throws<ArgumentOutOfRangeException>(() => new CesScale(1, 5, Polarity.NearerToTargetIsBetter)).ParamName);
    }
}
