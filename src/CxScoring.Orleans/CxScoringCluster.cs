using System.Text;
using CxScoring.Model;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using Microsoft.Extensions.Options;

namespace CxScoring.Orleans;

/// <summary>
/// The entry point of a CxScoring cluster, from a client or a silo: publishes models, sends outcomes to the partition
/// grains of their customers, and reads the merged scorecard of a period. Registered by <c>AddCxScoring</c> on an
/// <c>ISiloBuilder</c> or <c>IClientBuilder</c>.
/// </summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class CxScoringCluster
{
    /// <summary>The key of the cluster's <see cref="IModelRegistryGrain"/>.</summary>
    public const string RegistryKey = "cxscoring";

    private readonly IGrainFactory _grains;
    private readonly CxScoringClusterOptions _options;
    private readonly ModelCache _models;

    /// <summary>Initializes a new instance of the <see cref="CxScoringCluster"/> class.</summary>
    /// <param name="grains">The grain factory of the client or silo.</param>
    /// <param name="options">The cluster options.</param>
    /// <exception cref="ArgumentNullException">Thrown when an argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the options are invalid; the message names the property.</exception>
    public CxScoringCluster(IGrainFactory grains, IOptions<CxScoringClusterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        options.Value.Validate(nameof(options));
        _grains = grains;
        _options = options.Value;
        _models = new ModelCache(grains);
    }

    /// <summary>Gets the cluster options.</summary>
    public CxScoringClusterOptions Options => _options;

    /// <summary>Gets the partition of a customer: a stable hash (FNV-1a over the identifier's UTF-8 bytes) modulo the number of partitions, the same in every process, so that a customer's journey stays in one partition.</summary>
    /// <param name="customerId">The customer identifier.</param>
    /// <param name="partitions">The number of partitions.</param>
    /// <returns>The partition, from 0 to <paramref name="partitions"/> − 1.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="customerId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="partitions"/> is less than 1.</exception>
    public static int PartitionOf(string customerId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(customerId) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(customerId, buffer)] : Encoding.UTF8.GetBytes(customerId);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    /// <summary>Publishes a model to the cluster: batches sent from now on are scored under it. Publishing the current model again keeps its version.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The release.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    public Task<ModelRelease> PublishModelAsync(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _grains.GetGrain<IModelRegistryGrain>(RegistryKey).PublishAsync(ScoringModelJson.ToJson(model));
    }

    /// <summary>Gets the current model release.</summary>
    /// <returns>The release, or <see langword="null"/> before the first publication.</returns>
    public Task<ModelRelease?> GetCurrentModelAsync() => _grains.GetGrain<IModelRegistryGrain>(RegistryKey).GetCurrentAsync();

    /// <summary>
    /// Scores a batch of outcomes in the cluster under the current model: splits it by customer partition and sends
    /// each part to its partition grain for the period, as batch <c>{batchId}/{partition}</c>. A part whose silo fails
    /// is sent again (<see cref="CxScoringClusterOptions.MaxAttempts"/>); a part applied before is recognised by its
    /// identifier and not counted again, so the caller may also repeat the whole call with the same identifier.
    /// </summary>
    /// <param name="period">The period the outcomes are reported in (the aggregator's key), for example <c>2025-03</c>.</param>
    /// <param name="batchId">The batch identifier, unique within the period.</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="cancellationToken">A token to stop between attempts.</param>
    /// <returns>One receipt per partition that received outcomes.</returns>
    /// <exception cref="ArgumentNullException">Thrown when an argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Thrown when no model has been published.</exception>
    public async Task<IReadOnlyList<BatchReceipt>> ScoreAsync(string period, string batchId, IReadOnlyList<Outcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(outcomes);
        var release = await GetCurrentModelAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException("No model has been published to the cluster; call PublishModelAsync first.");
        var parts = new List<OutcomeRecord>?[_options.Partitions];
        foreach (var outcome in outcomes)
        {
            var p = PartitionOf(outcome.CustomerId, parts.Length);
            (parts[p] ??= []).Add(new OutcomeRecord(outcome));
        }

        var sends = new List<Task<BatchReceipt>>();
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p] is { } records)
            {
                sends.Add(SendAsync(p, period, new OutcomeBatch($"{batchId}/{p}", release.Version, records), cancellationToken));
            }
        }

        return await Task.WhenAll(sends).ConfigureAwait(false);
    }

    /// <summary>Gets the model versions with outcomes scored in a period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The versions, ascending.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="period"/> is <see langword="null"/>.</exception>
    public Task<long[]> GetModelVersionsAsync(string period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return _grains.GetGrain<IScorecardAggregatorGrain>(period).GetModelVersionsAsync();
    }

    /// <summary>Gets the merged scorecard of a period under one model version: the exact merge of every partition's partial of that version.</summary>
    /// <param name="period">The period.</param>
    /// <param name="modelVersion">The model version.</param>
    /// <returns>The scorecard, or <see langword="null"/> when no outcome of the period was scored under that version.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="period"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScorecardStateException">Thrown when a partial's state is damaged or of another model (never merged).</exception>
    public async Task<Scorecard?> GetScorecardAsync(string period, long modelVersion)
    {
        ArgumentNullException.ThrowIfNull(period);
        var merged = await _grains.GetGrain<IScorecardAggregatorGrain>(period).GetScorecardAsync(modelVersion).ConfigureAwait(false);
        if (merged.Partials == 0)
        {
            return null;
        }

        var release = await _models.GetAsync(modelVersion).ConfigureAwait(false);
        return ScorecardStateReader.Read(merged.State, release.Plan, _options.ScorecardOptions);
    }

    private async Task<BatchReceipt> SendAsync(int partition, string period, OutcomeBatch batch, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _grains.GetGrain<IScoringPartitionGrain>(partition, period).ScoreAsync(batch).ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < _options.MaxAttempts && IsTransient(error))
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay += delay;
            }
        }
    }

    /// <summary>Failures of the cluster (a silo gone, a timeout) rather than of the batch itself (a bad argument, a refused state).</summary>
    private static bool IsTransient(Exception error)
        => error is not (ArgumentException or CxScoringException or OperationCanceledException);
}
