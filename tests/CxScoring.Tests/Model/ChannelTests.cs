using CxScoring.Model;


namespace CxScoring.Tests.Model;

public class ChannelTests
{
    [Fact]
    public void Custom_KnownName_EqualsWellKnown()
    {
        Assert.Equal(Channel.Chat, Channel.Custom("Chat"));
        Assert.Equal("kiosk", Channel.Custom("Kiosk").Name);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("émail")]
    public void Custom_InvalidName_ThrowsNamingParameter(string name)
        => Assert.Equal("name", Assert.Throws<ArgumentException>(() => Channel.Custom(name)).ParamName);

    [Fact]
    public void TryParse_NullOrInvalid_False()
    {
        Assert.False(Channel.TryParse(null, out _));
        Assert.False(Channel.TryParse(new string('x', 65), out _));
        Assert.True(Channel.TryParse("whatsapp", out var c) && c.Name == "whatsapp");
    }

    [Fact]
    public void Default_IsUnspecified() => Assert.Equal("unspecified", default(Channel).Name);
}
