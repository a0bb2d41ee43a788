using System.Globalization;
using CxScoring;
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

// The same outcomes per month in the company's time zone (days, weeks and months are UTC unless a zone is given),
// and the scorecard as JSON for other tools.
var scorecard = (await engine.ScoreFileAsync(outcomesFile, new FileScoringOptions
{
    Scorecard = new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] },
})).Scorecard;
Console.WriteLine();
Console.WriteLine("Per month:            outcomes   below    mean");
foreach (var (month, aggregate) in scorecard.ByMonth)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {month:yyyy-MM}           {aggregate.Count,10:N0} {aggregate.ZoneShare(CxScoring.Gaps.Zone.Below),7:P1} {aggregate.ScoreMean,7:+0.000;-0.000}"));
}

var json = Path.Combine(data, "generated", "scorecard.json");
Directory.CreateDirectory(Path.GetDirectoryName(json)!);
await using (var file = File.Create(json))
{
    ScorecardJsonWriter.Write(scorecard, file);
}

Console.WriteLine();
Console.WriteLine($"Wrote the scorecard as JSON to {Path.GetRelativePath(Directory.GetCurrentDirectory(), json)}.");
