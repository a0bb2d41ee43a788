using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.Model;

public sealed class ChannelNormTests
{
    [Fact]
    public void All_EveryNorm_IsAValidZoneWithASourceOrMarkedAsADefault()
    {
        Assert.Equal(["chat", "phone", "email", "social", "letter"], ChannelNorm.All.Select(n => n.Name));
        foreach (var norm in ChannelNorm.All)
        {
            Assert.True(norm.Desired < norm.Adequate, norm.ToString());
            Assert.Equal(norm.Name, norm.Channel.Name);
            Assert.Equal(norm.Source is null, norm.IsDefaultToAdjust);
        }

        Assert.True(ChannelNorm.Letter.IsDefaultToAdjust);
        Assert.False(ChannelNorm.Email.IsDefaultToAdjust);
    }

    [Fact]
    public void Norms_ChannelsSetTheirOwnPace_ChatFasterThanEmailFasterThanLetter()
    {
        Assert.True(ChannelNorm.Chat.Adequate < ChannelNorm.Email.Adequate);
        Assert.True(ChannelNorm.Email.Adequate < ChannelNorm.Letter.Adequate);
    }

    [Fact]
    public void Social_FollowsTheArise2017Survey()
    {
        // docs/sources.md, "Channel norms": 49.8 % want a reply within 1 hour, 79.2 % within 1 day.
        Assert.Equal(Duration.FromHours(1), ChannelNorm.Social.Desired);
        Assert.Equal(Duration.FromDays(1), ChannelNorm.Social.Adequate);
    }

    [Fact]
    public void ToExpectation_DefaultsToTheChannelScope_AndOverridesEitherBound()
    {
        var expectation = ChannelNorm.Email.ToExpectation("reply-time", adequate: ExpectationLevel.Absolute(Duration.FromHours(8)));
        Assert.Equal(new Scope(channel: Channel.Email), expectation.Scope);
        Assert.Equal(ExpectationLevel.Absolute(Duration.FromHours(8)), expectation.Adequate);
        Assert.Equal(ExpectationLevel.Absolute(Duration.FromHours(1)), expectation.Desired);
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        Assert.True(ChannelNorm.TryGet("chat", out var chat));
        Assert.Same(ChannelNorm.Chat, chat);
        Assert.False(ChannelNorm.TryGet("pigeon", out _));
        Assert.False(ChannelNorm.TryGet(null, out _));
    }

    [Fact]
    public void ModelFile_Norm_GivesTheNormsZoneOnItsChannel_WithOverrides()
    {
        var model = ScoringModelJson.Parse("""
            {
              "schemaVersion": 1,
              "name": "norms",
              "touchpoints": [ { "id": "mail", "channel": "email" }, { "id": "talk", "channel": "chat" } ],
              "measures": [ { "id": "reply", "kind": "duration", "scale": "PT24H" } ],
              "promises": [ { "id": "p", "measure": "reply", "level": "PT4H", "source": "implicit" } ],
              "expectations": [
                { "measure": "reply", "norm": "email", "adequate": { "value": "PT8H" } },
                { "measure": "reply", "norm": "chat", "scope": { "touchpoint": "talk" } }
              ]
            }
            """);
        Assert.Equal(ChannelNorm.Email.ToExpectation("reply", adequate: ExpectationLevel.Absolute(Duration.FromHours(8))), model.Expectations[0]);
        Assert.Equal(ChannelNorm.Chat.ToExpectation("reply", new Scope("talk")), model.Expectations[1]);
    }

    [Fact]
    public void ModelFile_UnknownNorm_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse("""
            {
              "schemaVersion": 1,
              "name": "norms",
              "measures": [ { "id": "reply", "kind": "duration", "scale": "PT24H" } ],
              "expectations": [ { "measure": "reply", "norm": "fax" } ]
            }
            """));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.expectations[0].norm", problem.Path);
        Assert.Equal("Unknown channel norm 'fax'; known norms: chat, phone, email, social, letter.", problem.Message);
    }
}
