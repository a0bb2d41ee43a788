using System.Globalization;
using CxScoring.Cli.Scenarios;
using CxScoring.Journeys.Scenarios;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Prints a what-if as Spectre tables: the baseline against the scenario per promise moved, per touchpoint affected and in total, then the cost by kind when priced.</summary>
internal static class WhatIfTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, WhatIfReport report, ScenarioOptions options)
    {
        console.MarkupLine(Markup.Escape(string.Create(C, $"What-if {report.Scenario.Name}: {report.Baseline.Total.Count:N0} scored outcomes, scored as they are (baseline) and under the scenario.")));
        if (report.Scenario.Description is { } description)
        {
            console.MarkupLine(Markup.Escape("  " + description));
        }

        foreach (var change in options.Promises)
        {
            var was = change.Promise.Deadline is not null || change.Promise.Within is not null
                ? "a working-time rule" + (change.Promise.Description is { } d ? $" (\"{d}\")" : string.Empty)
                : Level(change.Measure, change.Promise.Level);
            var now = change.Measure.Kind == CxScoring.Model.MeasureKind.Duration ? $"{change.LevelText} ({Level(change.Measure, change.Level)})" : Level(change.Measure, change.Level);
            console.MarkupLine(Markup.Escape($"  promise {change.Promise.Id} ({change.Measure.Id}): {was} → {now}"));
        }

        foreach (var change in options.Improvements)
        {
            console.MarkupLine(Markup.Escape(string.Create(C, $"  delivery at {change.TouchpointId} improved by {change.Percent:0.###} %")));
        }

        if (options.Promises.Count > 0)
        {
            var table = NewTable("Promises moved", "promise");
            foreach (var change in options.Promises)
            {
                var (baseline, scenario) = WhatIfFigures.ForPromise(report, change.Promise.Id);
                AddRows(table, change.Promise.Id, WhatIfFigures.Promise, baseline.Aggregate, scenario.Aggregate);
                table.AddRow(Markup.Escape(change.Promise.Id), "verdict", ScorecardTables.Verdict(baseline.Verdict), ScorecardTables.Verdict(scenario.Verdict), string.Empty);
            }

            console.Write(table);
        }

        var touchpoints = NewTable("All outcomes and the touchpoints affected", "touchpoint");
        AddRows(touchpoints, "all", WhatIfFigures.Touchpoint, report.Total.Baseline, report.Total.Scenario);
        foreach (var delta in WhatIfFigures.Affected(report, options.Improvements))
        {
            AddRows(touchpoints, delta.TouchpointId!, WhatIfFigures.Touchpoint, delta.Baseline, delta.Scenario);
        }

        console.Write(touchpoints);
        if (report.BaselineCost is { } before && report.ScenarioCost is { } after)
        {
            var currency = before.Currency is { } label ? " " + label : string.Empty;
            var costs = new Table().Border(TableBorder.Simple).Title("Cost of non-compliance" + currency);
            costs.AddColumn(new TableColumn("kind"));
            foreach (var column in new[] { "baseline", "scenario", "change" })
            {
                costs.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var (kind, b, s) in WhatIfFigures.CostByKind(before, after))
            {
                costs.AddRow(Markup.Escape(CostTables.Name(kind)), CostTables.Amount(b), CostTables.Amount(s), Change(s - b));
            }

            costs.AddRow("total", CostTables.Amount(before.Total), CostTables.Amount(after.Total), Change(report.CostChange));
            console.Write(costs);
        }

        foreach (var line in new[]
        {
            "Figures: below/within/above = share of outcomes under, inside and over the zone of tolerance; kept = share of promises",
            "  kept to the letter; set. gap = mean setting gap, promised against the least customers accept, in scales (0: the",
            "  letter matches what customers accept); kept, missed = kept to the letter yet below the zone (set too loose);",
            "  broken, ok = broken yet within or above the zone (set too strict); broken, missed = broken and below the zone",
            "  (keep it better); mean = mean score in [-1, 1]. Changes of shares are in percentage points (pp).",
        })
        {
            console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
        }
    }

    /// <summary>A level in the measure's unit: durations in the model's time unit when it states one, else in hours when whole hours, else in seconds.</summary>
    internal static string Level(CxScoring.Model.Measure measure, double level)
    {
        if (measure.Kind != CxScoring.Model.MeasureKind.Duration)
        {
            return string.Create(C, $"{level:0.####} {measure.Unit}");
        }

        if (measure.TimeUnit != CxScoring.Model.TimeUnit.Seconds)
        {
            return string.Create(C, $"{level / measure.FromNumber(1):#,0.###} {measure.TimeUnit.ToString().ToLowerInvariant()}");
        }

        return level % 3600 == 0 ? string.Create(C, $"{level / 3600:N0} h") : string.Create(C, $"{level:#,0.###} s");
    }

    private static Table NewTable(string title, string group)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        table.AddColumn(new TableColumn(group));
        table.AddColumn(new TableColumn("figure"));
        foreach (var column in new[] { "baseline", "scenario", "change" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        return table;
    }

    private static void AddRows(Table table, string group, IReadOnlyList<Figure> figures, Scorecards.ScoreAggregate baseline, Scorecards.ScoreAggregate scenario)
    {
        foreach (var figure in figures)
        {
            var (b, s) = (figure.Of(baseline), figure.Of(scenario));
            table.AddRow(Markup.Escape(group), Markup.Escape(figure.Table), WhatIfFigures.Show(figure, b), WhatIfFigures.Show(figure, s), WhatIfFigures.ShowChange(figure, b, s));
        }
    }

    private static string Change(decimal amount) => amount.ToString("+#,0.00;-#,0.00;0.00", C);
}
