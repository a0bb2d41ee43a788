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
        else if (by == "measure")
        {
            PrintMeasures(console, scorecard);
        }
        else if (by == "promise")
        {
            PrintPromises(console, scorecard);
        }
        else if (by == "source")
        {
            PrintSources(console, scorecard);
        }
        else
        {
            PrintTouchpoints(console, scorecard);
            PrintReviewSummary(console, scorecard);
        }

        PrintHotspots(console, scorecard, hotspots);
        PrintRefusals(console, scorecard);
        PrintLegend(console, by);
    }

    /// <summary>The promise review in short, under the default table: the letter-vs-spirit verdicts a reader acts on.</summary>
    private static void PrintReviewSummary(IAnsiConsole console, Scorecard scorecard)
    {
        if (scorecard.ByPromise.IsEmpty)
        {
            return;
        }

        const int Top = 3;
        var review = scorecard.ReviewPromises();
        var table = NewTable("Promises: change or keep better (cx score --by promise for all)", "verdict", "promise", "owner", "outcomes", "kept", "set. gap", "kept, missed", "broken, ok", "broken, missed");
        foreach (var promise in review.SetWrong.Take(Top).Concat(review.Broken.Take(Top)))
        {
            var a = promise.Aggregate;
            table.AddRow(
                Verdict(promise.Verdict),
                Markup.Escape(promise.Id),
                Markup.Escape(promise.Owner ?? "-"),
                a.Count.ToString("N0", C),
                a.PromiseKeptRate.ToString("P1", C),
                a.SettingGapMean.ToString("+0.000;-0.000;0.000", C),
                LetterShare(a.KeptButMissedShare),
                LetterShare(a.BrokenYetSatisfiedShare),
                ((double)a.BrokenAndMissedCount / a.Count).ToString("P1", C));
        }

        if (table.Rows.Count == 0)
        {
            console.MarkupLine("Promises: none is set wrong and none needs keeping better.");
            return;
        }

        console.Write(table);
        var more = Math.Max(0, review.SetWrong.Length - Top) + Math.Max(0, review.Broken.Length - Top);
        if (more > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(C, $"  … and {more} more: cx score --by promise.")));
        }
    }

    /// <summary>What the columns mean, once, under the tables.</summary>
    private static void PrintLegend(IAnsiConsole console, string by)
    {
        var lines = new List<string>
        {
            "Columns: below/within/above = share of outcomes under, inside and over the zone of tolerance (adequate … desired);",
            "  mean = mean score in [-1, 1] (0 within the zone, below 0 short of adequate, above 0 beyond desired); kept = share of",
            "  promises kept to the letter.",
        };
        if (by is "touchpoint" or "promise" or "owner")
        {
            lines.Add("  set. gap = mean setting gap, promised against the least customers accept, in scales (negative: even a");
            lines.Add("  kept promise leaves them short); kept, missed = kept to the letter yet below the zone (set too loose);");
            lines.Add("  broken, ok = broken yet within or above the zone (set too strict); broken, missed = broken and below the");
            lines.Add("  zone (keep it better). A promise's verdict is the most frequent of the three misses (docs/scorecard.md).");
        }

        if (by is "touchpoint" or "owner")
        {
            lines.Add("  Hotspots rank touchpoints by their share of all shortfall below the zone, weighted by measure (Pareto).");
        }

        foreach (var line in lines)
        {
            console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
        }
    }

    private static Table NewTable(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        foreach (var column in columns)
        {
            var tableColumn = new TableColumn(column);
            if (column is not ("touchpoint" or "owner" or "stage" or "channel" or "reason" or "period" or "from" or "measure" or "promise" or "verdict" or "agreement"))
            {
                tableColumn.RightAligned();
            }

            table.AddColumn(tableColumn);
        }

        return table;
    }

    private static void PrintTouchpoints(IAnsiConsole console, Scorecard scorecard)
    {
        var table = NewTable("Per touchpoint", "touchpoint", "stage", "channel", "owner", "outcomes", "below", "within", "above", "mean", "kept");
        var touchpoints = scorecard.Plan.Model.Touchpoints;
        for (var t = 0; t < touchpoints.Length; t++)
        {
            var touchpoint = touchpoints[t];
            table.AddRow([Markup.Escape(touchpoint.Id), touchpoint.Stage.ToString().ToLowerInvariant(), Markup.Escape(touchpoint.Channel.Name), Markup.Escape(touchpoint.Owner ?? "-"), .. Figures(scorecard.ByTouchpoint[t])]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]all[/]", string.Empty, string.Empty, string.Empty, .. Figures(scorecard.Total)]);
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

    private static void PrintMeasures(IAnsiConsole console, Scorecard scorecard)
    {
        var table = NewTable("Per measure", "measure", "outcomes", "below", "within", "above", "mean", "kept", "kept, missed", "broken, ok");
        var measures = scorecard.Plan.Model.Measures;
        for (var m = 0; m < measures.Length; m++)
        {
            var aggregate = scorecard.ByMeasure[m];
            table.AddRow([Markup.Escape(measures[m].Id), .. Figures(aggregate), LetterShare(aggregate.KeptButMissedShare), LetterShare(aggregate.BrokenYetSatisfiedShare)]);
        }

        table.AddEmptyRow();
        table.AddRow(["[bold]all[/]", .. Figures(scorecard.Total), LetterShare(scorecard.Total.KeptButMissedShare), LetterShare(scorecard.Total.BrokenYetSatisfiedShare)]);
        console.Write(table);
    }

    private static void PrintSources(IAnsiConsole console, Scorecard scorecard)
    {
        if (!scorecard.HasPerceivedMeasures)
        {
            console.MarkupLine("The model has no perceived measure: mark the measures customers answer (a CSAT rating, an NPS likelihood) with [bold]\"source\": \"perceived\"[/] in the model file to see this table.");
            return;
        }

        // Per touchpoint, operational (delivered) outcomes beside the customers' own answers (perceived). "adequacy" is the mean
        // s*(value - adequate)/scale: below 0, short of the least customers accept on average; "gap" is the perceived minus the
        // delivered mean score; the agreement rule is in docs/scorecard.md.
        var table = NewTable("Perceived vs delivered", "touchpoint", "delivered", "below", "kept", "adequacy", "perceived", "below ", "adequacy ", "gap", "agreement");
        foreach (var row in scorecard.PerceivedVsDelivered)
        {
            var d = row.Delivered;
            var p = row.Perceived;
            table.AddRow(
                Markup.Escape(row.Touchpoint.Id),
                d.Count.ToString("N0", C),
                Share(d, Zone.Below),
                d.Count == 0 ? "-" : d.PromiseKeptRate.ToString("P1", C),
                Signed(d.AdequacyMean),
                p.Count.ToString("N0", C),
                Share(p, Zone.Below),
                Signed(p.AdequacyMean),
                Signed(row.ScoreMeanGap),
                row.Agreement switch
                {
                    PerceptionAgreement.BothAdequate => "agree: both adequate",
                    PerceptionAgreement.BothShort => "agree: both short",
                    PerceptionAgreement.DeliveredFinePerceivedPoor => "[bold]delivered fine, perceived poor[/]",
                    PerceptionAgreement.DeliveredPoorPerceivedFine => "[bold]delivered poor, perceived fine[/]",
                    _ => "-",
                });
        }

        table.AddEmptyRow();
        var delivered = scorecard.BySource[Model.MeasureSource.Delivered];
        var perceived = scorecard.BySource[Model.MeasureSource.Perceived];
        table.AddRow("[bold]all[/]", delivered.Count.ToString("N0", C), Share(delivered, Zone.Below), delivered.Count == 0 ? "-" : delivered.PromiseKeptRate.ToString("P1", C), Signed(delivered.AdequacyMean), perceived.Count.ToString("N0", C), Share(perceived, Zone.Below), Signed(perceived.AdequacyMean), Signed(perceived.ScoreMean - delivered.ScoreMean), string.Empty);
        console.Write(table);

        static string Signed(double value) => double.IsFinite(value) ? value.ToString("+0.000;-0.000;0.000", C) : "-";
    }

    private static void PrintPromises(IAnsiConsole console, Scorecard scorecard)
    {
        if (scorecard.ByPromise.IsEmpty)
        {
            console.MarkupLine("The model has no promises.");
            return;
        }

        // "kept, missed": kept to the letter yet below the zone (set too loosely); "broken, ok": broken yet within or above
        // the zone (set stricter than needed); "broken, missed": broken and below the zone (delivery failed). The verdict is
        // the largest of the three (docs/scorecard.md).
        var table = NewTable("Per promise", "promise", "owner", "outcomes", "kept", "set. gap", "kept, missed", "broken, ok", "broken, missed", "verdict");
        foreach (var promise in scorecard.ByPromise)
        {
            var a = promise.Aggregate;
            table.AddRow(
                Markup.Escape(promise.Id),
                Markup.Escape(promise.Owner ?? "-"),
                a.Count.ToString("N0", C),
                a.Count == 0 ? "-" : a.PromiseKeptRate.ToString("P1", C),
                a.Count == 0 ? "-" : a.SettingGapMean.ToString("+0.000;-0.000;0.000", C),
                LetterShare(a.KeptButMissedShare),
                LetterShare(a.BrokenYetSatisfiedShare),
                a.Count == 0 ? "-" : ((double)a.BrokenAndMissedCount / a.Count).ToString("P1", C),
                Verdict(promise.Verdict));
        }

        console.Write(table);
        var review = scorecard.ReviewPromises();
        var change = NewTable("Promises to change (set wrong; by |mean setting gap| x outcomes)", "rank", "promise", "owner", "verdict", "set. gap", "outcomes");
        var rank = 0;
        foreach (var promise in review.SetWrong)
        {
            change.AddRow((++rank).ToString(C), Markup.Escape(promise.Id), Markup.Escape(promise.Owner ?? "-"), Verdict(promise.Verdict), promise.Aggregate.SettingGapMean.ToString("+0.000;-0.000;0.000", C), promise.Aggregate.Count.ToString("N0", C));
        }

        var keep = NewTable("Promises to keep better (broken; by outcomes broken)", "rank", "promise", "owner", "broken", "broken, missed", "outcomes");
        rank = 0;
        foreach (var promise in review.Broken)
        {
            keep.AddRow((++rank).ToString(C), Markup.Escape(promise.Id), Markup.Escape(promise.Owner ?? "-"), promise.Aggregate.PromisesBroken.ToString("N0", C), promise.Aggregate.BrokenAndMissedCount.ToString("N0", C), promise.Aggregate.Count.ToString("N0", C));
        }

        if (review.SetWrong.IsEmpty)
        {
            console.MarkupLine("No promise is set wrong.");
        }
        else
        {
            console.Write(change);
        }

        if (review.Broken.IsEmpty)
        {
            console.MarkupLine("No promise needs keeping better.");
        }
        else
        {
            console.Write(keep);
        }
    }

    internal static string Verdict(PromiseVerdict verdict) => verdict switch
    {
        PromiseVerdict.SetTooLoose => "set too loose: change it",
        PromiseVerdict.SetTooStrict => "set too strict: change it",
        PromiseVerdict.KeepBetter => "keep it better",
        PromiseVerdict.Sound => "sound",
        _ => "no outcomes",
    };

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
