using CxScoring.Surveys.Nps;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.Nps;

public class NpsResultTests
{
    // docs/sources.md, "NPS" (Reichheld 2003 definition).
    [Theory]
    [InlineData(new[] { 1, 2, 6, 7, 8 }, -60.0)]
    [InlineData(new[] { 1, 7, 7, 8, 9, 10 }, 16.67)]
    [InlineData(new[] { 10, 9, 8, 7, 6 }, 20.0)]
    [InlineData(new[] { 10, 8, 6, 4 }, -25.0)]
    public void Calculate_PublishedVectors_MatchReichheld(int[] ratings, double expected)
        => Assert.Equal(expected, NpsScorer.Score(ratings).Score, 2);

    [Fact]
    public void Calculate_Sample_ReportsGroupsVarianceAndStandardError()
    {
        var nps = NpsScorer.Score([1, 7, 7, 8, 9, 10]);
        Assert.Equal(2, nps.Promoters);
        Assert.Equal(3, nps.Passives);
        Assert.Equal(1, nps.Detractors);
        Assert.Equal(6, nps.Count);
        Assert.Equal(0.4722222222, nps.VarianceUnitScale, 9);       // (2/6 + 1/6) - (1/6)^2
        Assert.Equal(28.0541803843, nps.StandardError, 8); // 100 * sqrt(Var / n)
    }

    [Fact]
    public void WaldInterval_95Percent_IsScorePlusMinusZTimesSe()
    {
        var interval = NpsScorer.Score([1, 7, 7, 8, 9, 10]).WaldInterval();
        Assert.Equal(-38.318517, interval.Lower, 4);
        Assert.Equal(71.651850, interval.Upper, 4);
        Assert.Equal(0.95, interval.ConfidenceLevel);
    }

    [Fact]
    public void WaldInterval_Extremes_AreClampedToTheScale()
    {
        var interval = NpsScorer.Score([10, 10, 9, 0]).WaldInterval(0.99);
        Assert.True(interval.Upper <= 100);
        Assert.Equal(-100, NpsScorer.Score(1, 0, 1).WaldInterval(0.999).Lower);
    }

    [Fact]
    public void CompareTo_TwoPublishedSamples_GivesZTest()
    {
        var difference = NpsScorer.Score([10, 9, 8, 7, 6]).CompareTo(NpsScorer.Score([10, 8, 6, 4]));
        Assert.Equal(45, difference.Difference, 9);
        Assert.Equal(53.2799211711, difference.StandardError, 8);
        Assert.Equal(0.8445958, difference.Z, 6);
        Assert.Equal(0.39834, difference.PValue, 4);
        Assert.False(difference.IsSignificant());
    }

    [Fact]
    public void FromCounts_MatchesCalculate()
        => Assert.Equal(NpsScorer.Score([10, 9, 8, 7, 6]).Score, NpsScorer.Score(2, 2, 1).Score);

    [Fact]
    public void Calculate_BadInput_ThrowsNamingRatingsAndRespondent()
    {
        Assert.Equal("ratings", Assert.Throws<ArgumentException>(() => NpsScorer.Score([])).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsScorer.Score([10, 11]));
        Assert.Equal("ratings", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0–10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounts_BadCounts_ThrowNamingParameter()
    {
        Assert.Equal("passives", Assert.Throws<ArgumentOutOfRangeException>(() => NpsScorer.Score(1, -1, 0)).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => NpsScorer.Score(0, 0, 0));
        Assert.Equal("promoters", empty.ParamName);
        Assert.Contains("all zero", empty.Message, StringComparison.Ordinal);
        var overflow = Assert.Throws<ArgumentException>(() => NpsScorer.Score(int.MaxValue, 1, 0));
        Assert.Equal("detractors", overflow.ParamName);
        Assert.Contains("must not exceed", overflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaldInterval_LevelOutOfRange_ThrowsNamingConfidenceLevel()
        => Assert.Equal("confidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => NpsScorer.Score(1, 1, 1).WaldInterval(1)).ParamName);

    [Fact]
    public void CompareTo_Null_ThrowsNamingOther()
        => Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => NpsScorer.Score(1, 1, 1).CompareTo(null!)).ParamName);

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 200)]
    public void Score_IsHundredTimesMeanOfPlusZeroMinusScores(NpsRatings ratings)
    {
        var scores = ratings.Values.Select(r => r >= 9 ? 1.0 : r >= 7 ? 0.0 : -1.0).ToArray();
        Assert.Equal(100 * scores.Average(), NpsScorer.Score(ratings.Values).Score, 9);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 200)]
    public void Variance_IsPopulationVarianceOfPlusZeroMinusScores(NpsRatings ratings)
    {
        var scores = ratings.Values.Select(r => r >= 9 ? 1.0 : r >= 7 ? 0.0 : -1.0).ToArray();
        var mean = scores.Average();
        var variance = scores.Sum(x => (x - mean) * (x - mean)) / scores.Length;
        var nps = NpsScorer.Score(ratings.Values);
        Assert.Equal(variance, nps.VarianceUnitScale, 9);
        Assert.Equal(100 * Math.Sqrt(variance / scores.Length), nps.StandardError, 9);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 200)]
    public void FromCounts_OfCalculatedGroups_EqualsCalculate(NpsRatings ratings)
    {
        var calculated = NpsScorer.Score(ratings.Values);
        var promoters = ratings.Values.Count(r => r >= 9);
        var detractors = ratings.Values.Count(r => r <= 6);
        var fromCounts = NpsScorer.Score(promoters, ratings.Values.Length - promoters - detractors, detractors);
        Assert.Equal(calculated.Promoters, fromCounts.Promoters);
        Assert.Equal(calculated.Passives, fromCounts.Passives);
        Assert.Equal(calculated.Detractors, fromCounts.Detractors);
        Assert.Equal(calculated.Score, fromCounts.Score);
        Assert.Equal(calculated.StandardError, fromCounts.StandardError);
    }
}
