using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.Model;

public class TouchpointTests
{
    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingParameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Touchpoint("", JourneyStage.Usage, Channel.Web)).ParamName);
        Assert.Equal("stage", Assert.Throws<ArgumentException>(() => new Touchpoint("t", (JourneyStage)42, Channel.Web)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => new Touchpoint("t", JourneyStage.Usage, Channel.Web, 0)).ParamName);
    }

    [Fact]
    public void Name_DefaultsToId() => Assert.Equal("t", new Touchpoint("t", JourneyStage.Usage, Channel.Web).Name);
}

public class ExpectationLevelTests
{
    [Fact]
    public void Resolve_RelativeAddsOffsetAbsoluteIgnoresPromise()
    {
        Assert.Equal(7200 + 100, ExpectationLevel.RelativeToPromise(Duration.FromHours(2)).Resolve(100));
        Assert.Equal(5, ExpectationLevel.Absolute(5).Resolve(100));
        Assert.Equal(100, ExpectationLevel.AsPromised.Resolve(100));
    }

    [Fact]
    public void Factories_NonFinite_ThrowNamingParameter()
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => ExpectationLevel.Absolute(double.NaN)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => ExpectationLevel.RelativeToPromise(double.PositiveInfinity)).ParamName);
    }
}

public class ScopeTests
{
    private static readonly Touchpoint Chat = new("chat", JourneyStage.Support, Channel.Chat);

    [Fact]
    public void AppliesTo_EachLimitMustMatch()
    {
        Assert.True(Scope.Everywhere.AppliesTo(Chat, null));
        Assert.True(new Scope(channel: Channel.Chat).AppliesTo(Chat, "x"));
        Assert.False(new Scope(channel: Channel.Phone).AppliesTo(Chat, null));
        Assert.False(new Scope(segmentId: "b2b").AppliesTo(Chat, null));
        Assert.True(new Scope("chat", Channel.Chat, "b2b").AppliesTo(Chat, "b2b"));
        Assert.Equal(7, new Scope("chat", Channel.Chat, "b2b").Specificity);
        Assert.Equal("touchpoint", Assert.Throws<ArgumentNullException>(() => Scope.Everywhere.AppliesTo(null!, null)).ParamName);
    }

    [Fact]
    public void Constructor_InvalidIds_ThrowNamingParameter()
    {
        Assert.Equal("touchpointId", Assert.Throws<ArgumentException>(() => new Scope(" ")).ParamName);
        Assert.Equal("segmentId", Assert.Throws<ArgumentException>(() => new Scope(segmentId: "a b")).ParamName);
    }
}

public class PromiseTests
{
    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingParameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Promise("", "m", 1, PromiseSource.Contract)).ParamName);
        Assert.Equal("measureId", Assert.Throws<ArgumentException>(() => new Promise("p", "", 1, PromiseSource.Contract)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => new Promise("p", "m", double.NaN, PromiseSource.Contract)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentOutOfRangeException>(() => new Promise("p", "m", 1, (PromiseSource)9)).ParamName);
    }

    [Fact]
    public void IsInForceAt_EndIsExclusive()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var p = new Promise("p", "m", 1, PromiseSource.Contract, new Interval(start, start + Duration.FromDays(1)));
        Assert.True(p.IsInForceAt(start));
        Assert.False(p.IsInForceAt(start + Duration.FromDays(1)));
        Assert.True(new Promise("q", "m", 1, PromiseSource.Contract).IsInForceAt(Instant.MinValue));
    }
}

public class OutcomeTests
{
    [Fact]
    public void Constructor_InvalidIds_ThrowNamingParameter()
    {
        var t = Instant.FromUtc(2026, 1, 1, 0, 0);
        Assert.Equal("customerId", Assert.Throws<ArgumentException>(() => new Outcome("", "t", "m", 1, t)).ParamName);
        Assert.Equal("touchpointId", Assert.ThrowsAny<ArgumentException>(() => new Outcome("c", null!, "m", 1, t)).ParamName);
        Assert.Equal("measureId", Assert.Throws<ArgumentException>(() => new Outcome("c", "t", "\t", 1, t)).ParamName);
        Assert.Equal("segmentId", Assert.Throws<ArgumentException>(() => new Outcome("c", "t", "m", 1, t, "")).ParamName);
    }

    [Fact]
    public void Equality_AllFieldsCount()
    {
        var t = Instant.FromUtc(2026, 1, 1, 0, 0);
        Assert.Equal(Outcome.OfDuration("c", "t", "m", Duration.FromMinutes(1), t), new Outcome("c", "t", "m", 60, t));
        Assert.NotEqual(new Outcome("c", "t", "m", 60, t), new Outcome("c", "t", "m", 60, t, perceivedRating: 3));
    }
}
