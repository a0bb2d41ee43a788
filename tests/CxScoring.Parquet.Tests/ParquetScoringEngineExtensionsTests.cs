using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CxScoring.Parquet.Tests;

/// <summary>Parquet files scored against the engine's CSV path on the same rows: the same scorecard, bit for bit, and the same accounting.</summary>
public sealed class ParquetScoringEngineExtensionsTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    /// <summary>An engine whose plan reads no instant for a scorecard without calendar periods (every cell fast).</summary>
    private static readonly ScoringEngine AllFast = new(EngineTestData.AllFastModel);

    private static void AssertScoresAsTheCsvPath(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var layout = (PageLayout)(file.Seed / 2 % PageLayouts);
        var path = WriteParquet(temp, file, storeSchema: file.Seed % 2 == 0, layout: layout);
        AssertDecodedByThePageDecoder(path);
        var parquet = Engine.ScoreParquetFileAsync(path, Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, parquet);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 40)]
    public void ScoreParquetFileAsync_AnyRows_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        AssertScoresAsTheCsvPath(file);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 30)]
    public void ScoreParquetFileWithRowsAsync_AnyRows_EqualsTheCsvPathAndHandsOverTheRowsOfTheCsvOutcomes(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var path = WriteParquet(temp, file, storeSchema: file.Seed % 2 == 0, layout: (PageLayout)(file.Seed / 2 % PageLayouts));
        ColumnarRows.AssertSameAsCsv(csv, file, Engine, (rows, options) => Engine.ScoreParquetFileWithRowsAsync(path, rows, options).GetAwaiter().GetResult());
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 30)]
    public void ScoreParquetFileAsync_AfterAnotherFileWithPooledBuffersLeftDirty_EqualsTheCsvPathOnTheSameRows(ColumnarCase before, ColumnarCase file)
    {
        // The page decoder's buffers (chunks, pages, levels, indices, values, bitmaps, dictionaries) and the mapper's
        // work space come from pools shared by every call: whatever an earlier file left in them, or garbage, the next
        // file scores as its CSV, in every page layout.
        using (var earlier = new TempFiles())
        {
            var path = WriteParquet(earlier, before, storeSchema: before.Seed % 2 == 0, layout: (PageLayout)(before.Seed / 2 % PageLayouts));
            _ = Engine.ScoreParquetFileAsync(path, Options(before)).GetAwaiter().GetResult();
        }

        using var temp = new TempFiles();
        using (PooledBuffers.Poison())
        {
            var csv = ScoreCsv(temp, file);
            var parquet = Engine.ScoreParquetFileAsync(WriteParquet(temp, file, storeSchema: file.Seed % 2 == 0, statistics: file.Seed % 3 != 0, layout: (PageLayout)(file.Seed / 2 % PageLayouts)), Options(file)).GetAwaiter().GetResult();
            ColumnarAssert.SameAsCsv(csv, parquet);
        }
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 30)]
    public void ScoreParquetFileAsync_RowsWithoutOwnPromises_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        // Clean row groups are scored from the batch's own buffers, and their customer column is not decoded when the
        // statistics show no null or empty customer (written with statistics or without): the same scorecard either way.
        file = file.WithoutOwnPromises();
        using var temp = new TempFiles();
        var csv = ScoreCsv(temp, file);
        var path = WriteParquet(temp, file, storeSchema: file.Seed % 2 == 0, statistics: file.Seed % 3 != 0, layout: (PageLayout)(file.Seed / 2 % PageLayouts));
        AssertDecodedByThePageDecoder(path);
        var parquet = Engine.ScoreParquetFileAsync(path, Options(file)).GetAwaiter().GetResult();
        ColumnarAssert.SameAsCsv(csv, parquet);
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 30)]
    public void ScoreParquetFileAsync_ScorecardWithoutPeriods_EqualsTheCsvPathOnTheSameRows(ColumnarCase file, bool allFast, bool ownPromises)
    {
        // Without calendar periods the all-fast plan reads no instant, so a row group without own promises, deadlines or
        // ratings (as its statistics show) has its observedAt values left undecoded; the test model finds a promise by
        // instant, so there they are decoded. Either way, the CSV path's scorecard and counts.
        file = ownPromises ? file : file.WithoutOwnPromises();
        var engine = allFast ? AllFast : Engine;
        var options = new FileScoringOptions { MaxDegreeOfParallelism = file.Threads, Scorecard = new ScorecardOptions { ByPeriod = false, ByCustomer = file.ByCustomer } };
        using var temp = new TempFiles();
        var csvPath = temp.Path("outcomes.csv");
        File.WriteAllText(csvPath, file.ToCsv(), new UTF8Encoding(false));
        var csv = engine.ScoreFileAsync(csvPath, options).GetAwaiter().GetResult();
        var path = WriteParquet(temp, file, storeSchema: file.Seed % 2 == 0, statistics: file.Seed % 3 != 0, layout: (PageLayout)(file.Seed / 2 % PageLayouts));

        var parquet = engine.ScoreParquetFileAsync(path, options).GetAwaiter().GetResult();

        ColumnarAssert.SameAsCsv(csv, parquet);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Read_InstantsNotRead_GivesZerosForThePlainRowGroupsObservedAt(bool instants, bool ownPromises, bool zeros)
    {
        // Without instants to read, a row group whose statistics show no own promise, deadline or rating and no null
        // instant has its nanosecond observedAt values left undecoded, zeros in their place; one with own promised
        // levels has them decoded.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 30)
            .Select(i => new ColumnarRow($"c{i % 7}", "bill", "amount", i, 1_740_000_000_000_000_000L + i, null, ownPromises ? 2 : null, null, null))
            .ToArray();
        var path = WriteParquet(temp, new ColumnarCase(rows, 10, Dictionary: true, 1, ByCustomer: false, 0), storeSchema: true);
        using var source = ParquetSource.Open(path);
        using var reader = source.OpenReader(customers: false, instants);

        using var batch = reader.Read(1).Single();
        var observed = (PrimitiveArray<long>)batch.Column(batch.Schema.GetFieldIndex("observedAt"));

        var expected = Enumerable.Range(10, 10).Select(i => zeros ? 0 : 1_740_000_000_000_000_000L + i);
        Assert.Equal(expected, observed.Values.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ScoreParquetFileAsync_EmptyOrNullCustomerInARowGroup_IsMalformedWithOrWithoutStatistics(bool statistics)
    {
        using var temp = new TempFiles();
        ColumnarRow Row(string? customer) => new(customer, "bill", "amount", 3, 1_740_000_000_000_000_000, null, null, null, null);
        var file = new ColumnarCase([Row("c1"), Row("c2"), Row("c3"), Row(""), Row(null), Row("c6")], 2, Dictionary: false, Threads: 1, ByCustomer: false, Seed: 0);
        var result = await Engine.ScoreParquetFileAsync(WriteParquet(temp, file, storeSchema: true, statistics), Options(file));
        Assert.Equal(6, result.Report.Records);
        Assert.Equal(4, result.Report.Read);
        Assert.Equal([(4L, "customer"), (5L, "customer")], result.Report.Errors.Select(e => (e.Line, e.Field)));
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 20)]
    public void ScoreParquetFileAsync_Parallel_EqualsOneThread(ColumnarCase file)
    {
        using var temp = new TempFiles();
        var path = WriteParquet(temp, file, storeSchema: true);
        var one = Engine.ScoreParquetFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = 1 }).GetAwaiter().GetResult();
        var three = Engine.ScoreParquetFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = 3 }).GetAwaiter().GetResult();
        Assert.Equal(one.Scorecard, three.Scorecard);
        Assert.Equal(one.Report.Errors.Select(e => e.ToString()), three.Report.Errors.Select(e => e.ToString()));
    }

    [Property(Arbitrary = new[] { typeof(ColumnarArbitraries) }, MaxTest = 25)]
    public void ScoreParquetFileAsync_ManySmallRowGroupsOnSeveralThreads_EqualsTheCsvPathOnTheSameRows(ColumnarCase file)
    {
        // Far more row groups than threads: each goes to whichever worker is free, so the workers finish them out of
        // file order; their reports are still taken in file order (row numbers, errors) and the scorecard is exact.
        file = file with { BatchRows = 1 + (file.Seed % 16), Threads = 2 + (file.Seed % 3), ByCustomer = false };
        AssertScoresAsTheCsvPath(file);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ScoreParquetFileAsync_FailFast_ThrowsForTheFirstMalformedRowInFileOrder(int threads)
    {
        // 75 row groups of 8 rows, malformed rows in three of them: whichever worker meets one first, the error
        // reported is the first in file order.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 600)
            .Select(i => new ColumnarRow("c1", i is 250 or 390 ? null : "bill", i == 590 ? null : "amount", 5, 0, null, null, null, null))
            .ToArray();
        var path = WriteParquet(temp, new ColumnarCase(rows, 8, Dictionary: true, threads, ByCustomer: false, 0), storeSchema: true);
        var options = new FileScoringOptions { Reader = OutcomeReaderOptions.Default, MaxDegreeOfParallelism = threads };
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreParquetFileAsync(path, options));
        Assert.Equal(251, ex.Line);
        Assert.Equal("touchpoint", ex.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ScoreParquetFileAsync_CancelledWhileScoring_ThrowsOperationCanceled(int threads)
    {
        // The first malformed row (in the second row group) cancels the token: the workers stop claiming row groups.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 400)
            .Select(i => new ColumnarRow("c1", i == 10 ? null : "bill", "amount", 5, 0, null, null, null, null))
            .ToArray();
        var path = WriteParquet(temp, new ColumnarCase(rows, 8, Dictionary: true, threads, ByCustomer: false, 0), storeSchema: true);
        using var cancellation = new CancellationTokenSource();
        var options = new FileScoringOptions
        {
            Reader = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, OnMalformed = _ => cancellation.Cancel() },
            MaxDegreeOfParallelism = threads,
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.ScoreParquetFileAsync(path, options, cancellation.Token));
    }

    [Fact]
    public async Task ScoreParquetFileAsync_MistypedColumn_NamesTheColumnAndTheTypeFound()
    {
        using var temp = new TempFiles();
        var schema = new Schema.Builder()
            .Field(f => f.Name("customer").DataType(StringType.Default))
            .Field(f => f.Name("touchpoint").DataType(StringType.Default))
            .Field(f => f.Name("measure").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(StringType.Default))
            .Build();
        var path = temp.Path("text-instants.parquet");
        using (var writer = new FileWriter(path, schema))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, [Strings("c1"), Strings("bill"), Strings("amount"), new DoubleArray.Builder().Append(1).Build(), Strings("2025-03-01T00:00:00Z")], 1));
            writer.Close();
        }

        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("the column 'observedAt' is utf8; it must be timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_MissingColumn_NamesIt()
    {
        using var temp = new TempFiles();
        var schema = new Schema.Builder().Field(f => f.Name("customer").DataType(StringType.Default)).Build();
        var path = temp.Path("customers.parquet");
        using (var writer = new FileWriter(path, schema))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, [Strings("c1")], 1));
            writer.Close();
        }

        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("'touchpoint' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_CorruptFile_ThrowsColumnarFormatExceptionNamingTheFile()
    {
        using var temp = new TempFiles();
        var good = WriteParquet(temp, new ColumnarCase([new("c1", "bill", "amount", 5, 0, null, null, null, null)], 10, Dictionary: true, 1, ByCustomer: false, 0), storeSchema: true);
        var bytes = await File.ReadAllBytesAsync(good);
        var path = temp.Path("corrupt.parquet");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("corrupt.parquet is not readable as a Parquet file", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ParquetStatusException", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(message: '", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_WrongExtension_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Engine.ScoreParquetFileAsync("outcomes.arrow"));
        Assert.Equal("path", ex.ParamName);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_MissingFile_ThrowsFileNotFound()
        => await Assert.ThrowsAsync<FileNotFoundException>(() => Engine.ScoreParquetFileAsync(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.parquet")));

    [Fact]
    public async Task ScoreParquetFileAsync_NullEngine_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => ParquetScoringEngineExtensions.ScoreParquetFileAsync(null!, "outcomes.parquet"));
        Assert.Equal("engine", ex.ParamName);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_InvalidOptions_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Engine.ScoreParquetFileAsync("outcomes.parquet", new FileScoringOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", ex.ParamName);
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

    /// <summary>Every row group of a file is decoded by the package's page decoder, not by the Arrow reader.</summary>
    internal static void AssertDecodedByThePageDecoder(string path)
    {
        using var source = ParquetSource.Open(path);
        for (var unit = 0; unit < source.Units; unit++)
        {
            Assert.True(source.IsDecoded(unit), $"row group {unit} is not read by the page decoder");
        }
    }

    /// <summary>The number of <see cref="PageLayout"/> values.</summary>
    internal const int PageLayouts = 6;

    /// <summary>How the pages of a test file are written; every layout is one the package's page decoder reads.</summary>
    internal enum PageLayout
    {
        /// <summary>ParquetSharp's defaults: every column dictionary-encoded, Snappy, data pages v1.</summary>
        SnappyV1,

        /// <summary>Data pages v2 (levels uncompressed before the values), Snappy.</summary>
        SnappyV2,

        /// <summary>Uncompressed, data pages v1.</summary>
        UncompressedV1,

        /// <summary>Uncompressed, data pages v2.</summary>
        UncompressedV2,

        /// <summary>A dictionary page limit of 32 bytes and data pages of 64 bytes: dictionaries overflow, so chunks fall back to plain pages after a dictionary page, over many pages.</summary>
        DictionaryOverflow,

        /// <summary>As the package's writer: identifiers dictionary-encoded and Snappy, numbers and instants plain and uncompressed.</summary>
        PackageWriter,
    }

    /// <summary>Writes the rows with ParquetSharp directly, one row group per batch; without the stored Arrow schema, dictionary columns read back as plain utf8 (and are read as dictionaries by the package).</summary>
    internal static string WriteParquet(TempFiles temp, ColumnarCase file, bool storeSchema, bool statistics = true, PageLayout layout = PageLayout.SnappyV1)
    {
        var path = temp.Path("outcomes.parquet");
        var batches = file.ToBatches().ToList();
        var schema = batches.Count > 0 ? batches[0].Schema : new ColumnarCase([new("c", "t", "m", 0, 0, null, null, null, null)], 1, file.Dictionary, 1, false, 0).ToBatches().First().Schema;
        using var builder = new WriterPropertiesBuilder();
        builder.Compression(layout is PageLayout.UncompressedV1 or PageLayout.UncompressedV2 ? Compression.Uncompressed : Compression.Snappy);
        if (!statistics)
        {
            builder.DisableStatistics();
        }

        switch (layout)
        {
            case PageLayout.SnappyV2 or PageLayout.UncompressedV2:
                builder.DataPageVersion(ParquetDataPageVersion.V2);
                break;
            case PageLayout.DictionaryOverflow:
                builder.DictionaryPagesizeLimit(32).DataPagesize(64).WriteBatchSize(16);
                break;
            case PageLayout.PackageWriter:
                foreach (var name in new[] { "value", "observedAt", "promisedLevel", "promisedBy", "requestedAt" })
                {
                    builder.DisableDictionary(name).Compression(name, Compression.Uncompressed);
                }

                break;
        }

        using var properties = builder.Build();
        using var arrowProperties = storeSchema ? new ArrowWriterPropertiesBuilder().StoreSchema().Build() : new ArrowWriterPropertiesBuilder().Build();
        using var writer = new FileWriter(path, schema, properties, arrowProperties);
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch, batch.Length);
        }

        writer.Close();
        return path;
    }

    private static StringArray Strings(string value) => new StringArray.Builder().Append(value).Build();
}
