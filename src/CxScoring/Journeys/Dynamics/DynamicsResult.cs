using System.Collections.Immutable;

namespace CxScoring.Journeys.Dynamics;

/// <summary>The events re-scored with moving expectations, and how far each customer's zones moved.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class DynamicsResult
{
    internal DynamicsResult(ImmutableArray<JourneyEvent> events, ImmutableArray<ExpectationDrift> drifts, ExpectationDynamicsOptions options)
    {
        Events = events;
        Drifts = drifts;
        Options = options;
    }

    /// <summary>Gets the re-scored events, grouped by customer (ordinal) and in journey order.</summary>
    public ImmutableArray<JourneyEvent> Events { get; }

    /// <summary>Gets the final drift of every customer's zone per measure, ordered by customer and measure.</summary>
    public ImmutableArray<ExpectationDrift> Drifts { get; }

    /// <summary>Gets the options the dynamics ran with.</summary>
    public ExpectationDynamicsOptions Options { get; }
}
