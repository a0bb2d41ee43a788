using System.Globalization;
using CxScoring.Scorecards;

namespace CxScoring.Reports;

/// <summary>
/// Writes a <see cref="Scorecard"/> as plain text for a console or a log: totals, rejections by reason, a table per
/// touchpoint (zone shares, mean score, promise-kept rate) and the top hotspots.
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
        output.WriteLine(string.Create(c, $"{"touchpoint".PadRight(width)}  {"stage",-13} {"channel",-11} {"outcomes",10} {"below",7} {"within",7} {"above",7} {"mean",7} {"kept",7}"));
        output.WriteLine(new string('-', width + 78));
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            var a = scorecard.ByTouchpoint[t];
            output.WriteLine(string.Create(c, $"{touchpoint.Id.PadRight(width)}  {touchpoint.Stage,-13} {touchpoint.Channel.Name,-11} {a.Count,10:N0} {Share(a, Gaps.Zone.Below),7} {Share(a, Gaps.Zone.Within),7} {Share(a, Gaps.Zone.Above),7} {Number(a.ScoreMean),7} {Percent(a.PromiseKeptRate),7}"));
        }

        var total = scorecard.Total;
        output.WriteLine(new string('-', width + 78));
        output.WriteLine(string.Create(c, $"{"all".PadRight(width)}  {string.Empty,-13} {string.Empty,-11} {total.Count,10:N0} {Share(total, Gaps.Zone.Below),7} {Share(total, Gaps.Zone.Within),7} {Share(total, Gaps.Zone.Above),7} {Number(total.ScoreMean),7} {Percent(total.PromiseKeptRate),7}"));

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

        static string Share(ScoreAggregate a, Gaps.Zone zone) => a.Count == 0 ? "-" : Percent(a.ZoneShare(zone));

        static string Percent(double value) => double.IsFinite(value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";

        static string Number(double value) => double.IsFinite(value) ? value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-";
    }
}
