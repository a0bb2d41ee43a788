using System.Globalization;
using CxScoring.Scorecards;

namespace CxScoring.Reports;

/// <summary>
/// Writes a <see cref="Scorecard"/> as plain text for a console or a log: totals, rejections by reason, a table per
/// touchpoint (zone shares, mean score, promise-kept rate, letter vs spirit), a table per owner and per journey stage ×
/// owner, per measure and per promise (with the promise review's verdict), the promises to change and to keep better,
/// the top hotspots, and a legend explaining the columns.
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

        WriteMeasures(scorecard, output, LetterHeader);
        WritePerceivedVsDelivered(scorecard, output);
        WritePromises(scorecard, output, LetterHeader);
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
        output.WriteLine("  broken yet within or above the zone (promise stricter than customers need); broke!spirit = share broken");
        output.WriteLine("  and below the zone (delivery failed). Owners include their nested units (billing holds billing/disputes);");
        output.WriteLine("  a promise's outcomes count under the promise's owner when the model names one, else the touchpoint's.");
        output.WriteLine("  Verdict: the largest of kept!spirit (set too loose: change it), broken-ok (set too strict: change it)");
        output.WriteLine("  and broke!spirit (keep it better), ties to keeping it better; sound when none occurred.");

        static string Letter(ScoreAggregate a) => LetterFigures(a);
    }

    private static void WritePerceivedVsDelivered(Scorecard scorecard, TextWriter output)
    {
        if (!scorecard.HasPerceivedMeasures)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var rows = scorecard.PerceivedVsDelivered;
        var width = Math.Max(10, rows.Max(r => r.Touchpoint.Id.Length));
        output.WriteLine();
        output.WriteLine("Perceived vs delivered (per touchpoint: operational measures beside the customers' own answers):");
        output.WriteLine(string.Create(c, $"{"touchpoint".PadRight(width)}  {"delivered",10} {"below",7} {"kept",7} {"adequacy",8}  {"perceived",10} {"below",7} {"adequacy",8}  {"gap",7}  agreement"));
        output.WriteLine(new string('-', width + 100));
        foreach (var row in rows)
        {
            var d = row.Delivered;
            var p = row.Perceived;
            output.WriteLine(string.Create(c, $"{row.Touchpoint.Id.PadRight(width)}  {d.Count,10:N0} {Share(d, Gaps.Zone.Below),7} {Percent(d.PromiseKeptRate),7} {Number(d.AdequacyMean),8}  {p.Count,10:N0} {Share(p, Gaps.Zone.Below),7} {Number(p.AdequacyMean),8}  {Number(row.ScoreMeanGap),7}  {AgreementText(row.Agreement)}"));
        }

        output.WriteLine("  adequacy = mean s*(value - adequate)/scale (below 0: short of the least customers accept on average);");
        output.WriteLine("  gap = perceived mean score - delivered mean score (negative: customers feel a larger gap than was delivered).");
        if (scorecard.RatedOutcomes == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"Rated outcomes (the customer's own rating on a delivered outcome, per outcome): {scorecard.RatedOutcomes:N0} rated, {scorecard.ScoredRatings:N0} scored, {scorecard.RejectedRatings:N0} refused"));
        output.WriteLine(string.Create(c, $"{"touchpoint".PadRight(width)}  {"rated",10} {"fine/poor",10} {"poor/fine",10}"));
        output.WriteLine(new string('-', width + 34));
        foreach (var row in rows)
        {
            if (row.RatedOutcomes > 0)
            {
                output.WriteLine(string.Create(c, $"{row.Touchpoint.Id.PadRight(width)}  {row.RatedOutcomes,10:N0} {Percent(row.DeliveredFinePerceivedPoor),10} {Percent(row.DeliveredPoorPerceivedFine),10}"));
            }
        }

        output.WriteLine("  fine/poor = share delivered within or above the zone but rated below it; poor/fine = the reverse.");
    }

    private static string AgreementText(PerceptionAgreement agreement) => agreement switch
    {
        PerceptionAgreement.BothAdequate => "agree: both adequate",
        PerceptionAgreement.BothShort => "agree: both short",
        PerceptionAgreement.DeliveredFinePerceivedPoor => "DISAGREE: delivered fine, perceived poor",
        PerceptionAgreement.DeliveredPoorPerceivedFine => "DISAGREE: delivered poor, perceived fine",
        _ => "-",
    };

    private static void WriteMeasures(Scorecard scorecard, TextWriter output, string letterHeader)
    {
        var c = CultureInfo.InvariantCulture;
        var measures = scorecard.Plan.Model.Measures;
        if (measures.Length == 0)
        {
            return;
        }

        var width = Math.Max(10, measures.Max(m => m.Id.Length));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"measure".PadRight(width)}  {"outcomes",10} {"below",7} {"mean",7} {"kept",7}{letterHeader}"));
        output.WriteLine(new string('-', width + 44 + letterHeader.Length));
        for (var m = 0; m < measures.Length; m++)
        {
            var a = scorecard.ByMeasure[m];
            output.WriteLine(string.Create(c, $"{measures[m].Id.PadRight(width)}  {a.Count,10:N0} {Share(a, Gaps.Zone.Below),7} {Number(a.ScoreMean),7} {Percent(a.PromiseKeptRate),7}{LetterFigures(a)}"));
        }
    }

    private static void WritePromises(Scorecard scorecard, TextWriter output, string letterHeader)
    {
        var c = CultureInfo.InvariantCulture;
        var promises = scorecard.ByPromise;
        if (promises.IsEmpty)
        {
            return;
        }

        var width = Math.Max(10, promises.Max(p => p.Id.Length));
        var ownerWidth = Math.Max(6, promises.Max(p => p.Owner?.Length ?? 1));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"promise".PadRight(width)}  {"owner".PadRight(ownerWidth)} {"outcomes",10} {"kept",7}{letterHeader} {"broke!spirit",12}  verdict"));
        output.WriteLine(new string('-', width + ownerWidth + 42 + letterHeader.Length));
        foreach (var p in promises)
        {
            var a = p.Aggregate;
            var brokenAndMissed = a.Count == 0 ? double.NaN : (double)a.BrokenAndMissedCount / a.Count;
            output.WriteLine(string.Create(c, $"{p.Id.PadRight(width)}  {(p.Owner ?? "-").PadRight(ownerWidth)} {a.Count,10:N0} {Percent(a.PromiseKeptRate),7}{LetterFigures(a)} {Percent(brokenAndMissed),12}  {VerdictText(p.Verdict)}"));
        }

        if (scorecard.WithoutModelPromise.Count > 0)
        {
            var a = scorecard.WithoutModelPromise;
            output.WriteLine(string.Create(c, $"{"(own promise)".PadRight(width)}  {"-".PadRight(ownerWidth)} {a.Count,10:N0} {Percent(a.PromiseKeptRate),7}{LetterFigures(a)}"));
        }

        var review = scorecard.ReviewPromises();
        output.WriteLine();
        output.WriteLine("Promises to change (set wrong; by |mean setting gap| x outcomes):");
        if (review.SetWrong.IsEmpty)
        {
            output.WriteLine("  none.");
        }

        var rank = 0;
        foreach (var p in review.SetWrong)
        {
            var a = p.Aggregate;
            var (what, share) = p.Verdict == PromiseVerdict.SetTooLoose
                ? ("kept to the letter, missed the spirit", a.KeptButMissedShare)
                : ("broken, yet within or above the zone", a.BrokenYetSatisfiedShare);
            output.WriteLine(string.Create(c, $"  {++rank}. {p.Id} ({p.Owner ?? "no owner"}): {VerdictText(p.Verdict)}; {what} in {Percent(share)} of {a.Count:N0} outcomes, mean setting gap {Number(a.SettingGapMean)}"));
        }

        output.WriteLine("Promises to keep better (broken; by outcomes broken):");
        if (review.Broken.IsEmpty)
        {
            output.WriteLine("  none.");
        }

        rank = 0;
        foreach (var p in review.Broken)
        {
            var a = p.Aggregate;
            output.WriteLine(string.Create(c, $"  {++rank}. {p.Id} ({p.Owner ?? "no owner"}): broken in {a.PromisesBroken:N0} of {a.Count:N0} outcomes ({Percent(a.PromiseBrokenRate)}), {a.BrokenAndMissedCount:N0} of them below the zone; mean promise gap when broken {Number(a.BrokenPromiseGapMean)}"));
        }
    }

    private static string VerdictText(PromiseVerdict verdict) => verdict switch
    {
        PromiseVerdict.SetTooLoose => "set too loose: change it",
        PromiseVerdict.SetTooStrict => "set too strict: change it",
        PromiseVerdict.KeepBetter => "keep it better",
        PromiseVerdict.Sound => "sound",
        _ => "no outcomes",
    };

    private static string LetterFigures(ScoreAggregate a)
            => string.Create(CultureInfo.InvariantCulture, $" {Number(a.PromiseGapMean),9} {Number(a.SettingGapMean),9} {Percent(a.KeptButMissedShare),11} {Percent(a.BrokenYetSatisfiedShare),9}");

    private static string Share(ScoreAggregate a, Gaps.Zone zone) => a.Count == 0 ? "-" : Percent(a.ZoneShare(zone));

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";
}
