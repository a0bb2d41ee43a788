using CxScoring.Surveys.Nps;


namespace CxScoring.Tests.Surveys.Nps;

public class NpsDifferenceTests
{
    [Fact]
    public void Z_ZeroVariance_IsZeroWhenEqualAndInfiniteWhenDifferent()
    {
        var allPromoters = NpsScorer.Score(5, 0, 0);
        var allDetractors = NpsScorer.Score(0, 0, 5);
        Assert.Equal(0, allPromoters.CompareTo(allPromoters).Z);
        Assert.Equal(1, allPromoters.CompareTo(allPromoters).PValue, 6);
        var apart = allPromoters.CompareTo(allDetractors);
        Assert.Equal(double.PositiveInfinity, apart.Z);
        Assert.Equal(0, apart.PValue);
        Assert.True(apart.IsSignificant(0.01));
    }

    [Fact]
    public void IsSignificant_AlphaOutOfRange_ThrowsNamingAlpha()
        => Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => NpsScorer.Score(1, 1, 1).CompareTo(NpsScorer.Score(1, 1, 1)).IsSignificant(0)).ParamName);

    [Fact]
    public void Equality_SameSamples_Equal()
    {
        var a = NpsScorer.Score(3, 1, 1).CompareTo(NpsScorer.Score(1, 1, 3));
        var b = NpsScorer.Score(3, 1, 1).CompareTo(NpsScorer.Score(1, 1, 3));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
