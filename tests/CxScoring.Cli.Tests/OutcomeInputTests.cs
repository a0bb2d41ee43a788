using CxScoring.Reports;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Cli.Tests;

/// <summary>How <c>cx</c> reads CSV and NDJSON outcome files: units, delimiters, headers and the positions it reports.</summary>
public sealed class OutcomeInputTests : IDisposable
{
    /// <summary>A pizza delivery model whose delivery time is stated in minutes (promise 30 minutes).</summary>
    private const string MinutesModel = """
        {
          "schemaVersion": 1,
          "name": "pizza",
          "touchpoints": [
            { "id": "hotline", "stage": "purchase", "channel": "phone" },
            { "id": "delivery", "stage": "onboarding", "channel": "field-visit" }
          ],
          "measures": [
            { "id": "wait", "kind": "duration", "scale": "PT5M" },
            { "id": "delivery-time", "kind": "duration", "scale": "PT15M", "unit": "minutes" }
          ],
          "promises": [
            { "id": "hot-in-30", "measure": "delivery-time", "level": "PT30M", "source": "advertising" },
            { "id": "answer-in-1", "measure": "wait", "level": "PT1M", "source": "serviceLevelAgreement" }
          ],
          "expectations": [
            { "measure": "delivery-time", "adequate": { "value": 45 }, "desired": { "value": 25 } },
            { "measure": "wait", "adequate": { "value": "PT3M" }, "desired": { "value": "PT30S" } }
          ]
        }
        """;

