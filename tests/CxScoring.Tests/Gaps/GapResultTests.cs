using CxScoring.Gaps;

namespace CxScoring.Tests.Gaps;

public class GapResultTests
{
    private static readonly GapAxis Axis = new(Polarity.HigherIsBetter, 4);

    [Fact]
    public void Equality_SameInputs_AreEqualWithEqualHashes()
    {
        var a = GapCalculator.Calculate(Axis, 6, 7, 5, 9);
        var b = GapCalculator.Calculate(Axis, 6, 7, 5, 9);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals(null));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(6.5, 7.0, 5.0, 9.0)] // another delivered value
    [InlineData(6.0, 6.0, 5.0, 9.0)] // another promise: only the promise and setting gaps differ
    [InlineData(6.0, 7.0, 4.0, 9.0)] // another adequate level
    [InlineData(6.0, 7.0, 5.0, 8.0)] // another desired level
    public void Equality_AnyFigureDiffers_AreNotEqual(double delivered, double promised, double adequate, double desired)
    {
        var a = GapCalculator.Calculate(Axis, 6, 7, 5, 9);
        var b = GapCalculator.Calculate(Axis, delivered, promised, adequate, desired);
        Assert.False(a == b);
        Assert.True(a != b);
        Assert.False(a.Equals((object)b));
    }

    [Fact]
    public void Equality_DifferentValueFunction_AreNotEqual()
    {
        var a = GapCalculator.Calculate(Axis, 10, 7, 5, 9);
        var b = GapCalculator.Calculate(Axis, 10, 7, 5, 9, new ProspectValueFunction(0.5, 0.88, 2.25));
        Assert.NotEqual(a.FeltValue, b.FeltValue);
        Assert.True(a != b);
    }

    [Fact]
    public void ToString_ShowsZoneScoreAndGaps()
        => Assert.Equal(
            "Above: score 0.25, MSA 1.25, MSS 0.25, promise gap 0.75, setting gap 0.5, felt 0.295",
            GapCalculator.Calculate(Axis, 10, 7, 5, 9).ToString());
}
