using System.Text.Json;
using System.Text.Json.Nodes;
using CxScoring.Cli.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Scorecards;

namespace CxScoring.Cli.Scenarios;

/// <summary>
/// Writes a what-if as JSON (shape <c>cxscoring.whatif/1</c>, docs/output-format.md): the same figures as the tables;
/// the scenarios of a scenario file as <c>cxscoring.whatifs/1</c>, one <c>cxscoring.whatif/1</c> object each.
/// </summary>
internal static class WhatIfJson
{
    public const string Format = "cxscoring.whatif/1";

    public const string SetFormat = "cxscoring.whatifs/1";

    /// <summary>Writes one what-if (<c>cxscoring.whatif/1</c>).</summary>
    public static void Write(WhatIfReport report, ScenarioOptions options, string path) => Save(ToJson(report, options), path);

    /// <summary>Writes the what-ifs of a scenario file (<c>cxscoring.whatifs/1</c>): the file, then each scenario's what-if in the file's order.</summary>
    public static void WriteSet(IReadOnlyList<(WhatIfReport Report, ScenarioOptions Options)> whatIfs, string scenarioFile, string path)
        => Save(
            new JsonObject
            {
                ["format"] = SetFormat,
                ["scenarioFile"] = Path.GetFileName(scenarioFile),
                ["scenarios"] = new JsonArray([.. whatIfs.Select(w => (JsonNode)ToJson(w.Report, w.Options))]),
            },
            path);

    /// <summary>One what-if as a <c>cxscoring.whatif/1</c> object.</summary>
    public static JsonObject ToJson(WhatIfReport report, ScenarioOptions options)
    {
        var promises = new JsonArray();
        foreach (var change in options.Promises)
        {
            var (baseline, scenario) = WhatIfFigures.ForPromise(report, change.Promise.Id);
            var figures = Figures(WhatIfFigures.Promise, baseline.Aggregate, scenario.Aggregate);
            figures["baseline"]!["verdict"] = JsonNamingPolicy.CamelCase.ConvertName(baseline.Verdict.ToString());
            figures["scenario"]!["verdict"] = JsonNamingPolicy.CamelCase.ConvertName(scenario.Verdict.ToString());
            promises.Add(new JsonObject
            {
                ["id"] = change.Promise.Id,
                ["measure"] = change.Measure.Id,
                ["baselineLevel"] = change.Promise.Deadline is null && change.Promise.Within is null ? change.Promise.Level : null,
                ["level"] = change.Level,
                ["levelText"] = change.LevelText,
                ["baseline"] = figures["baseline"]!.DeepClone(),
                ["scenario"] = figures["scenario"]!.DeepClone(),
                ["change"] = figures["change"]!.DeepClone(),
            });
        }

        var touchpoints = new JsonArray();
        foreach (var delta in WhatIfFigures.Affected(report, options.Improvements))
        {
            var figures = Figures(WhatIfFigures.Touchpoint, delta.Baseline, delta.Scenario);
            figures["id"] = delta.TouchpointId;
            touchpoints.Add(figures);
        }

        var root = new JsonObject
        {
            ["format"] = Format,
            ["scenario"] = new JsonObject
            {
                ["name"] = report.Scenario.Name,
                ["promises"] = new JsonArray([.. options.Promises.Select(p => (JsonNode)new JsonObject { ["id"] = p.Promise.Id, ["level"] = p.Level, ["levelText"] = p.LevelText })]),
                ["improvements"] = new JsonArray([.. options.Improvements.Select(i => (JsonNode)new JsonObject { ["touchpoint"] = i.TouchpointId, ["percent"] = i.Percent })]),
            },
            ["total"] = Figures(WhatIfFigures.Touchpoint, report.Total.Baseline, report.Total.Scenario),
            ["promises"] = promises,
            ["touchpoints"] = touchpoints,
        };
        if (report.Scenario.Description is { } description)
        {
            var scenarioNode = root["scenario"]!.AsObject();
            scenarioNode.Insert(1, "description", description);
        }

        if (report.BaselineCost is { } before && report.ScenarioCost is { } after)
        {
            JsonObject Side(Func<(decimal Baseline, decimal Scenario), decimal> pick, decimal total)
            {
                var byKind = new JsonObject();
                foreach (var (kind, b, s) in WhatIfFigures.CostByKind(before, after))
                {
                    byKind[CostPricing.KindName(kind)] = pick((b, s));
                }

                return new JsonObject { ["total"] = total, ["byKind"] = byKind };
            }

            root["cost"] = new JsonObject
            {
                ["currency"] = before.Currency,
                ["baseline"] = Side(x => x.Baseline, before.Total),
                ["scenario"] = Side(x => x.Scenario, after.Total),
                ["change"] = Side(x => x.Scenario - x.Baseline, report.CostChange),
            };
        }

        return root;
    }

    private static void Save(JsonObject root, string path)
    {
        using var file = File.Create(path);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        root.WriteTo(writer);
    }

    /// <summary>The figures on both sides and their change (scenario − baseline; null where a side has no outcome).</summary>
    private static JsonObject Figures(IReadOnlyList<Figure> figures, ScoreAggregate baseline, ScoreAggregate scenario)
    {
        JsonObject baselineFigures = [], scenarioFigures = [], change = [];
        foreach (var figure in figures)
        {
            var (b, s) = (figure.Of(baseline), figure.Of(scenario));
            baselineFigures[figure.Json] = Number(b);
            scenarioFigures[figure.Json] = Number(s);
            change[figure.Json] = Number(s - b);
        }

        return new JsonObject { ["baseline"] = baselineFigures, ["scenario"] = scenarioFigures, ["change"] = change };
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
