
namespace CxScoring.Orleans;

/// <summary>The persisted releases of a cluster's model registry.</summary>
[GenerateSerializer, Alias("CxScoring.ModelRegistryState")]
internal sealed class ModelRegistryState
{
    [Id(0)]
    public List<ModelRelease> Releases { get; set; } = [];
}

/// <inheritdoc cref="IModelRegistryGrain"/>
internal sealed class ModelRegistryGrain(
    [PersistentState("models", CxScoringClusterOptions.StorageName)] IPersistentState<ModelRegistryState> state)
    : Grain, IModelRegistryGrain
{
    public async Task<ModelRelease> PublishAsync(string modelJson)
    {
        ArgumentNullException.ThrowIfNull(modelJson);
        var plan = Plans.ScoringPlan.Compile(ScoringModelJson.Parse(modelJson));
        var releases = state.State.Releases;
        if (releases.Count > 0 && releases[^1].Fingerprint == plan.ModelFingerprint)
        {
            return releases[^1];
        }

        var release = new ModelRelease(releases.Count + 1, plan.ModelFingerprint, ScoringModelJson.ToJson(plan.Model));
        releases.Add(release);
        try
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            releases.RemoveAt(releases.Count - 1);
            throw;
        }

        return release;
    }

    public Task<ModelRelease?> GetCurrentAsync()
        => Task.FromResult(state.State.Releases.Count == 0 ? null : state.State.Releases[^1]);

    public Task<ModelRelease> GetAsync(long version)
    {
        var releases = state.State.Releases;
        if (version < 1 || version > releases.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"No model version {version} has been published; the latest is {releases.Count}.");
        }

        return Task.FromResult(releases[(int)version - 1]);
    }
}
