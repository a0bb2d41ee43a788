using CxScoring.Journeys;
using NodaTime;

namespace CxScoring.Tests.Journeys;

public class EngagementDefinitionTests
{
    private static readonly EngagementWindow Week = EngagementWindow.Of(Duration.FromDays(7));

    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new EngagementDefinition(" ", ["offer"], Week)).ParamName);
        Assert.Equal("touchpointIds", Assert.Throws<ArgumentNullException>(() => new EngagementDefinition("e", null!, Week)).ParamName);
        Assert.Equal("touchpointIds", Assert.Throws<ArgumentException>(() => new EngagementDefinition("e", [], Week)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentException>(() => new EngagementDefinition("e", ["offer"], default)).ParamName);
        Assert.Equal("openingTouchpointIds", Assert.Throws<ArgumentException>(() => new EngagementDefinition("e", ["offer"], Week, ["invoice"])).ParamName);
    }

    [Fact]
    public void Opens_NoOpenersNamed_AnyTouchpointOpens()
    {
        var any = new EngagementDefinition("e", ["offer", "invoice"], Week);
        var named = new EngagementDefinition("e", ["offer", "invoice"], Week, ["offer"]);
        Assert.True(any.Opens("invoice"));
        Assert.False(named.Opens("invoice"));
        Assert.True(named.Includes("invoice"));
        Assert.False(named.Includes("hotline"));
        Assert.Equal("touchpointId", Assert.Throws<ArgumentNullException>(() => named.Opens(null!)).ParamName);
        Assert.Equal("touchpointId", Assert.Throws<ArgumentNullException>(() => named.Includes(null!)).ParamName);
    }
}
