using CxScoring;
using CxScoring.OutcomeFiles;
using CxScoring.Reports;
using TelecomDemo;

// The telecom demo: its model file, and ~100k outcomes generated on first run (with a few deliberate faults).
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var outcomesPath = TelecomDemoData.EnsureGenerated(data);

// Load the model file: any problem is reported with its JSON path and line.
var model = await ScoringModelJson.LoadFileAsync(Path.Combine(data, "model.json"));

// Stream the outcomes; malformed lines are counted and kept, not dropped silently.
await using var input = File.OpenRead(outcomesPath);
var reader = new NdjsonOutcomeReader(input, new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });

// Score each outcome and write one gap-result line per outcome.
await using var output = File.Create(Path.Combine(data, "generated", "gaps.ndjson"));
await using var gaps = new GapResultNdjsonWriter(output);
await foreach (var outcome in reader.ReadAllAsync())
{
    if (model.TryScore(outcome, out var result, out var reason))
    {
        gaps.Write(outcome, result);
    }
    else
    {
        gaps.WriteRejection(outcome, reason, model.DescribeRejection(outcome, reason));
    }
}

Console.WriteLine($"Read: {reader.Report}");
foreach (var error in reader.Report.Errors.Take(3))
{
    Console.WriteLine($"  malformed {error}");
}

Console.WriteLine($"Wrote {gaps.Written} gap results ({gaps.Rejected} rejected) to {Path.Combine("generated", "gaps.ndjson")}.");
