namespace CxScoring.Cli.Tests;

/// <summary>The tool run as a process: exit codes (docs/cli.md) and the messages a user sees.</summary>
public sealed class CxCommandLineTests : IDisposable
{
    private const string GoodLine = """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"2025-05-01T10:00:00Z"}""";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Help_Root_ListsCommandsAndExitCodes()
    {
        var run = CxRun.Run(_folder.Path, null, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var word in new[] { "validate", "score", "gaps", "compare", "what-if", "demo", "Exit codes", "usage error" })
        {
            Assert.Contains(word, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_BadModel_ListsEveryProblemWithPathAndLineAndExitsOne()
    {
        var model = _folder.File("bad.json", """
            {
              "schemaVersion": 1,
              "name": "bad",
              "touchpoints": [
                { "id": "t1", "stage": "nowhere", "channel": "email" }
              ],
              "measures": [
                { "id": "m1", "kind": "duration", "polarity": "lowerIsBetter" }
              ]
            }
            """);

        var run = CxRun.Run(_folder.Path, null, "validate", model);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("the model is not valid", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.touchpoints[0].stage", run.Error, StringComparison.Ordinal);
        Assert.Contains("(line 5)", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.measures[0]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TelecomModel_SaysValidAndExitsZero()
    {
        var run = CxRun.Run(_folder.Path, null, "validate", CxRun.TelecomModel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("valid model 'telecom-contract-upgrade'", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsThree()
    {
        var run = CxRun.Run(_folder.Path, null, "validate", "no-such-model.json");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MalformedOutcomeFile_SummarisesLineAndFieldAndExitsOne()
    {
        var outcomes = _folder.File("outcomes.ndjson", string.Join('\n',
            GoodLine,
            """{"customer":"c2","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"yesterday"}""",
            GoodLine.Replace("c1", "c3", StringComparison.Ordinal),
            "{not json",
            string.Empty));

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("2 malformed", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 2, field 'observedAt'", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", run.Error, StringComparison.Ordinal);
        Assert.Contains("--max-bad-rate", run.Error, StringComparison.Ordinal);
        Assert.Contains("Per touchpoint", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MalformedRecordsWithinAllowedRate_ExitsZero()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n{not json\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--max-bad-rate", "0.5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 malformed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnknownFormatOption_ExitsTwo()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--format", "xml");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("xml", run.Error, StringComparison.Ordinal);
        Assert.Contains("cx --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnknownExtension_ExitsTwoAndSaysToGiveFormat()
    {
        var outcomes = _folder.File("outcomes.txt", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cannot tell the format", run.Error, StringComparison.Ordinal);
        Assert.Contains("--format csv|ndjson", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ByOwner_PrintsTheOwnersOfTheModel()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--by", "owner");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Per owner", run.Out, StringComparison.Ordinal);
        Assert.Contains("billing/disputes", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ByPromise_PrintsEachPromiseWithItsOwnerAndVerdict_AndThePromisesToChange()
    {
        // Two letter complaints answered in 3 days: the 5-working-day promise is kept, the customer (adequate 48 h) is not served.
        const string Letter = """{"customer":"c2","touchpoint":"complaint-letter","measure":"reply-time","value":259200,"observedAt":"2025-05-02T10:00:00Z"}""";
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n" + Letter + "\n" + Letter + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--by", "promise");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Per promise", run.Out, StringComparison.Ordinal);
        Assert.Contains("letter-reply-5-working-days", run.Out, StringComparison.Ordinal);
        Assert.Contains("billing/disputes", run.Out, StringComparison.Ordinal);
        Assert.Contains("set too loose: change it", run.Out, StringComparison.Ordinal);
        Assert.Contains("Promises to change", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BySource_PrintsThePerceivedGapBesideTheDeliveredOnePerTouchpoint()
    {
        // A letter reply in 3 days keeps the 5-working-day promise; the customer rates it 1 of 5 (satisfaction is perceived).
        const string Letter = """{"customer":"c2","touchpoint":"complaint-letter","measure":"reply-time","value":259200,"observedAt":"2025-05-02T10:00:00Z"}""";
        const string Rating = """{"customer":"c2","touchpoint":"complaint-letter","measure":"satisfaction","value":1,"observedAt":"2025-05-03T10:00:00Z"}""";
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n" + Letter + "\n" + Rating + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--by", "source");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Perceived vs delivered", run.Out, StringComparison.Ordinal);
        var table = run.Out[run.Out.IndexOf("Perceived vs delivered", StringComparison.Ordinal)..];
        var letter = table.Split('\n').First(l => l.Contains("complaint-letter", StringComparison.Ordinal));
        Assert.Contains("100.0", letter, StringComparison.Ordinal);
        Assert.Contains("-0.500", letter, StringComparison.Ordinal);
        Assert.Contains("agree: both short", letter, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ByMeasure_PrintsATableOfMeasures()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--by", "measure");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Per measure", run.Out, StringComparison.Ordinal);
        Assert.Contains("chat-wait", run.Out, StringComparison.Ordinal);
        Assert.Contains("reply-time", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnknownTimeZone_ExitsTwo()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, outcomes, "--time-zone", "Mars/Olympus");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("unknown time zone 'Mars/Olympus'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_StandardInputWithFormat_ReadsIt()
    {
        var run = CxRun.Run(_folder.Path, GoodLine + "\n", "score", CxRun.TelecomModel, "-", "--format", "ndjson");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 outcomes received", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_RedirectedDemo_PrintsTablesWithoutProgressOrEscapes()
    {
        var demo = CxRun.Run(_folder.Path, null, "demo", "demo", "--customers", "300");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var run = CxRun.Run(_folder.Path, null, "score", "demo/model.json", "demo/outcomes.ndjson", "--time-zone", "Europe/Berlin", "--json", "sc.json", "--html", "report.html");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Per touchpoint", run.Out, StringComparison.Ordinal);
        Assert.Contains("first-invoice", run.Out, StringComparison.Ordinal);
        Assert.Contains("Hotspots", run.Out, StringComparison.Ordinal);

        // The default view shows letter vs spirit: the promises to change and to keep better, with their owners (the
        // unscoped billing promise is billing's); the columns are explained.
        Assert.Contains("Promises: change or keep better", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"keep it better\s+bill-matches-offer\s+billing\s", run.Out);
        Assert.Contains("Columns: below/within/above", run.Out, StringComparison.Ordinal);
        foreach (var text in new[] { run.Out, run.Error })
        {
            Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
            Assert.DoesNotContain("━", text, StringComparison.Ordinal);
            Assert.DoesNotContain("remaining", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("{", File.ReadAllText(Path.Combine(_folder.Path, "sc.json")), StringComparison.Ordinal);
        Assert.Contains("data-chart=\"pareto\"", File.ReadAllText(Path.Combine(_folder.Path, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Gaps_ToStandardOutput_WritesOneLinePerOutcome()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n" + GoodLine.Replace("offer-chat", "nowhere", StringComparison.Ordinal) + "\n");

        var run = CxRun.Run(_folder.Path, null, "gaps", CxRun.TelecomModel, outcomes, "--max-bad-rate", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"scored\":true", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"scored\":false", lines[1], StringComparison.Ordinal);
        Assert.Contains("line 2: UnknownTouchpoint", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LongerChatWaits_PrintsSignificantChangesFirstAndExitsZero()
    {
        var before = _folder.File("before.ndjson", Waits(100, i => 20 + (i % 40), "2025-05"));
        var after = _folder.File("after.ndjson", Waits(100, i => 600 + (i % 200), "2025-06"));

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, before, after, "--html", "compare.html");

        Assert.True(run.ExitCode == 0, run.ToString());
        var html = File.ReadAllText(Path.Combine(_folder.Path, "compare.html"));
        Assert.Contains($"<p>Compared: {after} against {before}.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"significant\"><td class=\"text\">Questions about the offer in chat (offer-chat)</td><td class=\"text\">mean score</td>", html, StringComparison.Ordinal);
        var significant = run.Out.IndexOf("Significant changes (q ≤ 0.05)", StringComparison.Ordinal);
        var others = run.Out.IndexOf("Other changes", StringComparison.Ordinal);
        Assert.True(significant >= 0 && others > significant, run.ToString());
        var firstTable = run.Out[significant..others];
        Assert.Contains("touchpoint offer-chat", firstTable, StringComparison.Ordinal);
        Assert.Contains("mean score", firstTable, StringComparison.Ordinal);
        Assert.Contains("not enough data", run.Out[others..], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameFileTwice_NoSignificantChanges()
    {
        var outcomes = _folder.File("outcomes.ndjson", Waits(60, i => 20 + (i * 7 % 300), "2025-05"));

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, outcomes, outcomes, "--fdr", "0.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No significant changes at q ≤ 0.1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MissingFileOrBadFdr_ExitsThreeOrTwo()
    {
        var outcomes = _folder.File("outcomes.ndjson", GoodLine + "\n");

        var missing = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, outcomes, "no-such.ndjson");
        var badRate = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, outcomes, outcomes, "--fdr", "1.5");

        Assert.True(missing.ExitCode == 3, missing.ToString());
        Assert.True(badRate.ExitCode == 2, badRate.ToString());
        Assert.Contains("--fdr", badRate.Error, StringComparison.Ordinal);
    }

    /// <summary>Chat waits at the offer chat, one outcome per customer, spread over the days of a month.</summary>
    private static string Waits(int count, Func<int, int> seconds, string month)
        => string.Concat(Enumerable.Range(0, count).Select(i =>
            $$"""{"customer":"c{{i}}","touchpoint":"offer-chat","measure":"chat-wait","value":{{seconds(i)}},"observedAt":"{{month}}-{{1 + (i % 28):00}}T10:00:00Z"}""" + "\n"));
}
