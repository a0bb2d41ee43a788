using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Reports;
using TelecomDemo;
using CxScoring.Scorecards.State;
using Microsoft.Extensions.Options;

namespace CxScoring.Orleans.Tests;

/// <summary>Three silos in one process: the merged scorecard equals a single-process run, whatever the partitioning and order; reloads never mix versions.</summary>
public sealed class CxScoringClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly Outcome[] Telecom = [.. TelecomDemoData.Generate(customers: 10_000, includeUnscorable: true)];

    [Theory]
    [InlineData(1, 11)]
    [InlineData(5, 12)]
    [InlineData(32, 13)]
    public async Task ScoreAsync_TelecomDemo_MergedJsonIdenticalToSingleProcess(int partitions, int seed)
    {
        var cx = ClientWith(partitions);
        var release = await cx.PublishModelAsync(TestData.TelecomModel);
        var period = $"telecom-{partitions}-{seed}";
        var batches = TestData.ShuffledBatches(Telecom, seed, 3_000, 15_000);
        var receipts = await Task.WhenAll(batches.Select((batch, i) => cx.ScoreAsync(period, $"b{i}", batch)));

        Assert.Equal(Telecom.Length, receipts.SelectMany(r => r).Sum(r => r.Received));
        Assert.All(receipts.SelectMany(r => r), r => Assert.Equal(release.Version, r.ModelVersion));
        var scorecard = await cx.GetScorecardAsync(period, release.Version);
        Assert.NotNull(scorecard);
        Assert.True(scorecard.Rejected > 0, "The demo includes outcomes the model rejects.");
        Assert.Equal(TestData.SingleProcessJson(TestData.TelecomModel, Telecom), ScorecardJsonWriter.WriteToString(scorecard));
    }

    [Fact]
    public async Task ScoreAsync_OneMillionSeededOutcomes_MergedJsonIdenticalToSingleProcess()
    {
        var outcomes = TelecomDemoData.Generate(customers: 100_000, seed: 2024, includeUnscorable: true).ToArray();
        Assert.InRange(outcomes.Length, 950_000, 1_200_000);
        var cx = fixture.CxCluster;
        var release = await cx.PublishModelAsync(TestData.TelecomModel);
        var batches = TestData.ShuffledBatches(outcomes, 99, 60_000, 120_000);
        var sends = new List<Task<IReadOnlyList<BatchReceipt>>>();
        using var gate = new SemaphoreSlim(4);
        foreach (var (batch, i) in batches.Select((b, i) => (b, i)))
        {
            await gate.WaitAsync();
            sends.Add(Send(batch, i));
        }

        var receipts = (await Task.WhenAll(sends)).SelectMany(r => r).ToList();
        Assert.Equal(outcomes.Length, receipts.Sum(r => r.Received));
        var scorecard = await cx.GetScorecardAsync("million", release.Version);
        Assert.Equal(TestData.SingleProcessJson(TestData.TelecomModel, outcomes), ScorecardJsonWriter.WriteToString(scorecard!));

        async Task<IReadOnlyList<BatchReceipt>> Send(Outcome[] batch, int i)
        {
            try
            {
                return await cx.ScoreAsync("million", $"m{i}", batch);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    [Fact]
    public async Task ScoreAsync_RepeatedBatch_CountedOnce()
    {
        var cx = fixture.CxCluster;
        var release = await cx.PublishModelAsync(TestData.TelecomModel);
        var outcomes = Telecom[..20_000];
        var first = await cx.ScoreAsync("repeat", "only", outcomes);
        var again = await cx.ScoreAsync("repeat", "only", outcomes);
        Assert.All(first, r => Assert.False(r.Repeated));
        Assert.All(again, r => Assert.True(r.Repeated));
        Assert.Equal(first.Select(r => r with { Repeated = true }).OrderBy(r => r.Partition), again.OrderBy(r => r.Partition));
        var scorecard = await cx.GetScorecardAsync("repeat", release.Version);
        Assert.Equal(TestData.SingleProcessJson(TestData.TelecomModel, outcomes), ScorecardJsonWriter.WriteToString(scorecard!));
    }

    [Fact]
    public async Task PublishModelAsync_ReloadWhilePartialsInFlight_NoScorecardMixesVersions()
    {
        var cx = fixture.CxCluster;
        var v1 = await cx.PublishModelAsync(TestData.TelecomModel);
        var batches = TestData.ShuffledBatches(Telecom, 5, 3_000, 8_000);
        var sends = new List<Task<IReadOnlyList<BatchReceipt>>>();
        ModelRelease? v2 = null;
        for (var i = 0; i < batches.Count; i++)
        {
            if (i == batches.Count / 2)
            {
                // The first half is still in flight while the new version is published; the second half is sent after it.
                v2 = await cx.PublishModelAsync(TestData.ReloadedModel);
            }

            sends.Add(cx.ScoreAsync("reload", $"r{i}", batches[i]));
        }

        var receipts = await Task.WhenAll(sends);
        Assert.NotNull(v2);
        Assert.NotEqual(v1.Version, v2.Version);
        Assert.NotEqual(v1.Fingerprint, v2.Fingerprint);

        // Each call is scored wholly under one version: the outcomes of each version, scored in one process, give exactly
        // that version's merged scorecard.
        var versions = await cx.GetModelVersionsAsync("reload");
        Assert.Contains(v2.Version, versions);
        Assert.Equal(Telecom.Length, receipts.SelectMany(r => r).Sum(r => r.Received));
        foreach (var version in versions)
        {
            var model = version == v2.Version ? TestData.ReloadedModel : TestData.TelecomModel;
            var scoredUnder = batches.Where((_, i) => receipts[i][0].ModelVersion == version).SelectMany(b => b).ToArray();
            Assert.All(receipts.Where(r => r[0].ModelVersion == version), r => Assert.All(r, x => Assert.Equal(version, x.ModelVersion)));
            var scorecard = await cx.GetScorecardAsync("reload", version);
            Assert.Equal(ScoringPlan.Compile(model).ModelFingerprint, scorecard!.Plan.ModelFingerprint);
            Assert.Equal(TestData.SingleProcessJson(model, scoredUnder), ScorecardJsonWriter.WriteToString(scorecard));
        }

        Assert.NotEqual(TestData.SingleProcessJson(TestData.TelecomModel, Telecom[..5_000]), TestData.SingleProcessJson(TestData.ReloadedModel, Telecom[..5_000]));
    }

    [Fact]
    public async Task AggregatorPublishAsync_StateOfAnotherModel_RefusedNeverMerged()
    {
        var cx = fixture.CxCluster;
        var v1 = await cx.PublishModelAsync(TestData.TelecomModel);
        await cx.ScoreAsync("refuse", "a", Telecom[..2_000]);
        var before = ScorecardJsonWriter.WriteToString((await cx.GetScorecardAsync("refuse", v1.Version))!);

        // A partial that says version 1 but carries a state of the reloaded model.
        var engine = new ScoringEngine(ScoringPlan.Compile(TestData.ReloadedModel));
        var builder = engine.CreateScorecardBuilder(TestData.ScorecardOptions);
        engine.ScoreOutcomes(Telecom.AsSpan(2_000, 2_000), builder);
        var state = ScorecardStateWriter.WriteToArray(builder.Build());
        var aggregator = fixture.Cluster.Client.GetGrain<IScorecardAggregatorGrain>("refuse");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => aggregator.PublishAsync(new ScorecardPartial("refuse", 15, v1.Version, v1.Fingerprint, long.MaxValue, state)));
        Assert.Contains("never merged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, ScorecardJsonWriter.WriteToString((await cx.GetScorecardAsync("refuse", v1.Version))!));
    }

    [Fact]
    public void PartitionOf_StableFnv1aOfUtf8()
    {
        // FNV-1a 32 of "c1": offset basis 2166136261, prime 16777619.
        var hash = 2166136261u;
        foreach (var b in "c1"u8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        Assert.Equal((int)(hash % 16), CxScoringCluster.PartitionOf("c1", 16));
        Assert.Equal(0, CxScoringCluster.PartitionOf("anyone", 1));
        Assert.Equal("partitions", Assert.Throws<ArgumentOutOfRangeException>(() => CxScoringCluster.PartitionOf("c1", 0)).ParamName);
        Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => CxScoringCluster.PartitionOf(null!, 4)).ParamName);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowNamingProperty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CxScoringCluster(fixture.Cluster.Client, Options.Create(new CxScoringClusterOptions { Partitions = 0 })));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("CxScoringClusterOptions.Partitions is 0", error.Message, StringComparison.Ordinal);
        Assert.Equal("grains", Assert.Throws<ArgumentNullException>(() => new CxScoringCluster(null!, Options.Create(new CxScoringClusterOptions()))).ParamName);
    }

    private CxScoringCluster ClientWith(int partitions)
    {
        var options = new CxScoringClusterOptions();
        TestData.Configure(options);
        options.Partitions = partitions;
        return new CxScoringCluster(fixture.Cluster.Client, Options.Create(options));
    }
}
