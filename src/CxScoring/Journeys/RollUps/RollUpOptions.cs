using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Journeys.RollUps;

/// <summary>Parameters of the journey roll-ups.</summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the entry points that take it
/// (<see cref="RollUpAnalysis.Analyze(IEnumerable{JourneyEvent}, RollUpOptions?)"/>, <see cref="JourneyTracker"/>)
/// check every property when called and throw an <see cref="ArgumentException"/> naming it. Instances are immutable
/// once initialised and safe to share between threads.
/// </remarks>
public sealed class RollUpOptions
{
    /// <summary>Gets the options with every default.</summary>
    public static RollUpOptions Default { get; } = new();

    /// <summary>Gets the half-life of the recency-weighted roll-up; it must be longer than zero.</summary>
    /// <value>The default value is 30 days.</value>
    public Duration HalfLife { get; init; } = Duration.FromDays(30);

    /// <summary>Gets the weight w of the best moment in the mean-plus-peak roll-up, (1 − w)·mean + w·best.</summary>
    /// <value>A number in [0, 1]; the default value is 0.5.</value>
    public double PeakWeight { get; init; } = 0.5;

    /// <summary>Gets the penalty k per unit of dispersion in the consistency-adjusted roll-up, mean − k·dispersion.</summary>
    /// <value>A finite number of at least 0; the default value is 0.5.</value>
    public double ConsistencyPenalty { get; init; } = 0.5;

    /// <summary>Gets which figure of an event is rolled up.</summary>
    /// <value>The default value is <see cref="MomentValue.Score"/>.</value>
    public MomentValue Value { get; init; } = MomentValue.Score;

    internal double ValueOf(in JourneyEvent e) => Value == MomentValue.Score ? e.Gap.Score : e.Gap.FeltValue;

    /// <summary>Checks every property; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a property is outside its range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        if (HalfLife <= Duration.Zero)
        {
            OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"RollUpOptions.HalfLife is {HalfLife}; it must be longer than zero."));
        }

        OptionsRules.InUnitInterval(PeakWeight, "RollUpOptions.PeakWeight", parameterName);
        OptionsRules.FiniteAtLeastZero(ConsistencyPenalty, "RollUpOptions.ConsistencyPenalty", parameterName);
        OptionsRules.Defined(Value, "RollUpOptions.Value", parameterName);
    }
}
