using CxScoring.Journeys;
using CxScoring.Model;


namespace CxScoring.Tests.Journeys;

public class JourneyEventTests
{
    [Fact]
    public void Constructor_OtherTouchpoint_ThrowsNamingTouchpoint()
    {
        var e = JourneyFixtures.Event("c1", "offer", 7, 0);
        JourneyFixtures.Model.TryGetTouchpoint("hotline", out var other);
        var ex = Assert.Throws<ArgumentException>(() => new JourneyEvent(e.Outcome, e.Gap, other!, e.Measure));
        Assert.Equal("touchpoint", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullOrMismatched_ThrowsNamingParameter()
    {
        var e = JourneyFixtures.Event("c1", "offer", 7, 0);
        Assert.Equal("touchpoint", Assert.Throws<ArgumentNullException>(() => new JourneyEvent(e.Outcome, e.Gap, null!, e.Measure)).ParamName);
        Assert.Equal("measure", Assert.Throws<ArgumentNullException>(() => new JourneyEvent(e.Outcome, e.Gap, e.Touchpoint, null!)).ParamName);
        Assert.Equal("measure", Assert.Throws<ArgumentException>(() => new JourneyEvent(e.Outcome, e.Gap, e.Touchpoint, Measure.YesNo("other"))).ParamName);
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => new JourneyEvent(default(Outcome), e.Gap, e.Touchpoint, e.Measure)).ParamName);
    }

    [Fact]
    public void WeightedShortfall_BelowZone_IsShortfallTimesWeight()
    {
        var below = JourneyFixtures.Event("c1", "upgrade", 3, 0);
        Assert.Equal(-(3 - 5) / 8.0 * 3.0, below.WeightedShortfall, 12);
        Assert.Equal(0.0, JourneyFixtures.Event("c1", "upgrade", 9, 0).WeightedShortfall);
    }

    [Fact]
    public void Equality_SameContent_Equal()
    {
        var a = JourneyFixtures.Event("c1", "offer", 7, 0);
        var b = JourneyFixtures.Event("c1", "offer", 7, 0);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != JourneyFixtures.Event("c1", "offer", 6, 0));
    }
}
