using System.Globalization;
using CxScoring.Journeys.Costs;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Prints the cost of non-compliance: the total, then tables by kind, by promise (the largest first), by owner and by month.</summary>
internal static class CostTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, NonComplianceCostReport costs, int topPromises)
    {
        var currency = costs.Currency is { } label ? " " + label : string.Empty;
        console.WriteLine();
        console.MarkupLine(Markup.Escape(string.Create(C, $"Cost of non-compliance: {Amount(costs.Total)}{currency} ({costs.Lines.Length:N0} priced lines; illustrative unless the prices file holds your own figures)")));
        Print(console, "By kind", "kind", currency, costs.ByKind.Select(p => (Name(p.Key), p.Value)).OrderByDescending(p => p.Value), costs.Total);
        Print(console, $"Top {topPromises} promises", "promise", currency, costs.ByPromise.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topPromises).Select(p => (p.Key, p.Value)), costs.Total);
        var owners = costs.ByOwner.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
        if (costs.Unowned != 0)
        {
            owners.Add(("(no owner)", costs.Unowned));
        }

        Print(console, "By owner", "owner", currency, owners, costs.Total);
        Print(console, "By month", "month", currency, costs.ByMonth.Select(p => (p.Key.ToString("yyyy-MM", C), p.Value)), costs.Total);
    }

    /// <summary>The name a table gives a kind of cost.</summary>
    internal static string Name(NonComplianceCostKind kind) => kind switch
    {
        NonComplianceCostKind.BreachPenalty => "breach penalties",
        NonComplianceCostKind.Shortfall => "shortfall below the zone",
        NonComplianceCostKind.FollowOnContacts => "follow-on contacts",
        _ => "revenue at risk",
    };

    private static void Print(IAnsiConsole console, string title, string first, string currency, IEnumerable<(string Name, decimal Amount)> rows, decimal total)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        table.AddColumn(new TableColumn(first));
        table.AddColumn(new TableColumn("amount" + currency).RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        foreach (var (name, amount) in rows)
        {
            table.AddRow(Markup.Escape(name), Amount(amount), total == 0 ? "–" : ((double)(amount / total)).ToString("P1", C));
        }

        console.Write(table);
    }

    internal static string Amount(decimal amount) => amount.ToString("N2", C);
}
