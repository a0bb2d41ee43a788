using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Arrow.Tests;

/// <summary>
/// Arrow IPC files read in place (record batch headers from a memory mapping, only the buffers the scorecard needs read
/// from the file), and the files that must be read through a stream instead: the same scorecard and counts either way.
/// </summary>
public sealed class MappedArrowFileTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryOpen_WrittenFile_MapsItsMessagesFromTheSchemaOn(bool dictionary)
    {
        using var temp = new TempFiles();
        var file = Rows(25, batchRows: 10, dictionary);
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrow", stream: false);

        using var mapped = MappedArrowFile.TryOpen(path, 3);

        Assert.NotNull(mapped);

        // A message starts with the continuation marker; the first is the schema, right after the magic.
        Assert.True(mapped.Body.Span[..4].SequenceEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }));
        Assert.Equal(File.ReadAllBytes(path).AsSpan(8, 64).ToArray(), mapped.Body.Span[..64].ToArray());
    }

    [Fact]
    public void TryOpen_AnotherCountOfBatchesThanTheFooterLists_ReturnsNull()
    {
        using var temp = new TempFiles();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, Rows(25, batchRows: 10, dictionary: false), "outcomes.arrow", stream: false);

        using var mapped = MappedArrowFile.TryOpen(path, 4);

        Assert.Null(mapped);
    }

    [Fact]
    public void TryOpen_FooterListingBatchesOutOfTheirOrderInTheFile_ReturnsNull()
    {
        using var temp = new TempFiles();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, Rows(25, batchRows: 10, dictionary: false), "outcomes.arrow", stream: false);
        ReverseBatches(path);

        using var mapped = MappedArrowFile.TryOpen(path, 3);

        Assert.Null(mapped);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_FooterListingBatchesOutOfOrder_ReadThroughAStreamToTheSameScorecardAndCounts(ColumnarCase file)
    {
        // The footer's order is the file's row order, so malformed rows are numbered differently; the scorecard, whose
        // sums do not depend on the order of the rows, and the counts are the same.
        file = file with { ByCustomer = false };
        using var temp = new TempFiles();
        var csv = ArrowScoringEngineExtensionsTests.ScoreCsv(temp, file);
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrow", stream: false);
        ReverseBatches(path);

        var arrow = Engine.ScoreArrowFileAsync(path, ArrowScoringEngineExtensionsTests.Options(file)).GetAwaiter().GetResult();

        Assert.Equal(csv.Scorecard, arrow.Scorecard);
        Assert.Equal(csv.Report.Records, arrow.Report.Records);
        Assert.Equal(csv.Report.Read, arrow.Report.Read);
        Assert.Equal(csv.Report.Malformed, arrow.Report.Malformed);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_ReadInPlace_EqualsReadThroughAStream(ColumnarCase file)
    {
        // The same file read in place (ScoreArrowFileAsync) and read whole through a stream (ScoreArrowStreamAsync on
        // the file's bytes as an IPC stream): the same scorecard, counts and malformed rows.
        using var temp = new TempFiles();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrow", stream: false);
        var streamPath = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrows", stream: true);
        var options = ArrowScoringEngineExtensionsTests.Options(file);

        var inPlace = Engine.ScoreArrowFileAsync(path, options).GetAwaiter().GetResult();
        using var stream = File.OpenRead(streamPath);
        var streamed = Engine.ScoreArrowStreamAsync(stream, options).GetAwaiter().GetResult();

        Assert.Equal(streamed.Scorecard, inPlace.Scorecard);
        Assert.Equal(streamed.Report.ToString(), inPlace.Report.ToString());
        Assert.Equal(streamed.Report.Errors.Select(e => e.ToString()), inPlace.Report.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public async Task ScoreArrowFileAsync_BuffersFarApartAndClose_ReadInPlaceEqualsReadThroughAStream(bool dictionary, int threads)
    {
        // Batches of 3,000 rows with 40-byte customers: the customer bytes (120 KB a batch, not read) lie between the
        // customer offsets and the other columns, so a batch is read in more than one positioned read, and the
        // columns that lie close together in one; an empty customer, a null value and a null touchpoint make rows
        // malformed in some batches and not in others.
        var rows = new ColumnarRow[10_000];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new ColumnarRow(
                i % 4_001 == 17 ? string.Empty : $"customer-{i % 13:D31}",
                i % 5_003 == 4 ? null : i % 2 == 0 ? "bill" : "install",
                "amount",
                i % 7_919 == 2_000 ? null : i,
                i * 1_000_000_000L,
                null,
                null,
                null,
                null);
        }

        var file = new ColumnarCase(rows, 3_000, dictionary, threads, ByCustomer: false, 0);
        using var temp = new TempFiles();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrow", stream: false);
        var streamPath = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrows", stream: true);
        var options = ArrowScoringEngineExtensionsTests.Options(file);
        var csv = ArrowScoringEngineExtensionsTests.ScoreCsv(temp, file);

        var inPlace = await Engine.ScoreArrowFileAsync(path, options);
        await using var stream = File.OpenRead(streamPath);
        var streamed = await Engine.ScoreArrowStreamAsync(stream, options);

        Assert.Equal(7, inPlace.Report.Malformed);
        Assert.Equal(csv.Scorecard, inPlace.Scorecard);
        Assert.Equal(streamed.Scorecard, inPlace.Scorecard);
        Assert.Equal(streamed.Report.ToString(), inPlace.Report.ToString());
        Assert.Equal(streamed.Report.Errors.Select(e => e.ToString()), inPlace.Report.Errors.Select(e => e.ToString()));
    }

    /// <summary>Reverses the footer's list of record batches (24-byte blocks), leaving the messages where they are: a valid file whose row order is no longer the order of its messages.</summary>
    private static void ReverseBatches(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (start, length) = MappedArrowFile.RecordBatchBlocks(bytes) ?? throw new InvalidOperationException("No footer.");
        var blocks = new byte[length / 24][];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = bytes.AsSpan(start + (i * 24), 24).ToArray();
        }

        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[blocks.Length - 1 - i].CopyTo(bytes, start + (i * 24));
        }

        File.WriteAllBytes(path, bytes);
    }

    private static ColumnarCase Rows(int count, int batchRows, bool dictionary)
    {
        var rows = new ColumnarRow[count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new ColumnarRow($"c{i % 7}", i % 2 == 0 ? "bill" : "install", "amount", i, i * 1_000_000_000L, null, null, null, null);
        }

        return new ColumnarCase(rows, batchRows, dictionary, 1, ByCustomer: false, 0);
    }
}
