using System.Diagnostics.Metrics;
using CxScoring.Validation;

namespace CxScoring;

/// <summary>How the engine spreads work over threads, and where it records its metrics.</summary>
/// <remarks>Set the properties before handing the options to a <see cref="ScoringEngine"/>, which checks them (throwing
/// an <see cref="ArgumentException"/> naming the property) and copies them; the properties are init-only, so the
/// options can be bound from configuration and an instance can be shared between threads.</remarks>
public sealed record ScoringEngineOptions
{
    /// <summary>Gets the most threads one columnar batch may use.</summary>
    /// <value>At least 1; the default value is <see cref="Environment.ProcessorCount"/>. 1 scores on the calling thread only.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets the number of rows from which a columnar batch is split over threads.</summary>
    /// <value>At least 0; the default value is 262,144. Smaller batches are scored on the calling thread.</value>
    public int ParallelThreshold { get; init; } = 1 << 18;

    /// <summary>Gets the factory of the meter the engine records to (<see cref="Diagnostics.CxScoringMetrics.MeterName"/>).</summary>
    /// <value>The default value is <see langword="null"/>: one process-wide meter. A host's <see cref="IMeterFactory"/> scopes
    /// the instruments to that host, as Microsoft.Extensions.Diagnostics expects.</value>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Checks every property; called by the engine's constructor before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a property is outside its range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.InRange(MaxDegreeOfParallelism, 1, int.MaxValue, "ScoringEngineOptions.MaxDegreeOfParallelism", parameterName);
        OptionsRules.InRange(ParallelThreshold, 0, int.MaxValue, "ScoringEngineOptions.ParallelThreshold", parameterName);
    }
}
