using CxScoring.Model;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using Microsoft.Extensions.Options;

namespace CxScoring.Orleans;

/// <summary>The persisted state of a partition: per model version its cumulative scorecard state, and the batches applied.</summary>
[GenerateSerializer, Alias("CxScoring.PartitionState")]
internal sealed class PartitionState
{
    /// <summary>Gets the cumulative scorecard state per model version.</summary>
    [Id(0)]
    public Dictionary<long, byte[]> Scorecards { get; set; } = [];

    /// <summary>Gets the receipt of each applied batch, by batch identifier: a repeated batch gets the same answer and counts nothing.</summary>
    [Id(1)]
    public Dictionary<string, BatchReceipt> Batches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of batches applied: the sequence of the partials.</summary>
    [Id(2)]
    public long Sequence { get; set; }
}

/// <inheritdoc cref="IScoringPartitionGrain"/>
internal sealed class ScoringPartitionGrain(
    [PersistentState("partition", CxScoringClusterOptions.StorageName)] IPersistentState<PartitionState> state,
    ModelCache models,
    IOptions<CxScoringClusterOptions> options)
    : Grain, IScoringPartitionGrain
{
    private readonly Dictionary<long, Scorecard> _scorecards = [];
    private readonly ScorecardOptions _scorecardOptions = options.Value.ScorecardOptions;

    private string Period
    {
        get
        {
            this.GetPrimaryKeyLong(out var period);
            return period ?? string.Empty;
        }
    }

    private int Partition => (int)this.GetPrimaryKeyLong(out _);

    public async Task<BatchReceipt> ScoreAsync(OutcomeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (state.State.Batches.TryGetValue(batch.Id, out var applied))
        {
            // Applied before (the sender retried after a failure): count nothing, publish again in case the partial was lost.
            await PublishAsync(applied.ModelVersion).ConfigureAwait(true);
            return applied with { Repeated = true };
        }

        var release = await models.GetAsync(batch.ModelVersion).ConfigureAwait(true);
        var outcomes = new Outcome[batch.Outcomes.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = batch.Outcomes[i].ToOutcome();
        }

        var builder = release.Engine.CreateScorecardBuilder(_scorecardOptions);
        release.Engine.ScoreOutcomes(outcomes, builder);
        var scored = builder.Build();
        var current = Current(release);
        var merged = current is null ? scored : current.Merge(scored);

        var previousState = state.State.Scorecards.GetValueOrDefault(release.Release.Version);
        state.State.Scorecards[release.Release.Version] = ScorecardStateWriter.WriteToArray(merged);
        var receipt = new BatchReceipt(batch.Id, Partition, release.Release.Version, scored.Received, scored.Scored, scored.Rejected, false);
        state.State.Batches.Add(batch.Id, receipt);
        state.State.Sequence++;
        try
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            // Not persisted: forget the batch, so that the sender's retry applies it.
            state.State.Batches.Remove(batch.Id);
            state.State.Sequence--;
            if (previousState is null)
            {
                state.State.Scorecards.Remove(release.Release.Version);
            }
            else
            {
                state.State.Scorecards[release.Release.Version] = previousState;
            }

            throw;
        }

        _scorecards[release.Release.Version] = merged;
        await PublishAsync(release.Release.Version).ConfigureAwait(true);
        return receipt;
    }

    public async Task RepublishAsync()
    {
        foreach (var version in state.State.Scorecards.Keys.ToArray())
        {
            await PublishAsync(version).ConfigureAwait(true);
        }
    }

    private Scorecard? Current(CompiledRelease release)
    {
        var version = release.Release.Version;
        if (_scorecards.TryGetValue(version, out var scorecard))
        {
            return scorecard;
        }

        if (state.State.Scorecards.TryGetValue(version, out var bytes))
        {
            scorecard = ScorecardStateReader.Read(bytes, release.Plan, _scorecardOptions);
            _scorecards[version] = scorecard;
            return scorecard;
        }

        return null;
    }

    private async Task PublishAsync(long version)
    {
        var release = await models.GetAsync(version).ConfigureAwait(true);
        var partial = new ScorecardPartial(Period, Partition, version, release.Release.Fingerprint, state.State.Sequence, state.State.Scorecards[version]);
        await GrainFactory.GetGrain<IScorecardAggregatorGrain>(Period).PublishAsync(partial).ConfigureAwait(true);
    }
}
