using System.Collections.Concurrent;
using CxScoring.Plans;

namespace CxScoring.Orleans;

/// <summary>The plans and engines of published model versions, compiled once per process from the registry's releases and checked against their fingerprints.</summary>
internal sealed class ModelCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<long, Lazy<Task<CompiledRelease>>> _releases = new();

    internal Task<CompiledRelease> GetAsync(long version)
        => _releases.GetOrAdd(version, v => new Lazy<Task<CompiledRelease>>(() => CompileAsync(v))).Value;

    private async Task<CompiledRelease> CompileAsync(long version)
    {
        try
        {
            var release = await grains.GetGrain<IModelRegistryGrain>(CxScoringCluster.RegistryKey).GetAsync(version).ConfigureAwait(false);
            return CompiledRelease.Of(release);
        }
        catch
        {
            _releases.TryRemove(version, out _);
            throw;
        }
    }
}

/// <summary>A release compiled: its plan and an engine on one thread (the grains are the parallelism).</summary>
internal sealed class CompiledRelease
{
    private CompiledRelease(ModelRelease release, ScoringPlan plan)
    {
        Release = release;
        Plan = plan;
        Engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
    }

    internal ModelRelease Release { get; }

    internal ScoringPlan Plan { get; }

    internal ScoringEngine Engine { get; }

    internal static CompiledRelease Of(ModelRelease release)
    {
        var plan = ScoringPlan.Compile(ScoringModelJson.Parse(release.ModelJson));
        if (plan.ModelFingerprint != release.Fingerprint)
        {
            throw new InvalidOperationException($"Model version {release.Version} has fingerprint {release.Fingerprint:x16} in the registry and {plan.ModelFingerprint:x16} when compiled here: the silos run different CxScoring versions.");
        }

        return new CompiledRelease(release, plan);
    }
}
