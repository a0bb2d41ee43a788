using System.Globalization;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using CxScoring.Model;
using CxScoring.ModelFiles;
using CxScoring.Text;
using NodaTime;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// Reads a prices file's JSON tree into <see cref="NonComplianceCostOptions"/>, checking it against the model and
/// collecting every problem with its JSON path and line instead of stopping at the first, as the model reader does
/// (the same line-tracking tree, problem collector and bounded "did you mean"). One instance reads one file.
/// </summary>
internal sealed class PricesJsonReader : CheckedJsonReader
{
    private static readonly string[] RootProperties = ["$schema", "schemaVersion", "currency", "timeZone", "breachPenalties", "shortfallRates", "contactCosts", "cascades", "revenue", "churnCurve"];
    private static readonly string[] CascadeProperties = ["window", "contactTouchpoints"];
    private static readonly string[] RevenueProperties = ["perCustomer", "bySegment"];
    private static readonly string[] CurveProperties = ["intercept", "slope"];

    private readonly Dictionary<string, string> _promises;
    private readonly Dictionary<string, string> _measures;
    private readonly Dictionary<string, string> _touchpoints;
    private readonly Dictionary<string, string> _segments;

    private PricesJsonReader(ScoringModel model)
    {
        _promises = Ids(model.Promises.Select(p => p.Id));
        _measures = Ids(model.Measures.Select(m => m.Id));
        _touchpoints = Ids(model.Touchpoints.Select(t => t.Id));
        _segments = Ids(model.Segments.Select(s => s.Id));
    }

    internal static NonComplianceCostOptions Read(ReadOnlySpan<byte> utf8, int maxDepth, ScoringModel model)
    {
        var reader = new PricesJsonReader(model);
        return reader.Read(ModelJsonReader.ParseSource(utf8, maxDepth, reader.Problems, syntax => new PricesFileException([syntax])));
    }

