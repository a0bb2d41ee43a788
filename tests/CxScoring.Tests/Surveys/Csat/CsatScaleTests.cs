using CxScoring.Surveys.Csat;


namespace CxScoring.Tests.Surveys.Csat;

public class CsatScaleTests
{
    [Fact]
    public void FivePointTopTwo_SatisfiedFromFour()
    {
        Assert.Equal(4, CsatScale.FivePointTopTwo.SatisfiedFrom);
        Assert.Equal(new CsatScale(1, 5, 2), CsatScale.FivePointTopTwo);
        Assert.True(CsatScale.FivePointTopTwo != new CsatScale(1, 5, 1));
    }

    [Fact]
    public void Constructor_BadScale_ThrowsNamingParameter()
    {
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new CsatScale(5, 5, 1)).ParamName);
        Assert.Equal("topBoxes", Assert.Throws<ArgumentOutOfRangeException>(() => new CsatScale(1, 5, 0)).ParamName);
        Assert.Equal("topBoxes", Assert.Throws<ArgumentOutOfRangeException>(() => new CsatScale(1, 5, 5)).ParamName);
    }
}
