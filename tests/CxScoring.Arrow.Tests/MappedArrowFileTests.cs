using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.Scorecards;
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

    /// <summary>An engine whose plan reads no instant for a scorecard without calendar periods (every cell fast).</summary>
    private static readonly ScoringEngine AllFast = new(EngineTestData.AllFastModel);

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

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Read_InstantsNotRead_GivesZerosForThePlainBatchesObservedAt(bool instants, bool ownPromises, bool zeros)
    {
        // Without instants to read, a batch whose rows carry no promise, deadline or rating of their own has its
        // nanosecond observedAt values left unread and zeros in their place; a batch with own promised levels has them read.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 30)
            .Select(i => new ColumnarRow($"c{i % 7}", "bill", "amount", i, 1_740_000_000_000_000_000L + i, null, ownPromises ? 2 : null, null, null))
            .ToArray();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, new ColumnarCase(rows, 10, Dictionary: true, 1, ByCustomer: false, 0), "outcomes.arrow", stream: false);
        using var mapped = MappedArrowFile.TryOpen(path, 3) ?? throw new InvalidOperationException("Not mapped.");
        using var reader = new MappedBatchReader(mapped, "outcomes.arrow", 3, customers: false, instants);

        var batch = reader.Read(1).Single();
        var observed = (PrimitiveArray<long>)batch.Column(batch.Schema.GetFieldIndex("observedAt"));

        var expected = Enumerable.Range(10, 10).Select(i => zeros ? 0 : 1_740_000_000_000_000_000L + i);
        Assert.Equal(expected, observed.Values.ToArray());
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_ScorecardWithoutPeriods_ReadInPlaceEqualsReadThroughAStreamAndCsv(ColumnarCase file, bool allFast)
    {
        // Without calendar periods the all-fast plan reads no instant, so the file read in place leaves the observedAt
        // values of batches without own promises, deadlines or ratings unread; the test model finds a promise by
        // instant, so there they are read. Either way: the scorecard, counts and malformed rows of the other readers.
        var engine = allFast ? AllFast : Engine;
        var options = new FileScoringOptions { MaxDegreeOfParallelism = file.Threads, Scorecard = new ScorecardOptions { ByPeriod = false, ByCustomer = file.ByCustomer } };
        using var temp = new TempFiles();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrow", stream: false);
        var streamPath = ArrowScoringEngineExtensionsTests.WriteArrow(temp, file, "outcomes.arrows", stream: true);
        var csvPath = temp.Path("outcomes.csv");
        File.WriteAllText(csvPath, file.ToCsv(), new UTF8Encoding(false));

        var inPlace = engine.ScoreArrowFileAsync(path, options).GetAwaiter().GetResult();
        using var stream = File.OpenRead(streamPath);
        var streamed = engine.ScoreArrowStreamAsync(stream, options).GetAwaiter().GetResult();
        var csv = engine.ScoreFileAsync(csvPath, options).GetAwaiter().GetResult();

        Assert.Equal(csv.Scorecard, inPlace.Scorecard);
        Assert.Equal(streamed.Scorecard, inPlace.Scorecard);
        Assert.Equal(streamed.Report.ToString(), inPlace.Report.ToString());
        Assert.Equal(csv.Report.Malformed, inPlace.Report.Malformed);
        Assert.Equal(streamed.Report.Errors.Select(e => e.ToString()), inPlace.Report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task ScoreArrowFileAsync_InstantsNotReadButInMilliseconds_StillRefusesAnInstantOutOfRange()
    {
        // Only nanosecond instants are left unread (any such instant is in range); one in milliseconds beyond the
        // engine's range is refused (InstantOutOfRange) whether or not the scorecard reads instants.
        using var temp = new TempFiles();
        var schema = new Schema.Builder()
            .Field(f => f.Name("customer").DataType(StringType.Default))
            .Field(f => f.Name("touchpoint").DataType(StringType.Default))
            .Field(f => f.Name("measure").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(new TimestampType(Apache.Arrow.Types.TimeUnit.Millisecond, "UTC")))
            .Build();
        var millis = new Int64Array.Builder().Append(1_740_000_000_000L).Append(long.MaxValue / 2).Build();
        var batch = new RecordBatch(
            schema,
            [Strings("c1", "c2"), Strings("bill", "bill"), Strings("amount", "amount"), new DoubleArray.Builder().Append(3).Append(4).Build(), new TimestampArray(new ArrayData(schema.FieldsList[4].DataType, 2, 0, 0, millis.Data.Buffers))],
            2);
        var path = ArrowScoringEngineExtensionsTests.Write(temp.Path("ms.arrow"), schema, batch);

        var result = await AllFast.ScoreArrowFileAsync(path, new FileScoringOptions { Scorecard = new ScorecardOptions { ByPeriod = false } });

        Assert.Equal(1, result.Scored);
        Assert.Equal(1, result.Rejected);
        Assert.Equal(2, result.Report.Read);
    }

    private static StringArray Strings(params string[] values)
    {
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
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
