using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxScoring.Cli.Input;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Reports;
using CxScoring.Scorecards;

namespace CxScoring.Cli.Costs;

/// <summary>
/// <c>--prices FILE</c>: loads a prices file (docs/prices-format.md), keeps the outcomes being scored as the engine's
/// rows (customers numbered as they are met) and prices their non-compliance with
/// <see cref="NonComplianceCostAnalysis.Analyze"/> once the input is read.
/// </summary>
internal sealed class CostPricing
{
    private readonly OutcomeRows _rows;
    private readonly NonComplianceCostOptions _prices;

    private CostPricing(ScoringModel model, NonComplianceCostOptions prices)
    {
        _rows = new OutcomeRows(model);
        _prices = prices;
    }

    /// <summary>Gets how many outcomes could not become rows (an instant outside the engine's range) and were not priced.</summary>
    public long Unpriced => _rows.Skipped;

    /// <summary>Loads and checks a prices file against the model.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Unreadable"/> when the file does not exist, with <see cref="ExitCodes.InvalidInput"/> listing every problem when it is not valid, and with <see cref="ExitCodes.Usage"/> when an outcome source is columnar.</exception>
    public static CostPricing Load(string path, ScoringModel model, IReadOnlyList<OutcomeSource> sources)
        => new(model, LoadPrices(path, model, sources, "--prices"));

    /// <summary>Loads and checks a prices file against the model, for an option that reads CSV or NDJSON outcomes only.</summary>
    /// <exception cref="CliException">Thrown as <see cref="Load"/> does; <paramref name="option"/> names the option in the message about a columnar source.</exception>
    public static NonComplianceCostOptions LoadPrices(string path, ScoringModel model, IReadOnlyList<OutcomeSource> sources, string option)
    {
        RequireRowSources(sources, option);
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Unreadable, $"the prices file '{path}' does not exist.");
        }

        try
        {
            return NonComplianceCostJson.LoadFile(path, model);
        }
        catch (PricesFileException e)
        {
            var lines = e.Problems.Select(p => $"  {p}");
            throw new CliException(ExitCodes.InvalidInput, $"the prices file '{path}' is not valid ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }
    }

    /// <summary>Refuses Arrow and Parquet sources for what needs the outcomes one by one as rows.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Usage"/> naming <paramref name="what"/> and the first columnar source.</exception>
    public static void RequireRowSources(IReadOnlyList<OutcomeSource> sources, string what)
    {
        if (sources.FirstOrDefault(s => s.IsColumnar) is { } columnar)
        {
            throw new CliException(ExitCodes.Usage, $"{what} reads CSV or NDJSON outcomes; '{columnar.Name}' is {columnar.Format}.");
        }
    }

    /// <summary>Keeps an outcome read from the input as a row; called for every outcome the scorecard is given.</summary>
    public void Add(Outcome outcome) => _rows.Add(outcome);

    /// <summary>Prices the rows kept.</summary>
    public NonComplianceCostReport Analyze() => NonComplianceCostAnalysis.Analyze(_rows.Plan, _rows.Rows, _prices);

    /// <summary>Writes the scorecard as JSON with the costs in a <c>nonComplianceCost</c> member (docs/output-format.md).</summary>
    public static void WriteJson(Scorecard scorecard, NonComplianceCostReport costs, string path)
    {
        using var buffer = new MemoryStream();
        ScorecardJsonWriter.Write(scorecard, buffer);
        var root = JsonNode.Parse(buffer.ToArray())!.AsObject();
        root["nonComplianceCost"] = ToJson(costs);
        using var file = File.Create(path);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        root.WriteTo(writer);
    }

    /// <summary>The costs as JSON: the currency, the total, the sums per kind, promise, touchpoint, owner and month, and every line.</summary>
    internal static JsonObject ToJson(NonComplianceCostReport costs)
    {
        static JsonObject Sums<TKey>(IEnumerable<KeyValuePair<TKey, decimal>> sums, Func<TKey, string> name)
        {
            var o = new JsonObject();
            foreach (var (key, amount) in sums)
            {
                o[name(key)] = amount;
            }

            return o;
        }

        var lines = new JsonArray();
        foreach (var line in costs.Lines)
        {
            lines.Add(new JsonObject
            {
                ["kind"] = KindName(line.Kind),
                ["month"] = line.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ["touchpoint"] = line.TouchpointId,
                ["owner"] = line.Owner,
                ["promise"] = line.PromiseId,
                ["segment"] = line.SegmentId,
                ["followOnTouchpoint"] = line.FollowOnTouchpointId,
                ["quantity"] = line.Quantity,
                ["unitCost"] = line.UnitCost,
                ["amount"] = line.Amount,
            });
        }

        return new JsonObject
        {
            ["currency"] = costs.Currency,
            ["total"] = costs.Total,
            ["byKind"] = Sums(costs.ByKind, KindName),
            ["byPromise"] = Sums(costs.ByPromise, id => id),
            ["byTouchpoint"] = Sums(costs.ByTouchpoint, id => id),
            ["byOwner"] = Sums(costs.ByOwner, id => id),
            ["unowned"] = costs.Unowned,
            ["byMonth"] = Sums(costs.ByMonth, month => month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            ["lines"] = lines,
        };
    }

    /// <summary>The camel-case name of a kind of cost, as the JSON and the tables spell it.</summary>
    internal static string KindName(NonComplianceCostKind kind) => kind switch
    {
        NonComplianceCostKind.BreachPenalty => "breachPenalty",
        NonComplianceCostKind.Shortfall => "shortfall",
        NonComplianceCostKind.FollowOnContacts => "followOnContacts",
        _ => "revenueAtRisk",
    };
}
