using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxScoring.Journeys.Costs;
using CxScoring.OutcomeFiles;
using CxScoring.Plans;
using NodaTime;

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
    public async Task Score_ArrowAndParquetWithPrices_GiveTheCostsOfTheSameOutcomesAsCsv()
    {
        var demo = Path.Combine(_folder.Path, "demo");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "demo", demo, "--customers", "600").ExitCode);
        var model = Path.Combine(demo, "model.json");
        var csv = Path.Combine(_folder.Path, "outcomes.csv");
        await WriteCsv(Path.Combine(demo, "outcomes.ndjson"), csv);
        foreach (var columnar in new[] { "outcomes.arrow", "outcomes.parquet" })
        {
            var convert = CxRun.Run(_folder.Path, null, "convert", csv, columnar, "--max-bad-rate", "1");
            Assert.True(convert.ExitCode == 0, convert.ToString());
        }

        var runs = new[] { "outcomes.csv", "outcomes.arrow", "outcomes.parquet" }.Select(input =>
        {
            var run = CxRun.Run(_folder.Path, null, "score", model, input, "--prices", TelecomPrices, "--json", input + ".json", "--no-progress");
            Assert.True(run.ExitCode == 0, run.ToString());
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder.Path, input + ".json")));
            return (Run: run, Costs: document.RootElement.GetProperty("nonComplianceCost").GetRawText());
        }).ToList();

        Assert.True(JsonDocument.Parse(runs[0].Costs).RootElement.GetProperty("total").GetDecimal() > 0);
        Assert.Equal(runs[0].Costs, runs[1].Costs);
        Assert.Equal(runs[0].Costs, runs[2].Costs);

        // The same accounting: records read, malformed and refused (the demo's unscorable outcomes), whatever the format.
        var read = Regex.Match(runs[0].Run.Error, @"Read [0-9,]+ records from 1 input: [0-9,]+ malformed, [1-9][0-9,]* refused").Value;
        Assert.NotEmpty(read);
        Assert.Contains(read, runs[1].Run.Error, StringComparison.Ordinal);
        Assert.Contains(read, runs[2].Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ArrowWithOutOfRangeInstant_CountsItAsNotPriced()
    {
        // The same two outcomes as CSV and as Arrow with instants in seconds (timestamp[ns], which cx convert writes,
        // cannot hold 2300): the second is refused as InstantOutOfRange and left unpriced by both.
        var csv = _folder.File("o.csv", "customer,touchpoint,measure,value,observedAt\nc1,offer-chat,chat-wait,600,2025-05-01T10:00:00Z\nc2,offer-chat,chat-wait,600,2300-05-01T10:00:00Z\n");
        WriteArrowInSeconds(Path.Combine(_folder.Path, "o.arrow"), [("c1", Instant.FromUtc(2025, 5, 1, 10, 0)), ("c2", Instant.FromUtc(2300, 5, 1, 10, 0))]);
        var prices = _folder.File("prices.json", "{ \"schemaVersion\": 1, \"currency\": \"EUR\", \"breachPenalties\": { \"chat-agent-in-2-minutes\": 10 } }");

        var fromCsv = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, csv, "--prices", prices, "--no-progress", "--max-bad-rate", "1");
        var fromArrow = CxRun.Run(_folder.Path, null, "score", CxRun.TelecomModel, "o.arrow", "--prices", prices, "--no-progress", "--max-bad-rate", "1");

        foreach (var run in new[] { fromCsv, fromArrow })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Cost of non-compliance: 10.00 EUR (1 priced line)", run.Out, StringComparison.Ordinal);
            Assert.Contains("1 outcome was not priced: an instant outside the range the engine holds", run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compare_DemoHalvesWithPrices_PrintsTheTotalsEachFileHasAloneAndTheirChange()
    {
        var demo = Path.Combine(_folder.Path, "demo");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "demo", demo, "--customers", "600").ExitCode);
        var model = Path.Combine(demo, "model.json");

        // The first half-year of the demo, and the rest (with the malformed lines), as two periods.
        var lines = File.ReadAllLines(Path.Combine(demo, "outcomes.ndjson"));
        bool First(string line) => Regex.Match(line, "\"observedAt\":\"(2025-0[1-6])").Success;
        var (before, after) = ("h1.ndjson", "h2.ndjson");
        _folder.File(before, string.Join('\n', lines.Where(First)) + "\n");
        _folder.File(after, string.Join('\n', lines.Where(l => !First(l))) + "\n");
        Assert.Equal(0, CxRun.Run(_folder.Path, null, "convert", after, "h2.parquet", "--max-bad-rate", "1").ExitCode);

        var alone = new[] { before, after }.Select(file =>
        {
            var run = CxRun.Run(_folder.Path, null, "score", model, file, "--prices", TelecomPrices, "--no-progress", "--max-bad-rate", "1");
            Assert.True(run.ExitCode == 0, run.ToString());
            return decimal.Parse(Regex.Match(run.Out, "Cost of non-compliance: ([0-9,.]+) EUR").Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        }).ToArray();
        Assert.True(alone[0] > 0 && alone[1] > 0 && alone[0] != alone[1]);

        foreach (var second in new[] { after, "h2.parquet" })
        {
            var run = CxRun.Run(_folder.Path, null, "compare", model, before, second, "--prices", TelecomPrices, "--no-progress", "--max-bad-rate", "1", "--html", "compare.html");

            Assert.True(run.ExitCode == 0, run.ToString());
            var c = CultureInfo.InvariantCulture;
            Assert.Matches(string.Create(c, $@"before +h1\.ndjson +{Regex.Escape(alone[0].ToString("N2", c))} "), run.Out);
            Assert.Matches(string.Create(c, $@"after +{Regex.Escape(second)} +{Regex.Escape(alone[1].ToString("N2", c))} "), run.Out);
            var change = Regex.Match(run.Out, @"change +([+-][0-9,.]+) ");
            Assert.True(change.Success, run.ToString());

            // The change of the exact totals, rounded: within a cent of the change of the rounded totals.
            Assert.InRange(decimal.Parse(change.Groups[1].Value, NumberStyles.Number | NumberStyles.AllowLeadingSign, c) - (alone[1] - alone[0]), -0.01m, 0.01m);
            foreach (var table in new[] { "By kind", "Top 5 promises by change", "By owner" })
            {
                Assert.Contains(table, run.Out, StringComparison.Ordinal);
            }

            // The report is AFTER's, with its costs, and its cost section shows the change from BEFORE as the terminal does.
            var html = File.ReadAllText(Path.Combine(_folder.Path, "compare.html"));
            Assert.Contains(string.Create(c, $"<li><b>{alone[1]:N2}</b>total EUR</li>"), html, StringComparison.Ordinal);
            Assert.Contains($"<h3 id=\"costs-change-title\">Change of the cost: {second} against h1.ndjson</h3>", html, StringComparison.Ordinal);
            Assert.Contains(string.Create(c, $"<li><b>{alone[0]:N2}</b>before EUR</li>"), html, StringComparison.Ordinal);
            Assert.Contains(string.Create(c, $"<li><b>{change.Groups[1].Value.Replace('-', '−')}</b>change EUR</li>"), html, StringComparison.Ordinal);
            Assert.DoesNotContain("Cost of non-compliance: ", html[..html.IndexOf("<section id=\"costs\"", StringComparison.Ordinal)], StringComparison.Ordinal);
            var section = html[html.IndexOf("costs-change-title", StringComparison.Ordinal)..html.IndexOf("</section>", html.IndexOf("costs-change-title", StringComparison.Ordinal), StringComparison.Ordinal)];
            foreach (var table in new[] { "kind", "promise", "owner" })
            {
                var start = section.IndexOf($"data-table=\"{table}\"", StringComparison.Ordinal);
                var rows = Regex.Matches(section[start..section.IndexOf("</table>", start, StringComparison.Ordinal)], "<tr><td class=\"text\">([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>");
                Assert.True(rows.Count > 0 && (table != "promise" || rows.Count == 5), $"{table}: {rows.Count} rows");
                foreach (Match row in rows)
                {
                    var cells = row.Groups.Values.Skip(1).Select(g => Regex.Escape(System.Net.WebUtility.HtmlDecode(g.Value).Replace('−', '-')));
                    Assert.Matches(string.Join(" +", cells), run.Out);
                }
            }
        }
    }

    [Fact]
    public void Compare_CostUnderACentInEitherPeriod_ReadsAsNoChange()
    {
        // A shortfall of 2 s at 0.01 EUR a second before, none after: 0.00 and 0.00 as printed, so no relative change.
        const string Header = "customer,touchpoint,measure,value,observedAt\n";
        var before = _folder.File("may.csv", Header + "c1,offer-chat,chat-wait,30,2025-05-01T10:00:00Z\nc2,offer-chat,chat-wait,400,2025-05-02T10:00:00Z\n");
        var after = _folder.File("jun.csv", Header + "c1,offer-chat,chat-wait,200,2025-06-01T10:00:00Z\n");
        var prices = _folder.File("prices.json", "{ \"schemaVersion\": 1, \"currency\": \"EUR\", \"breachPenalties\": { \"chat-agent-in-2-minutes\": 10 }, \"shortfallRates\": { \"chat-wait\": 0.01 } }");

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, before, after, "--prices", prices, "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"shortfall below the zone +0\.00 +0\.00 +0\.00 +0\.0 %", run.Out);
        Assert.DoesNotContain("-100.0 %", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Compare_Top_ListsThatManyPromisesByChangeOrNone(string top, bool table)
    {
        // The chat promise's breach penalties change between the months: --top 1 lists it, --top 0 leaves the table out.
        const string Header = "customer,touchpoint,measure,value,observedAt\n";
        var before = _folder.File("may.csv", Header + "c1,offer-chat,chat-wait,400,2025-05-02T10:00:00Z\n");
        var after = _folder.File("jun.csv", Header + "c1,offer-chat,chat-wait,30,2025-06-01T10:00:00Z\nc2,offer-chat,chat-wait,500,2025-06-02T10:00:00Z\nc3,offer-chat,chat-wait,600,2025-06-03T10:00:00Z\n");
        var prices = _folder.File("prices.json", "{ \"schemaVersion\": 1, \"currency\": \"EUR\", \"breachPenalties\": { \"chat-agent-in-2-minutes\": 10 }, \"shortfallRates\": { \"chat-wait\": 0.01 } }");

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, before, after, "--prices", prices, "--top", top, "--no-progress");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(table, run.Out.Contains($"Top {top} promises by change", StringComparison.Ordinal));
        Assert.Contains("chat-agent-in-2-minutes", run.Out, StringComparison.Ordinal);
        Assert.Contains("By owner", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NegativeTop_ExitsTwoNamingTheOption()
    {
        var outcomes = _folder.File("o.csv", "customer,touchpoint,measure,value,observedAt\nc1,offer-chat,chat-wait,60,2025-05-01T10:00:00Z\n");

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, outcomes, outcomes, "--top", "-1", "--no-progress");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--top must not be negative.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_BadPricesFile_ListsEachProblemAndExitsOne()
    {
        var outcomes = _folder.File("o.ndjson", """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":60,"observedAt":"2025-05-01T10:00:00Z"}""" + "\n");
        var prices = _folder.File("prices.json", "{\n  \"schemaVersion\": 1,\n  \"currency\": \"EUR\",\n  \"breachPenalties\": { \"leter-reply-5-working-days\": 25 },\n  \"contactCosts\": { \"shop-visit\": 4 }\n}\n");

        var run = CxRun.Run(_folder.Path, null, "compare", CxRun.TelecomModel, outcomes, outcomes, "--prices", prices, "--no-progress");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not valid (2 problems)", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.breachPenalties['leter-reply-5-working-days'] (line 4)", run.Error, StringComparison.Ordinal);
        Assert.Contains("shop-visit", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Comparison", run.Out, StringComparison.Ordinal);
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

    /// <summary>Writes chat waits of 600 s at the offer chat as an Arrow IPC file whose instants are timestamp[s].</summary>
    private static void WriteArrowInSeconds(string path, (string Customer, Instant ObservedAt)[] outcomes)
    {
        var type = new TimestampType(TimeUnit.Second, "UTC");
        var schema = new Schema.Builder()
            .Field(f => f.Name("customer").DataType(StringType.Default))
            .Field(f => f.Name("touchpoint").DataType(StringType.Default))
            .Field(f => f.Name("measure").DataType(StringType.Default))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(type))
            .Build();
        static StringArray Strings(IEnumerable<string> values) => new StringArray.Builder().AppendRange(values).Build();
        var seconds = new Int64Array.Builder().AppendRange(outcomes.Select(o => o.ObservedAt.ToUnixTimeSeconds())).Build();
        var batch = new RecordBatch(
            schema,
            [
                Strings(outcomes.Select(o => o.Customer)), Strings(outcomes.Select(_ => "offer-chat")), Strings(outcomes.Select(_ => "chat-wait")),
                new DoubleArray.Builder().AppendRange(outcomes.Select(_ => 600.0)).Build(), new TimestampArray(new ArrayData(type, outcomes.Length, 0, 0, seconds.Data.Buffers)),
            ],
            outcomes.Length);
        using var output = File.Create(path);
        using var writer = new ArrowFileWriter(output, schema);
        writer.WriteStart();
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    /// <summary>Writes the outcomes of an NDJSON file as CSV (the malformed lines left out), with the library's reader and writer.</summary>
    private static async Task WriteCsv(string ndjson, string csv)
    {
        await using var stream = File.OpenRead(ndjson);
        await using var text = new StreamWriter(csv);
        var writer = new CsvOutcomeWriter(text);
        var reader = new NdjsonOutcomeReader(stream, new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        await foreach (var outcome in reader.ReadAllAsync())
        {
            writer.Write(outcome);
        }

        writer.Flush();
    }

    /// <summary>The library's own path: the same file read with the NDJSON reader, customers numbered as met, priced by the analysis.</summary>
    private static async Task<NonComplianceCostReport> AnalyzeDirectly(string modelPath, string outcomesPath)
    {
        var model = ScoringModelJson.LoadFile(modelPath);
        var plan = ScoringPlan.Compile(model);
        return NonComplianceCostAnalysis.Analyze(plan, await LibraryRows.ReadNdjsonAsync(plan, outcomesPath), NonComplianceCostJson.LoadFile(TelecomPrices, model));
    }
}
