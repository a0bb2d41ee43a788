using System.Net;
using BenchmarkDotNet.Attributes;
using CxScoring.Model;
using CxScoring.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CxScoring.Benchmarks.Orleans;

/// <summary>
/// The aggregate rate of a CxScoring cluster in one process: 200,000 outcomes (64 touchpoints, 20,000 customers) sent
/// in batches of 20,000 to 16 partitions, then the period's merged scorecard read, on one silo (baseline) and on two
/// silos, in one run. Each invocation scores into a new period; the result is per outcome. Silos of one process share
/// its cores, so this measures the overhead of distribution (messaging, persistence, merging) rather than the gain of
/// more machines; docs/scale-out.md turns the figures into a model per silo count.
/// </summary>
public class ClusterThroughputBenchmarks
{
    private const int Count = 200_000;
    private const int BatchSize = 20_000;
    private readonly List<IHost> _hosts = [];
    private CxScoringCluster _cluster = null!;
    private ModelRelease _release = null!;
    private Outcome[] _outcomes = [];
    private int _run;

    [GlobalSetup(Target = nameof(OneSilo))]
    public void SetupOneSilo() => Start(1, 21111);

    [GlobalSetup(Target = nameof(TwoSilos))]
    public void SetupTwoSilos() => Start(2, 22111);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }

        _hosts.Clear();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Task<long> OneSilo() => ScoreAllAsync();

    [Benchmark(OperationsPerInvoke = Count)]
    public Task<long> TwoSilos() => ScoreAllAsync();

    private async Task<long> ScoreAllAsync()
    {
        var period = $"run-{_run++}";
        var sends = new List<Task<IReadOnlyList<BatchReceipt>>>();
        for (var start = 0; start < _outcomes.Length; start += BatchSize)
        {
            sends.Add(_cluster.ScoreAsync(period, $"b{start}", _outcomes[start..Math.Min(start + BatchSize, _outcomes.Length)]));
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        var scorecard = await _cluster.GetScorecardAsync(period, _release.Version).ConfigureAwait(false);
        return scorecard!.Received;
    }

    private void Start(int silos, int basePort)
    {
        for (var i = 0; i < silos; i++)
        {
            var index = i;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(basePort + index, basePort + 1000 + index, new IPEndPoint(IPAddress.Loopback, basePort))
                .AddMemoryGrainStorage(CxScoringClusterOptions.StorageName)
                .AddCxScoring(o =>
                {
                    o.TimeZone = BenchmarkModels.Berlin;
                    o.Partitions = 16;
                }));
            var host = builder.Build();
            host.StartAsync().GetAwaiter().GetResult();
            _hosts.Add(host);
        }

        _cluster = _hosts[0].Services.GetRequiredService<CxScoringCluster>();
        _release = _cluster.PublishModelAsync(BenchmarkModels.Build(64)).GetAwaiter().GetResult();
        _outcomes = BenchmarkModels.Outcomes(Count, 64, 20_000, seed: 3);
    }
}
