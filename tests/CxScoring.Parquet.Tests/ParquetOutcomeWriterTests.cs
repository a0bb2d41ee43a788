using CxScoring.Arrow;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.OutcomeFiles;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Xunit;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Parquet.Tests;

/// <summary>Outcomes written once as CSV and once as Parquet score to the same scorecard; files convert.</summary>
public sealed class ParquetOutcomeWriterTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Property(MaxTest = 30)]
    public void Write_AnyOutcomes_ScoresAsTheirCsv(PositiveInt seed, NonNegativeInt count, PositiveInt rowGroupRows, bool dictionary, bool parallel)
    {
        var outcomes = Writable(EngineTestData.Outcomes(seed.Get, count.Get % 3000));
        using var temp = new TempFiles();
        var csv = WriteCsv(temp, outcomes);
        var parquet = temp.Path("outcomes.parquet");
        using (var file = File.Create(parquet))
        {
            ParquetOutcomeWriter.Write(outcomes, file, new ColumnarWriterOptions { BatchRows = 1 + (rowGroupRows.Get % 700), DictionaryEncoding = dictionary });
        }

        ParquetScoringEngineExtensionsTests.AssertDecodedByThePageDecoder(parquet);
        var options = new FileScoringOptions { MaxDegreeOfParallelism = parallel ? 2 : 1 };
        var reference = Engine.ScoreFileAsync(csv, options).GetAwaiter().GetResult();
        var result = Engine.ScoreParquetFileAsync(parquet, options).GetAwaiter().GetResult();
        Assert.Equal(reference.Scorecard, result.Scorecard);
        Assert.Equal(outcomes.Length, result.Report.Read);
    }

    [Fact]
    public void Write_Default_IdentifiersDictionaryAndSnappyNumbersAndInstantsPlainAndUncompressed()
    {
        var outcomes = Writable(EngineTestData.Outcomes(5, 500));
        using var temp = new TempFiles();
        var parquet = temp.Path("outcomes.parquet");
        using (var file = File.Create(parquet))
        {
            ParquetOutcomeWriter.Write(outcomes, file);
        }

        using var reader = new ParquetSharp.ParquetFileReader(parquet);
        using var rowGroup = reader.RowGroup(0);
        var schema = reader.FileMetaData.Schema;
        var seen = new List<string>();
        for (var i = 0; i < schema.NumColumns; i++)
        {
            var name = schema.Column(i).Name;
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(i);
            var identifier = name is "customer" or "touchpoint" or "measure" or "segment";
            Assert.Equal(identifier ? ParquetSharp.Compression.Snappy : ParquetSharp.Compression.Uncompressed, chunk.Compression);
            Assert.Equal(identifier, chunk.Encodings.Contains(ParquetSharp.Encoding.RleDictionary));
            seen.Add(name);
        }

        Assert.Contains("value", seen);
        Assert.Contains("observedAt", seen);
        Assert.Contains("touchpoint", seen);
    }

    [Fact]
    public async Task WriteFileAsync_Csv_ScoresAsTheCsvAndReportsMalformedRecords()
    {
        using var temp = new TempFiles();
        var csv = WriteCsv(temp, Writable(EngineTestData.Outcomes(3, 700)));
        await File.AppendAllTextAsync(csv, ",bill,amount,1,2025-03-01T00:00:00Z,,,,,\r\n");
        var parquet = temp.Path("outcomes.parquet");

        var report = await ParquetOutcomeWriter.WriteFileAsync(csv, parquet, options: new ColumnarWriterOptions { BatchRows = 100 });

        Assert.Equal(700, report.Read);
        Assert.Equal(1, report.Malformed);
        var fromCsv = (await Engine.ScoreFileAsync(csv)).Scorecard;
        var fromParquet = (await Engine.ScoreParquetFileAsync(parquet)).Scorecard;
        Assert.Equal(fromCsv, fromParquet);

        // With the ratings the outcomes carry: the same scored and refused ratings as the outcomes scored in memory.
        var builder = Engine.CreateScorecardBuilder();
        Engine.ScoreOutcomes(Writable(EngineTestData.Outcomes(3, 700)), builder);
        var inMemory = builder.Build();
        Assert.True(inMemory.ScoredRatings > 0 && inMemory.RejectedRatings > 0);
        Assert.Equal(inMemory.ScoredRatings, fromParquet.ScoredRatings);
        Assert.Equal(inMemory.RejectedRatings, fromParquet.RejectedRatings);
        Assert.Equal(inMemory.PerceivedVsDelivered.Select(r => r.Ratings), fromParquet.PerceivedVsDelivered.Select(r => r.Ratings));
    }

    [Fact]
    public async Task WriteFileAsync_FailFastOnAMalformedRecord_LeavesNoFileBehind()
    {
        using var temp = new TempFiles();
        var csv = WriteCsv(temp, Writable(EngineTestData.Outcomes(5, 10)));
        await File.AppendAllTextAsync(csv, "c1,bill,amount,x,2025-03-01T00:00:00Z,,,,,\r\n");
        var parquet = temp.Path("outcomes.parquet");
        await Assert.ThrowsAsync<MalformedOutcomeException>(() => ParquetOutcomeWriter.WriteFileAsync(csv, parquet, OutcomeReaderOptions.Default, new ColumnarWriterOptions { DictionaryEncoding = false }));
        Assert.False(File.Exists(parquet));
    }

    [Fact]
    public void Write_NullOutcomes_ThrowsWithParameterName()
        => Assert.Equal("outcomes", Assert.Throws<ArgumentNullException>(() => ParquetOutcomeWriter.Write(null!, new MemoryStream())).ParamName);

    [Fact]
    public void Write_NullDestination_ThrowsWithParameterName()
        => Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => ParquetOutcomeWriter.Write([], null!)).ParamName);

    [Fact]
    public async Task WriteFileAsync_EmptyDestination_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ParquetOutcomeWriter.WriteFileAsync("outcomes.csv", " "));
        Assert.Equal("destinationPath", ex.ParamName);
    }

    internal static Outcome[] Writable(Outcome[] outcomes)
        => outcomes.Select(o => new Outcome(
            o.CustomerId, o.TouchpointId, o.MeasureId, double.IsFinite(o.Value) ? o.Value : -7, o.ObservedAt, o.SegmentId,
            o.PromisedLevel is { } level && !double.IsFinite(level) ? 2.5 : o.PromisedLevel, o.PromisedBy, o.RequestedAt, o.PerceivedRating)).ToArray();

    internal static string WriteCsv(TempFiles temp, Outcome[] outcomes)
    {
        var path = temp.Path("outcomes.csv");
        using var text = new StreamWriter(path);
        if (outcomes.Length == 0)
        {
            text.Write("customer,touchpoint,measure,value,observedAt,segment,promisedLevel,promisedBy,requestedAt,perceivedRating\r\n");
        }

        var writer = new CsvOutcomeWriter(text);
        foreach (var outcome in outcomes)
        {
            writer.Write(outcome);
        }

        writer.Flush();
        return path;
    }
}