    private NonComplianceCostOptions Read(JsonSourceNode root)
    {
        if (root.Kind != JsonSourceKind.Object)
        {
            Problem("$", root.Line, $"A prices file must be a JSON object; found {root.KindName}.");
            throw new PricesFileException(Problems.Listed());
        }

        var versionNode = Typed(root, "$", "schemaVersion", JsonSourceKind.Number, "an integer", required: true);
        if (versionNode is not null && versionNode.Text != "1")
        {
            // An unknown version cannot be interpreted field by field; report only this.
            Problems.Clear();
            Problem("$.schemaVersion", versionNode.Line, $"Unsupported schemaVersion {versionNode.Text}; this version of CxScoring reads prices files of schemaVersion {NonComplianceCostJson.SchemaVersion}.");
            throw new PricesFileException(Problems.Listed());
        }

        Known(root, "$", RootProperties);
        var currency = Typed(root, "$", "currency", JsonSourceKind.String, "a string", required: true)?.Text;
        if (currency is not null && string.IsNullOrWhiteSpace(currency))
        {
            Problem("$.currency", root["currency"]!.Line, "The currency must not be empty; give a label such as 'EUR'.");
        }

        var zone = DateTimeZone.Utc;
        if (Typed(root, "$", "timeZone", JsonSourceKind.String, "a string", required: false) is { } zoneNode)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneNode.Text!) is { } found)
            {
                zone = found;
            }
            else
            {
                Problem("$.timeZone", zoneNode.Line, $"'{zoneNode.Text}' is not a known IANA time zone id; use one such as 'Europe/Berlin' or 'America/New_York' (tz database {DateTimeZoneProviders.Tzdb.VersionId}).");
            }
        }

        var penalties = Amounts(root, "$", "breachPenalties", _promises, "promise", "promises");
        var rates = Amounts(root, "$", "shortfallRates", _measures, "measure", "measures");
        var contacts = Amounts(root, "$", "contactCosts", _touchpoints, "touchpoint", "touchpoints");
        var cascades = ReadCascades(root);
        var (perCustomer, bySegment) = ReadRevenue(root);
        var curve = ReadCurve(root);
        if (Problems.Any)
        {
            throw new PricesFileException(Problems.Listed());
        }

        return new NonComplianceCostOptions
        {
            Currency = currency,
            TimeZone = zone,
            BreachPenaltyByPromise = penalties,
            CostPerShortfallUnit = rates,
            ContactCostByTouchpoint = contacts,
            Cascades = cascades,
            RevenuePerCustomer = perCustomer,
            RevenueBySegment = bySegment,
            ChurnCurve = curve,
            Journeys = new JourneyScorecardOptions { TimeZone = zone },
        };
    }

    private CascadeRiskOptions ReadCascades(JsonSourceNode root)
    {
        const string path = "$.cascades";
        if (Typed(root, "$", "cascades", JsonSourceKind.Object, "an object", required: false) is not { } node)
        {
            return CascadeRiskOptions.Default;
        }

        Known(node, path, CascadeProperties);
        var window = CascadeRiskOptions.Default.Window;
        if (Get(node, "window") is { } windowNode)
        {
            if (windowNode.Kind == JsonSourceKind.String && IsoDuration.TryParse(windowNode.Text, out var duration) && duration > Duration.Zero)
            {
                window = duration;
            }
            else
            {
                Problem(path + ".window", windowNode.Line, windowNode.Kind != JsonSourceKind.String
                    ? $"Expected an ISO-8601 duration string such as 'P14D'; found {windowNode.KindName}."
                    : IsoDuration.TryParse(windowNode.Text, out _)
                        ? $"The cascade window '{windowNode.Text}' must be longer than zero."
                        : $"'{windowNode.Text}' is not a valid duration; {IsoDuration.Hint}.");
            }
        }

        var ids = new List<string>();
        if (Typed(node, path, "contactTouchpoints", JsonSourceKind.Array, "an array of touchpoint ids", required: false) is { } array)
        {
            for (var i = 0; i < array.Items.Count; i++)
            {
                var item = array.Items[i];
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.contactTouchpoints[{i}]");
                if (item.Kind != JsonSourceKind.String)
                {
                    Problem(itemPath, item.Line, $"Expected a touchpoint id (a string); found {item.KindName}.");
                }
                else if (Reference(itemPath, item.Line, item.Text!, _touchpoints, "touchpoint", "touchpoints"))
                {
                    ids.Add(item.Text!);
                }
            }
        }

        return new CascadeRiskOptions { Window = window, ContactTouchpointIds = ids };
    }

    private (decimal PerCustomer, Dictionary<string, decimal> BySegment) ReadRevenue(JsonSourceNode root)
    {
        const string path = "$.revenue";
        if (Typed(root, "$", "revenue", JsonSourceKind.Object, "an object", required: false) is not { } node)
        {
            return (0m, []);
        }

        Known(node, path, RevenueProperties);
        var perCustomer = Get(node, "perCustomer") is { } value ? Amount(value, path + ".perCustomer") ?? 0m : 0m;
        return (perCustomer, Amounts(node, path, "bySegment", _segments, "segment", "segments"));
    }

    private ChurnResponseCurve? ReadCurve(JsonSourceNode root)
    {
        const string path = "$.churnCurve";
        if (Typed(root, "$", "churnCurve", JsonSourceKind.Object, "an object", required: false) is not { } node)
        {
            return null;
        }

        Known(node, path, CurveProperties);
        var intercept = Finite(node, path, "intercept");
        var slope = Finite(node, path, "slope");
        return intercept is { } a && slope is { } b ? new ChurnResponseCurve(a, b) : null;
    }

    private double? Finite(JsonSourceNode node, string path, string name)
    {
        var value = Typed(node, path, name, JsonSourceKind.Number, "a number", required: true);
        if (value is null)
        {
            return null;
        }

        if (!double.IsFinite(value.Number))
        {
            Problem(ModelJsonNames.Child(path, name), value.Line, $"{value.Text} is not a finite number.");
            return null;
        }

        return value.Number;
    }

    /// <summary>An object of amounts keyed by the ids of one kind: each id checked against the model, each amount at least 0.</summary>
    private Dictionary<string, decimal> Amounts(JsonSourceNode parent, string parentPath, string name, Dictionary<string, string> declared, string what, string plural)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (Typed(parent, parentPath, name, JsonSourceKind.Object, $"an object of amounts by {what} id", required: false) is not { } node)
        {
            return result;
        }

        var path = ModelJsonNames.Child(parentPath, name);
        foreach (var (id, value) in node.Properties)
        {
            var itemPath = ModelJsonNames.Child(path, id);
            var known = Reference(itemPath, value.Line, id, declared, what, plural);
            if (Amount(value, itemPath) is { } amount && known)
            {
                result[id] = amount;
            }
        }

        return result;
    }

    private decimal? Amount(JsonSourceNode value, string path)
    {
        if (value.Kind != JsonSourceKind.Number)
        {
            Problem(path, value.Line, $"Expected an amount (a number of at least 0); found {value.KindName}.");
            return null;
        }

        if (!decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            Problem(path, value.Line, $"{value.Text} is not an amount this library can hold (a decimal of at most about 7.9e28).");
            return null;
        }

        if (amount < 0)
        {
            Problem(path, value.Line, string.Create(CultureInfo.InvariantCulture, $"The amount {amount} is negative; amounts must be at least 0."));
            return null;
        }

        return amount;
    }
}
