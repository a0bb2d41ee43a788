using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.OutcomeFiles;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Arrow.Tests;

/// <summary>Outcomes written once as CSV and once as Arrow score to the same scorecard; files convert.</summary>
public sealed class ArrowOutcomeWriterTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Property(MaxTest = 40)]
    public void Write_AnyOutcomes_ScoresAsTheirCsv(PositiveInt seed, NonNegativeInt count, PositiveInt batchRows, bool dictionary, bool parallel)
    {
        var outcomes = Writable(EngineTestData.Outcomes(seed.Get, count.Get % 3000));
        using var temp = new TempFiles();
        var csv = WriteCsv(temp, outcomes);
        var arrow = temp.Path("outcomes.arrow");
        using (var file = File.Create(arrow))
        {
            ArrowOutcomeWriter.Write(outcomes, file, new ColumnarWriterOptions { BatchRows = 1 + (batchRows.Get % 700), DictionaryEncoding = dictionary });
        }

        var options = new FileScoringOptions { MaxDegreeOfParallelism = parallel ? 2 : 1 };
        var reference = Engine.ScoreFileAsync(csv, options).GetAwaiter().GetResult();
        var result = Engine.ScoreArrowFileAsync(arrow, options).GetAwaiter().GetResult();
        Assert.Equal(reference.Scorecard, result.Scorecard);
        Assert.Equal(outcomes.Length, result.Report.Read);
        Assert.Equal(0, result.Report.Malformed);
    }

    [Fact]
    public async Task WriteFileAsync_CsvWithMalformedRecords_WritesTheReadOnesAndReportsTheRest()
    {
        using var temp = new TempFiles();
        var outcomes = Writable(EngineTestData.Outcomes(7, 500));
        var csv = WriteCsv(temp, outcomes);
        await File.AppendAllTextAsync(csv, "c1,bill,amount,not-a-number,2025-03-01T00:00:00Z,,,,,\r\n");
        var arrow = temp.Path("converted.arrow");

        var report = await ArrowOutcomeWriter.WriteFileAsync(csv, arrow);

        Assert.Equal(500, report.Read);
        Assert.Equal(1, report.Malformed);
        var reference = await Engine.ScoreFileAsync(csv);
        var result = await Engine.ScoreArrowFileAsync(arrow);
        Assert.Equal(reference.Scorecard, result.Scorecard);

        // With the ratings the outcomes carry: the same scored and refused ratings as the outcomes scored in memory.
        var builder = Engine.CreateScorecardBuilder();
        Engine.ScoreOutcomes(outcomes, builder);
        var inMemory = builder.Build();
        Assert.True(inMemory.ScoredRatings > 0 && inMemory.RejectedRatings > 0);
        Assert.Equal(inMemory.ScoredRatings, result.Scorecard.ScoredRatings);
        Assert.Equal(inMemory.RejectedRatings, result.Scorecard.RejectedRatings);
        Assert.Equal(inMemory.PerceivedVsDelivered.Select(r => r.Ratings), result.Scorecard.PerceivedVsDelivered.Select(r => r.Ratings));
    }

    [Fact]
    public async Task WriteFileAsync_Ndjson_ScoresAsTheNdjson()
    {
        using var temp = new TempFiles();
        var outcomes = Writable(EngineTestData.Outcomes(11, 300));
        var ndjson = temp.Path("outcomes.ndjson");
        await using (var file = File.Create(ndjson))
        {
            var writer = new NdjsonOutcomeWriter(file);
            foreach (var outcome in outcomes)
            {
                writer.Write(outcome);
            }

            writer.Flush();
        }

        var arrow = temp.Path("outcomes.arrow");
        await ArrowOutcomeWriter.WriteFileAsync(ndjson, arrow, options: new ColumnarWriterOptions { BatchRows = 64 });
        Assert.Equal((await Engine.ScoreFileAsync(ndjson)).Scorecard, (await Engine.ScoreArrowFileAsync(arrow)).Scorecard);
    }

    [Fact]
    public async Task WriteFileAsync_UnknownSourceExtension_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ArrowOutcomeWriter.WriteFileAsync("outcomes.txt", "outcomes.arrow"));
        Assert.Equal("outcomesPath", ex.ParamName);
    }

    [Fact]
    public void Write_InstantOutsideNanoseconds_ThrowsNamingTheOutcomeAndField()
    {
        Outcome[] outcomes = [new("c1", "bill", "amount", 1, Instant.FromUtc(2025, 1, 1, 0, 0)), new("c1", "bill", "amount", 1, Instant.FromUtc(2300, 1, 1, 0, 0))];
        var ex = Assert.Throws<ArgumentException>(() => ArrowOutcomeWriter.Write(outcomes, new MemoryStream()));
        Assert.Equal("outcomes", ex.ParamName);
        Assert.Contains("Outcome #1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("observedAt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NullOutcomes_ThrowsWithParameterName()
        => Assert.Equal("outcomes", Assert.Throws<ArgumentNullException>(() => ArrowOutcomeWriter.Write(null!, new MemoryStream())).ParamName);

    [Fact]
    public void Write_NullDestination_ThrowsWithParameterName()
        => Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => ArrowOutcomeWriter.Write([], null!)).ParamName);

    [Fact]
    public void Write_BatchRowsZero_ThrowsNamingTheProperty()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ArrowOutcomeWriter.Write([], new MemoryStream(), new ColumnarWriterOptions { BatchRows = 0 }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("ColumnarWriterOptions.BatchRows is 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_NoOutcomes_WritesAFileThatScoresToNothing()
    {
        using var temp = new TempFiles();
        var path = temp.Path("empty.arrow");
        using (var file = File.Create(path))
        {
            ArrowOutcomeWriter.Write([], file);
        }

        var result = await Engine.ScoreArrowFileAsync(path);
        Assert.Equal(0, result.Report.Records);
        Assert.Equal(0, result.Scored);
    }

    [Theory]
    [InlineData(128, 20, 32_768, "Int8", "Int8", "Int16")]
    [InlineData(129, 32_769, 40, "Int16", "Int32", "Int8")]
    public async Task Write_DictionariesOfEverySize_WritesTheNarrowestIndexTypeAndScoresAsTheirCsv(int touchpoints, int measures, int segments, string touchpointIndex, string measureIndex, string segmentIndex)
    {
        // Each dictionary gets exactly its size: the identifiers of the generated outcomes on even rows, made-up ones
        // on odd rows. Identifiers the model does not know are rejected by the engine, the same from either file.
        var rows = (2 * Math.Max(touchpoints, Math.Max(measures, segments))) + 500;
        var known = Writable(EngineTestData.Outcomes(11, rows));
        var touchpointIds = Padded(known.Select(o => o.TouchpointId), touchpoints, "tp-");
        var measureIds = Padded(known.Select(o => o.MeasureId), measures, "m-");
        var segmentIds = Padded(known.Select(o => o.SegmentId), segments, "s-");
        var outcomes = known.Select((o, i) => new Outcome(
            o.CustomerId, touchpointIds[i]!, measureIds[i]!, o.Value, o.ObservedAt, segmentIds[i], o.PromisedLevel, o.PromisedBy, o.RequestedAt, o.PerceivedRating)).ToArray();
        Assert.Equal(touchpoints, outcomes.Select(o => o.TouchpointId).Distinct().Count());
        Assert.Equal(measures, outcomes.Select(o => o.MeasureId).Distinct().Count());
        Assert.Equal(segments, outcomes.Where(o => o.SegmentId is { Length: > 0 }).Select(o => o.SegmentId).Distinct().Count());

        using var temp = new TempFiles();
        var csv = WriteCsv(temp, outcomes);
        var arrow = temp.Path("outcomes.arrow");
        using (var file = File.Create(arrow))
        {
            ArrowOutcomeWriter.Write(outcomes, file, new ColumnarWriterOptions { BatchRows = 4096 });
        }

        using (var stream = File.OpenRead(arrow))
        using (var reader = new Apache.Arrow.Ipc.ArrowFileReader(stream))
        {
            var schema = (await reader.GetSchema()).FieldsList;
            string IndexOf(string name) => ((Apache.Arrow.Types.DictionaryType)schema.Single(f => f.Name == name).DataType).IndexType.Name;
            Assert.Equal([touchpointIndex, measureIndex, segmentIndex], [IndexOf("touchpoint"), IndexOf("measure"), IndexOf("segment")], StringComparer.OrdinalIgnoreCase);
        }

        var options = new FileScoringOptions { MaxDegreeOfParallelism = 2 };
        var reference = await Engine.ScoreFileAsync(csv, options);
        var result = await Engine.ScoreArrowFileAsync(arrow, options);
        Assert.Equal(reference.Scorecard, result.Scorecard);
        Assert.True(result.Scored > 0 && result.Rejected > 0);
        Assert.Equal(outcomes.Length, result.Report.Read);
        Assert.Equal(0, result.Report.Malformed);
    }

    /// <summary>The identifiers of even rows kept, those of odd rows replaced by made-up ones, so that there are <paramref name="size"/> distinct (non-empty) identifiers.</summary>
    private static string?[] Padded(IEnumerable<string?> ids, int size, string prefix)
    {
        var result = ids.ToArray();
        var kept = result.Where((id, i) => i % 2 == 0 && id is { Length: > 0 }).Distinct().Count();
        Assert.True(kept <= size && (result.Length / 2) >= size, "The test's sizes fit its outcomes.");
        for (var i = 1; i < result.Length; i += 2)
        {
            result[i] = kept == size ? result[i - 1] : prefix + ((i / 2) % (size - kept));
        }

        return result;
    }

    /// <summary>The outcomes a writer accepts: finite numbers (the CSV writer refuses others too).</summary>
    internal static Outcome[] Writable(Outcome[] outcomes)
        => outcomes.Select(o => new Outcome(
            o.CustomerId, o.TouchpointId, o.MeasureId, double.IsFinite(o.Value) ? o.Value : -7, o.ObservedAt, o.SegmentId,
            o.PromisedLevel is { } level && !double.IsFinite(level) ? 2.5 : o.PromisedLevel, o.PromisedBy, o.RequestedAt, o.PerceivedRating)).ToArray();

    internal static string WriteCsv(TempFiles temp, Outcome[] outcomes)
    {
        var path = temp.Path("outcomes.csv");
        using var text = new StreamWriter(path);
        var writer = new CsvOutcomeWriter(text);
        foreach (var outcome in outcomes)
        {
            writer.Write(outcome);
        }

        writer.Flush();
        if (outcomes.Length == 0)
        {
            text.Write("customer,touchpoint,measure,value,observedAt,segment,promisedLevel,promisedBy,requestedAt,perceivedRating\r\n");
        }

        return path;
    }
}
