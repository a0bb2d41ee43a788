using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Tests.Plans;

public class OutcomeColumnsTests
{
    [Fact]
    public void Add_GetRow_RoundTripsEveryField()
    {
        var columns = new OutcomeColumns(4);
        var row = new OutcomeRow(1, 2, 3.5, Instant.FromUtc(2025, 1, 2, 3, 4), 1, 42).WithPromisedLevel(7).WithRequestedAt(99);
        var plain = new OutcomeRow(0, 1, 2, Instant.FromUtc(2025, 1, 1, 0, 0));
        columns.Add(plain);
        columns.Add(row);
        Assert.Equal(2, columns.Count);
        Assert.Equal(plain, columns.GetRow(0));
        Assert.Equal(row, columns.GetRow(1));
    }

    [Fact]
    public void Rent_Fill_RoundTripsEveryFieldAndForgetsEarlierFlags()
    {
        var columns = OutcomeColumns.Rent(3);
        try
        {
            OutcomeRow[] flagged = [new OutcomeRow(1, 2, 3.5, Instant.FromUtc(2025, 1, 2, 3, 4), 1, 42).WithPromisedLevel(7).WithRequestedAt(99), new OutcomeRow(0, 1, 2, Instant.FromUtc(2025, 1, 1, 0, 0)).WithPromisedBy(5)];
            columns.Fill(flagged);
            Assert.Equal(2, columns.Count);
            Assert.Equal(flagged, new[] { columns.GetRow(0), columns.GetRow(1) });
            OutcomeRow[] plain = [new OutcomeRow(3, 0, 1, 10, OutcomeRow.NoSegment, 7), new OutcomeRow(2, 1, 4, 11, 0, 8), new OutcomeRow(1, 1, 5, 12, OutcomeRow.NoSegment, 0)];
            columns.Fill(plain);
            Assert.Equal(plain, new[] { columns.GetRow(0), columns.GetRow(1), columns.GetRow(2) });
        }
        finally
        {
            columns.ReturnRented();
        }
    }

    [Fact]
    public void Clear_RestoresDefaults()
    {
        var columns = new OutcomeColumns(2);
        columns.Add(new OutcomeRow(0, 0, 1, 5, 1, 9).WithPromisedBy(3));
        columns.Clear();
        Assert.Equal(0, columns.Count);
        Assert.Equal(OutcomeRow.NoSegment, columns.Segments[0]);
        Assert.Equal(0, columns.CustomerKeys[0]);
        columns.Count = 1;
        Assert.Null(columns.GetRow(0).PromisedByNanoseconds);
    }

    [Fact]
    public void Arguments_Invalid_ThrowNamingParameter()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new OutcomeColumns(-1)).ParamName);
        var columns = new OutcomeColumns(1);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => columns.Count = 2).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => columns.GetRow(0)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => columns.SetPromisedLevel(1, 0)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => columns.SetPromisedBy(-1, 0)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => columns.SetRequestedAt(1, 0)).ParamName);
        columns.Add(default);
        Assert.Throws<InvalidOperationException>(() => columns.Add(default));
    }
}
