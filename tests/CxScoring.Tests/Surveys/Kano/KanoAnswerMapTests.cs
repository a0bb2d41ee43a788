using CxScoring.Surveys.Kano;


namespace CxScoring.Tests.Surveys.Kano;

public class KanoAnswerMapTests
{
    [Theory]
    [InlineData("Like", KanoAnswer.Like)]
    [InlineData("  must be ", KanoAnswer.MustBe)]
    [InlineData("I AM NEUTRAL", KanoAnswer.Neutral)]
    [InlineData("live-with", KanoAnswer.LiveWith)]
    [InlineData("I dislike it that way", KanoAnswer.Dislike)]
    [InlineData("I expect it", KanoAnswer.MustBe)]
    [InlineData("It must be that way", KanoAnswer.MustBe)]
    [InlineData("I can tolerate it", KanoAnswer.LiveWith)]
    [InlineData("I like it", KanoAnswer.Like)]
    [InlineData("I dislike it", KanoAnswer.Dislike)]
    [InlineData("I am neutral", KanoAnswer.Neutral)]
    [InlineData("i'm INDIFFERENT", KanoAnswer.Neutral)]
    [InlineData("I don\u2019t care", KanoAnswer.Neutral)]
    [InlineData("\tI  can\u00a0live   with it that way\n", KanoAnswer.LiveWith)]
    public void Map_DefaultLabels_AreCaseAndSpaceInsensitive(string label, KanoAnswer expected)
        => Assert.Equal(expected, KanoAnswerMap.Default.Map(label));

    [Fact]
    public void Map_DefaultCodes_AreOneToFive()
    {
        Assert.Equal(KanoAnswer.Like, KanoAnswerMap.Default.Map(1));
        Assert.Equal(KanoAnswer.Dislike, KanoAnswerMap.Default.Map(5));
        Assert.False(KanoAnswerMap.Default.TryMap(6, out _));
        Assert.False(KanoAnswerMap.Default.TryMap((string?)null, out _));
    }

    [Fact]
    public void Create_CustomLanguageAndCodes_Maps()
    {
        var map = KanoAnswerMap.Create(
            [new("Gefällt mir", KanoAnswer.Like), new("Setze ich voraus", KanoAnswer.MustBe)],
            [new(10, KanoAnswer.Like)]);
        Assert.Equal(KanoAnswer.MustBe, map.Map("setze ich voraus"));
        Assert.Equal(KanoAnswer.MustBe, map.Map(" Setze  ich\tvoraus"));
        Assert.Equal(KanoAnswer.Like, map.Map(10));
    }

    [Fact]
    public void Map_UnknownValues_ThrowNamingParameter()
    {
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Default.Map("maybe")).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => KanoAnswerMap.Default.Map(null!)).ParamName);
        Assert.Equal("code", Assert.Throws<ArgumentOutOfRangeException>(() => KanoAnswerMap.Default.Map(0)).ParamName);
    }

    [Fact]
    public void Create_BadEntries_ThrowNamingParameter()
    {
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => KanoAnswerMap.Create(null!, [])).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentNullException>(() => KanoAnswerMap.Create([], null!)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([new("x", (KanoAnswer)9)], [])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([new(" ", KanoAnswer.Like)], [])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([new("a", KanoAnswer.Like), new("A ", KanoAnswer.Dislike)], [])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([new("a b", KanoAnswer.Like), new("A  B", KanoAnswer.Dislike)], [])).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([], [new(1, (KanoAnswer)9)])).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => KanoAnswerMap.Create([], [new(1, KanoAnswer.Like), new(1, KanoAnswer.Dislike)])).ParamName);
    }
}
