using CxScoring.Surveys;
using CxScoring.Surveys.Servqual;


namespace CxScoring.Tests.Surveys.Servqual;

public class ServqualInstrumentBuilderTests
{
    [Fact]
    public void Build_CustomInstrument_KeepsItemsDimensionsAndReversedItems()
    {
        var instrument = new ServqualInstrumentBuilder(5)
            .AddDimension("Speed", 3, 1)
            .AddDimension("Care", 2)
            .AddNegativelyWordedItems(2)
            .Build();

        Assert.Equal(5, instrument.ScalePoints);
        Assert.Equal(3, instrument.ItemCount);
        Assert.Equal([1, 3], instrument.Dimensions[0].Items.AsEnumerable());
        Assert.True(instrument.IsNegativelyWorded(2));
        Assert.False(instrument.IsNegativelyWorded(1));
    }

    [Fact]
    public void Constructor_ScaleOutOfRange_ThrowsNamingScalePoints()
        => Assert.Equal("scalePoints", Assert.Throws<ArgumentOutOfRangeException>(() => new ServqualInstrumentBuilder(1)).ParamName);

    [Fact]
    public void AddDimension_ItemAlreadyAssigned_ThrowsNamingItems()
    {
        var builder = new ServqualInstrumentBuilder().AddDimension("A", 1, 2);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => builder.AddDimension("B", 2, 3)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => builder.AddDimension("C", 0)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => builder.AddDimension("D")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => builder.AddDimension("a", 4)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => builder.AddDimension(" ", 5)).ParamName);
    }

    [Fact]
    public void AddDimension_RejectedItems_DoNotReserveTheName()
    {
        var builder = new ServqualInstrumentBuilder();
        Assert.Throws<ArgumentException>(() => builder.AddDimension("Tangibles", 0));
        var instrument = builder.AddDimension("Tangibles", 1, 2).Build();
        Assert.Equal("Tangibles", instrument.Dimensions[0].Name);
    }

    [Fact]
    public void AddNegativelyWordedItems_NonPositiveItem_ThrowsNamingItems()
        => Assert.Equal("items", Assert.Throws<ArgumentException>(() => new ServqualInstrumentBuilder().AddNegativelyWordedItems(0)).ParamName);

    [Fact]
    public void Build_GapInItemNumbers_Throws()
    {
        var ex = Assert.Throws<InstrumentDefinitionException>(() => new ServqualInstrumentBuilder().AddDimension("A", 1, 3).Build());
        Assert.Contains("item 2 is missing", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InstrumentDefinitionException>(() => new ServqualInstrumentBuilder().Build());
        Assert.Throws<InstrumentDefinitionException>(() => new ServqualInstrumentBuilder().AddDimension("A", 1).AddNegativelyWordedItems(2).Build());
    }
}
