using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>Renders a <see cref="ReportView"/> as one HTML document with the chart libraries, specifications and numbers inlined.</summary>
internal static class HtmlDocument
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] ChartNames = ["heatmap", "pareto", "zones", "trend", "rejections"];

    public static void Write(ReportView view, TextWriter o)
    {
        o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.Write($"<meta name=\"generator\" content=\"CxScoring.Reports.Html {E(Assets.PackageVersion)}\">\n");
        o.Write($"<title>{E(view.Title)}</title>\n<style>\n{Assets.Text("report.css")}</style>\n</head>\n<body>\n<main>\n");
        WriteSummary(view, o);
        WriteHeatMap(view, o);
        WritePareto(view, o);
        WriteZones(view, o);
        WriteTrend(view, o);
        WriteRejections(view, o);
        WriteSlots(o);
        WriteFooter(o);
        o.Write("</main>\n");
        WriteScripts(view, o);
        o.Write("</body>\n</html>\n");
        o.Flush();
    }

    private static void WriteSummary(ReportView view, TextWriter o)
    {
        var period = view.FirstDay is { } first && view.LastDay is { } last
            ? $"outcomes observed from {first.ToString("yyyy-MM-dd", C)} to {last.ToString("yyyy-MM-dd", C)} ({E(view.TimeZoneId)})"
            : $"calendar in {E(view.TimeZoneId)}";
        o.Write($"<header>\n<h1>{E(view.Title)}</h1>\n<p class=\"muted\">Model <b>{E(view.ModelName)}</b>; {period}.</p>\n</header>\n");
        var t = view.Total;
        o.Write("<ul class=\"kpis\" aria-label=\"Summary\">\n");
        Kpi(o, "outcomes received", Count(view.Received));
        Kpi(o, "scored", Count(view.Scored));
        Kpi(o, "refused", Count(view.Rejected));
        Kpi(o, "mean score", Mean(t.Mean));
        Kpi(o, "below the zone", Percent(t.Below));
        Kpi(o, "within the zone", Percent(t.Within));
        Kpi(o, "above the zone", Percent(t.Above));
        Kpi(o, "promise kept", Percent(t.Kept));
        o.Write("</ul>\n");
        if (view.Notes.Count > 0)
        {
            o.Write("<ul class=\"notes\">\n");
            foreach (var note in view.Notes)
            {
                o.Write($"<li>{E(note)}</li>\n");
            }

            o.Write("</ul>\n");
        }

        o.Write("<p class=\"muted\">Scores run from −1 (a full scale below the least the customer accepts) through 0 (within the zone of tolerance) to +1 (a full scale above what they hope for). Every chart has a data table under it.</p>\n");
    }

    private static void WriteHeatMap(ReportView view, TextWriter o)
    {
        var scored = view.Touchpoints.Where(r => r.Figures.Count > 0).ToList();
        string description;
        if (scored.Count == 0)
        {
            description = "No outcome was scored, so there is nothing to map.";
        }
        else
        {
            var worst = scored.MinBy(r => r.Figures.Mean)!;
            description = $"The lowest mean score is at {worst.Name} ({worst.Stage}): {Mean(worst.Figures.Mean)}, with {Percent(worst.Figures.Below)} of its outcomes below the zone of tolerance.";
        }

        Open(o, "heatmap", "Touchpoints by journey stage", "Mean score per touchpoint in its journey stage, and each stage as a whole (last row); the cell text gives the mean and the share below the zone. Hover a cell for all zone shares.", scored.Count > 0, description);
        o.Write("<table>\n<caption class=\"muted\">Per touchpoint, in journey order</caption>\n<thead><tr><th>touchpoint</th><th class=\"text\">stage</th><th class=\"text\">channel</th><th>outcomes</th><th>mean score</th><th>below</th><th>within</th><th>above</th><th>promise kept</th></tr></thead>\n<tbody>\n");
        foreach (var row in view.Touchpoints.OrderBy(r => r.StageOrder).ThenBy(r => r.Index))
        {
            var f = row.Figures;
            o.Write($"<tr><td>{E(row.Name)} <span class=\"muted\">({E(row.Id)})</span></td><td class=\"text\">{E(row.Stage)}</td><td class=\"text\">{E(row.Channel)}</td><td>{Count(f.Count)}</td><td>{Mean(f.Mean)}</td><td>{Percent(f.Below)}</td><td>{Percent(f.Within)}</td><td>{Percent(f.Above)}</td><td>{Percent(f.Kept)}</td></tr>\n");
        }

        foreach (var stage in view.Stages)
        {
            var f = stage.Figures;
            o.Write($"<tr><td><i>stage {E(stage.Stage)}</i></td><td class=\"text\">{E(stage.Stage)}</td><td class=\"text\"></td><td>{Count(f.Count)}</td><td>{Mean(f.Mean)}</td><td>{Percent(f.Below)}</td><td>{Percent(f.Within)}</td><td>{Percent(f.Above)}</td><td>{Percent(f.Kept)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);
    }

    private static void WritePareto(ReportView view, TextWriter o)
    {
        var description = view.Hotspots.Count == 0
            ? "No outcome fell below its zone of tolerance, so there are no hotspots."
            : $"The largest hotspot is {view.Hotspots[0].Name} ({view.Hotspots[0].Stage}) with {Percent(view.Hotspots[0].Share)} of the weighted shortfall; the top {Math.Min(3, view.Hotspots.Count)} account for {Percent(view.Hotspots[Math.Min(3, view.Hotspots.Count) - 1].Cumulative)}.";
        Open(o, "pareto", "Hotspots (Pareto)", "Touchpoints ranked by their share of the weighted shortfall (touchpoint weight × sum of shortfalls below the zone), largest first, with the cumulative share. Ties go to the earlier journey stage.", view.Hotspots.Count > 0, description);
        o.Write("<table>\n<thead><tr><th>rank</th><th class=\"text\">touchpoint</th><th class=\"text\">stage</th><th>share</th><th>cumulative</th><th>weighted shortfall</th></tr></thead>\n<tbody>\n");
        foreach (var h in view.Hotspots)
        {
            o.Write($"<tr><td>{h.Rank}</td><td class=\"text\">{E(h.Name)} <span class=\"muted\">({E(h.Id)})</span></td><td class=\"text\">{E(h.Stage)}</td><td>{Percent(h.Share)}</td><td>{Percent(h.Cumulative)}</td><td>{h.WeightedShortfall.ToString("N1", C)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);
    }

    private static void WriteZones(ReportView view, TextWriter o)
    {
        var scored = view.Touchpoints.Where(r => r.Figures.Count > 0).ToList();
        var description = scored.Count == 0
            ? "No outcome was scored."
            : $"{scored.MaxBy(r => r.Figures.Below)!.Name} has the largest share below the zone ({Percent(scored.Max(r => r.Figures.Below))}); {scored.MaxBy(r => r.Figures.Above)!.Name} the largest above it ({Percent(scored.Max(r => r.Figures.Above))}).";
        Open(o, "zones", "Zone shares per touchpoint", "The share of each touchpoint's outcomes below, within and above the customers' zone of tolerance.", scored.Count > 0, description);
        o.Write("<table>\n<thead><tr><th>touchpoint</th><th>outcomes</th><th>below</th><th>within</th><th>above</th></tr></thead>\n<tbody>\n");
        foreach (var row in scored)
        {
            var f = row.Figures;
            o.Write($"<tr><td>{E(row.Name)}</td><td>{Count(f.Count)}</td><td>{Percent(f.Below)}</td><td>{Percent(f.Within)}</td><td>{Percent(f.Above)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);
    }

    private static void WriteTrend(ReportView view, TextWriter o)
    {
        var unit = view.Period switch
        {
            ReportPeriod.Day => "day",
            ReportPeriod.Week => "week",
            _ => "month",
        };
        string description;
        if (!view.HasPeriods)
        {
            description = "The scorecard was built without calendar periods, so there is no trend to show.";
        }
        else if (view.Trend.Count == 0)
        {
            description = "No outcome was scored.";
        }
        else
        {
            var all = view.Trend.Where(p => p.Series == "all touchpoints" && p.PanelOrder == 0).ToList();
            description = $"Mean score of all touchpoints per {unit}: {Mean(all[0].Mean)} in the first {unit} ({all[0].Period.ToString("yyyy-MM-dd", C)}), {Mean(all[^1].Mean)} in the last ({all[^1].Period.ToString("yyyy-MM-dd", C)})"
                + (view.TrendPerTouchpoint ? "; one panel per touchpoint follows." : ".");
        }

        var intro = $"Mean score per {unit} in {E(view.TimeZoneId)}: all touchpoints together (dashed), and each touchpoint alone (solid) in its own panel.";
        Open(o, "trend", "Trends", intro, view.Trend.Count > 0, description);
        if (view.Trend.Count > 0 && !view.TrendPerTouchpoint)
        {
            o.Write("<p class=\"muted\" data-slot=\"touchpoint-trends\">Per-touchpoint trend lines need the outcomes of each touchpoint scored on their own (<code>ScorecardHtmlOptions.TouchpointScorecards</code>; <code>cx score --html</code> does this); this report was given the whole scorecard only.</p>\n");
        }

        if (view.Trend.Count > 0)
        {
            o.Write($"<table>\n<thead><tr><th class=\"text\">panel</th><th class=\"text\">line</th><th class=\"text\">{unit} from</th><th>outcomes</th><th>mean score</th></tr></thead>\n<tbody>\n");
            foreach (var p in view.Trend.Where(p => p.PanelOrder == 0 || p.Series == "this touchpoint"))
            {
                o.Write($"<tr><td class=\"text\">{E(p.Panel)}</td><td class=\"text\">{E(p.Series)}</td><td class=\"text\">{p.Period.ToString("yyyy-MM-dd", C)}</td><td>{Count(p.Count)}</td><td>{Mean(p.Mean)}</td></tr>\n");
            }

            o.Write("</tbody>\n</table>\n");
        }

        Close(o);
    }

    private static void WriteRejections(ReportView view, TextWriter o)
    {
        var description = view.Rejections.Count == 0
            ? "No outcome was refused."
            : $"{Count(view.Rejected)} of {Count(view.Received)} outcomes ({(view.Received == 0 ? "–" : ((double)view.Rejected / view.Received).ToString("P2", C))}) were refused; the most common reason is {view.Rejections[0].Reason} ({Count(view.Rejections[0].Count)}).";
        Open(o, "rejections", "Refused outcomes", "Outcomes the model could not score are counted by reason, never dropped silently (reasons as in the gap-result output, docs/output-format.md).", view.Rejections.Count > 0, description);
        o.Write("<table>\n<thead><tr><th class=\"text\">reason</th><th>refused</th><th>share of received</th></tr></thead>\n<tbody>\n");
        foreach (var r in view.Rejections)
        {
            o.Write($"<tr><td class=\"text\">{E(r.Reason)}</td><td>{Count(r.Count)}</td><td>{r.Share.ToString("P2", C)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);
    }

    private static void WriteSlots(TextWriter o)
    {
        Slot(o, "letter-vs-spirit", "Letter vs spirit per promise", "Per promise: the share kept to the letter while the customer was still below the zone (promise set too loosely), the share broken while the customer was within or above it (promise stricter than needed), and the mean setting gap. This scorecard version does not aggregate per promise yet; a later version will fill this section.");
        Slot(o, "owners", "Owners", "A roll-up of touchpoints by owning team. The model does not carry owners of touchpoints yet; a later version will fill this section.");
        Slot(o, "significance", "Significance of changes", "Comparisons of two periods or two scorecards (Welch's t for mean scores, two-proportion tests with Newcombe intervals for shares, Benjamini–Hochberg across cells). Scorecard comparison is not available yet; a later version will fill this section.");
    }

    private static void WriteFooter(TextWriter o)
    {
        var libraries = string.Join(", ", Assets.ChartLibraries.Select(l => $"{l.Name} {l.Version}"));
        o.Write($"<footer>\n<p class=\"muted\">Made by CxScoring.Reports.Html {E(Assets.PackageVersion)}. Charts drawn with {libraries} (BSD-3-Clause; licences at the end of this file), inlined so that this file works offline.</p>\n</footer>\n");
    }

    private static void WriteScripts(ReportView view, TextWriter o)
    {
        o.Write("<!--\nThird-party licences of the chart libraries inlined below.\n");
        foreach (var (name, version, _) in Assets.ChartLibraries)
        {
            o.Write($"\n{name} {version}\n\n{Assets.Text(name + ".LICENSE").Replace("--", "- -", StringComparison.Ordinal)}\n");
        }

        o.Write("-->\n");
        foreach (var (name, version, file) in Assets.ChartLibraries)
        {
            o.Write($"<script data-library=\"{name}\" data-version=\"{version}\">\n");
            o.Write(Assets.Script(file));
            o.Write("\n</script>\n");
        }

        o.Write("<script type=\"application/json\" id=\"cx-data\">");
        o.Write(Json(w => ChartData.Write(view, w)));
        o.Write("</script>\n<script type=\"application/json\" id=\"cx-specs\">");
        o.Write(Json(w =>
        {
            w.WriteStartObject();
            foreach (var name in ChartNames)
            {
                w.WritePropertyName(name);
                w.WriteRawValue(Assets.Text(name + ".vl.json"));
            }

            w.WriteEndObject();
        }));
        o.Write("</script>\n<script type=\"application/json\" id=\"cx-config\">");
        o.Write(Json(w => w.WriteRawValue(Assets.Text("config.json"))));
        o.Write($"</script>\n<script>\n{Assets.Text("report.js")}</script>\n");
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        // The default encoder escapes <, > and &, so the JSON cannot close the script element it sits in.
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Open(TextWriter o, string chart, string title, string intro, bool hasChart, string description)
    {
        o.Write($"<section id=\"{chart}\" aria-labelledby=\"{chart}-title\">\n<h2 id=\"{chart}-title\">{E(title)}</h2>\n<p class=\"muted\">{intro}</p>\n");
        o.Write($"<figure aria-describedby=\"{chart}-description\">\n");
        if (hasChart)
        {
            o.Write($"<div class=\"chart\" data-chart=\"{chart}\"></div>\n");
        }

        o.Write($"<figcaption id=\"{chart}-description\">{E(description)}</figcaption>\n</figure>\n<details>\n<summary>Data table: {E(title.ToLowerInvariant())}</summary>\n");
    }

    private static void Close(TextWriter o) => o.Write("</details>\n</section>\n");

    private static void Slot(TextWriter o, string slot, string title, string text)
        => o.Write($"<section class=\"slot\" data-slot=\"{slot}\" aria-labelledby=\"{slot}-title\">\n<h2 id=\"{slot}-title\">{E(title)} <span class=\"muted\">(not available in this version)</span></h2>\n<p>{E(text)}</p>\n</section>\n");

    private static void Kpi(TextWriter o, string label, string value) => o.Write($"<li><b>{value}</b>{E(label)}</li>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Count(long count) => count.ToString("N0", C);

    internal static string Mean(double mean) => double.IsNaN(mean) ? "–" : mean.ToString("+0.000;−0.000;0.000", C);

    internal static string Percent(double share) => double.IsNaN(share) ? "–" : share.ToString("P1", C);
}
