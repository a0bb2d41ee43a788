using System.Globalization;
using System.Text.Json;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;
using static CxScoring.Reports.Html.Rendering.HtmlDocument;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>
/// Renders what-ifs scored against one baseline as one HTML document, with the report's head, styles, chart libraries,
/// footer and drawing script: the scenarios side by side, then per scenario the promises moved, the zone and
/// letter-vs-spirit shares that changed (a chart of the zone shares with the same numbers in a table) and the cost by kind.
/// </summary>
internal static class WhatIfDocument
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The figures of a group, in the order of the tables, with the names the what-if JSON gives them.</summary>
    private static readonly (string Label, string Json, Func<Figures, double> Of, bool IsShare)[] Rows =
    [
        ("below the zone", "belowShare", f => f.Below, true),
        ("within the zone", "withinShare", f => f.Within, true),
        ("above the zone", "aboveShare", f => f.Above, true),
        ("promise kept", "promiseKeptShare", f => f.Kept, true),
        ("mean setting gap", "settingGapMean", f => f.SettingGapMean, false),
        ("kept to the letter, missed the spirit", "keptButMissedShare", f => f.KeptButMissed, true),
        ("broken, yet within or above the zone", "brokenYetSatisfiedShare", f => f.BrokenYetSatisfied, true),
        ("broken and below the zone", "brokenAndMissedShare", f => f.BrokenAndMissed, true),
        ("mean score", "meanScore", f => f.Mean, false),
    ];

    public static void Write(IReadOnlyList<WhatIfReport> reports, WhatIfHtmlOptions options, TextWriter o)
    {
        var model = reports[0].Baseline.Plan.Model;
        var title = string.IsNullOrWhiteSpace(options.Title) ? $"What-if: {model.Name}" : options.Title;
        WriteHead(title, o);
        var baseline = reports[0].Baseline;
        o.Write($"<header>\n<h1>{E(title)}</h1>\n<p class=\"muted\">Model <b>{E(model.Name)}</b>; {Count(baseline.Total.Count)} scored outcomes, scored as they are (the baseline) and under {(reports.Count == 1 ? "one scenario" : $"each of {reports.Count} scenarios")}: the same outcomes, the changes applied.</p>\n</header>\n");
        if (options.Notes.Count > 0)
        {
            o.Write("<ul class=\"notes\">\n");
            foreach (var note in options.Notes)
            {
                o.Write($"<li>{E(note)}</li>\n");
            }

            o.Write("</ul>\n");
        }

        WriteOverview(reports, o);
        for (var i = 0; i < reports.Count; i++)
        {
            WriteScenario(reports[i], i + 1, o);
        }

        o.Write("<p class=\"muted\">Shares are of the outcomes in force; changes of shares are in percentage points (pp). The mean setting gap is promised against the least customers accept, in scales (0: the letter matches what they accept). Verdicts are the promise review's (docs/scorecard.md).</p>\n");
        WriteEnd(o, w => WriteData(reports, w), reports.Select((_, i) => (Chart(i + 1), "zones.vl.json")));
    }

    /// <summary>The chart of one scenario: its name, its element's <c>data-chart</c> and its data's key.</summary>
    internal static string Chart(int scenario) => string.Create(C, $"scenario-{scenario}-zones");

    /// <summary>The touchpoints whose outcomes the scenario changes, or whose delivery it improves, in the model's order.</summary>
    internal static IEnumerable<WhatIfDelta> Affected(WhatIfReport report)
        => report.ByTouchpoint.Where(d => !d.Baseline.Equals(d.Scenario) || report.Scenario.DeliveryImprovements.ContainsKey(d.TouchpointId!));

    private static void WriteOverview(IReadOnlyList<WhatIfReport> reports, TextWriter o)
    {
        var priced = reports[0].BaselineCost is not null;
        var currency = reports[0].BaselineCost?.Currency is { } label ? " " + label : string.Empty;
        o.Write("<section id=\"overview\" aria-labelledby=\"overview-title\">\n<h2 id=\"overview-title\">Scenarios side by side</h2>\n");
        o.Write("<p class=\"muted\">Over all outcomes: the baseline, then each scenario with its change from the baseline.</p>\n");
        o.Write("<table class=\"changes\">\n<thead><tr><th class=\"text\">scenario</th><th>below the zone</th><th>promise kept</th><th>kept to the letter, missed the spirit</th><th>broken, yet within or above the zone</th><th>mean score</th>");
        o.Write(priced ? $"<th>cost of non-compliance{E(currency)}</th>" : string.Empty);
        o.Write("</tr></thead>\n<tbody>\n");
        var b = Figures.Of(reports[0].Total.Baseline);
        o.Write($"<tr><td class=\"text\">baseline</td><td>{Percent(b.Below)}</td><td>{Percent(b.Kept)}</td><td>{Percent(b.KeptButMissed)}</td><td>{Percent(b.BrokenYetSatisfied)}</td><td>{Mean(b.Mean)}</td>{(priced ? $"<td>{CostSection.Amount(reports[0].BaselineCost!.Total)}</td>" : string.Empty)}</tr>\n");
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            var s = Figures.Of(r.Total.Scenario);
            string Share(Func<Figures, double> of) => $"{Percent(of(s))} <span class=\"muted\">({Points(of(s) - of(b))})</span>";
            var cost = priced && r.ScenarioCost is { } after ? $"<td>{CostSection.Amount(after.Total)} <span class=\"muted\">({CostSection.Change(r.CostChange)})</span></td>" : string.Empty;
            o.Write($"<tr><td class=\"text\"><a href=\"#scenario-{i + 1}\">{E(r.Scenario.Name)}</a></td><td>{Share(f => f.Below)}</td><td>{Share(f => f.Kept)}</td><td>{Share(f => f.KeptButMissed)}</td><td>{Share(f => f.BrokenYetSatisfied)}</td><td>{Mean(s.Mean)} <span class=\"muted\">({Mean(s.Mean - b.Mean)})</span></td>{cost}</tr>\n");
        }

        o.Write("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteScenario(WhatIfReport report, int number, TextWriter o)
    {
        var id = string.Create(C, $"scenario-{number}");
        var model = report.Baseline.Plan.Model;
        o.Write($"<section id=\"{id}\" aria-labelledby=\"{id}-title\" data-scenario=\"{E(report.Scenario.Name)}\">\n<h2 id=\"{id}-title\">Scenario {number}: {E(report.Scenario.Name)}</h2>\n");
        if (report.Scenario.Description is { } description)
        {
            o.Write($"<p>{E(description)}</p>\n");
        }

        o.Write("<ul class=\"quadrants\" aria-label=\"Changes\">\n");
        foreach (var (promiseId, level) in report.Scenario.PromiseLevels)
        {
            var promise = model.Promises.First(p => p.Id == promiseId);
            model.TryGetMeasure(promise.MeasureId, out var measure);
            var was = promise.Deadline is not null || promise.Within is not null ? "a working-time rule" : Level(measure!, promise.Level);
            o.Write($"<li>promise <b>{E(promiseId)}</b>{(promise.Description is { } d ? $" (“{E(d.TrimEnd('.', ' '))}”)" : string.Empty)}: {E(was)} → {E(Level(measure!, level))}</li>\n");
        }

        foreach (var (touchpointId, fraction) in report.Scenario.DeliveryImprovements)
        {
            o.Write($"<li>delivery at <b>{E(touchpointId)}</b> improved by {(100 * fraction).ToString("0.###", C)} %</li>\n");
        }

        o.Write("</ul>\n");
        WritePromises(report, id, o);
        WriteShares(report, number, o);
        if (report.BaselineCost is { } before && report.ScenarioCost is { } after)
        {
            WriteCosts(before, after, id, o);
        }

        o.Write("</section>\n");
    }

    private static void WritePromises(WhatIfReport report, string id, TextWriter o)
    {
        if (report.Scenario.PromiseLevels.IsEmpty)
        {
            return;
        }

        o.Write($"<h3 id=\"{id}-promises\">Promises moved</h3>\n<table class=\"changes\" data-table=\"promises\">\n<thead><tr><th class=\"text\">promise</th><th class=\"text\">figure</th><th>baseline</th><th>scenario</th><th>change</th></tr></thead>\n<tbody>\n");
        foreach (var (promiseId, _) in report.Scenario.PromiseLevels)
        {
            var p = report.Baseline.ByPromise.Select((a, i) => (a, i)).First(x => x.a.Id == promiseId).i;
            var (before, after) = (report.Baseline.ByPromise[p], report.Result.ByPromise[p]);
            o.Write($"<tr data-group=\"{E(promiseId)}\" data-figure=\"outcomes\"><td class=\"text\">{E(promiseId)}</td><td class=\"text\">outcomes</td><td>{Count(before.Aggregate.Count)}</td><td>{Count(after.Aggregate.Count)}</td><td>{(after.Aggregate.Count - before.Aggregate.Count).ToString("+#,0;−#,0;0", C)}</td></tr>\n");
            FigureRows(o, promiseId, Figures.Of(before.Aggregate), Figures.Of(after.Aggregate), Rows.Where(r => r.Json is not ("belowShare" or "withinShare" or "aboveShare" or "meanScore")));
            var (was, now) = (Verdicts.Text(before.Verdict), Verdicts.Text(after.Verdict));
            o.Write($"<tr data-group=\"{E(promiseId)}\" data-figure=\"verdict\"><td class=\"text\">{E(promiseId)}</td><td class=\"text\">verdict</td><td>{E(was)}</td><td>{E(now)}</td><td>{(was == now ? "unchanged" : "changed")}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
    }

    private static void WriteShares(WhatIfReport report, int number, TextWriter o)
    {
        var chart = Chart(number);
        var affected = Affected(report).ToList();
        var (b, s) = (Figures.Of(report.Total.Baseline), Figures.Of(report.Total.Scenario));
        var description = $"Over all outcomes: below the zone {Percent(b.Below)} → {Percent(s.Below)} ({Points(s.Below - b.Below)}), promise kept {Percent(b.Kept)} → {Percent(s.Kept)} ({Points(s.Kept - b.Kept)}), kept to the letter yet missing the spirit {Percent(b.KeptButMissed)} → {Percent(s.KeptButMissed)} ({Points(s.KeptButMissed - b.KeptButMissed)}). "
            + (affected.Count == 0 ? "No touchpoint's figures change." : $"Touchpoints affected: {string.Join("; ", affected.Select(d => Affect(report, d)))}.");
        o.Write($"<h3 id=\"{chart}-title\">Zone and letter-vs-spirit shares</h3>\n<p class=\"muted\">All outcomes and each touchpoint the scenario changes: the zone shares as scored (baseline) and under the scenario, then every figure with its change.</p>\n");
        o.Write($"<figure aria-describedby=\"{chart}-description\">\n<div class=\"chart\" data-chart=\"{chart}\"></div>\n<figcaption id=\"{chart}-description\">{E(description)}</figcaption>\n</figure>\n");
        o.Write("<table class=\"changes\" data-table=\"shares\">\n<thead><tr><th class=\"text\">outcomes</th><th class=\"text\">figure</th><th>baseline</th><th>scenario</th><th>change</th></tr></thead>\n<tbody>\n");
        foreach (var (group, delta) in affected.Select(d => (d.TouchpointId!, d)).Prepend(("all", report.Total)))
        {
            var (before, after) = (Figures.Of(delta.Baseline), Figures.Of(delta.Scenario));
            o.Write($"<tr data-group=\"{E(group)}\" data-figure=\"outcomes\"><td class=\"text\">{E(group)}</td><td class=\"text\">outcomes</td><td>{Count(before.Count)}</td><td>{Count(after.Count)}</td><td>{(after.Count - before.Count).ToString("+#,0;−#,0;0", C)}</td></tr>\n");
            FigureRows(o, group, before, after, Rows);
        }

        o.Write("</tbody>\n</table>\n");
    }

    private static string Affect(WhatIfReport report, WhatIfDelta d)
    {
        var (b, s) = (Figures.Of(d.Baseline), Figures.Of(d.Scenario));
        var name = report.Baseline.Plan.Model.Touchpoints.First(t => t.Id == d.TouchpointId).Name;
        return $"{name} below the zone {Percent(b.Below)} → {Percent(s.Below)}, promise kept {Percent(b.Kept)} → {Percent(s.Kept)}";
    }

    private static void FigureRows(TextWriter o, string group, Figures before, Figures after, IEnumerable<(string Label, string Json, Func<Figures, double> Of, bool IsShare)> rows)
    {
        foreach (var (label, json, of, isShare) in rows)
        {
            var (x, y) = (of(before), of(after));
            var (shown, change) = isShare ? (Percent(x), Points(y - x)) : (Mean(x), Mean(y - x));
            o.Write($"<tr data-group=\"{E(group)}\" data-figure=\"{json}\"><td class=\"text\">{E(group)}</td><td class=\"text\">{E(label)}</td><td>{shown}</td><td>{(isShare ? Percent(y) : Mean(y))}</td><td>{change}</td></tr>\n");
        }
    }

    private static void WriteCosts(NonComplianceCostReport before, NonComplianceCostReport after, string id, TextWriter o)
    {
        var currency = before.Currency is { } label ? " " + label : string.Empty;
        o.Write($"<h3 id=\"{id}-costs\">Cost of non-compliance</h3>\n<p class=\"muted\">At the prices given, as scored (baseline) and under the scenario; the amounts are only as good as the prices (docs/prices-format.md).</p>\n");
        o.Write($"<p class=\"description\">{E($"Total {CostSection.Amount(before.Total)}{currency} → {CostSection.Amount(after.Total)}{currency}, a change of {CostSection.Change(after.Total - before.Total)}{currency} ({CostSection.Relative(before.Total, after.Total)}).")}</p>\n");
        CostSection.ChangeTable(o, "By kind of cost", "kind", currency, ("baseline", "scenario"), Enum.GetValues<NonComplianceCostKind>()
            .Where(k => before.ByKind.ContainsKey(k) || after.ByKind.ContainsKey(k))
            .Select(k => (CostSection.Name(k), before.ByKind.GetValueOrDefault(k), after.ByKind.GetValueOrDefault(k)))
            .Append(("total", before.Total, after.Total)));
    }

    /// <summary>A level in words: a duration in the largest whole unit of days, hours, minutes and seconds; other measures in their unit.</summary>
    internal static string Level(Measure measure, double level)
    {
        if (measure.Kind != MeasureKind.Duration)
        {
            return string.Create(C, $"{level:0.####} {measure.Unit}");
        }

        foreach (var (seconds, unit) in new[] { (86_400.0, "day"), (3_600.0, "hour"), (60.0, "minute") })
        {
            if (level != 0 && level % seconds == 0)
            {
                var n = level / seconds;
                return string.Create(C, $"{n:#,0} {unit}{(n == 1 ? string.Empty : "s")}");
            }
        }

        return string.Create(C, $"{level:#,0.###} seconds");
    }

    private static void WriteData(IReadOnlyList<WhatIfReport> reports, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            w.WriteStartArray(Chart(i + 1));
            var model = report.Baseline.Plan.Model;
            foreach (var (name, delta) in Affected(report).Select(d => (model.Touchpoints.First(t => t.Id == d.TouchpointId).Name, d)).Prepend(("All outcomes", report.Total)))
            {
                foreach (var (side, aggregate) in new[] { ("baseline", delta.Baseline), ("scenario", delta.Scenario) })
                {
                    var f = Figures.Of(aggregate);
                    foreach (var (zone, order, share, count) in new[] { ("below", 0, f.Below, aggregate.BelowCount), ("within", 1, f.Within, aggregate.WithinCount), ("above", 2, f.Above, aggregate.AboveCount) })
                    {
                        w.WriteStartObject();
                        w.WriteString("label", $"{name}, {side}");
                        w.WriteString("zone", zone);
                        w.WriteNumber("zoneOrder", order);
                        w.WriteNumber("share", double.IsNaN(share) ? 0 : share);
                        w.WriteNumber("count", count);
                        w.WriteEndObject();
                    }
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
