using CxScoring.Journeys.Dynamics;


namespace CxScoring.Tests.Journeys.Dynamics;

public class AdaptiveExpectationTests
{
    // docs/sources.md, "Adaptive expectation": E0 = 5, λ = 0.3, outcomes 4, 6, 3 → 4.7, 5.09, 4.463.
    [Fact]
    public void Next_PublishedVector_Matches()
    {
        var e1 = AdaptiveExpectation.Next(5, 4, 0.3);
        var e2 = AdaptiveExpectation.Next(e1, 6, 0.3);
        var e3 = AdaptiveExpectation.Next(e2, 3, 0.3);
        Assert.Equal(4.7, e1, 12);
        Assert.Equal(5.09, e2, 12);
        Assert.Equal(4.463, e3, 12);
    }

    [Fact]
    public void Next_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveExpectation.Next(5, 4, 1.1)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveExpectation.Next(double.NaN, 4, 0.3)).ParamName);
        Assert.Equal("observed", Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveExpectation.Next(5, double.PositiveInfinity, 0.3)).ParamName);
    }
}
