using System.Threading.Channels;
using CxScoring;
using CxScoring.Plans;
using TelecomDemo;
using Outcome = CxScoring.Model.Outcome;

// The engine's three ways in, on the telecom demo, each giving the same scorecard; then merging partial scorecards.
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var model = ScoringModelJson.LoadFile(Path.Combine(data, "model.json"));
var outcomes = TelecomDemoData.Generate(customers: 2_000, includeUnscorable: true).ToArray();

// Compile once; string ids become dense indices (plan.TouchpointIndex("offer-chat"), plan.ToRow(outcome)).
var plan = ScoringPlan.Compile(model);
var engine = new ScoringEngine(plan);

// 1. Rows: a span of compact structs.
OutcomeRow[] rows = [.. outcomes.Select(o => plan.ToRow(o))];
var byRows = engine.CreateScorecardBuilder();
engine.Score(rows, byRows, onRejected: (index, reason) => Console.WriteLine($"row {index} refused: {reason}"));

// 2. Columns: a structure of arrays you fill, score and reuse; large batches are split over threads.
var columns = new OutcomeColumns(capacity: 4096);
var byColumns = engine.CreateScorecardBuilder();
foreach (var chunk in rows.Chunk(columns.Capacity))
{
    columns.Clear();
    foreach (var row in chunk)
    {
        columns.Add(row);
    }

    engine.ScoreColumns(columns, byColumns);
}

// 3. Streams: IAsyncEnumerable<Outcome> or a ChannelReader<Outcome>, with bounded memory and cancellation.
var channel = Channel.CreateBounded<Outcome>(1024);
var byChannel = engine.CreateScorecardBuilder();
var scoring = engine.ScoreChannelAsync(channel.Reader, byChannel);
foreach (var outcome in outcomes)
{
    await channel.Writer.WriteAsync(outcome);
}

channel.Writer.Complete();
var result = await scoring;
Console.WriteLine($"Stream: {result}");

// Scorecards merge exactly: split the work any way (threads, processes, days) and merge the parts.
var firstHalf = engine.CreateScorecardBuilder();
var secondHalf = engine.CreateScorecardBuilder();
engine.Score(rows.AsSpan(0, rows.Length / 2), firstHalf);
engine.Score(rows.AsSpan(rows.Length / 2), secondHalf);
var merged = firstHalf.Build().Merge(secondHalf.Build());

var whole = byRows.Build();
Console.WriteLine($"Rows, columns, channel and merged halves agree: {whole.Equals(byColumns.Build()) && whole.Equals(byChannel.Build()) && whole.Equals(merged)}");
Console.WriteLine($"{whole.Received} received = {whole.Scored} scored + {whole.Rejected} refused; mean score {whole.Total.ScoreMean:+0.000;-0.000}, p10/p50/p90 {whole.Total.P10:0.00}/{whole.Total.P50:0.00}/{whole.Total.P90:0.00}");
