using CxScoring.Model;
using NodaTime;

namespace CxScoring.Orleans;

/// <summary>A model published to the cluster: its version (1, 2, … in order of publication), fingerprint and definition in the model file format.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.ModelRelease")]
public sealed class ModelRelease
{
    /// <summary>Initializes a new instance of the <see cref="ModelRelease"/> class.</summary>
    /// <param name="version">The version.</param>
    /// <param name="fingerprint">The model fingerprint (<see cref="Plans.ScoringPlan.ModelFingerprint"/>).</param>
    /// <param name="modelJson">The model in the model file format.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="modelJson"/> is <see langword="null"/>.</exception>
    public ModelRelease(long version, ulong fingerprint, string modelJson)
    {
        ArgumentNullException.ThrowIfNull(modelJson);
        Version = version;
        Fingerprint = fingerprint;
        ModelJson = modelJson;
    }

    /// <summary>Gets the version: 1 for the first model published, one more for each later one.</summary>
    [Id(0)]
    public long Version { get; }

    /// <summary>Gets the model's fingerprint.</summary>
    [Id(1)]
    public ulong Fingerprint { get; }

    /// <summary>Gets the model in the model file format.</summary>
    [Id(2)]
    public string ModelJson { get; }
}

/// <summary>One outcome on the wire: <see cref="Outcome"/> with instants as Unix ticks and the nanoseconds within the tick, exactly.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.OutcomeRecord")]
public sealed class OutcomeRecord
{
    [Id(0)] private readonly string _customerId;
    [Id(1)] private readonly string _touchpointId;
    [Id(2)] private readonly string _measureId;
    [Id(3)] private readonly double _value;
    [Id(4)] private readonly long _observedTicks;
    [Id(5)] private readonly int _observedNanos;
    [Id(6)] private readonly string? _segmentId;
    [Id(7)] private readonly double? _promisedLevel;
    [Id(8)] private readonly long? _promisedByTicks;
    [Id(9)] private readonly int _promisedByNanos;
    [Id(10)] private readonly long? _requestedAtTicks;
    [Id(11)] private readonly int _requestedAtNanos;
    [Id(12)] private readonly double? _perceivedRating;

    /// <summary>Initializes a new instance of the <see cref="OutcomeRecord"/> class from an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    public OutcomeRecord(in Outcome outcome)
    {
        _customerId = outcome.CustomerId;
        _touchpointId = outcome.TouchpointId;
        _measureId = outcome.MeasureId;
        _value = outcome.Value;
        (_observedTicks, _observedNanos) = Split(outcome.ObservedAt);
        _segmentId = outcome.SegmentId;
        _promisedLevel = outcome.PromisedLevel;
        if (outcome.PromisedBy is { } promisedBy)
        {
            (var ticks, _promisedByNanos) = Split(promisedBy);
            _promisedByTicks = ticks;
        }

        if (outcome.RequestedAt is { } requestedAt)
        {
            (var ticks, _requestedAtNanos) = Split(requestedAt);
            _requestedAtTicks = ticks;
        }

        _perceivedRating = outcome.PerceivedRating;
    }

    /// <summary>Gets the customer identifier, which chooses the partition.</summary>
    public string CustomerId => _customerId;

    /// <summary>Gets the outcome, exactly as it was given.</summary>
    /// <returns>The outcome.</returns>
    public Outcome ToOutcome()
        => new(
            _customerId, _touchpointId, _measureId, _value, Join(_observedTicks, _observedNanos), _segmentId, _promisedLevel,
            _promisedByTicks is { } p ? Join(p, _promisedByNanos) : null,
            _requestedAtTicks is { } r ? Join(r, _requestedAtNanos) : null,
            _perceivedRating);

