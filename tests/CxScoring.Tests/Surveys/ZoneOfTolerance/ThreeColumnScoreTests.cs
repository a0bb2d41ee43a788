using CxScoring.Gaps;
using CxScoring.Surveys.ZoneOfTolerance;


namespace CxScoring.Tests.Surveys.ZoneOfTolerance;

public class ThreeColumnScoreTests
{
    [Fact]
    public void FromLevels_WithinZone_ReportsMsaMssAndPosition()
    {
        var score = ThreeColumnScorer.Score(5, 8, 6.5);
        Assert.Equal(1.5, score.Msa, 12);
        Assert.Equal(-1.5, score.Mss, 12);
        Assert.Equal(Zone.Within, score.Location);
        Assert.Equal(0.5, score.PositionInZone!.Value, 12);
        Assert.False(score.IsInverted);
    }

    [Fact]
    public void FromLevels_InvertedZone_IsReportedAndNeverWithin()
    {
        var inside = ThreeColumnScorer.Score(7, 4, 5);
        Assert.True(inside.IsInverted);
        Assert.Equal(-3, inside.ZoneWidth);
        Assert.Null(inside.PositionInZone);
        Assert.Equal(Zone.Below, inside.Location);
        Assert.Equal(Zone.Above, ThreeColumnScorer.Score(7, 4, 8).Location);
    }

    [Fact]
    public void FromLevels_NotFinite_ThrowsNamingLevel()
    {
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => ThreeColumnScorer.Score(double.NaN, 1, 1)).ParamName);
        Assert.Equal("desired", Assert.Throws<ArgumentOutOfRangeException>(() => ThreeColumnScorer.Score(1, double.PositiveInfinity, 1)).ParamName);
        Assert.Equal("perceived", Assert.Throws<ArgumentOutOfRangeException>(() => ThreeColumnScorer.Score(1, 1, double.NaN)).ParamName);
    }

    [Fact]
    public void Equality_SameLevels_EqualAndSameHash()
    {
        var a = ThreeColumnScorer.Score(5, 8, 6);
        var b = ThreeColumnScorer.Score(5, 8, 6);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != ThreeColumnScorer.Score(5, 8, 7));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public void Location_AnyLevels_IsTheEnginesZoneAndInversion(int minimum, int desired, int perceived)
    {
        var score = ThreeColumnScorer.Score(minimum % 10, desired % 10, perceived % 10);
        Assert.Equal(GapCalculator.ZoneOf(score.Msa, score.Mss), score.Location);
        Assert.Equal(GapCalculator.IsInverted(1.0, score.Minimum, score.Desired), score.IsInverted);
    }
}
