using CxScoring.Reports;
using TelecomDemo;

namespace CxScoring.Orleans.Tests;

/// <summary>Four silos, one stopped in the middle of a run.</summary>
public sealed class FailoverTests(FailoverClusterFixture fixture) : IClassFixture<FailoverClusterFixture>
{
    [Fact]
    public async Task ScoreAsync_SiloStoppedMidRun_EveryOutcomeCountedExactlyOnce()
    {
        var outcomes = TelecomDemoData.Generate(customers: 10_000, seed: 77, includeUnscorable: true).ToArray();
        var cx = fixture.CxCluster;
        var release = await cx.PublishModelAsync(TestData.TelecomModel);
        var batches = TestData.ShuffledBatches(outcomes, 3, 3_000, 8_000);
        var victim = fixture.Cluster.SecondarySilos[0];
        var sends = new List<Task<IReadOnlyList<BatchReceipt>>>();
        Task? stop = null;
        for (var i = 0; i < batches.Count; i++)
        {
            if (i == batches.Count / 3)
            {
                // Stopped while the batches before it are still in flight: their grains move to the other silos.
                stop = fixture.Cluster.StopSiloAsync(victim);
            }

            sends.Add(cx.ScoreAsync("failover", $"f{i}", batches[i]));
        }

        var receipts = await Task.WhenAll(sends);
        await stop!;
        Assert.DoesNotContain(victim, fixture.Cluster.GetActiveSilos());

        // The sender repeats every batch, as after losing its acknowledgements: nothing is counted twice.
        var repeats = await Task.WhenAll(batches.Select((batch, i) => cx.ScoreAsync("failover", $"f{i}", batch)));
        Assert.All(repeats.SelectMany(r => r), r => Assert.True(r.Repeated));

        Assert.Equal(outcomes.Length, receipts.SelectMany(r => r).Sum(r => r.Received));
        var scorecard = await cx.GetScorecardAsync("failover", release.Version);
        Assert.Equal(outcomes.Length, scorecard!.Received);
        Assert.Equal(TestData.SingleProcessJson(TestData.TelecomModel, outcomes), ScorecardJsonWriter.WriteToString(scorecard));
    }
}
