using System.Globalization;
using CxScoring.Scorecards;

namespace CxScoring.Reports;

/// <summary>
/// Writes a <see cref="Scorecard"/> as plain text for a console or a log: totals, rejections by reason, a table per
/// touchpoint (zone shares, mean score, promise-kept rate, letter vs spirit), a table per owner and per journey stage ×
/// owner, the top hotspots, and a legend explaining the columns.
/// </summary>
/// <remarks>This type is stateless and safe to use from any number of threads.</remarks>
public static class ScorecardTextWriter
{
    /// <summary>Writes a scorecard as plain text.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="hotspots">How many hotspots to list.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="hotspots"/> is negative.</exception>
    public static void Write(Scorecard scorecard, TextWriter output, int hotspots = 5)
    {
        const string LetterHeader = "  prom.gap   set.gap kept!spirit broken-ok";
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(hotspots);
        var c = CultureInfo.InvariantCulture;
        var model = scorecard.Plan.Model;
        output.WriteLine(string.Create(c, $"Scorecard '{model.Name}': {scorecard.Received:N0} outcomes received, {scorecard.Scored:N0} scored, {scorecard.Rejected:N0} refused"));
        foreach (var reason in Enum.GetValues<Gaps.RejectionReason>())
        {
            var count = scorecard.RejectedBy(reason);
            if (count > 0)
            {
                output.WriteLine(string.Create(c, $"  refused, {reason}: {count:N0}"));
            }
        }

        output.WriteLine();
        var width = Math.Max(10, model.Touchpoints.Length == 0 ? 0 : model.Touchpoints.Max(t => t.Id.Length));
        output.WriteLine(string.Create(c, $"{"touchpoint".PadRight(width)}  {"stage",-13} {"channel",-11} {"outcomes",10} {"below",7} {"within",7} {"above",7} {"mean",7} {"kept",7}{LetterHeader}"));
        output.WriteLine(new string('-', width + 78 + LetterHeader.Length));
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            var a = scorecard.ByTouchpoint[t];
            output.WriteLine(string.Create(c, $"{touchpoint.Id.PadRight(width)}  {touchpoint.Stage,-13} {touchpoint.Channel.Name,-11} {a.Count,10:N0} {Share(a, Gaps.Zone.Below),7} {Share(a, Gaps.Zone.Within),7} {Share(a, Gaps.Zone.Above),7} {Number(a.ScoreMean),7} {Percent(a.PromiseKeptRate),7}{Letter(a)}"));
        }

        var total = scorecard.Total;
        output.WriteLine(new string('-', width + 78 + LetterHeader.Length));
        output.WriteLine(string.Create(c, $"{"all".PadRight(width)}  {string.Empty,-13} {string.Empty,-11} {total.Count,10:N0} {Share(total, Gaps.Zone.Below),7} {Share(total, Gaps.Zone.Within),7} {Share(total, Gaps.Zone.Above),7} {Number(total.ScoreMean),7} {Percent(total.PromiseKeptRate),7}{Letter(total)}"));

        if (scorecard.ByOwner.Count > 0)
        {
            var ownerWidth = Math.Max(10, scorecard.ByOwner.Keys.Max(o => o.Length));
            output.WriteLine();
            output.WriteLine(string.Create(c, $"{"owner".PadRight(ownerWidth)}  {"outcomes",10} {"below",7} {"mean",7} {"kept",7}{LetterHeader}"));
            output.WriteLine(new string('-', ownerWidth + 44 + LetterHeader.Length));
            foreach (var (owner, a) in scorecard.ByOwner)
            {
                output.WriteLine(string.Create(c, $"{owner.PadRight(ownerWidth)}  {a.Count,10:N0} {Share(a, Gaps.Zone.Below),7} {Number(a.ScoreMean),7} {Percent(a.PromiseKeptRate),7}{Letter(a)}"));
            }

            output.WriteLine();
            output.WriteLine(string.Create(c, $"{"stage",-13} {"owner".PadRight(ownerWidth)}  {"outcomes",10} {"below",7} {"mean",7} {"kept",7}{LetterHeader}"));
            output.WriteLine(new string('-', ownerWidth + 58 + LetterHeader.Length));
            foreach (var (stage, owners) in scorecard.ByStageAndOwner)
            {
                foreach (var (owner, a) in owners)
                {
                    output.WriteLine(string.Create(c, $"{stage,-13} {owner.PadRight(ownerWidth)}  {a.Count,10:N0} {Share(a, Gaps.Zone.Below),7} {Number(a.ScoreMean),7} {Percent(a.PromiseKeptRate),7}{Letter(a)}"));
                }
            }
        }

        if (hotspots > 0)
        {
            output.WriteLine();
            output.WriteLine("Hotspots (share of weighted shortfall):");
            var ranked = scorecard.Hotspots(hotspots);
            if (ranked.Count == 0)
            {
                output.WriteLine("  none: no outcome fell below its zone of tolerance.");
            }

            var touchpoints = scorecard.Plan.Model.Touchpoints;
            foreach (var hotspot in ranked)
            {
                var aggregate = scorecard.ByTouchpoint[touchpoints.IndexOf(hotspot.Touchpoint)];
                output.WriteLine(string.Create(c, $"  {hotspot.Rank}. {hotspot.Touchpoint.Id} ({hotspot.Touchpoint.Stage}, {hotspot.Touchpoint.Channel}): {hotspot.Share:P1}, {Share(aggregate, Gaps.Zone.Below)} below zone, mean score {Number(aggregate.ScoreMean)}"));
            }
        }

        output.WriteLine();
        output.WriteLine("Columns: below/within/above = share of outcomes under, inside and over the zone of tolerance; mean = mean");
        output.WriteLine("  score in [-1, 1]; kept = share of promises kept to the letter (promise gap >= 0); promise gap = mean");
        output.WriteLine("  s*(delivered - promised)/scale, delivery against the letter; setting gap = mean s*(promised - adequate)/scale,");
        output.WriteLine("  the letter against the least customers accept (negative: even a kept promise leaves them short);");
        output.WriteLine("  kept!spirit = share kept to the letter yet below the zone (promise set too loosely); broken-ok = share");
        output.WriteLine("  broken yet within or above the zone (promise stricter than customers need). Owners include their");
        output.WriteLine("  nested units (billing holds billing/disputes).");

        static string Letter(ScoreAggregate a)
            => string.Create(CultureInfo.InvariantCulture, $" {Number(a.PromiseGapMean),9} {Number(a.SettingGapMean),9} {Percent(a.KeptButMissedShare),11} {Percent(a.BrokenYetSatisfiedShare),9}");

        static string Share(ScoreAggregate a, Gaps.Zone zone) => a.Count == 0 ? "-" : Percent(a.ZoneShare(zone));

        static string Percent(double value) => double.IsFinite(value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";

        static string Number(double value) => double.IsFinite(value) ? value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";
    }
}
