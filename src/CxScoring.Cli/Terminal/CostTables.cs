using System.Globalization;
using CxScoring.Journeys.Costs;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Prints the cost of non-compliance: the total, then tables by kind, by promise (the largest first), by owner and by month.</summary>
internal static class CostTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <param name="console">Where to print.</param>
    /// <param name="costs">The costs.</param>
    /// <param name="topPromises">How many promises to list (none, and no table, for 0).</param>
    /// <param name="unpriced">How many outcomes were left unpriced (an instant outside the engine's range).</param>
    public static void Print(IAnsiConsole console, NonComplianceCostReport costs, int topPromises, long unpriced)
    {
        var currency = Currency(costs);
        console.WriteLine();
        console.MarkupLine(Markup.Escape(string.Create(C, $"Cost of non-compliance: {Amount(costs.Total)}{currency} ({costs.Lines.Length:N0} priced line{(costs.Lines.Length == 1 ? "" : "s")})")));
        Caveats(console, unpriced);
        Print(console, "By kind", "kind", currency, costs.ByKind.Select(p => (Name(p.Key), p.Value)).OrderByDescending(p => p.Value), costs.Total);
        if (topPromises > 0)
        {
            Print(console, $"Top {topPromises} promises", "promise", currency, costs.ByPromise.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topPromises).Select(p => (p.Key, p.Value)), costs.Total);
        }

        var owners = costs.ByOwner.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
        if (costs.Unowned != 0)
        {
            owners.Add(("(no owner)", costs.Unowned));
        }

        Print(console, "By owner", "owner", currency, owners, costs.Total);
        Print(console, "By month", "month", currency, costs.ByMonth.Select(p => (p.Key.ToString("yyyy-MM", C), p.Value)), costs.Total);
    }

    /// <summary>
    /// Prints the cost of non-compliance of two periods priced with one prices file: the totals and their change, then
    /// before, after and change by kind, for the promises whose cost changed most (either way), and by owner.
    /// </summary>
    /// <param name="console">Where to print.</param>
    /// <param name="before">The costs of the earlier period.</param>
    /// <param name="after">The costs of the later period.</param>
    /// <param name="names">The names of the two inputs, for the heading.</param>
    /// <param name="topPromises">How many promises to list (none, and no table, for 0).</param>
    /// <param name="unpriced">How many outcomes of each were left unpriced (an instant outside the engine's range).</param>
    public static void PrintChange(IAnsiConsole console, NonComplianceCostReport before, NonComplianceCostReport after, (string Before, string After) names, int topPromises, (long Before, long After) unpriced)
    {
        var currency = Currency(after);
        console.WriteLine();
        var totals = new Table().Border(TableBorder.Simple).Title("Cost of non-compliance");
        totals.AddColumn(new TableColumn("period"));
        totals.AddColumn(new TableColumn("input"));
        totals.AddColumn(new TableColumn("total" + currency).RightAligned());
        totals.AddColumn(new TableColumn("change %").RightAligned());
        totals.AddColumn(new TableColumn("not priced").RightAligned());
        totals.AddRow("before", Markup.Escape(names.Before), Amount(before.Total), string.Empty, unpriced.Before.ToString("N0", C));
        totals.AddRow("after", Markup.Escape(names.After), Amount(after.Total), string.Empty, unpriced.After.ToString("N0", C));
        totals.AddRow("change", string.Empty, Change(after.Total - before.Total), Relative(before.Total, after.Total), string.Empty);
        console.Write(totals);
        Caveats(console, unpriced.Before + unpriced.After);
        PrintChange(console, "By kind", "kind", currency, Pairs(before.ByKind, after.ByKind).Select(p => (Name(p.Key), p.Before, p.After)).OrderByDescending(p => Math.Abs(p.After - p.Before)));
        if (topPromises > 0)
        {
            var promises = Pairs(before.ByPromise, after.ByPromise)
                .OrderByDescending(p => Math.Abs(p.After - p.Before)).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topPromises)
                .Select(p => (p.Key, p.Before, p.After));
            PrintChange(console, $"Top {topPromises} promises by change", "promise", currency, promises);
        }

        var owners = Pairs(before.ByOwner, after.ByOwner)
            .OrderByDescending(p => Math.Abs(p.After - p.Before)).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, p.Before, p.After)).ToList();
        if (before.Unowned != 0 || after.Unowned != 0)
        {
            owners.Add(("(no owner)", before.Unowned, after.Unowned));
        }

        PrintChange(console, "By owner", "owner", currency, owners);
    }

    /// <summary>What the amounts are worth, and how many outcomes were left out of them.</summary>
    private static void Caveats(IAnsiConsole console, long unpriced)
    {
        console.MarkupLine(Markup.Escape("The amounts are illustrative unless the prices file holds your own figures (docs/prices-format.md)."));
        if (unpriced > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(C, $"{unpriced:N0} outcome{(unpriced == 1 ? " was" : "s were")} not priced: an instant outside the range the engine holds (years 1677 to 2262); they are refused as InstantOutOfRange.")));
        }
    }

    /// <summary>The sums of two reports by key, zero where one has none, in key order.</summary>
    private static IEnumerable<(TKey Key, decimal Before, decimal After)> Pairs<TKey>(IReadOnlyDictionary<TKey, decimal> before, IReadOnlyDictionary<TKey, decimal> after)
        where TKey : notnull
        => before.Keys.Union(after.Keys).Order().Select(k => (k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)));

    private static void PrintChange(IAnsiConsole console, string title, string first, string currency, IEnumerable<(string Name, decimal Before, decimal After)> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        table.AddColumn(new TableColumn(first));
        table.AddColumn(new TableColumn("before" + currency).RightAligned());
        table.AddColumn(new TableColumn("after" + currency).RightAligned());
        table.AddColumn(new TableColumn("change" + currency).RightAligned());
        table.AddColumn(new TableColumn("change %").RightAligned());
        foreach (var (name, before, after) in rows)
        {
            table.AddRow(Markup.Escape(name), Amount(before), Amount(after), Change(after - before), Relative(before, after));
        }

        console.Write(table);
    }

    private static string Currency(NonComplianceCostReport costs) => costs.Currency is { } label ? " " + label : string.Empty;

    private static string Change(decimal change) => change.ToString("+#,##0.00;-#,##0.00;0.00", C);

    /// <summary>The relative change of the amounts as printed (to the cent), so that 0.00 to 0.00 reads 0.0 %, not −100 %.</summary>
    private static string Relative(decimal before, decimal after)
    {
        (before, after) = (Math.Round(before, 2), Math.Round(after, 2));
        return before == 0 ? (after == 0 ? "0.0 %" : "new") : ((double)((after - before) / before)).ToString("+0.0 %;-0.0 %;0.0 %", C);
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
