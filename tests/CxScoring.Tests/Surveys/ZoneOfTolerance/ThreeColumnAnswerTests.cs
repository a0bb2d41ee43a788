using CxScoring.Surveys.ZoneOfTolerance;


namespace CxScoring.Tests.Surveys.ZoneOfTolerance;

public class ThreeColumnAnswerTests
{
    [Fact]
    public void Equality_SameRatings_EqualAndSameHash()
    {
        var a = new ThreeColumnAnswer(5, 8, 6);
        Assert.True(a == new ThreeColumnAnswer(5, 8, 6));
        Assert.Equal(a.GetHashCode(), new ThreeColumnAnswer(5, 8, 6).GetHashCode());
        Assert.True(a != new ThreeColumnAnswer(5, 8, 7));
        Assert.Equal("min 5, desired 8, perceived 6", a.ToString());
    }
}
