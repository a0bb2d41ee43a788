using System.Globalization;
using CxScoring.Comparisons;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Prints a comparison as Spectre tables: the significant changes first, then every other row.</summary>
internal static class ComparisonTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, ComparisonReport report, string before, string after)
    {
        var q = report.Options.FalseDiscoveryRate.ToString("0.###", C);
        console.MarkupLine(Markup.Escape(string.Create(C, $"Comparison of '{before}' (before) with '{after}' (after): {report.TestCount} tests, {report.Significant.Length} significant at q ≤ {q} (Benjamini–Hochberg).")));
        if (report.Significant.IsEmpty)
        {
            console.MarkupLine(Markup.Escape($"No significant changes at q ≤ {q}."));
        }
        else
        {
            console.Write(Table($"Significant changes (q ≤ {q})", report.Significant));
        }

        var others = report.Rows.Where(r => !r.IsSignificant && (r.BeforeCount > 0 || r.AfterCount > 0)).ToList();
        if (others.Count > 0)
        {
            console.Write(Table("Other changes", others));
        }

        console.MarkupLine(Markup.Escape("Mean: change in score units, effect = Hedges' g, statistic = Welch's t. Shares: change and 95 % Newcombe interval in percentage points, statistic = z. "
            + "'not enough data': fewer than 30 outcomes, or fewer than 5 in or out of the share, in either file. Groups without outcomes in either file are left out."));
    }

    private static Table Table(string title, IEnumerable<ComparisonRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        foreach (var column in new[] { "group", "figure", "before", "after", "change", "effect", "95 % interval", "statistic", "p", "q", "n before", "n after" })
        {
            var tableColumn = new TableColumn(column);
            if (column is not ("group" or "figure"))
            {
                tableColumn.RightAligned();
            }

            table.AddColumn(tableColumn);
        }

        foreach (var row in rows)
        {
            var mean = row.Metric == ComparisonMetric.MeanScore;
            table.AddRow(
                Markup.Escape(row.Kind == ComparisonGroupKind.Total ? "all" : $"{row.Kind.ToString().ToLowerInvariant()} {row.Key}"),
                Figure(row.Metric),
                Value(row.Before, row.BeforeCount, mean),
                Value(row.After, row.AfterCount, mean),
                row.BeforeCount == 0 || row.AfterCount == 0 ? "-" : mean ? row.Difference.ToString("+0.000;-0.000;0.000", C) : (100 * row.Difference).ToString("+0.0;-0.0;0.0", C) + " pp",
                row.Status switch
                {
                    ComparisonStatus.Tested => mean ? "g " + row.EffectSize!.Value.ToString("+0.00;-0.00;0.00", C) : row.EffectSize!.Value.ToString("+0.0;-0.0;0.0", C) + " pp",
                    ComparisonStatus.NoVariation => "no variation",
                    _ => "not enough data",
                },
                row.Lower is { } lower && row.Upper is { } upper ? string.Create(C, $"{100 * lower:+0.0;-0.0;0.0} to {100 * upper:+0.0;-0.0;0.0}") : "-",
                row.Statistic is { } statistic ? (mean ? "t " : "z ") + statistic.ToString("0.00", C) : "-",
                row.PValue is { } p ? P(p) : "-",
                row.QValue is { } qValue ? P(qValue) : "-",
                row.BeforeCount.ToString("N0", C),
                row.AfterCount.ToString("N0", C));
        }

        return table;
    }

    private static string Figure(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.MeanScore => "mean score",
        ComparisonMetric.BelowShare => "below zone",
        ComparisonMetric.WithinShare => "within zone",
        ComparisonMetric.AboveShare => "above zone",
        ComparisonMetric.KeptButMissedShare => "kept, missed",
        _ => "promise kept",
    };

    private static string Value(double value, long count, bool mean)
        => count == 0 ? "-" : mean ? value.ToString("+0.000;-0.000;0.000", C) : value.ToString("P1", C);

    private static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", C);
}
