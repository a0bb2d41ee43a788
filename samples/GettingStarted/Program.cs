using System.Globalization;
using CxScoring;
using CxScoring.Comparisons;
using CxScoring.Reports;
using CxScoring.Scorecards;
using NodaTime;
using TelecomDemo;

// The telecom demo data: its model file, and ~100k outcomes for 10,000 customers generated on first run
// (a few of them malformed or unscorable on purpose, to show that nothing is dropped silently).
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var outcomesFile = TelecomDemoData.EnsureGenerated(data);

// Quick start: load the model, score the outcomes file (format from its extension) into a scorecard, print it.
var model = ScoringModelJson.LoadFile(Path.Combine(data, "model.json"));
var engine = new ScoringEngine(model);
var result = await engine.ScoreFileAsync(outcomesFile);
ScorecardTextWriter.Write(result.Scorecard, Console.Out, hotspots: 5);

// Lines that could not be read as outcomes are counted with their line numbers, never dropped.
Console.WriteLine();
Console.WriteLine($"Read {result.Report.Records:N0} records: {result.Report.Read:N0} outcomes, {result.Report.Malformed:N0} malformed, for example:");
foreach (var malformed in result.Report.Errors.Take(3))
{
    Console.WriteLine($"  {malformed}");
}

// The same outcomes per month in the company's time zone (days, weeks and months are UTC unless a zone is given), with
// each touchpoint's days kept too, so that the last full month can be compared with the one before, per touchpoint and
// owner; and the scorecard as JSON for other tools.
var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
var options = new FileScoringOptions { Scorecard = new ScorecardOptions { TimeZone = zone, ByTouchpointPeriod = true } };
var scorecard = (await engine.ScoreFileAsync(outcomesFile, options)).Scorecard;
var firstDay = scorecard.ByDay.Keys.First();
var lastDay = scorecard.ByDay.Keys.Last();
Console.WriteLine();
Console.WriteLine("Per month:            outcomes   below    mean");
foreach (var (month, aggregate) in scorecard.ByMonth)
{
    var partial = month < firstDay || month.PlusMonths(1).PlusDays(-1) > lastDay ? "  (partial month)" : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {month:yyyy-MM}           {aggregate.Count,10:N0} {aggregate.ZoneShare(CxScoring.Gaps.Zone.Below),7:P1} {Signed(aggregate.ScoreMean),7}{partial}"));
}

// Is it getting better? The last full month against the month before: Welch's t for the mean score, two-proportion
// z-tests for the shares, Benjamini–Hochberg over every test so that many touchpoints do not cry wolf.
var lastFull = lastDay.PlusDays(1).Day == 1 ? lastDay.With(DateAdjusters.StartOfMonth) : lastDay.With(DateAdjusters.StartOfMonth).PlusMonths(-1);
if (lastFull.PlusMonths(-1) >= firstDay)
{
    var after = new DateInterval(lastFull, lastFull.PlusMonths(1).PlusDays(-1));
    var before = new DateInterval(lastFull.PlusMonths(-1), lastFull.PlusDays(-1));
    var change = ScorecardComparison.ComparePeriods(scorecard, before, after);
    var total = change.Rows.Single(r => r.Kind == ComparisonGroupKind.Total && r.Metric == ComparisonMetric.MeanScore);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{after.Start:yyyy-MM} against {before.Start:yyyy-MM}: mean score {Signed(total.Before)} -> {Signed(total.After)}, {change.Significant.Length} significant change(s) of {change.TestCount} tests (FDR {change.Options.FalseDiscoveryRate:P0})"));
    foreach (var row in change.Significant.Take(5))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {row.Kind.ToString().ToLowerInvariant()} {row.Key}, {row.Metric}: {row.Before:0.000} -> {row.After:0.000} (q {row.QValue:0.0000})"));
    }
}
else
{
    Console.WriteLine();
    Console.WriteLine("The outcomes span less than two full months: no month is compared with the one before.");
}

var json = Path.Combine(data, "generated", "scorecard.json");
Directory.CreateDirectory(Path.GetDirectoryName(json)!);
await using (var file = File.Create(json))
{
    ScorecardJsonWriter.Write(scorecard, file);
}

Console.WriteLine();
Console.WriteLine($"Wrote the scorecard as JSON to {Path.GetRelativePath(Directory.GetCurrentDirectory(), json)}.");

// A mean that rounds to zero prints as +0.000, never as -0.000 (the rounded value plus 0.0 is +0.0).
static string Signed(double value) => (Math.Round(value, 3) + 0.0).ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
