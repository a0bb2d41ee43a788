using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Arrow.Tests;

/// <summary>Arrow IPC files scored against the engine's CSV path on the same rows: the same scorecard, bit for bit, and the same accounting.</summary>
public sealed class ArrowScoringEngineExtensionsTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 60)]
    public void ScoreArrowFileAsync_AnyRows_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, "outcomes.arrow", stream: false), Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, arrow);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 40)]
    public void ScoreArrowFileWithRowsAsync_AnyRows_EqualsTheCsvPathAndHandsOverTheRowsOfTheCsvOutcomes(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var path = WriteArrow(temp, file, "outcomes.arrow", stream: false);
        ColumnarRows.AssertSameAsCsv(csv, file, Engine, (rows, options) => Engine.ScoreArrowFileWithRowsAsync(path, rows, options).GetAwaiter().GetResult());
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 30)]
    public void ScoreArrowFileAsync_AfterAnotherFileWithPooledBuffersLeftDirty_EqualsTheCsvPathOnTheSameRows(ColumnarCase before, ColumnarCase file)
    {
        // The workers' buffers and work spaces come from pools shared by every call: whatever an earlier file left in
        // them (its dictionaries, segments, promises, malformed rows), or garbage, the next file scores as its CSV.
        using var temp = new TempFiles();
        _ = Engine.ScoreArrowFileAsync(WriteArrow(temp, before, "before.arrow", stream: false), Options(before)).GetAwaiter().GetResult();
        using (PooledBuffers.Poison())
        {
            var csv = ScoreCsv(temp, file);
            var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, "outcomes.arrow", stream: file.Seed % 4 == 0), Options(file)).GetAwaiter().GetResult();
            ColumnarAssert.SameAsCsv(csv, arrow);
        }
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 40)]
    public void ScoreArrowFileAsync_RowsWithoutOwnPromises_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        // Clean slices are scored from the batch's own buffers, faulty ones row by row: the same scorecard either way.
        file = file.WithoutOwnPromises();
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, "outcomes.arrow", stream: false), Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, arrow);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 40)]
    public void ScoreArrowFileAsync_DictionariesWithAnyIndexType_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        // Every index width the reader accepts, signed or not, in the file format (buffers read at their offsets)
        // and the stream format: the same scorecard and accounting as the CSV file.
        file = file with { Dictionary = true, Indices = ColumnarCase.IndexTypes[file.Seed % ColumnarCase.IndexTypes.Length] };
        var stream = file.Seed % 4 == 0;
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, stream ? "outcomes.arrows" : "outcomes.arrow", stream), Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, arrow);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_StreamFormat_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, "outcomes.arrows", stream: true), Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, arrow);
        Assert.Equal(1, arrow.Threads);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_Parallel_EqualsOneThread(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var path = WriteArrow(temp, file with { ByCustomer = false }, "outcomes.arrow", stream: false);
        var one = Engine.ScoreArrowFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = 1 }).GetAwaiter().GetResult();
        var three = Engine.ScoreArrowFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = 3 }).GetAwaiter().GetResult();
        Assert.Equal(one.Scorecard, three.Scorecard);
        Assert.Equal(one.Report.ToString(), three.Report.ToString());
        Assert.Equal(one.Report.Errors.Select(e => e.ToString()), three.Report.Errors.Select(e => e.ToString()));
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreArrowFileAsync_ManySmallBatchesOnSeveralThreads_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        // Far more record batches than threads: each goes to whichever worker is free, so the workers finish them out
        // of file order; their reports are still taken in file order (row numbers, errors) and the scorecard is exact.
        file = file with { BatchRows = 1 + (file.Seed % 16), Threads = 2 + (file.Seed % 3), ByCustomer = false };
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var arrow = Engine.ScoreArrowFileAsync(WriteArrow(temp, file, "outcomes.arrow", stream: false), Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, arrow);
        Assert.Equal(Math.Max(1, Math.Min(file.Threads, (file.Rows.Length + file.BatchRows - 1) / file.BatchRows)), arrow.Threads);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_MissingColumn_NamesItAndTheColumnsFound()
    {
        using var temp = new TempFiles();
        var path = Write(temp.Path("no-measure.arrow"), new Schema.Builder()
            .Field(f => f.Name("customer").DataType(StringType.Default))
            .Field(f => f.Name("touchpoint").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(Int64Type.Default))
            .Build());
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreArrowFileAsync(path));
        Assert.Contains("'measure' is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'touchpoint' (utf8)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_MistypedColumn_NamesTheColumnAndTheTypeFound()
    {
        using var temp = new TempFiles();
        var path = Write(temp.Path("int-value.arrow"), new Schema.Builder()
            .Field(f => f.Name("customer").DataType(StringType.Default))
            .Field(f => f.Name("touchpoint").DataType(StringType.Default))
            .Field(f => f.Name("measure").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(Int32Type.Default))
            .Field(f => f.Name("observedAt").DataType(new TimestampType(Apache.Arrow.Types.TimeUnit.Millisecond, "UTC")))
            .Build());
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreArrowFileAsync(path));
        Assert.Contains("the column 'value' is int32; it must be float64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_TruncatedFile_ThrowsColumnarFormatExceptionNamingTheFile()
    {
        using var temp = new TempFiles();
        var path = temp.Path("corrupt.arrow");
        var rows = new ColumnarCase([new("c1", "bill", "amount", 5, 0, null, null, null, null)], 10, Dictionary: false, 1, ByCustomer: false, 0);
        var good = WriteArrow(temp, rows, "good.arrow", stream: false);
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreArrowFileAsync(path));
        Assert.Contains("corrupt.arrow is not readable as an Arrow IPC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_NotArrowAtAll_ThrowsColumnarFormatException()
    {
        using var temp = new TempFiles();
        var path = temp.Path("text.arrow");
        await File.WriteAllTextAsync(path, "customer,touchpoint\nc1,bill\n");
        await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreArrowFileAsync(path));
    }

    [Fact]
    public async Task ScoreArrowFileAsync_WrongExtension_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Engine.ScoreArrowFileAsync("outcomes.csv"));
        Assert.Equal("path", ex.ParamName);
        Assert.Contains(".arrow", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcomes.bin", false)]
    [InlineData("outcomes.dat", true)]
    public async Task ScoreArrowFileAsync_OtherExtension_TellsFileFromStreamByTheFirstBytes(string name, bool stream)
    {
        using var temp = new TempFiles();
        var rows = new ColumnarCase([new("c1", "bill", "amount", 5, 0, null, null, null, null), new("c2", "bill", "amount", 7, 0, null, null, null, null)], 1, Dictionary: true, 1, ByCustomer: false, 0);
        var result = await Engine.ScoreArrowFileAsync(WriteArrow(temp, rows, name, stream));
        Assert.Equal(2, result.Scored);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_NullEngine_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => ArrowScoringEngineExtensions.ScoreArrowFileAsync(null!, "outcomes.arrow"));
        Assert.Equal("engine", ex.ParamName);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_InvalidOptions_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Engine.ScoreArrowFileAsync("outcomes.arrow", new FileScoringOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public async Task ScoreArrowStreamAsync_StreamFormat_EqualsTheFileAndLeavesTheStreamOpen()
    {
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 300)
            .Select(i => new ColumnarRow("c" + (i % 7), i % 50 == 0 ? "nowhere" : "bill", "amount", i % 13, 1_740_000_000_000_000_000L + i, i % 3 == 0 ? "business" : null, null, null, null))
            .ToArray();
        var file = new ColumnarCase(rows, 64, Dictionary: true, 1, ByCustomer: false, 0);
        var path = WriteArrow(temp, file, "outcomes.arrows", stream: true);
        using var stream = new MemoryStream(await File.ReadAllBytesAsync(path));

        var fromStream = await Engine.ScoreArrowStreamAsync(stream);
        var fromFile = await Engine.ScoreArrowFileAsync(path);

        Assert.True(stream.CanRead);
        Assert.Equal(fromFile.Scorecard, fromStream.Scorecard);
        Assert.Equal(300, fromStream.Report.Read);
        Assert.Equal(6, fromStream.Rejected);
    }

    [Fact]
    public async Task ScoreArrowStreamAsync_NullStream_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => Engine.ScoreArrowStreamAsync(null!));
        Assert.Equal("stream", ex.ParamName);
    }

    [Theory]
    [InlineData(2, 64)]
    [InlineData(4, 3)]
    public async Task ScoreArrowFileAsync_FailFast_ThrowsForTheFirstMalformedRowInFileOrder(int threads, int batchRows)
    {
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 400)
            .Select(i => new ColumnarRow("c1", i is 250 or 390 ? null : "bill", "amount", 5, 0, null, null, null, null))
            .ToArray();
        var path = WriteArrow(temp, new ColumnarCase(rows, batchRows, Dictionary: true, threads, ByCustomer: false, 0), "outcomes.arrow", stream: false);
        var options = new FileScoringOptions { Reader = OutcomeReaderOptions.Default, MaxDegreeOfParallelism = threads };
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreArrowFileAsync(path, options));
        Assert.Equal(251, ex.Line);
        Assert.Equal("touchpoint", ex.Field);
    }

    [Fact]
    public async Task ScoreArrowFileAsync_InstantsInMillisecondsAndInt64_ReadAsTheSameInstants()
    {
        using var temp = new TempFiles();
        var observed = 1_740_000_000_123L;
        var schema = new Schema.Builder()
            .Field(f => f.Name("Customer").DataType(StringType.Default))
            .Field(f => f.Name("TOUCHPOINT").DataType(StringType.Default))
            .Field(f => f.Name("measure").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(new TimestampType(Apache.Arrow.Types.TimeUnit.Millisecond, "UTC")))
            .Build();
        var millis = new Int64Array.Builder().Append(observed).Build();
        var batch = new RecordBatch(schema, [Strings("c1"), Strings("bill"), Strings("amount"), new DoubleArray.Builder().Append(3).Build(), new TimestampArray(new ArrayData(schema.FieldsList[4].DataType, 1, 0, 0, millis.Data.Buffers))], 1);
        var path = Write(temp.Path("ms.arrow"), schema, batch);
        var result = await Engine.ScoreArrowFileAsync(path);

        var csv = temp.Path("same.csv");
        await File.WriteAllTextAsync(csv, "customer,touchpoint,measure,value,observedAt\nc1,bill,amount,3,2025-02-19T21:20:00.123Z\n");
        var reference = await Engine.ScoreFileAsync(csv);
        Assert.Equal(1, result.Scored);
        Assert.Equal(reference.Scorecard, result.Scorecard);
    }

    internal static FileScoringOptions Options(ColumnarCase file) => new()
    {
        MaxDegreeOfParallelism = file.Threads,
        Scorecard = new ScorecardOptions { ByCustomer = file.ByCustomer },
    };

    internal static FileScoringResult ScoreCsv(TempFiles temp, ColumnarCase file)
    {
        var path = temp.Path("outcomes.csv");
        File.WriteAllText(path, file.ToCsv(), new UTF8Encoding(false));
        return Engine.ScoreFileAsync(path, Options(file)).GetAwaiter().GetResult();
    }

    internal static string WriteArrow(TempFiles temp, ColumnarCase file, string name, bool stream)
    {
        var path = temp.Path(name);
        using var output = File.Create(path);
        var batches = file.ToBatches().ToList();
        var schema = batches.Count > 0 ? batches[0].Schema : new ColumnarCase([new("c", "t", "m", 0, 0, null, null, null, null)], 1, file.Dictionary, 1, false, 0) { Indices = file.Indices }.ToBatches().First().Schema;
        using var writer = stream ? new ArrowStreamWriter(output, schema) : new ArrowFileWriter(output, schema);
        writer.WriteStart();
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
        return path;
    }

    private static StringArray Strings(string value) => new StringArray.Builder().Append(value).Build();

    internal static string Write(string path, Schema schema, params RecordBatch[] batches)
    {
        using var output = File.Create(path);
        using var writer = new ArrowFileWriter(output, schema);
        writer.WriteStart();
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
        return path;
    }
}
