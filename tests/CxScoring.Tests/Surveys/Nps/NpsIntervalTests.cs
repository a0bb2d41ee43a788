using CxScoring.Surveys.Nps;

namespace CxScoring.Tests.Surveys.Nps;

public class NpsIntervalTests
{
    [Fact]
    public void Equality_SameSampleAndLevel_AreEqual()
    {
        var a = NpsScorer.Score(3, 1, 1).WaldInterval(0.9);
        var b = NpsScorer.Score(3, 1, 1).WaldInterval(0.9);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals("an interval"));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equality_AnyBoundOrLevelDiffers_AreNotEqual()
    {
        var a = NpsScorer.Score(3, 1, 1).WaldInterval(0.9);
        Assert.True(a != NpsScorer.Score(3, 1, 1).WaldInterval(0.95));  // wider, other level
        Assert.True(a != NpsScorer.Score(3, 2, 1).WaldInterval(0.9));   // another sample
        Assert.False(a == NpsScorer.Score(1, 1, 3).WaldInterval(0.9));
    }

    [Fact]
    public void ToString_ShowsBoundsAndLevel()
        => Assert.Equal("[100, 100] (95%)", NpsScorer.Score(4, 0, 0).WaldInterval().ToString().Replace(" %", "%", StringComparison.Ordinal));
}
