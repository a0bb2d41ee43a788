using CxScoring.Gaps;

namespace CxScoring.Tests.Gaps;

public class GapAxisTests
{
    [Theory]
    [InlineData(Polarity.HigherIsBetter, null, 1.0)]
    [InlineData(Polarity.LowerIsBetter, null, -1.0)]
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, -1.0)] // distances are lower-is-better
    public void Sign_FollowsThePolarity(Polarity polarity, double? target, double sign)
        => Assert.Equal(sign, new GapAxis(polarity, 2, target).Sign);

    [Fact]
    public void Constructor_ValidArguments_KeepsThem()
    {
        var axis = new GapAxis(Polarity.NearerToTargetIsBetter, 2.5, -3);
        Assert.Equal(Polarity.NearerToTargetIsBetter, axis.Polarity);
        Assert.Equal(2.5, axis.Scale);
        Assert.Equal(-3.0, axis.Target);
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, -1.0, null, "scale")]
    [InlineData(Polarity.HigherIsBetter, double.NaN, null, "scale")]
    [InlineData(Polarity.HigherIsBetter, 1e-320, null, "scale")] // subnormal: its reciprocal overflows to infinity
    [InlineData(Polarity.NearerToTargetIsBetter, 1.0, double.NaN, "target")]
    [InlineData(Polarity.NearerToTargetIsBetter, 1.0, double.PositiveInfinity, "target")]
    [InlineData(Polarity.LowerIsBetter, 1.0, 0.0, "target")]
    [InlineData((Polarity)(-1), 1.0, null, "polarity")]
    [InlineData((Polarity)3, 1.0, null, "polarity")]
    public void Constructor_InvalidArguments_ThrowNamingParameter(Polarity polarity, double scale, double? target, string name)
        => Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => new GapAxis(polarity, scale, target)).ParamName);

    [Fact]
    public void Constructor_SmallestScaleWithFiniteReciprocal_IsAccepted()
        => Assert.Equal(1e-300, new GapAxis(Polarity.HigherIsBetter, 1e-300).Scale);

    [Fact]
    public void Equality_ComparesPolarityScaleAndTarget()
    {
        var axis = new GapAxis(Polarity.NearerToTargetIsBetter, 2, 21);
        var same = new GapAxis(Polarity.NearerToTargetIsBetter, 2, 21);
        Assert.True(axis == same);
        Assert.False(axis != same);
        Assert.True(axis.Equals((object)same));
        Assert.Equal(axis.GetHashCode(), same.GetHashCode());
        Assert.False(axis.Equals("an axis"));
        Assert.True(axis != new GapAxis(Polarity.NearerToTargetIsBetter, 2, 22));
        Assert.True(axis != new GapAxis(Polarity.NearerToTargetIsBetter, 3, 21));
        Assert.True(new GapAxis(Polarity.HigherIsBetter, 2) != new GapAxis(Polarity.LowerIsBetter, 2));
        Assert.False(new GapAxis(Polarity.HigherIsBetter, 2) == new GapAxis(Polarity.LowerIsBetter, 2));
    }

    [Fact]
    public void ToString_NamesPolarityScaleAndTarget()
    {
        Assert.Equal("HigherIsBetter, scale 0.5", new GapAxis(Polarity.HigherIsBetter, 0.5).ToString());
        Assert.Equal("NearerToTargetIsBetter, scale 2, target 21.5", new GapAxis(Polarity.NearerToTargetIsBetter, 2, 21.5).ToString());
    }
}