    private static (long Ticks, int Nanos) Split(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return (ticks, (int)(instant - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds());
    }

    private static Instant Join(long ticks, int nanos) => Instant.FromUnixTimeTicks(ticks).PlusNanoseconds(nanos);
}

/// <summary>A batch of outcomes for one partition and period, scored under one model version. A batch is applied at most once: its identifier is remembered by the partition.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.OutcomeBatch")]
public sealed class OutcomeBatch
{
    /// <summary>Initializes a new instance of the <see cref="OutcomeBatch"/> class.</summary>
    /// <param name="id">The batch identifier, unique within the period.</param>
    /// <param name="modelVersion">The version of the model to score with (<see cref="ModelRelease.Version"/>).</param>
    /// <param name="outcomes">The outcomes.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> or <paramref name="outcomes"/> is <see langword="null"/>.</exception>
    public OutcomeBatch(string id, long modelVersion, IReadOnlyList<OutcomeRecord> outcomes)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(outcomes);
        Id = id;
        ModelVersion = modelVersion;
        Outcomes = outcomes;
    }

    /// <summary>Gets the batch identifier.</summary>
    [Id(0)]
    public string Id { get; }

    /// <summary>Gets the version of the model the batch is scored with.</summary>
    [Id(1)]
    public long ModelVersion { get; }

    /// <summary>Gets the outcomes.</summary>
    [Id(2)]
    public IReadOnlyList<OutcomeRecord> Outcomes { get; }
}

/// <summary>What a partition did with a batch: the counts, the model version it was scored under, and whether it had been applied before (then the counts are those of the first time, and nothing was counted again).</summary>
/// <param name="BatchId">The batch identifier.</param>
/// <param name="Partition">The partition.</param>
/// <param name="ModelVersion">The model version the batch was scored under (for a repeated batch, under which it was first scored).</param>
/// <param name="Received">The outcomes received (scored + rejected) when the batch was applied.</param>
/// <param name="Scored">The outcomes scored.</param>
/// <param name="Rejected">The outcomes rejected.</param>
/// <param name="Repeated">Whether the batch had been applied before this call (by an earlier attempt or call with the same identifier).</param>
/// <remarks>Immutable and thread-safe.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.BatchReceipt")]
public sealed record BatchReceipt(
    [property: Id(0)] string BatchId,
    [property: Id(1)] int Partition,
    [property: Id(2)] long ModelVersion,
    [property: Id(3)] long Received,
    [property: Id(4)] long Scored,
    [property: Id(5)] long Rejected,
    [property: Id(6)] bool Repeated);

/// <summary>A partition's cumulative scorecard of one period under one model version, as a scorecard state (<see cref="Scorecards.State.ScorecardStateWriter"/>); a later partial (higher <see cref="Sequence"/>) replaces an earlier one.</summary>
/// <param name="Period">The period.</param>
/// <param name="Partition">The partition.</param>
/// <param name="ModelVersion">The model version every outcome in it was scored under.</param>
/// <param name="Fingerprint">The model fingerprint of that version.</param>
/// <param name="Sequence">The partition's count of applied batches when it was taken.</param>
/// <param name="State">The scorecard state.</param>
/// <remarks>Immutable and thread-safe; do not change the array.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.ScorecardPartial")]
public sealed record ScorecardPartial(
    [property: Id(0)] string Period,
    [property: Id(1)] int Partition,
    [property: Id(2)] long ModelVersion,
    [property: Id(3)] ulong Fingerprint,
    [property: Id(4)] long Sequence,
    [property: Id(5)] byte[] State);

/// <summary>The merged scorecard of a period under one model version, as a scorecard state.</summary>
/// <param name="Period">The period.</param>
/// <param name="ModelVersion">The model version.</param>
/// <param name="Partials">The number of partitions merged.</param>
/// <param name="State">The scorecard state, or an empty array when no partition has published for this version.</param>
/// <remarks>Immutable and thread-safe; do not change the array.</remarks>
[GenerateSerializer, Immutable, Alias("CxScoring.MergedScorecard")]
public sealed record MergedScorecard(
    [property: Id(0)] string Period,
    [property: Id(1)] long ModelVersion,
    [property: Id(2)] int Partials,
    [property: Id(3)] byte[] State);
