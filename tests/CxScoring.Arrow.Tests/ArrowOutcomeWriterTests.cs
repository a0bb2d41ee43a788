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
