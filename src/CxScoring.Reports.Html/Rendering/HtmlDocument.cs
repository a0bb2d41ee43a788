using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CxScoring.Comparisons;
using CxScoring.Scorecards;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>Renders a <see cref="ReportView"/> as one HTML document with the chart libraries, specifications and numbers inlined.</summary>
internal static class HtmlDocument
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] ChartNames = ["heatmap", "pareto", "owners", "letter", "zones", "trend", "rejections", CostSection.Chart, CostSection.ChangeChart];

    public static void Write(ReportView view, TextWriter o)
    {
        WriteHead(view.Title, o);
        WriteSummary(view, o);
        WriteHeatMap(view, o);
        WritePareto(view, o);
        WriteOwners(view, o);
        WriteLetterVsSpirit(view, o);
        WritePerceivedVsDelivered(view, o);
        WriteZones(view, o);
        WriteTrend(view, o);
        WriteSignificance(view, o);
        CostSection.Write(view.Costs, view.ComparisonCosts, view.ComparisonDescription, view.MaxCostChanges, o);
        WriteRejections(view, o);
        WriteEnd(o, w => ChartData.Write(view, w), ChartNames.Select(name => (name, name + ".vl.json")));
    }

    /// <summary>Writes the document up to the start of its content: the head with the title and the styles, and the opening of the body.</summary>
    internal static void WriteHead(string title, TextWriter o)
    {
        o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.Write($"<meta name=\"generator\" content=\"CxScoring.Reports.Html {E(Assets.PackageVersion)}\">\n");
        o.Write($"<title>{E(title)}</title>\n<style>\n{Assets.Text("report.css")}</style>\n</head>\n<body>\n<main>\n");
    }

    /// <summary>Writes the footer, the chart libraries, the charts' data and specifications (each chart's name with its specification file) and the script that draws them, and ends the document.</summary>
    internal static void WriteEnd(TextWriter o, Action<Utf8JsonWriter> chartData, IEnumerable<(string Chart, string Spec)> charts)
    {
        WriteFooter(o);
        o.Write("</main>\n");
        WriteScripts(o, chartData, charts);
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
        Kpi(o, "kept to the letter, missed the spirit", Percent(t.KeptButMissed));
        Kpi(o, "broken, yet within or above the zone", Percent(t.BrokenYetSatisfied));
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

        var marks = view.Trend.Count(p => p.Change is not null);
        if (marks > 0)
        {
            description += $" {marks} significant change{(marks == 1 ? string.Empty : "s")} of the mean score {(marks == 1 ? "is" : "are")} marked with a black diamond: "
                + string.Join("; ", view.Trend.Where(p => p.Change is not null).Select(p => p.Change)) + ".";
        }

        var intro = $"Mean score per {unit} in {E(view.TimeZoneId)}: all touchpoints together (dashed), and each touchpoint alone (solid) in its own panel. A black diamond marks a significant change of the mean score from the {unit} before (see <a href=\"#significance\">significance of changes</a>).";
        Open(o, "trend", "Trends", intro, view.Trend.Count > 0, description);
        if (view.Trend.Count > 0 && !view.TrendPerTouchpoint)
        {
            o.Write("<p class=\"muted\" data-slot=\"touchpoint-trends\">Per-touchpoint trend lines need the scorecard's touchpoint periods (<code>ScorecardOptions.ByTouchpointPeriod</code>) or each touchpoint's own scorecard (<code>ScorecardHtmlOptions.TouchpointScorecards</code>); this report was given neither for any touchpoint with outcomes.</p>\n");
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

    private static void WriteOwners(ReportView view, TextWriter o)
    {
        if (!view.HasOwners)
        {
            o.Write("<section id=\"owners\" aria-labelledby=\"owners-title\">\n<h2 id=\"owners-title\">Owners</h2>\n");
            o.Write("<p data-empty=\"owners\">The model names no owners, so the report cannot show who owns which shortfall. Give each touchpoint an <code>owner</code> in the model file, a path of identifiers separated by '/' with parents first, such as <code>\"owner\": \"billing/disputes\"</code> (docs/model-format.md); the report then shows each owning unit's mean score and share below the zone side by side per journey stage, and a table per owner with its letter-vs-spirit shares.</p>\n</section>\n");
            return;
        }

        string description;
        if (view.StageOwners.Count == 0)
        {
            description = "No outcome of an owned touchpoint was scored.";
        }
        else
        {
            var worst = view.StageOwners.GroupBy(r => r.StageOrder).OrderBy(g => g.Key)
                .Select(g => g.MinBy(r => r.Figures.Mean)!)
                .Select(r => $"{r.Stage}: {r.Owner} ({Mean(r.Figures.Mean)}, {Percent(r.Figures.Below)} below)");
            description = $"The owner with the lowest mean score in each journey stage, in journey order: {string.Join("; ", worst)}.";
        }

        OpenFigure(o, "owners", "Owners along the journey", "Per journey stage, each owning unit's mean score (top) and share of outcomes below the zone of tolerance (bottom), side by side, so that a shortfall handed from one unit to the next along the journey shows. Owners are as the model assigns them to touchpoints; an owner marked \"+ sub-units\" includes its sub-units' touchpoints of that stage.", view.StageOwners.Count > 0, description);
        o.Write("<table class=\"owners\">\n<caption class=\"muted\">Per owning unit over all stages; a parent unit includes its sub-units</caption>\n<thead><tr><th>owner</th><th>outcomes</th><th>mean score</th><th>below</th><th>within</th><th>above</th><th>promise kept</th><th>kept to the letter, missed the spirit</th><th>broken, yet within or above the zone</th></tr></thead>\n<tbody>\n");
        foreach (var row in view.Owners)
        {
            var f = row.Figures;
            var name = (row.Depth == 0 ? E(row.Owner) : $"<span class=\"indent\" style=\"padding-left:{(row.Depth * 1.2).ToString("0.#", C)}em\">{E(row.Owner)}</span>")
                + (row.Assigned ? string.Empty : " <span class=\"muted\">(its sub-units)</span>");
            o.Write($"<tr><td>{name}</td><td>{Count(f.Count)}</td><td>{Mean(f.Mean)}</td><td>{Percent(f.Below)}</td><td>{Percent(f.Within)}</td><td>{Percent(f.Above)}</td><td>{Percent(f.Kept)}</td><td>{Percent(f.KeptButMissed)}</td><td>{Percent(f.BrokenYetSatisfied)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        OpenDetails(o, "owners per journey stage");
        o.Write("<table>\n<thead><tr><th class=\"text\">stage</th><th class=\"text\">owner</th><th>outcomes</th><th>mean score</th><th>below</th><th>promise kept</th></tr></thead>\n<tbody>\n");
        foreach (var r in view.StageOwners)
        {
            var f = r.Figures;
            o.Write($"<tr><td class=\"text\">{E(r.Stage)}</td><td class=\"text\">{E(r.Owner)}{(r.WithSubUnits ? " + sub-units" : string.Empty)}</td><td>{Count(f.Count)}</td><td>{Mean(f.Mean)}</td><td>{Percent(f.Below)}</td><td>{Percent(f.Kept)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);
    }

    private static void WriteLetterVsSpirit(ReportView view, TextWriter o)
    {
        var rows = view.LetterVsSpirit;
        var unit = rows.Count > 0 && rows[0].Kind == LetterSpiritRow.PromiseKind ? "promise" : "touchpoint";
        string description;
        if (rows.Count == 0)
        {
            description = "No outcome was scored.";
        }
        else
        {
            var change = Ranked(rows, PromiseVerdict.SetTooLoose, PromiseVerdict.SetTooStrict).Select(r => $"{Named(r)} ({(r.Verdict == PromiseVerdict.SetTooLoose ? "too loose" : "too strict")})").ToList();
            var better = Ranked(rows, PromiseVerdict.KeepBetter).Select(Named).ToList();
            description = (change.Count == 0 ? $"No {unit} is set wrong" : $"Change (set wrong): {string.Join(", ", change)}")
                + "; " + (better.Count == 0 ? "none to keep better." : $"keep better (broken and below the zone): {string.Join(", ", better)}.");
        }

        var intro = $"Per {unit}, the mean promise gap (x: delivered against promised; right of 0 the promise is kept to the letter on average, left of it broken) against the mean setting gap (y: promised against the least the customer accepts; below 0 the promise is set too loosely, above 0 stricter than needed). "
            + (unit == "promise"
                ? "Gaps are in full scales of the promise's measure, averaged over the outcomes scored against it; their sum is the mean adequacy (below 0: short of the least the customer accepts, on average). "
                : "Gaps are in full scales of each measure, averaged over the touchpoint's outcomes; their sum is the mean adequacy. The model has no promises with outcomes, so the points are touchpoints. ")
            + "Colour and shape give the verdict, the same as the printed scorecard's: the most frequent of three kinds of miss — broken and below the zone (keep it better), kept to the letter yet below the zone (set too loose: change it), broken yet within or above the zone (set too strict: change it), ties in that order. A point's place shows how far off it is on average; its verdict, which miss is most frequent, so the two can differ. "
            + (unit == "promise" ? "Identifiers label the points; the table gives each promise's owner and shares." : "Identifiers label the points.");
        OpenFigure(o, "letter", "Letter vs spirit", intro, rows.Count > 0, description);
        o.Write("<ul class=\"quadrants\">\n");
        Verdict(o, Ranked(rows, PromiseVerdict.SetTooLoose), unit, Verdicts.SetTooLoose, "kept to the letter while customers are still below their zone is the most frequent miss: keeping the promise does not fix the experience. Tighten the promise (and what is delivered). Largest |Σ setting gap| first.");
        Verdict(o, Ranked(rows, PromiseVerdict.SetTooStrict), unit, Verdicts.SetTooStrict, "broken while customers are within or above their zone is the most frequent miss: the promise is stricter than they need, and keeping it costs more than it earns. Relax it. Largest |Σ setting gap| first.");
        Verdict(o, Ranked(rows, PromiseVerdict.KeepBetter), unit, Verdicts.KeepBetter, "broken and below the zone is the most frequent miss: the promise is right, delivery is not. Most broken outcomes first.");
        Verdict(o, Ranked(rows, PromiseVerdict.Sound), unit, Verdicts.Sound, "kept, and every customer within or above the zone.");
        o.Write("</ul>\n");
        OpenDetails(o, "letter vs spirit");
        o.Write($"<table>\n<thead><tr><th class=\"text\">{unit}</th><th class=\"text\">owner</th><th>outcomes</th><th>mean promise gap</th><th>mean setting gap</th><th>kept to the letter, missed the spirit</th><th>broken, yet within or above the zone</th><th>broken and below the zone</th><th class=\"text\">verdict</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            var f = r.Figures;
            o.Write($"<tr><td class=\"text\">{E(r.Label)} <span class=\"muted\">({E(r.Id)})</span></td><td class=\"text\">{E(r.Owner ?? "–")}</td><td>{Count(f.Count)}</td><td>{Mean(f.PromiseGapMean)}</td><td>{Mean(f.SettingGapMean)}</td><td>{Percent(f.KeptButMissed)}</td><td>{Percent(f.BrokenYetSatisfied)}</td><td>{Percent(f.BrokenAndMissed)}</td><td class=\"text\">{E(r.VerdictText)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        Close(o);

        // A promise's wording as a quotation without its full stop, with its id; a touchpoint's name.
        static string Named(LetterSpiritRow r) => r.Kind == LetterSpiritRow.PromiseKind && r.Label != r.Id ? $"“{r.Label.TrimEnd('.', ' ')}” ({r.Id})" : r.Label;

        // One verdict's rows, heaviest first (exact ties keep the model's order, as the promise review does).
        static List<LetterSpiritRow> Ranked(IReadOnlyList<LetterSpiritRow> rows, params PromiseVerdict[] verdicts)
            => [.. rows.Where(r => Array.IndexOf(verdicts, r.Verdict) >= 0).OrderByDescending(r => r.Weight)];

        static void Verdict(TextWriter o, List<LetterSpiritRow> members, string unit, string verdict, string meaning)
        {
            var names = members.Select(r => E(r.Owner is null ? Named(r) : $"{Named(r)}, {r.Owner}")).ToList();
            o.Write($"<li data-verdict=\"{E(verdict)}\"><b>{E(verdict)}</b>: {E(meaning)} <span class=\"muted\">{(names.Count == 0 ? $"No {unit}." : string.Join("; ", names) + ".")}</span></li>\n");
        }
    }

    private static void WritePerceivedVsDelivered(ReportView view, TextWriter o)
    {
        o.Write("<section id=\"perceived\" aria-labelledby=\"perceived-title\">\n<h2 id=\"perceived-title\">Perceived vs delivered</h2>\n");
        if (!view.HasPerceivedMeasures)
        {
            o.Write("<p data-empty=\"perceived\">The model has no perceived measure, so the report cannot set the customers' own ratings beside what was delivered. Mark the measures customers answer (a CSAT rating, an NPS likelihood, a zone-of-tolerance item) with <code>\"source\": \"perceived\"</code> in the model file (docs/model-format.md) and send the answers as outcomes of those measures; the report then shows, per touchpoint, the perceived gap beside the delivered gap and where the two disagree.</p>\n</section>\n");
            return;
        }

        var rows = view.PerceivedVsDelivered;
        var disagree = rows.Where(r => r.Agreement is "delivered fine, perceived poor" or "delivered poor, perceived fine").Select(r => $"{E(r.Name)} ({E(r.Agreement)})").ToList();
        var compared = rows.Where(r => r.Delivered.Count > 0 && r.Perceived.Count > 0).ToList();
        var widest = compared.Count == 0 ? null : compared.MinBy(r => r.ScoreMeanGap);
        o.Write("<p class=\"muted\">Per touchpoint, the outcomes of operational measures (delivered) beside the customers' own answers to perceived measures (ratings, survey answers), each scored against its zone of tolerance. Adequacy is the mean s·(value − adequate)/scale: below 0, short of the least customers accept on average; a side with negative adequacy falls short. Where delivered and perceived disagree, the perceived side is the customers' own word: expectations, not specifications, decide.</p>\n");
        o.Write($"<p class=\"description\">{(disagree.Count == 0 ? "Delivered and perceived agree at every touchpoint with both." : $"They disagree at {string.Join("; ", disagree)}.")}{(widest is null ? " No touchpoint has both delivered and perceived outcomes." : $" The widest perceived gap relative to the delivered one is at {E(widest.Name)}: perceived mean score {Mean(widest.Perceived.Mean)} against {Mean(widest.Delivered.Mean)} delivered, with promises kept {Percent(widest.Delivered.Kept)} and {Percent(widest.Perceived.Below)} of the customers' answers below their zone.")}</p>\n");
        o.Write("<table class=\"perceived\">\n<thead><tr><th class=\"text\">touchpoint</th><th>delivered</th><th>below</th><th>promise kept</th><th>adequacy</th><th>perceived</th><th>below</th><th>adequacy</th><th>mean score gap</th><th class=\"text\">agreement</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            o.Write($"<tr data-agreement=\"{E(r.Agreement)}\"><td class=\"text\">{E(r.Name)} <span class=\"muted\">({E(r.Id)})</span></td><td>{Count(r.Delivered.Count)}</td><td>{Percent(r.Delivered.Below)}</td><td>{Percent(r.Delivered.Kept)}</td><td>{Mean(r.DeliveredAdequacy)}</td><td>{Count(r.Perceived.Count)}</td><td>{Percent(r.Perceived.Below)}</td><td>{Mean(r.PerceivedAdequacy)}</td><td>{Mean(r.ScoreMeanGap)}</td><td class=\"text\">{E(r.Agreement)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        var rated = rows.Where(r => r.Rated > 0).ToList();
        if (rated.Count > 0)
        {
            o.Write("<h3>Rated outcomes</h3>\n<p class=\"muted\">Outcomes that carry the customer's own rating, scored per outcome: the delivered value against its zone beside the rating against the perceived measure's zone. Delivered fine, perceived poor: within or above the zone as delivered, below it as rated; delivered poor, perceived fine: the reverse.</p>\n");
            o.Write("<table class=\"rated\">\n<thead><tr><th class=\"text\">touchpoint</th><th>rated outcomes</th><th>delivered fine, perceived poor</th><th>delivered poor, perceived fine</th></tr></thead>\n<tbody>\n");
            foreach (var r in rated)
            {
                o.Write($"<tr><td class=\"text\">{E(r.Name)} <span class=\"muted\">({E(r.Id)})</span></td><td>{Count(r.Rated)}</td><td>{Percent(r.FinePoor)}</td><td>{Percent(r.PoorFine)}</td></tr>\n");
            }

            o.Write("</tbody>\n</table>\n");
        }

        o.Write("</section>\n");
    }

    private static void WriteSignificance(ReportView view, TextWriter o)
    {
        var s = view.Significance;
        o.Write("<section id=\"significance\" aria-labelledby=\"significance-title\">\n<h2 id=\"significance-title\">Significance of changes</h2>\n");
        o.Write("<p class=\"muted\">Is a change more than noise? Mean scores by Welch's t-test (effect size Hedges' g), shares by the two-proportion z-test (effect in percentage points, with Newcombe's 95 % interval), and Benjamini–Hochberg q-values over every test listed here (docs/comparisons.md). Outcomes of one customer are not independent, so read significant changes as the ones worth a look first, not as proof.</p>\n");
        if (s.Compared is null)
        {
            o.Write($"<p data-empty=\"significance\">{E(s.Missing ?? "Nothing was compared.")}</p>\n</section>\n");
            return;
        }

        var significant = s.Rows.Where(r => r.Significant).ToList();
        var notEnough = s.Rows.Count(r => r.Status == ComparisonStatus.NotEnoughData);
        o.Write($"<p>Compared: {E(s.Compared)}.</p>\n");
        o.Write($"<p id=\"significance-summary\">{significant.Count} of {s.TestCount} tested figures changed significantly (q ≤ {s.Level.ToString("0.###", C)}); {notEnough} of {s.Rows.Count} had not enough data to test (fewer than 30 outcomes, or fewer than 5 in or out of a share, in a period).{(s.Automatic ? " Significant changes of the mean score of all touchpoints or of a touchpoint are marked on the trend lines." : string.Empty)}</p>\n");
        if (significant.Count > 0)
        {
            ChangeTable(o, significant, "Significant changes, smallest q first");
        }

        OpenDetails(o, "every compared figure");
        ChangeTable(o, s.Rows, null);
        Close(o);
    }

    private static void ChangeTable(TextWriter o, IEnumerable<ChangeRow> rows, string? caption)
    {
        o.Write("<table class=\"changes\">\n");
        if (caption is not null)
        {
            o.Write($"<caption class=\"muted\">{E(caption)}</caption>\n");
        }

        o.Write("<thead><tr><th class=\"text\">group</th><th class=\"text\">figure</th><th>before</th><th>after</th><th>change</th><th>effect size</th><th>95 % interval</th><th>p</th><th>q</th><th class=\"text\">result</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            var value = r.IsShare ? (Func<double, string>)Percent : Mean;
            var change = r.IsShare ? Points(r.Difference) : Mean(r.Difference);
            var effect = r.EffectSize is not { } e ? "–" : r.IsShare ? Points(e / 100) : $"g {e.ToString("+0.00;−0.00;0.00", C)}";
            var interval = r.Lower is { } lower && r.Upper is { } upper ? $"{Points(lower)} to {Points(upper)}" : "–";
            var result = r.Status switch
            {
                ComparisonStatus.NotEnoughData => "not enough data",
                ComparisonStatus.NoVariation => "no variation",
                _ => r.Significant ? "significant" : "not significant",
            };
            o.Write($"<tr{(r.Significant ? " class=\"significant\"" : string.Empty)}><td class=\"text\">{E(r.Label)}</td><td class=\"text\">{E(SignificanceView.MetricName(r.Metric))}</td><td>{value(r.Before)} <span class=\"muted\">(n {Count(r.BeforeCount)})</span></td><td>{value(r.After)} <span class=\"muted\">(n {Count(r.AfterCount)})</span></td><td>{change}</td><td>{effect}</td><td>{interval}</td><td>{Probability(r.P)}</td><td>{Probability(r.Q)}</td><td class=\"text\">{result}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
    }

    private static void WriteFooter(TextWriter o)
    {
        var libraries = string.Join(", ", Assets.ChartLibraries.Select(l => $"{l.Name} {l.Version}"));
        o.Write($"<footer>\n<p class=\"muted\">Made by CxScoring.Reports.Html {E(Assets.PackageVersion)}. Charts drawn with {libraries} (BSD-3-Clause; licences at the end of this file), inlined so that this file works offline.</p>\n</footer>\n");
    }

    private static void WriteScripts(TextWriter o, Action<Utf8JsonWriter> chartData, IEnumerable<(string Chart, string Spec)> charts)
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
        o.Write(Json(chartData));
        o.Write("</script>\n<script type=\"application/json\" id=\"cx-specs\">");
        o.Write(Json(w =>
        {
            w.WriteStartObject();
            foreach (var (chart, spec) in charts)
            {
                w.WritePropertyName(chart);
                w.WriteRawValue(Assets.Text(spec));
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

    internal static void Open(TextWriter o, string chart, string title, string intro, bool hasChart, string description)
    {
        OpenFigure(o, chart, title, intro, hasChart, description);
        OpenDetails(o, title.ToLowerInvariant());
    }

    internal static void OpenFigure(TextWriter o, string chart, string title, string intro, bool hasChart, string description)
    {
        o.Write($"<section id=\"{chart}\" aria-labelledby=\"{chart}-title\">\n<h2 id=\"{chart}-title\">{E(title)}</h2>\n<p class=\"muted\">{intro}</p>\n");
        o.Write($"<figure aria-describedby=\"{chart}-description\">\n");
        if (hasChart)
        {
            o.Write($"<div class=\"chart\" data-chart=\"{chart}\"></div>\n");
        }

        o.Write($"<figcaption id=\"{chart}-description\">{E(description)}</figcaption>\n</figure>\n");
    }

    internal static void OpenDetails(TextWriter o, string what) => o.Write($"<details>\n<summary>Data table: {E(what)}</summary>\n");

    internal static void Close(TextWriter o) => o.Write("</details>\n</section>\n");

    internal static void Kpi(TextWriter o, string label, string value) => o.Write($"<li><b>{value}</b>{E(label)}</li>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Count(long count) => count.ToString("N0", C);

    internal static string Mean(double mean) => double.IsNaN(mean) ? "–" : mean.ToString("+0.000;−0.000;0.000", C);

    internal static string Percent(double share) => double.IsNaN(share) ? "–" : share.ToString("P1", C);

    internal static string Points(double difference) => double.IsNaN(difference) ? "–" : (100 * difference).ToString("+0.0;−0.0;0.0", C) + " pp";

    internal static string Probability(double? p) => p is not { } value || double.IsNaN(value) ? "–" : value < 0.0001 ? "< 0.0001" : value.ToString("0.0000", C);
}
