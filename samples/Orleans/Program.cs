// A CxScoring cluster of silos in one process (localhost): the telecom demo scored by partition grains, partial
// scorecards merged per period by the aggregator, checked against a single-process run, then a model reload.
// Usage: dotnet run --project samples/Orleans -c Release -- [silos] [customers]
using System.Diagnostics;
using System.Globalization;
using CxScoring;
using CxScoring.Orleans;
using CxScoring.Reports;
using CxScoring.Scorecards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using TelecomDemo;

var silos = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
void Configure(CxScoringClusterOptions options)
{
    options.TimeZone = berlin;
    options.Partitions = 16;
}

// Silo i listens on 11111 + i and takes clients on 30000 + i; the first one is the membership primary.
var hosts = new List<IHost>();
for (var i = 0; i < silos; i++)
{
    var index = i;
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
    builder.UseOrleans(silo => silo
        .UseLocalhostClustering(11111 + index, 30000 + index, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111))
        .AddMemoryGrainStorage(CxScoringClusterOptions.StorageName)
        .AddCxScoring(Configure));
    var host = builder.Build();
    await host.StartAsync();
    hosts.Add(host);
}

var cluster = hosts[0].Services.GetRequiredService<CxScoringCluster>();
var model = ScoringModelJson.LoadFile(Path.Combine(AppContext.BaseDirectory, "model.json"));
var release = await cluster.PublishModelAsync(model);
Console.WriteLine($"{silos} silos, {cluster.Options.Partitions} partitions; model '{model.Name}' version {release.Version} ({release.Fingerprint:x16})");

var outcomes = TelecomDemoData.Generate(customers, includeUnscorable: true).ToArray();
var clock = Stopwatch.StartNew();
const int BatchSize = 50_000;
var sends = new List<Task<IReadOnlyList<BatchReceipt>>>();
for (var start = 0; start < outcomes.Length; start += BatchSize)
{
    var batch = outcomes[start..Math.Min(start + BatchSize, outcomes.Length)];
    sends.Add(cluster.ScoreAsync("2025", $"batch-{start / BatchSize:D4}", batch));
}

var receipts = (await Task.WhenAll(sends)).SelectMany(r => r).ToList();
var scorecard = (await cluster.GetScorecardAsync("2025", release.Version))!;
clock.Stop();
Console.WriteLine($"scored {receipts.Sum(r => r.Received):N0} outcomes in {receipts.Count} partition batches: {scorecard.Scored:N0} scored, {scorecard.Rejected:N0} rejected, in {clock.Elapsed.TotalSeconds:0.0} s ({outcomes.Length / clock.Elapsed.TotalSeconds:N0} outcomes/s end to end, one process)");

// The same outcomes in one process: the merged scorecard is the same, byte for byte.
var engine = new ScoringEngine(CxScoring.Plans.ScoringPlan.Compile(model));
var single = engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = berlin });
engine.ScoreOutcomes(outcomes, single);
var identical = ScorecardJsonWriter.WriteToString(single.Build()) == ScorecardJsonWriter.WriteToString(scorecard);
Console.WriteLine($"merged scorecard identical to a single-process run (JSON): {identical}");
Console.WriteLine($"total: {scorecard.Total}");
foreach (var hotspot in scorecard.Hotspots(3))
{
    Console.WriteLine($"  hotspot {hotspot.Touchpoint.Id}: {hotspot.Share:P1} of the weighted shortfall");
}

// What travels: a partition's batch of outcomes (Orleans serialization) and its partial scorecard (the state format).
var partitionOf = outcomes.Select(o => CxScoringCluster.PartitionOf(o.CustomerId, cluster.Options.Partitions)).ToArray();
var firstPartition = outcomes.Where((_, i) => partitionOf[i] == 0).ToArray();
var serializer = hosts[0].Services.GetRequiredService<Orleans.Serialization.Serializer>();
var batchBytes = serializer.SerializeToArray(new OutcomeBatch("b", release.Version, [.. firstPartition[..1_000].Select(o => new OutcomeRecord(o))])).Length;
var partial = engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = berlin });
engine.ScoreOutcomes(firstPartition, partial);
var partialBytes = CxScoring.Scorecards.State.ScorecardStateWriter.WriteToArray(partial.Build()).Length;
var mergedBytes = CxScoring.Scorecards.State.ScorecardStateWriter.WriteToArray(scorecard).Length;
Console.WriteLine($"wire: {batchBytes / 1000.0:0.0} bytes per outcome in a batch; partial state of partition 0 ({firstPartition.Length:N0} outcomes): {partialBytes:N0} bytes; merged state: {mergedBytes:N0} bytes");

// Reload: batches sent from now on are scored under version 2; version 1's scorecard is kept apart, never mixed.
var reloaded = ScoringModelJson.Parse(ScoringModelJson.ToJson(model).Replace("\"PT2M\"", "\"PT4M\"", StringComparison.Ordinal));
var v2 = await cluster.PublishModelAsync(reloaded);
await cluster.ScoreAsync("2025", "after-reload", outcomes[..BatchSize]);
foreach (var version in await cluster.GetModelVersionsAsync("2025"))
{
    var card = (await cluster.GetScorecardAsync("2025", version))!;
    Console.WriteLine($"period 2025, model version {version}: {card.Received:N0} received, mean score {card.Total.ScoreMean:0.0000}");
}

Console.WriteLine($"a repeated batch is not counted again: {(await cluster.ScoreAsync("2025", "after-reload", outcomes[..BatchSize])).All(r => r.Repeated)}");
_ = v2;

foreach (var host in Enumerable.Reverse(hosts))
{
    await host.StopAsync();
    host.Dispose();
}
