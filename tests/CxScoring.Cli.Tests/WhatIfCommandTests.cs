using System.Text.Json;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Plans;

namespace CxScoring.Cli.Tests;

/// <summary><c>cx what-if</c>: a promise moved or delivery improved, from the command line (docs/cli.md).</summary>
public sealed class WhatIfCommandTests : IDisposable
{
    private const string LetterPromise = "letter-reply-5-working-days";
    private const string GoodLine = """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"2025-05-01T10:00:00Z"}""";
    private static readonly string TelecomPrices = LibraryRows.TelecomPrices;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WhatIf_DemoLetterPromiseInTwoDays_ShrinksItsSettingGapShowsTheCostChangeAndEqualsTheAnalysis()
    {
        var (model, outcomes) = Demo();
        var json = Path.Combine(_folder.Path, "what-if.json");

        var run = CxRun.Run(_folder.Path, null, "what-if", model, outcomes, "--promise", $"{LetterPromise}=P2D", "--prices", TelecomPrices, "--json", json, "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = await AnalyzeDirectly(model, outcomes, WhatIfScenario.None.WithPromiseLevel(LetterPromise, 2 * 86_400));
        var (before, after) = expected.ForPromise(LetterPromise);
        Assert.True(before.Count > 0);
        Assert.True(Math.Abs(after.SettingGapMean) < 0.05 && Math.Abs(before.SettingGapMean) > 1, $"{before} / {after}");
        Assert.NotEqual(0m, expected.CostChange);

        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = document.RootElement;
        Assert.Equal("cxscoring.whatif/1", root.GetProperty("format").GetString());
        var promise = Assert.Single(root.GetProperty("promises").EnumerateArray().ToList());
        Assert.Equal(LetterPromise, promise.GetProperty("id").GetString());
        Assert.Equal(172_800, promise.GetProperty("level").GetDouble());
        foreach (var (side, figures) in new[] { ("baseline", before), ("scenario", after) })
        {
            var f = promise.GetProperty(side);
            Assert.Equal(figures.Count, f.GetProperty("outcomes").GetInt64());
            Assert.Equal(figures.SettingGapMean, f.GetProperty("settingGapMean").GetDouble());
            Assert.Equal((double)figures.KeptCount / figures.Count, f.GetProperty("promiseKeptShare").GetDouble());
            Assert.Equal((double)figures.KeptButMissedCount / figures.Count, f.GetProperty("keptButMissedShare").GetDouble());
            Assert.Equal((double)figures.BrokenYetSatisfiedCount / figures.Count, f.GetProperty("brokenYetSatisfiedShare").GetDouble());
        }

        Assert.Equal("setTooLoose", promise.GetProperty("baseline").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, promise.GetProperty("baselineLevel").ValueKind);
        var total = root.GetProperty("total");
        Assert.Equal(expected.Total.PromiseKeptRateChange, total.GetProperty("change").GetProperty("promiseKeptShare").GetDouble());
        Assert.Equal(expected.Total.BelowShareChange, total.GetProperty("change").GetProperty("belowShare").GetDouble());
        var letters = Assert.Single(root.GetProperty("touchpoints").EnumerateArray().ToList());
        Assert.Equal("complaint-letter", letters.GetProperty("id").GetString());
        Assert.Equal(expected.ForTouchpoint("complaint-letter").SettingGapMeanChange, letters.GetProperty("change").GetProperty("settingGapMean").GetDouble());
        var cost = root.GetProperty("cost");
        Assert.Equal(expected.BaselineCost!.Total, cost.GetProperty("baseline").GetProperty("total").GetDecimal());
        Assert.Equal(expected.ScenarioCost!.Total, cost.GetProperty("scenario").GetProperty("total").GetDecimal());
        Assert.Equal(expected.CostChange, cost.GetProperty("change").GetProperty("total").GetDecimal());

        Assert.Contains("Promises moved", run.Out, StringComparison.Ordinal);
        Assert.Contains("→ P2D (48 h)", run.Out, StringComparison.Ordinal);
        Assert.Contains(expected.CostChange.ToString("+#,0.00;-#,0.00;0.00", System.Globalization.CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Read [0-9,]+ records from 1 input: [1-9][0-9]* malformed", run.Error);
    }

    [Fact]
    public void WhatIf_PromiseAtItsOwnLevel_EqualsTheBaselineWithEveryChangeZero()
    {
        var (model, outcomes) = Demo();
        var json = Path.Combine(_folder.Path, "what-if.json");

        var run = CxRun.Run(_folder.Path, null, "what-if", model, outcomes, "--promise", "email-reply-48h=PT48H", "--prices", TelecomPrices, "--json", json, "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = document.RootElement;
        Assert.Empty(root.GetProperty("touchpoints").EnumerateArray());
        var changes = root.GetProperty("promises").EnumerateArray().Select(p => p.GetProperty("change")).Prepend(root.GetProperty("total").GetProperty("change")).ToList();
        Assert.True(changes[0].GetProperty("outcomes").GetInt64() == 0 && changes.Count == 2);
        foreach (var change in changes)
        {
            foreach (var figure in change.EnumerateObject())
            {
                Assert.True(figure.Value.GetDouble() == 0, $"{figure.Name} changed: {figure.Value}");
            }
        }

        Assert.Equal(root.GetProperty("total").GetProperty("baseline").GetRawText(), root.GetProperty("total").GetProperty("scenario").GetRawText());
        Assert.Equal(0m, root.GetProperty("cost").GetProperty("change").GetProperty("total").GetDecimal());
        Assert.Equal(root.GetProperty("cost").GetProperty("baseline").GetRawText(), root.GetProperty("cost").GetProperty("scenario").GetRawText());
    }

    [Theory]
    [InlineData("--promise", "leter-reply-5-working-days=P2D", "did you mean 'letter-reply-5-working-days'?")]
    [InlineData("--improve", "complaint-leter=20", "did you mean 'complaint-letter'?")]
    [InlineData("--promise", "upgrade-by-17-next-day=PT2H", "is on the deadline measure 'upgrade-on-time' (on time is lateness 0), so it has no level to move")]
    [InlineData("--promise", "letter-reply-5-working-days=2days", "'2days' is not a level of measure 'reply-time' (a duration: give an ISO-8601 duration such as P2D")]
    [InlineData("--promise", "letter-reply-5-working-days=-P2D", "-P2D is outside the range of measure 'reply-time'")]
    [InlineData("--promise", "friendly-service=four", "'four' is not a level of measure 'satisfaction' (a rating measure: give a number")]
    [InlineData("--promise", "letter-reply-5-working-days", "is not ID=LEVEL: write it as --promise letter-reply-5-working-days=P2D")]
    [InlineData("--improve", "complaint-letter=0", "'0' is not a percentage above 0 and at most 100")]
    [InlineData("--improve", "complaint-letter=150%", "'150%' is not a percentage above 0 and at most 100")]
    public void WhatIf_BadScenarioOption_ExitsTwoQuotingTheOptionAndPrintsNothing(string option, string value, string message)
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"cx: {option} ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void WhatIf_NoChange_ExitsTwoSayingWhatToGive()
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("what-if needs a change: give at least one --promise ID=LEVEL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_PlainNumberForADuration_NotesTheUnitWhenTheModelRefusesIt()
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--promise", "letter-reply-5-working-days=48");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("the scenario makes the model invalid (1 problem)", run.Error, StringComparison.Ordinal);
        Assert.Contains("reads 48 in seconds, the unit of measure 'reply-time'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcomes.arrow")]
    [InlineData("outcomes.parquet")]
    public void WhatIf_ColumnarInput_GivesTheFiguresOfTheSameOutcomesAsNdjson(string columnar)
    {
        var (model, outcomes) = Demo();
        var convert = CxRun.Run(_folder.Path, null, "convert", outcomes, columnar, "--max-bad-rate", "1");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        var fromNdjson = Path.Combine(_folder.Path, "ndjson.json");
        var fromColumnar = Path.Combine(_folder.Path, "columnar.json");

        var ndjson = CxRun.Run(_folder.Path, null, "what-if", model, outcomes, "--promise", $"{LetterPromise}=P2D", "--prices", TelecomPrices, "--json", fromNdjson, "--no-progress");
        var run = CxRun.Run(_folder.Path, null, "what-if", model, columnar, "--promise", $"{LetterPromise}=P2D", "--prices", TelecomPrices, "--json", fromColumnar, "--no-progress");

        Assert.True(ndjson.ExitCode == 0, ndjson.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllText(fromNdjson), File.ReadAllText(fromColumnar));
        Assert.Contains("\"cost\"", File.ReadAllText(fromColumnar), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_CsvImprovement_ChangesTheImprovedTouchpointOnly()
    {
        var outcomes = _folder.File("o.csv", string.Join('\n',
            "customer,touchpoint,measure,value,observedAt",
            "c1,complaint-call,phone-wait,PT12M,2025-05-01T10:00:00Z",
            "c2,complaint-call,phone-wait,PT4M,2025-05-01T11:00:00Z",
            "c3,offer-chat,chat-wait,PT4M,2025-05-01T12:00:00Z",
            string.Empty));
        var json = Path.Combine(_folder.Path, "what-if.json");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--improve", "complaint-call=50", "--json", json);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var touchpoint = Assert.Single(document.RootElement.GetProperty("touchpoints").EnumerateArray().ToList());
        Assert.Equal("complaint-call", touchpoint.GetProperty("id").GetString());
        Assert.Equal(0.5, touchpoint.GetProperty("baseline").GetProperty("belowShare").GetDouble());
        Assert.Equal(0, touchpoint.GetProperty("scenario").GetProperty("belowShare").GetDouble());
        Assert.False(document.RootElement.TryGetProperty("cost", out _));
        Assert.Contains("delivery at complaint-call improved by 50 %", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_PlainNumberOfAMinutesMeasure_IsReadAndShownInMinutes()
    {
        var model = _folder.File("minutes.json", """
            {
              "schemaVersion": 1,
              "name": "minutes",
              "touchpoints": [ { "id": "chat", "stage": "support", "channel": "chat" } ],
              "measures": [ { "id": "wait", "kind": "duration", "unit": "minutes", "scale": 5 } ],
              "promises": [ { "id": "answer-in-2", "measure": "wait", "level": 2, "source": "advertising" } ],
              "expectations": [ { "measure": "wait", "adequate": { "value": 4 }, "desired": { "value": 1 } } ]
            }
            """);
        var outcomes = _folder.File("o.csv", "customer,touchpoint,measure,value,observedAt\nc1,chat,wait,3,2025-05-01T10:00:00Z\n");
        var json = Path.Combine(_folder.Path, "what-if.json");

        var run = CxRun.Run(_folder.Path, null, "what-if", model, outcomes, "--promise", "answer-in-2=4", "--json", json);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("answer-in-2 (wait): 2 minutes → 4 (4 minutes)", run.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var promise = document.RootElement.GetProperty("promises")[0];
        Assert.Equal(120, promise.GetProperty("baselineLevel").GetDouble());
        Assert.Equal(240, promise.GetProperty("level").GetDouble());
        Assert.Equal(0, promise.GetProperty("baseline").GetProperty("promiseKeptShare").GetDouble());
        Assert.Equal(1, promise.GetProperty("scenario").GetProperty("promiseKeptShare").GetDouble());
    }

    private (string Model, string Outcomes) Demo()
    {
        var demo = Path.Combine(_folder.Path, "demo");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "demo", demo, "--customers", "600").ExitCode);
        return (Path.Combine(demo, "model.json"), Path.Combine(demo, "outcomes.ndjson"));
    }

    /// <summary>The library's own path: the same file read with the NDJSON reader, customers numbered as met, analyzed with the prices.</summary>
    private static async Task<WhatIfReport> AnalyzeDirectly(string modelPath, string outcomesPath, WhatIfScenario scenario)
    {
        var model = ScoringModelJson.LoadFile(modelPath);
        var rows = await LibraryRows.ReadNdjsonAsync(ScoringPlan.Compile(model), outcomesPath);
        return WhatIfAnalysis.Analyze(model, scenario, rows, NonComplianceCostJson.LoadFile(TelecomPrices, model));
    }
}
