using CxScoring.Journeys.Costs;


namespace CxScoring.Tests.Journeys.Costs;

public class ChurnResponseCurveTests
{
    [Fact]
    public void Probability_Logistic_MatchesHandComputation()
    {
        var curve = new ChurnResponseCurve(-2, -3);
        Assert.Equal(1 / (1 + Math.Exp(2)), curve.Probability(0), 12);
        Assert.Equal(1 / (1 + Math.Exp(2 - 1.5)), curve.Probability(-0.5), 12);
        Assert.True(curve.Probability(-1) > curve.Probability(1));
    }

    [Fact]
    public void Constructor_AndProbability_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("intercept", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnResponseCurve(double.NaN, 1)).ParamName);
        Assert.Equal("slope", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnResponseCurve(0, double.PositiveInfinity)).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnResponseCurve(0, 1).Probability(double.NaN)).ParamName);
    }

    [Fact]
    public void Equality_SameParameters_Equal()
    {
        Assert.True(new ChurnResponseCurve(1, 2) == new ChurnResponseCurve(1, 2));
        Assert.True(new ChurnResponseCurve(1, 2) != new ChurnResponseCurve(1, 3));
    }
}
