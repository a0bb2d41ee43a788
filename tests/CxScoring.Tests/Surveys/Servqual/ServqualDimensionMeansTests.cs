using CxScoring.Surveys.Servqual;

namespace CxScoring.Tests.Surveys.Servqual;

public class ServqualDimensionMeansTests
{
    [Fact]
    public void Constructor_Means_GiveTheGapPMinusE()
    {
        var means = new ServqualDimensionMeans("Tangibles", 4.5, 4.25);
        Assert.Equal("Tangibles", means.Name);
        Assert.Equal(4.5, means.MeanExpectation);
        Assert.Equal(4.25, means.MeanPerception);
        Assert.Equal(-0.25, means.Gap);
        Assert.Equal("Tangibles: E 4.5, P 4.25, gap -0.25", means.ToString());
    }

    [Theory]
    [InlineData(" ", 4.0, 4.0, "name")]
    [InlineData("T", double.NaN, 4.0, "meanExpectation")]
    [InlineData("T", 4.0, double.PositiveInfinity, "meanPerception")]
    public void Constructor_BadArguments_ThrowNamingParameter(string name, double e, double p, string parameter)
        => Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => new ServqualDimensionMeans(name, e, p)).ParamName);

    [Fact]
    public void Constructor_NullName_Throws()
        => Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new ServqualDimensionMeans(null!, 4, 4)).ParamName);
}
