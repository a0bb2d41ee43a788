using CxScoring.Surveys.Servqual;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.Servqual;

public class ServqualInstrumentTests
{
    [Fact]
    public void Standard_Default_Has22ItemsInTheFivePublishedDimensions()
    {
        var instrument = ServqualInstrument.Standard();
        Assert.Equal(7, instrument.ScalePoints);
        Assert.Equal(22, instrument.ItemCount);
        Assert.Equal(["Tangibles", "Reliability", "Responsiveness", "Assurance", "Empathy"], instrument.Dimensions.Select(d => d.Name));
        Assert.Equal([1, 2, 3, 4], instrument.Dimensions[0].Items.AsEnumerable());
        Assert.Equal([5, 6, 7, 8, 9], instrument.Dimensions[1].Items.AsEnumerable());
        Assert.Equal([10, 11, 12, 13], instrument.Dimensions[2].Items.AsEnumerable());
        Assert.Equal([14, 15, 16, 17], instrument.Dimensions[3].Items.AsEnumerable());
        Assert.Equal([18, 19, 20, 21, 22], instrument.Dimensions[4].Items.AsEnumerable());
        Assert.Equal([10, 11, 12, 13, 18, 19, 20, 21, 22], instrument.NegativelyWordedItems.AsEnumerable());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Standard_ScaleOutOfRange_ThrowsNamingScalePoints(int k)
        => Assert.Equal("scalePoints", Assert.Throws<ArgumentOutOfRangeException>(() => ServqualInstrument.Standard(k)).ParamName);

    [Theory]
    [InlineData(7, 1, 7)]
    [InlineData(7, 3, 5)]
    [InlineData(5, 2, 4)]
    [InlineData(5, 3, 3)]
    public void ReverseScore_Answer_IsKPlusOneMinusAnswer(int k, int answer, int expected)
        => Assert.Equal(expected, ServqualInstrument.Standard(k).ReverseScore(answer));

    [Property(MaxTest = 200)]
    public Property ReverseScore_AppliedTwice_IsIdentity()
        => Prop.ForAll(
            Arb.From(Gen.Choose(2, 11).SelectMany(k => Gen.Choose(1, k).Select(x => (k, x)))),
            t =>
            {
                var instrument = new ServqualInstrumentBuilder(t.k).AddDimension("D", 1).Build();
                return instrument.ReverseScore(instrument.ReverseScore(t.x)) == t.x;
            });

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void ReverseScore_AnswerOffScale_ThrowsNamingAnswer(int answer)
        => Assert.Equal("answer", Assert.Throws<ArgumentOutOfRangeException>(() => ServqualInstrument.Standard().ReverseScore(answer)).ParamName);

    [Fact]
    public void IsNegativelyWorded_StandardItems_MatchThe1988Wording()
    {
        var instrument = ServqualInstrument.Standard();
        Assert.False(instrument.IsNegativelyWorded(9));
        Assert.True(instrument.IsNegativelyWorded(10));
        Assert.False(instrument.IsNegativelyWorded(17));
        Assert.True(instrument.IsNegativelyWorded(22));
    }

    [Fact]
    public void IsNegativelyWorded_ItemOutsideInstrument_ThrowsNamingItem()
        => Assert.Equal("item", Assert.Throws<ArgumentOutOfRangeException>(() => ServqualInstrument.Standard().IsNegativelyWorded(23)).ParamName);
}
