using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxScoring.Cli.Input;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Reports;
using CxScoring.Scorecards;

namespace CxScoring.Cli.Costs;

/// <summary>
/// <c>--prices FILE</c>: loads a prices file (docs/prices-format.md), keeps the outcomes being scored as the engine's
/// rows (customers numbered as they are met, across every input: a CSV or NDJSON outcome as it is read, an Arrow or
/// Parquet file's rows as its columnar path hands them over) and prices their non-compliance with
/// <see cref="NonComplianceCostAnalysis.Analyze"/> once the inputs are read.
/// </summary>
internal sealed class CostPricing
{
    private readonly NonComplianceCostOptions _prices;

    private CostPricing(ScoringPlan plan, NonComplianceCostOptions prices)
    {
        Rows = new OutcomeRows(plan);
        _prices = prices;
    }

    /// <summary>Gets the rows kept for pricing; give them to <see cref="CxLibrary.ScoreAsync"/>.</summary>
    public OutcomeRows Rows { get; }

    /// <summary>Gets how many outcomes could not become rows (an instant outside the engine's range) and were not priced.</summary>
    public long Unpriced => Rows.Skipped;

    /// <summary>Loads and checks a prices file against the model.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Unreadable"/> when the file does not exist, and with <see cref="ExitCodes.InvalidInput"/> listing every problem when it is not valid.</exception>
    public static CostPricing Load(string path, ScoringModel model) => new(ScoringPlan.Compile(model), LoadPrices(path, model));

    /// <summary>Loads and checks a prices file against the model, for an analysis that prices rows of its own.</summary>
    /// <exception cref="CliException">Thrown as <see cref="Load"/> does.</exception>
    public static NonComplianceCostOptions LoadPrices(string path, ScoringModel model)
    {
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

    /// <summary>Makes a pricing with the same prices for other inputs (another period), with rows and customers of its own.</summary>
    public CostPricing WithSamePrices() => new(Rows.Plan, _prices);

    /// <summary>Prices the rows kept.</summary>
    public NonComplianceCostReport Analyze() => NonComplianceCostAnalysis.Analyze(Rows.Plan, Rows.Rows, _prices);

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
