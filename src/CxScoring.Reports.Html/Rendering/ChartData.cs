using System.Globalization;
using System.Text.Json;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>Writes the rows each chart specification reads (<c>Assets/*.vl.json</c>), keyed by chart name.</summary>
internal static class ChartData
{
    public static void Write(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        WriteHeatMap(view, w);
        WritePareto(view, w);
        WriteOwners(view, w);
        WriteLetter(view, w);
        WriteZones(view, w);
        WriteTrend(view, w);
        WriteRejections(view, w);
        CostSection.WriteData(view.Costs, w);
        CostSection.WriteChangeData(view.Costs, view.ComparisonCosts, view.MaxCostChanges, w);
        w.WriteEndObject();
    }

    private static void WriteHeatMap(ReportView view, Utf8JsonWriter w)
    {
        var cells = view.Touchpoints.Where(r => r.Figures.Count > 0)
            .OrderBy(r => r.StageOrder).ThenBy(r => r.Index)
            .Select((r, i) => (Row: r.Name, Order: i, r.Stage, r.StageOrder, r.Figures))
            .ToList();
        var totalRow = cells.Count;
        cells.AddRange(view.Stages.Where(s => s.Figures.Count > 0).Select(s => (Row: "whole stage", Order: totalRow, s.Stage, s.StageOrder, s.Figures)));
        var min = cells.Count == 0 ? 0 : Math.Min(0, cells.Min(c => c.Figures.Mean));
        var max = cells.Count == 0 ? 0 : Math.Max(0, cells.Max(c => c.Figures.Mean));
        w.WriteStartArray("heatmap");
        foreach (var (row, order, stage, stageOrder, f) in cells)
        {
            // Where the diverging colour scale (midpoint 0) is dark, the cell text is white.
            var depth = f.Mean < 0 ? (min < 0 ? f.Mean / min : 0) : (max > 0 ? f.Mean / max : 0);
            w.WriteStartObject();
            w.WriteString("row", row);
            w.WriteNumber("rowOrder", order);
            w.WriteString("stage", stage);
            w.WriteNumber("stageOrder", stageOrder);
            w.WriteNumber("count", f.Count);
            Number(w, "mean", f.Mean);
            Number(w, "below", f.Below);
            Number(w, "within", f.Within);
            Number(w, "above", f.Above);
            Number(w, "kept", f.Kept);
            w.WriteString("label", $"{HtmlDocument.Mean(f.Mean)} · {f.Below.ToString("P0", CultureInfo.InvariantCulture)} below");
            w.WriteString("labelColor", depth > 0.6 ? "#ffffff" : "#1f2328");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePareto(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("pareto");
        foreach (var h in view.Hotspots)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", h.Rank);
            w.WriteString("id", h.Id);
            w.WriteString("label", h.Name);
            w.WriteString("stage", h.Stage);
            Number(w, "share", h.Share);
            Number(w, "cumulative", h.Cumulative);
            Number(w, "weightedShortfall", h.WeightedShortfall);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteOwners(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("owners");
        foreach (var r in view.StageOwners)
        {
            w.WriteStartObject();
            w.WriteString("stage", r.Stage);
            w.WriteNumber("stageOrder", r.StageOrder);
            w.WriteString("owner", r.WithSubUnits ? r.Owner + " + sub-units" : r.Owner);
            w.WriteNumber("count", r.Figures.Count);
            Number(w, "mean", r.Figures.Mean);
            Number(w, "below", r.Figures.Below);
            Number(w, "kept", r.Figures.Kept);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteLetter(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("letter");
        foreach (var r in view.LetterVsSpirit)
        {
            var f = r.Figures;
            w.WriteStartObject();
            w.WriteString("kind", r.Kind);
            w.WriteString("id", r.Id);
            w.WriteString("label", r.Label);
            w.WriteString("owner", r.Owner ?? "–");
            w.WriteNumber("count", f.Count);
            Number(w, "promiseGap", f.PromiseGapMean);
            Number(w, "settingGap", f.SettingGapMean);
            Number(w, "keptButMissed", f.KeptButMissed);
            Number(w, "brokenYetSatisfied", f.BrokenYetSatisfied);
            Number(w, "brokenAndMissed", f.BrokenAndMissed);
            w.WriteString("verdict", r.VerdictText);
            w.WriteString(
                "description",
                string.Create(CultureInfo.InvariantCulture, $"{r.Label} ({r.Kind} {r.Id}): {r.VerdictText}; mean promise gap {HtmlDocument.Mean(f.PromiseGapMean)}, mean setting gap {HtmlDocument.Mean(f.SettingGapMean)}, {HtmlDocument.Count(f.Count)} outcomes"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteZones(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("zones");
        foreach (var r in view.Touchpoints.Where(r => r.Figures.Count > 0))
        {
            Zone(w, r, "below", 0, r.Figures.Below);
            Zone(w, r, "within", 1, r.Figures.Within);
            Zone(w, r, "above", 2, r.Figures.Above);
        }

        w.WriteEndArray();

        static void Zone(Utf8JsonWriter w, TouchpointRow r, string zone, int order, double share)
        {
            w.WriteStartObject();
            w.WriteString("label", r.Name);
            w.WriteString("id", r.Id);
            w.WriteString("zone", zone);
            w.WriteNumber("zoneOrder", order);
            Number(w, "share", share);
            w.WriteNumber("count", (long)Math.Round(share * r.Figures.Count));
            w.WriteEndObject();
        }
    }

    private static void WriteTrend(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("trend");
        foreach (var p in view.Trend)
        {
            w.WriteStartObject();
            w.WriteString("panel", p.Panel);
            w.WriteNumber("panelOrder", p.PanelOrder);
            w.WriteString("series", p.Series);
            w.WriteString("period", p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Number(w, "mean", p.Mean);
            w.WriteNumber("count", p.Count);
            if (p.Change is not null)
            {
                w.WriteString("change", p.Change);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRejections(ReportView view, Utf8JsonWriter w)
    {
        w.WriteStartArray("rejections");
        foreach (var r in view.Rejections)
        {
            w.WriteStartObject();
            w.WriteString("reason", r.Reason);
            w.WriteNumber("count", r.Count);
            Number(w, "share", r.Share);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
