// The smallest DI-hosted engine: register the model file, start the host (which loads and validates the model),
// resolve the engine and score the demo outcomes into a scorecard.
using CxScoring;
using CxScoring.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TelecomDemo;

var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var outcomesFile = TelecomDemoData.EnsureGenerated(data);

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCxScoring(options => options.ModelPath = Path.Combine(data, "model.json"));
using var host = builder.Build();
await host.StartAsync(); // loads the model; a wrong file stops the start with every problem listed

var engine = host.Services.GetRequiredService<ScoringEngine>();
var result = await engine.ScoreFileAsync(outcomesFile); // malformed lines are counted in result.Report, not dropped
ScorecardTextWriter.Write(result.Scorecard, Console.Out, hotspots: 3);
Console.WriteLine($"{result.Report.Records:N0} records: {result.Report.Read:N0} outcomes, {result.Report.Malformed:N0} malformed");

await host.StopAsync();
