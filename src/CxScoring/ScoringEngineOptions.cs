using System.Diagnostics.Metrics;

namespace CxScoring;

/// <summary>How the engine spreads work over threads, and where it records its metrics.</summary>
/// <remarks>Set the properties before handing the options to a <see cref="ScoringEngine"/>, which copies them; the
/// properties are init-only, so an instance can be shared between threads.</remarks>
public sealed record ScoringEngineOptions
{
    /// <summary>Gets the most threads one columnar batch may use.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>; 1 scores on the calling thread only.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets the number of rows from which a columnar batch is split over threads.</summary>
    /// <value>The default value is 262,144; smaller batches are scored on the calling thread.</value>
    public int ParallelThreshold { get; init; } = 1 << 18;

    /// <summary>Gets the factory of the meter the engine records to (<see cref="Diagnostics.CxScoringMetrics.MeterName"/>).</summary>
    /// <value>The default value is <see langword="null"/>: one process-wide meter. A host's <see cref="IMeterFactory"/> scopes
    /// the instruments to that host, as Microsoft.Extensions.Diagnostics expects.</value>
    public IMeterFactory? MeterFactory { get; init; }
}
