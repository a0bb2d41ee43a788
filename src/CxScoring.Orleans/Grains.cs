using Orleans.Concurrency;

namespace CxScoring.Orleans;

/// <summary>
/// The cluster's models, one grain per cluster (key <see cref="CxScoringCluster.RegistryKey"/>): every model published,
/// numbered 1, 2, … Publishing is how a model is reloaded across the cluster: batches sent afterwards are scored under
/// the new version, batches in flight under the version they were sent with; no scorecard mixes them.
/// </summary>
[Alias("CxScoring.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>Publishes a model; the same definition as the current one keeps its version.</summary>
    /// <param name="modelJson">The model in the model file format; validated before it is published.</param>
    /// <returns>The release: a new version, or the current one when the definition is unchanged.</returns>
    [Alias("Publish")]
    Task<ModelRelease> PublishAsync(string modelJson);

    /// <summary>Gets the current model.</summary>
    /// <returns>The latest release, or <see langword="null"/> before the first publication.</returns>
    [Alias("GetCurrent")]
    Task<ModelRelease?> GetCurrentAsync();

    /// <summary>Gets a published model by version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The release.</returns>
    [Alias("Get")]
    Task<ModelRelease> GetAsync(long version);
}

/// <summary>
/// One partition of the outcome stream for one period (key: the partition number and the period): scores the batches
/// of its customers with the engine, keeps one cumulative scorecard per model version, persists it with the
/// identifiers of the batches applied (so a repeated batch is never counted twice) and publishes it to the period's
/// <see cref="IScorecardAggregatorGrain"/> as a scorecard state.
/// </summary>
[Alias("CxScoring.IScoringPartitionGrain")]
public interface IScoringPartitionGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Scores a batch, unless it was applied before, then publishes the partition's partial scorecard.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>What was done.</returns>
    [Alias("Score")]
    Task<BatchReceipt> ScoreAsync(OutcomeBatch batch);

    /// <summary>Publishes the partition's partial scorecards again, one per model version (after the aggregator lost them).</summary>
    /// <returns>A task that completes when they are published.</returns>
    [Alias("Republish")]
    Task RepublishAsync();
}

/// <summary>
/// The scorecard of one period (key: the period): keeps the latest partial of each partition per model version and
/// merges them exactly into the period's scorecard. Partials of different versions are never merged together, and a
/// partial whose state belongs to another model than its version's is refused.
/// </summary>
[Alias("CxScoring.IScorecardAggregatorGrain")]
public interface IScorecardAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Takes a partition's partial; an older one than held (lower sequence) is ignored.</summary>
    /// <param name="partial">The partial.</param>
    /// <returns>A task that completes when it is taken.</returns>
    [Alias("Publish"), AlwaysInterleave]
    Task PublishAsync(ScorecardPartial partial);

    /// <summary>Gets the model versions with partials in this period.</summary>
    /// <returns>The versions, ascending.</returns>
    [Alias("GetModelVersions")]
    Task<long[]> GetModelVersionsAsync();

    /// <summary>Merges the latest partials of one model version.</summary>
    /// <param name="modelVersion">The model version.</param>
    /// <returns>The merged scorecard state.</returns>
    [Alias("GetScorecard")]
    Task<MergedScorecard> GetScorecardAsync(long modelVersion);
}
