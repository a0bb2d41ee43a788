using CxScoring.Model;
using CxScoring.Reports;
using CxScoring.Scorecards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace CxScoring.Orleans.Tests;

/// <summary>Silos and client of a test cluster: CxScoring in Europe/Berlin, 16 partitions, state in <see cref="SharedGrainStorage"/>.</summary>
public sealed class SiloConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddGrainStorage(CxScoringClusterOptions.StorageName, (sp, _) => ActivatorUtilities.CreateInstance<SharedGrainStorage>(sp));
        siloBuilder.AddCxScoring(TestData.Configure);
        siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
    }

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.AddCxScoring(TestData.Configure);
        clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
    }
}

/// <summary>An in-process cluster of silos, started once for the tests of a class.</summary>
public abstract class ClusterFixtureBase(short silos) : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public CxScoringCluster CxCluster => Cluster.Client.ServiceProvider.GetRequiredService<CxScoringCluster>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Three silos, shared by the tests of a class.</summary>
public sealed class ClusterFixture() : ClusterFixtureBase(3);

/// <summary>Four silos, one of which a test stops.</summary>
public sealed class FailoverClusterFixture() : ClusterFixtureBase(4);

/// <summary>The telecom demo and the reference: the same outcomes scored in one process.</summary>
public static class TestData
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static ScoringModel TelecomModel { get; } = ScoringModelJson.LoadFile(Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json"));

    /// <summary>The telecom model with its promises' levels changed: another model version, scoring differently.</summary>
    public static ScoringModel ReloadedModel { get; } = ScoringModelJson.Parse(ScoringModelJson.ToJson(TelecomModel).Replace("\"PT2M\"", "\"PT4M\"", StringComparison.Ordinal));

    public static void Configure(CxScoringClusterOptions options)
    {
        options.TimeZone = Berlin;
        options.Partitions = 16;
        options.RetryDelay = TimeSpan.FromMilliseconds(100);
        options.MaxAttempts = 10;
    }

    public static ScorecardOptions ScorecardOptions => new() { TimeZone = Berlin };

    /// <summary>The JSON report of the outcomes scored in one process, in one go.</summary>
    public static string SingleProcessJson(ScoringModel model, IReadOnlyList<Outcome> outcomes)
    {
        var engine = new ScoringEngine(Plans.ScoringPlan.Compile(model));
        var builder = engine.CreateScorecardBuilder(ScorecardOptions);
        engine.ScoreOutcomes(outcomes.ToArray(), builder);
        return ScorecardJsonWriter.WriteToString(builder.Build());
    }

    /// <summary>Splits outcomes into batches of random sizes, in a shuffled order.</summary>
    public static List<Outcome[]> ShuffledBatches(IReadOnlyList<Outcome> outcomes, int seed, int minSize, int maxSize)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, outcomes.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<Outcome[]>();
        for (var start = 0; start < order.Length;)
        {
            var size = Math.Min(random.Next(minSize, maxSize + 1), order.Length - start);
            batches.Add([.. order.AsSpan(start, size).ToArray().Select(i => outcomes[i])]);
            start += size;
        }

        return batches;
    }
}
