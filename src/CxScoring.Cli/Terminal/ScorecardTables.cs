using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Scorecards;
using NodaTime;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Prints a scorecard as Spectre tables: per touchpoint or per period, hotspots, and refusals by reason.</summary>
internal static class ScorecardTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, Scorecard scorecard, string by, string period, int hotspots)
    {
        var model = scorecard.Plan.Model;
        console.MarkupLine(Markup.Escape(string.Create(C, $"Scorecard '{model.Name}': {scorecard.Received:N0} outcomes received, {scorecard.Scored:N0} scored, {scorecard.Rejected:N0} refused (calendar in {scorecard.TimeZone.Id})")));
        if (by == "period")
        {
            PrintPeriods(console, scorecard, period);
        }
        else if (by == "owner")
        {
            PrintOwners(console, scorecard);
        }
        else
        {
            PrintTouchpoints(console, scorecard);
        }

        PrintHotspots(console, scorecard, hotspots);
        PrintRefusals(console, scorecard);
    }

    private static Table NewTable(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        foreach (var column in columns)
        {
            var tableColumn = new TableColumn(column);
            if (column is not ("touchpoint" or "owner" or "stage" or "channel" or "reason" or "period" or "from"))
            {
                tableColumn.RightAligned();
            }

            table.AddColumn(tableColumn);
        }

        return table;
    }

    private static void PrintTouchpoints(IAnsiConsole console, Scorecard scorecard)
    {
        var table = NewTable("Per touchpoint", "touchpoint", "stage", "channel", "outcomes", "below", "within", "above", "mean", "kept");
        var touchpoints = scorecard.Plan.Model.Touchpoints;
        for (var t = 0; t < touchpoints.Length; t++)
        {
            var touchpoint = touchpoints[t];
            table.AddRow([Markup.Escape(touchpoint.Id), touchpoint.Stage.ToString().ToLowerInvariant(), Markup.Escape(touchpoint.Channel.Name), .. Figures(scorecard.ByTouchpoint[t])]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]all[/]", string.Empty, string.Empty, .. Figures(scorecard.Total)]);
        console.Write(table);
    }

    private static void PrintOwners(IAnsiConsole console, Scorecard scorecard)
    {
        if (scorecard.ByOwner.IsEmpty)
        {
            console.MarkupLine("The model names no owners: give touchpoints an [bold]owner[/] (e.g. \"billing/disputes\") in the model file to see this table.");
            return;
        }

        // "kept, missed": promise kept to the letter while the customer was still below the zone (set too loosely);
        // "broken, ok": promise broken while the customer was within or above the zone (set stricter than needed).
        var table = NewTable("Per owner (nested owners include their parts)", "owner", "outcomes", "below", "within", "above", "mean", "kept", "kept, missed", "broken, ok");
        foreach (var (owner, aggregate) in scorecard.ByOwner)
        {
            table.AddRow([Markup.Escape(owner), .. Figures(aggregate), LetterShare(aggregate.KeptButMissedShare), LetterShare(aggregate.BrokenYetSatisfiedShare)]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]all[/]", .. Figures(scorecard.Total), LetterShare(scorecard.Total.KeptButMissedShare), LetterShare(scorecard.Total.BrokenYetSatisfiedShare)]);
        console.Write(table);
    }

    private static string LetterShare(double share) => double.IsFinite(share) ? share.ToString("P1", C) : "-";

    private static void PrintPeriods(IAnsiConsole console, Scorecard scorecard, string period)
    {
        if (!scorecard.HasPeriods)
        {
            console.MarkupLine("The scorecard has no calendar periods.");
            return;
        }

        var periods = period switch
        {
            "day" => scorecard.ByDay,
            "week" => scorecard.ByWeek,
            _ => scorecard.ByMonth,
        };
        var table = NewTable($"Per {period}", "from", "outcomes", "below", "within", "above", "mean", "kept");
        foreach (var (date, aggregate) in periods)
        {
            table.AddRow([Format(date, period), .. Figures(aggregate)]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]all[/]", .. Figures(scorecard.Total)]);
        console.Write(table);
    }

    private static void PrintHotspots(IAnsiConsole console, Scorecard scorecard, int count)
    {
        var hotspots = scorecard.Hotspots(count);
        if (hotspots.Count == 0)
        {
            console.MarkupLine("No hotspots: no outcome fell below its zone of tolerance.");
            return;
        }

        var table = NewTable("Hotspots (share of weighted shortfall)", "rank", "touchpoint", "stage", "share", "cumulative");
        var cumulative = 0.0;
        foreach (var hotspot in hotspots)
        {
            cumulative += hotspot.Share;
            table.AddRow(hotspot.Rank.ToString(C), Markup.Escape(hotspot.Touchpoint.Id), hotspot.Touchpoint.Stage.ToString().ToLowerInvariant(), hotspot.Share.ToString("P1", C), Math.Min(1, cumulative).ToString("P1", C));
        }

        console.Write(table);
    }

    private static void PrintRefusals(IAnsiConsole console, Scorecard scorecard)
    {
        if (scorecard.Rejected == 0)
        {
            return;
        }

        var table = NewTable("Refused by the model", "reason", "outcomes");
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            var count = scorecard.RejectedBy(reason);
            if (count > 0)
            {
                table.AddRow(reason.ToString(), count.ToString("N0", C));
            }
        }

        console.Write(table);
    }

    private static string[] Figures(ScoreAggregate a) =>
    [
        a.Count.ToString("N0", C),
        Share(a, Zone.Below),
        Share(a, Zone.Within),
        Share(a, Zone.Above),
        a.Count == 0 ? "-" : a.ScoreMean.ToString("+0.000;-0.000;0.000", C),
        a.Count == 0 ? "-" : a.PromiseKeptRate.ToString("P1", C),
    ];

    private static string Share(ScoreAggregate a, Zone zone) => a.Count == 0 ? "-" : a.ZoneShare(zone).ToString("P1", C);

    private static string Format(LocalDate date, string period) => period == "month" ? date.ToString("yyyy-MM", C) : date.ToString("yyyy-MM-dd", C);
}
