using System.Globalization;
using CxScoring.Engine;
using CxScoring.ModelFiles;
using CxScoring.Reports;
using CxScoring.Scorecards;
using NodaTime;
using TelecomDemo;

// The telecom demo: its model file and ~100k generated outcomes (10,000 customers, a few unscorable on purpose).
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var outcomes = TelecomDemoData.Generate(customers: 10_000, includeUnscorable: true).ToArray();

// Quick start: load the model, compile it once, score every outcome into a scorecard, print it.
var model = ScoringModelJson.LoadFile(Path.Combine(data, "model.json"));
var engine = new ScoringEngine(model);
var builder = engine.CreateScorecard(new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
engine.ScoreOutcomes(outcomes, builder);
var scorecard = builder.Build();
ScorecardPrinter.Print(scorecard, Console.Out, hotspots: 5);

// The same scorecard per month (local dates in Berlin), and as JSON for other tools.
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
