// A worker service: one background service produces outcomes into a channel, another scores them in batches
// against the registered model's current snapshot and logs a scorecard every few batches. The sample stops by
// itself after --batches batches (default 20).
using System.Globalization;
using System.Threading.Channels;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Worker;

var batches = args.Length >= 2 && args[0] == "--batches" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCxScoring(options => options.ModelPath = Path.Combine(AppContext.BaseDirectory, "model.json"));
builder.Services.AddSingleton(System.Threading.Channels.Channel.CreateBounded<Outcome>(new BoundedChannelOptions(1_000) { SingleReader = true }));
builder.Services.AddSingleton(new WorkerSettings(batches, BatchSize: 250, LogEvery: 5));
builder.Services.AddHostedService<OutcomeProducer>();
builder.Services.AddHostedService<ScoringWorker>();

using var host = builder.Build();
await host.RunAsync();
