using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CxScoring.Cli.Tests;

/// <summary><c>cx what-if --scenario FILE</c> and <c>--html FILE</c>: questions kept in a scenario file, shown in a page (docs/scenario-format.md, docs/report.md).</summary>
public sealed class ScenarioFileCommandTests : IDisposable
{
    private const string GoodLine = """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"2025-05-01T10:00:00Z"}""";
    private static readonly string SampleScenarios = Path.Combine(AppContext.BaseDirectory, "Data", "telecom-scenario.json");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WhatIf_SampleScenarioFile_EachScenarioEqualsItsOwnRunAndThePageShowsTheSameFigures()
    {
        var demo = Path.Combine(_folder.Path, "demo");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "demo", demo, "--customers", "600").ExitCode);
        var (model, outcomes) = (Path.Combine(demo, "model.json"), Path.Combine(demo, "outcomes.ndjson"));

        var run = CxRun.Run(_folder.Path, null, "what-if", model, outcomes, "--scenario", SampleScenarios, "--prices", LibraryRows.TelecomPrices, "--json", "set.json", "--html", "page.html", "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        var set = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, "set.json")))!;
        Assert.Equal("cxscoring.whatifs/1", (string?)set["format"]);
        Assert.Equal("telecom-scenario.json", (string?)set["scenarioFile"]);
        var scenarios = set["scenarios"]!.AsArray();
        Assert.Equal(["letter in two days", "letters answered 50 % faster", "both"], scenarios.Select(s => (string?)s!["scenario"]!["name"]));
        Assert.Equal(3, Regex.Count(run.Out, "What-if "));
        Assert.Contains("  What if we promised a reply to a complaint letter within 2 days", run.Out, StringComparison.Ordinal);

        // Each scenario of the file equals the same changes given on the command line, the scenario's name and description aside.
        string[][] alone = [["--promise", "letter-reply-5-working-days=P2D"], ["--improve", "complaint-letter=50"], ["--promise", "letter-reply-5-working-days=P2D", "--improve", "complaint-letter=50"]];
        for (var i = 0; i < alone.Length; i++)
        {
            var json = $"alone-{i}.json";
            var single = CxRun.Run(_folder.Path, null, ["what-if", model, outcomes, .. alone[i], "--prices", LibraryRows.TelecomPrices, "--json", json, "--no-progress"]);
            Assert.True(single.ExitCode == 0, single.ToString());
            var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, json)))!.AsObject();
            var actual = scenarios[i]!.DeepClone().AsObject();
            Assert.Equal("cxscoring.whatif/1", (string?)actual["format"]);
            Assert.NotNull(actual["scenario"]!["description"]);
            foreach (var o in new[] { expected, actual })
            {
                o["scenario"]!.AsObject().Remove("name");
                o["scenario"]!.AsObject().Remove("description");
            }

            Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        }

        // The page: a section per scenario, and the figures of the JSON in its tables, formatted as the page formats them.
        var html = File.ReadAllText(Path.Combine(_folder.Path, "page.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"overview-title\">Scenarios side by side</h2>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode($"Inputs: {outcomes}."), html, StringComparison.Ordinal);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var start = html.IndexOf($"<section id=\"scenario-{i + 1}\"", StringComparison.Ordinal);
            Assert.True(start > 0, $"no section for scenario {i + 1}");
            var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
            var s = scenarios[i]!;
            Assert.Contains(WebUtility.HtmlEncode((string)s["scenario"]!["name"]!), section, StringComparison.Ordinal);
            Assert.Contains($"data-chart=\"scenario-{i + 1}-zones\"", section, StringComparison.Ordinal);
            var groups = s["touchpoints"]!.AsArray().Select(t => ((string)t!["id"]!, t)).Prepend(("all", s["total"]!));
            foreach (var (group, figures) in groups)
            {
                AssertRows(section, group, figures);
            }

            foreach (var promise in s["promises"]!.AsArray())
            {
                AssertRows(section, (string)promise!["id"]!, promise);
                Assert.Contains($"data-group=\"{promise["id"]}\" data-figure=\"verdict\"", section, StringComparison.Ordinal);
            }

            var cost = s["cost"]!;
            foreach (var (kind, amount) in cost["change"]!["byKind"]!.AsObject())
            {
                var before = (decimal)cost["baseline"]!["byKind"]![kind]!;
                Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<td>{before:N2}</td><td>{(decimal)cost["scenario"]!["byKind"]![kind]!:N2}</td><td>{Change((decimal)amount!)}</td>"), section, StringComparison.Ordinal);
            }

            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<tr><td class=\"text\">total</td><td>{(decimal)cost["baseline"]!["total"]!:N2}</td><td>{(decimal)cost["scenario"]!["total"]!:N2}</td><td>{Change((decimal)cost["change"]!["total"]!)}</td>"), section, StringComparison.Ordinal);
        }

        // The letter promise moved: its touchpoint is affected in the first and third scenarios; delivery improved in the second.
        Assert.Single(scenarios[1]!["touchpoints"]!.AsArray(), t => (string?)t!["id"] == "complaint-letter");
    }

    [Theory]
    [InlineData("--promise", "letter-reply-5-working-days=P2D")]
    [InlineData("--improve", "complaint-letter=20")]
    public void WhatIf_ScenarioFileAndCommandLineChanges_ExitTwoNamingBoth(string option, string value)
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--scenario", SampleScenarios, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"cx: --scenario and {option} cannot be given together", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void WhatIf_ScenarioFileWithTyposAndAnEmptyScenario_ExitsOneListingEveryProblemWithItsPathAndLine()
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");
        var file = _folder.File("typos.json", """
            {
              "format": "cxscoring.scenario/1",
              "scenarios": [
                { "name": "letter", "promises": { "leter-reply-5-working-days": "P2D" } },
                { "name": "letter", "improve": { "complaint-letter": "50 percent" } },
                { "name": "nothing" }
              ]
            }
            """);

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--scenario", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"cx: the scenario file '{file}' is not valid (4 problems):", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.scenarios[0].promises['leter-reply-5-working-days'] (line 4): The model defines no promise 'leter-reply-5-working-days'; did you mean 'letter-reply-5-working-days'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.scenarios[1].name (line 5): The name 'letter' is already the name of the scenario on line 4", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.scenarios[1].improve['complaint-letter'] (line 5): '50 percent' is not a percentage above 0 and at most 100", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.scenarios[2] (line 6): The scenario changes nothing", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("", "$ (line 1)")]
    [InlineData("{}", "$.format (line 1): Missing required property 'format'.")]
    [InlineData("{ \"format\": \"cxscoring.scenario/1\", \"scenarios\": [] }", "$.scenarios (line 1): The file holds no scenario")]
    public void WhatIf_EmptyScenarioFile_ExitsOneSayingWhatIsMissing(string content, string message)
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");
        var file = _folder.File("empty.json", content);

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--scenario", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_MissingScenarioFile_ExitsThree()
    {
        var outcomes = _folder.File("o.ndjson", GoodLine + "\n");

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--scenario", "nowhere.json");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("cx: the scenario file 'nowhere.json' does not exist.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_CommandLineHtml_ShowsTheOneScenarioWithoutCosts()
    {
        var outcomes = _folder.File("o.csv", string.Join('\n',
            "customer,touchpoint,measure,value,observedAt",
            "c1,complaint-call,phone-wait,PT12M,2025-05-01T10:00:00Z",
            "c2,complaint-call,phone-wait,PT4M,2025-05-01T11:00:00Z",
            string.Empty));

        var run = CxRun.Run(_folder.Path, null, "what-if", CxRun.TelecomModel, outcomes, "--improve", "complaint-call=50", "--html", "page.html");

        Assert.True(run.ExitCode == 0, run.ToString());
        var html = File.ReadAllText(Path.Combine(_folder.Path, "page.html"));
        Assert.Contains("Scenario 1: --improve complaint-call=50", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-group=\"complaint-call\" data-figure=\"belowShare\"><td class=\"text\">complaint-call</td><td class=\"text\">below the zone</td><td>50.0 %</td><td>0.0 %</td><td>−50.0 pp</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Promises moved", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cost of non-compliance", html, StringComparison.Ordinal);
        Assert.Contains("Wrote the what-if as HTML to page.html.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Each figure of a JSON group is a row of the page with the same baseline, scenario and change, as the page formats them.</summary>
    private static void AssertRows(string section, string group, JsonNode figures)
    {
        foreach (var (name, value) in figures["baseline"]!.AsObject())
        {
            if (name == "verdict")
            {
                continue;
            }

            var row = Regex.Match(section, $"<tr data-group=\"{Regex.Escape(group)}\" data-figure=\"{name}\"><td class=\"text\">[^<]*</td><td class=\"text\">[^<]*</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>");
            Assert.True(row.Success, $"no row {group}/{name}");
            var (b, s, c) = (Number(value), Number(figures["scenario"]![name]), Number(figures["change"]![name]));
            string[] expected = name switch
            {
                "outcomes" => [Count(b), Count(s), Signed(c)],
                "settingGapMean" or "meanScore" => [Mean(b), Mean(s), Mean(c)],
                _ => [Percent(b), Percent(s), Points(c)],
            };
            Assert.Equal<string>(expected, [row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value]);
        }
    }

    private static double Number(JsonNode? node) => node is null ? double.NaN : (double)node;

    private static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Signed(double n) => n.ToString("+#,0;−#,0;0", CultureInfo.InvariantCulture);

    private static string Mean(double m) => double.IsNaN(m) ? "–" : m.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

    private static string Percent(double s) => double.IsNaN(s) ? "–" : s.ToString("P1", CultureInfo.InvariantCulture);

    private static string Points(double d) => double.IsNaN(d) ? "–" : (100 * d).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " pp";

    private static string Change(decimal d) => d.ToString("+#,##0.00;−#,##0.00;0.00", CultureInfo.InvariantCulture);
}
