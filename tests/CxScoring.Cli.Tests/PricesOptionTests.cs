using System.Text.Json;
using CxScoring.Journeys.Costs;
using CxScoring.Plans;

namespace CxScoring.Cli.Tests;

/// <summary><c>cx score --prices</c>: the cost of non-compliance on the command line (docs/cli.md, docs/prices-format.md).</summary>
public sealed class PricesOptionTests : IDisposable
{
    private static readonly string TelecomPrices = LibraryRows.TelecomPrices;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Score_DemoWithPrices_PrintsAndWritesTheTotalTheAnalysisGivesOnTheSameOutcomes()
    {
        var demo = Path.Combine(_folder.Path, "demo");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "demo", demo, "--customers", "600").ExitCode);
        var model = Path.Combine(demo, "model.json");
        var outcomes = Path.Combine(demo, "outcomes.ndjson");
        var json = Path.Combine(_folder.Path, "scorecard.json");

        var run = CxRun.Run(_folder.Path, null, "score", model, outcomes, "--prices", TelecomPrices, "--json", json, "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = await AnalyzeDirectly(model, outcomes);
        Assert.True(expected.Total > 0);
        Assert.Contains($"Cost of non-compliance: {expected.Total:N2} EUR", run.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var costs = document.RootElement.GetProperty("nonComplianceCost");
        Assert.Equal("cxscoring.scorecard/1", document.RootElement.GetProperty("format").GetString());
        Assert.Equal(expected.Total, costs.GetProperty("total").GetDecimal());
        Assert.Equal("EUR", costs.GetProperty("currency").GetString());
        Assert.Equal(expected.Lines.Length, costs.GetProperty("lines").GetArrayLength());
        Assert.Equal(expected.ByKind[NonComplianceCostKind.BreachPenalty], costs.GetProperty("byKind").GetProperty("breachPenalty").GetDecimal());

        // The accounting of the input is unchanged: the demo's malformed and refused records are reported as without prices.
        Assert.Matches(@"Read [0-9,]+ records from 1 input: [1-9][0-9]* malformed", run.Error);
    }

    [Fact]
    public void Score_BadPricesFile_ListsEachProblemWithPathAndLineAndExitsOne()
    {
        var outcomes = _folder.File("o.ndjson", """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"2025-05-01T10:00:00Z"}""" + "\n");
        var prices = _folder.File("prices.json", "{\n  \"schemaVersion\": 1,\n  \"currency\": \"EUR\",\n  \"breachPenalties\": { \"leter-reply-5-working-days\": 25 }\n}\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--prices", prices, "--no-progress");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not valid (1 problem)", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.breachPenalties['leter-reply-5-working-days'] (line 4)", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'letter-reply-5-working-days'?", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Scorecard", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MissingPricesFile_ExitsThree()
    {
        var outcomes = _folder.File("o.ndjson", "");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--prices", "no-such-prices.json", "--no-progress");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("the prices file 'no-such-prices.json' does not exist", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The library's own path: the same file read with the NDJSON reader, customers numbered as met, priced by the analysis.</summary>
    private static async Task<NonComplianceCostReport> AnalyzeDirectly(string modelPath, string outcomesPath)
    {
        var model = ScoringModelJson.LoadFile(modelPath);
        var plan = ScoringPlan.Compile(model);
        return NonComplianceCostAnalysis.Analyze(plan, await LibraryRows.ReadNdjsonAsync(plan, outcomesPath), NonComplianceCostJson.LoadFile(TelecomPrices, model));
    }
}
