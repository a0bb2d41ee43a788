using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using Microsoft.Extensions.Options;

namespace CxScoring.Orleans;

/// <inheritdoc cref="IScorecardAggregatorGrain"/>
/// <remarks>
/// Holds partials in memory only: they are the partitions' persisted states, so after a failure the first read asks
/// every partition of the period to publish again (<see cref="IScoringPartitionGrain.RepublishAsync"/>) before merging.
/// </remarks>
internal sealed class ScorecardAggregatorGrain(ModelCache models, IOptions<CxScoringClusterOptions> options)
    : Grain, IScorecardAggregatorGrain
{
    private readonly SortedDictionary<long, Dictionary<int, ScorecardPartial>> _partials = [];
    private readonly Dictionary<long, MergedScorecard> _merged = [];
    private readonly CxScoringClusterOptions _options = options.Value;
    private bool _recovered;

    public async Task PublishAsync(ScorecardPartial partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var release = await models.GetAsync(partial.ModelVersion).ConfigureAwait(true);
        var stateFingerprint = ScorecardStateReader.ReadModelFingerprint(partial.State);
        if (partial.Fingerprint != release.Release.Fingerprint || stateFingerprint != release.Release.Fingerprint)
        {
            throw new ArgumentException(
                $"Partition {partial.Partition} published a partial of model version {partial.ModelVersion} whose state was scored with model {stateFingerprint:x16} (stated {partial.Fingerprint:x16}); version {partial.ModelVersion} is model {release.Release.Fingerprint:x16}. Partials of different models are never merged.",
                nameof(partial));
        }

        if (!_partials.TryGetValue(partial.ModelVersion, out var partials))
        {
            partials = [];
            _partials.Add(partial.ModelVersion, partials);
        }

        if (!partials.TryGetValue(partial.Partition, out var held) || held.Sequence < partial.Sequence)
        {
            partials[partial.Partition] = partial;
            _merged.Remove(partial.ModelVersion);
        }
    }

    public async Task<long[]> GetModelVersionsAsync()
    {
        await RecoverAsync().ConfigureAwait(true);
        return [.. _partials.Keys];
    }

    public async Task<MergedScorecard> GetScorecardAsync(long modelVersion)
    {
        await RecoverAsync().ConfigureAwait(true);
        if (_merged.TryGetValue(modelVersion, out var cached))
        {
            return cached;
        }

        var period = this.GetPrimaryKeyString();
        if (!_partials.TryGetValue(modelVersion, out var partials) || partials.Count == 0)
        {
            return new MergedScorecard(period, modelVersion, 0, []);
        }

        var release = await models.GetAsync(modelVersion).ConfigureAwait(true);
        var scorecardOptions = _options.ScorecardOptions;

        // A snapshot: partials published while merging (interleaved) are taken by the next read.
        var snapshot = partials.Values.OrderBy(p => p.Partition).ToArray();
        Scorecard? merged = null;
        foreach (var partial in snapshot)
        {
            // Reading checks the model fingerprint and calendar again: a state of another model is refused, never merged.
            var scorecard = ScorecardStateReader.Read(partial.State, release.Plan, scorecardOptions);
            merged = merged is null ? scorecard : merged.Merge(scorecard);
        }

        var result = new MergedScorecard(period, modelVersion, snapshot.Length, ScorecardStateWriter.WriteToArray(merged!));
        if (snapshot.Length == partials.Count && snapshot.All(p => ReferenceEquals(partials[p.Partition], p)))
        {
            _merged[modelVersion] = result;
        }

        return result;
    }

    private async Task RecoverAsync()
    {
        if (_recovered)
        {
            return;
        }

        var period = this.GetPrimaryKeyString();
        var tasks = new Task[_options.Partitions];
        for (var p = 0; p < tasks.Length; p++)
        {
            tasks[p] = GrainFactory.GetGrain<IScoringPartitionGrain>(p, period).RepublishAsync();
        }

        await Task.WhenAll(tasks).ConfigureAwait(true);
        _recovered = true;
    }
}