    private const string MinutesCsv = """
        customer,touchpoint,measure,value,observedAt
        c000,delivery,delivery-time,28,2025-03-01T10:15:00Z
        c001,hotline,wait,45,2025-03-02T11:15:00Z
        c002,delivery,delivery-time,50,2025-03-03T12:15:00Z
        c003,delivery,delivery-time,PT20M,2025-03-04T13:15:00Z

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("outcomes.csv")]
    [InlineData("outcomes.ndjson")]
    public async Task Score_MeasureInMinutes_EqualsTheLibrarysScorecard(string name)
    {
        var model = _folder.File("model.json", MinutesModel);
        var outcomes = _folder.File(name, name.EndsWith(".csv", StringComparison.Ordinal) ? MinutesCsv : ToNdjson(MinutesCsv));

        var run = CxRun.Run(_folder.Path, null, "score", model, outcomes, "--json", "cli.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var engine = new ScoringEngine(ScoringModelJson.LoadFile(model));
        var library = await engine.ScoreFileAsync(outcomes, new FileScoringOptions { Scorecard = new ScorecardOptions { TimeZone = DateTimeZone.Utc } });
        using var expected = new MemoryStream();
        ScorecardJsonWriter.Write(library.Scorecard, expected);
        Assert.Equal(4, library.Scorecard.Received);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), File.ReadAllText(Path.Combine(_folder.Path, "cli.json")));
    }

    [Fact]
    public void Gaps_MeasureInMinutes_ReadsPlainNumbersInMinutes()
    {
        var model = _folder.File("model.json", MinutesModel);
        var outcomes = _folder.File("outcomes.csv", MinutesCsv);

        var run = CxRun.Run(_folder.Path, null, "gaps", model, outcomes);

        Assert.True(run.ExitCode == 0, run.ToString());
        var first = run.Out.Split('\n')[0];
        Assert.Contains("\"delivered\":1680", first, StringComparison.Ordinal);
        Assert.Contains("\"promised\":1800", first, StringComparison.Ordinal);
        Assert.Contains("\"delivered\":1200", run.Out.Split('\n')[3], StringComparison.Ordinal);
    }

    /// <summary>The seconds-only model (no time units) and the minutes model: CSV is read the same way under both.</summary>
    public static TheoryData<string> Models => new() { MinutesModel, MinutesModel.Replace(", \"unit\": \"minutes\"", string.Empty, StringComparison.Ordinal) };

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_SemicolonFileWithDelimiterOption_GivesTheScorecardOfTheCommaFile(string modelJson)
    {
        var model = _folder.File("model.json", modelJson);
        var comma = _folder.File("comma.csv", MinutesCsv);
        var semicolon = _folder.File("semicolon.csv", MinutesCsv.Replace(',', ';'));
        var tab = _folder.File("tab.csv", MinutesCsv.Replace(',', '\t'));

        var fromComma = CxRun.Run(_folder.Path, null, "score", model, comma, "--json", "comma.json");
        var fromSemicolon = CxRun.Run(_folder.Path, null, "score", model, semicolon, "--delimiter", ";", "--json", "semicolon.json");
        var fromTab = CxRun.Run(_folder.Path, null, "score", model, tab, "--delimiter", "\\t", "--json", "tab.json");

        Assert.True(fromComma.ExitCode == 0, fromComma.ToString());
        Assert.True(fromSemicolon.ExitCode == 0, fromSemicolon.ToString());
        Assert.True(fromTab.ExitCode == 0, fromTab.ToString());
        var expected = File.ReadAllText(Path.Combine(_folder.Path, "comma.json"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder.Path, "semicolon.json")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder.Path, "tab.json")));
    }

    [Theory]
    [InlineData("gaps")]
    [InlineData("convert")]
    public void GapsAndConvert_DelimiterOption_ReadTheSemicolonFile(string command)
    {
        var model = _folder.File("model.json", MinutesModel);
        var semicolon = _folder.File("semicolon.csv", MinutesCsv.Replace(',', ';'));

        var run = command == "gaps"
            ? CxRun.Run(_folder.Path, null, "gaps", model, semicolon, "--delimiter", ";")
            : CxRun.Run(_folder.Path, null, "convert", semicolon, "out.arrow", "--model", model, "--delimiter", ";");

        Assert.True(run.ExitCode == 0, run.ToString());
        if (command == "gaps")
        {
            Assert.Equal(4, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("Read 4 records from 1 input: 0 malformed", run.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Wrote 4 outcomes", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("x")]
    [InlineData("\"")]
    public void Score_DelimiterThatCannotDelimit_ExitsTwo(string delimiter)
    {
        var model = _folder.File("model.json", MinutesModel);
        var outcomes = _folder.File("outcomes.csv", MinutesCsv);

        var run = CxRun.Run(_folder.Path, null, "score", model, outcomes, "--delimiter", delimiter);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--delimiter", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_SemicolonFileWithoutDelimiter_NamesTheFileAndTheOption(string modelJson)
    {
        var model = _folder.File("model.json", modelJson);
        _folder.File("a.csv", MinutesCsv);
        _folder.File("b.csv", MinutesCsv.Replace(',', ';'));

        var run = CxRun.Run(_folder.Path, null, "score", model, "a.csv", "b.csv");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("the outcome file 'b.csv' cannot be read: line 1, field 'customer'", run.Error, StringComparison.Ordinal);
        Assert.Contains("The header holds ';'", run.Error, StringComparison.Ordinal);
        Assert.Contains("give --delimiter ';'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ScoreAndGaps_NoValueColumn_RefusedAtTheHeaderNamingTheFile(string modelJson)
    {
        var model = _folder.File("model.json", modelJson);
        _folder.File("a.csv", MinutesCsv);
        _folder.File("novalue.csv", "customer,touchpoint,measure,observedAt\nc000,delivery,delivery-time,2025-03-01T10:15:00Z\n");

        foreach (var command in new[] { "score", "gaps" })
        {
            var run = CxRun.Run(_folder.Path, null, command, model, "a.csv", "novalue.csv");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("the outcome file 'novalue.csv' cannot be read: line 1, field 'value': the header has no 'value' column", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("malformed", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("score")]
    [InlineData("gaps")]
    public void MalformedAndRefusedRows_AreBothListedByFileLine(string command)
    {
        var model = _folder.File("model.json", MinutesModel);
        _folder.File("outcomes.csv", """
            customer,touchpoint,measure,value,observedAt,note
            c0,delivery,delivery-time,28,2025-03-01T10:15:00Z,"two
            lines"
            c1,delivery,delivery-time,soon,2025-03-01T10:15:00Z,
            c2,nowhere,delivery-time,28,2025-03-01T10:15:00Z,

            """);

        var run = CxRun.Run(_folder.Path, null, command, model, "outcomes.csv", "--max-bad-rate", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("outcomes.csv, line 4, field 'value'", run.Error, StringComparison.Ordinal);
        Assert.Contains("outcomes.csv, line 5: UnknownTouchpoint", run.Error, StringComparison.Ordinal);
        Assert.Contains("Read 3 records from 1 input: 1 malformed, 1 refused", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_WithoutModel_SaysNumbersAreWrittenAsGiven()
    {
        var outcomes = _folder.File("outcomes.csv", MinutesCsv);

        var run = CxRun.Run(_folder.Path, null, "convert", outcomes, "out.parquet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("written as given", run.Error, StringComparison.Ordinal);
        Assert.Contains("--model", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ExitCodesAndOutcomeFormats_MatchTheDocs()
    {
        var root = CxRun.Run(_folder.Path, null, "--help");
        var score = CxRun.Run(_folder.Path, null, "score", "--help");

        Assert.True(root.ExitCode == 0, root.ToString());
        Assert.DoesNotContain("view not available", root.Out[root.Out.IndexOf("  2  ", StringComparison.Ordinal)..root.Out.IndexOf("  3  ", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("4  command or view not available in this version", root.Out, StringComparison.Ordinal);
        foreach (var extension in new[] { ".csv", ".ndjson", ".jsonl", ".arrow", ".arrows", ".feather", ".parquet" })
        {
            Assert.Contains(extension, score.Out[score.Out.IndexOf("<OUTCOMES>", StringComparison.Ordinal)..score.Out.IndexOf("Options:", StringComparison.Ordinal)], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("empty.csv", "")]
    [InlineData("header.csv", "customer,touchpoint,measure,value,observedAt\n")]
    [InlineData("empty.ndjson", "")]
    public void Score_InputWithNoRecord_WarnsAndExitsZero(string name, string content)
    {
        var model = _folder.File("model.json", MinutesModel);
        _folder.File(name, content);

        var run = CxRun.Run(_folder.Path, null, "score", model, name);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"cx: warning: no outcome was read from '{name}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_GoodInput_DoesNotWarn()
    {
        var model = _folder.File("model.json", MinutesModel);
        _folder.File("outcomes.csv", MinutesCsv);

        var run = CxRun.Run(_folder.Path, null, "score", model, "outcomes.csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ParquetExtensionOnACsvFile_SaysItIsNotParquetAndToGiveTheFormat()
    {
        var model = _folder.File("model.json", MinutesModel);
        _folder.File("outcomes.parquet", MinutesCsv);

        var run = CxRun.Run(_folder.Path, null, "score", model, "outcomes.parquet");
        var asCsv = CxRun.Run(_folder.Path, null, "score", model, "outcomes.parquet", "--format", "csv");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'outcomes.parquet' is not a Parquet file", run.Error, StringComparison.Ordinal);
        Assert.Contains("--format csv", run.Error, StringComparison.Ordinal);
        Assert.True(asCsv.ExitCode == 0, asCsv.ToString());
    }

    [Fact]
    public void Validate_MeasureWithExpectationsButNoPromise_WarnsNamingItAndItsPathAndExitsZero()
    {
        var model = _folder.File("model.json", MinutesModel
            .Replace("""{ "id": "answer-in-1", "measure": "wait", "level": "PT1M", "source": "serviceLevelAgreement" }""", string.Empty, StringComparison.Ordinal)
            .Replace("""{ "id": "hot-in-30", "measure": "delivery-time", "level": "PT30M", "source": "advertising" },""", """{ "id": "hot-in-30", "measure": "delivery-time", "level": "PT30M", "source": "advertising" }""", StringComparison.Ordinal));

        var run = CxRun.Run(_folder.Path, null, "validate", model);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("valid model 'pizza'", run.Out, StringComparison.Ordinal);
        Assert.Contains("cx: warning: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.measures[0] (measure 'wait'): it has expectations but no promise anywhere", run.Error, StringComparison.Ordinal);
        Assert.Contains("NoPromiseInForce", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("delivery-time", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MeasureWithPromisesButNoExpectation_WarnsOfNoExpectation()
    {
        var model = _folder.File("model.json", MinutesModel
            .Replace("""{ "measure": "wait", "adequate": { "value": "PT3M" }, "desired": { "value": "PT30S" } }""", string.Empty, StringComparison.Ordinal)
            .Replace("""{ "measure": "delivery-time", "adequate": { "value": 45 }, "desired": { "value": 25 } },""", """{ "measure": "delivery-time", "adequate": { "value": 45 }, "desired": { "value": 25 } }""", StringComparison.Ordinal));

        var run = CxRun.Run(_folder.Path, null, "validate", model);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("$.measures[0] (measure 'wait'): it has promises but no expectation", run.Error, StringComparison.Ordinal);
        Assert.Contains("NoExpectation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryMeasurePromisedAndExpected_DoesNotWarn()
    {
        var model = _folder.File("model.json", MinutesModel);

        var run = CxRun.Run(_folder.Path, null, "validate", model);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Error);
    }

    /// <summary>The same records as NDJSON lines (all values are plain numbers or strings).</summary>
    private static string ToNdjson(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = lines[0].Split(',');
        return string.Concat(lines.Skip(1).Select(line =>
        {
            var values = line.Split(',');
            var fields = names.Select((n, i) => double.TryParse(values[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? $"\"{n}\":{values[i]}"
                : $"\"{n}\":\"{values[i]}\"");
            return "{" + string.Join(',', fields) + "}\n";
        }));
    }
}
