using CxScoring.Validation;

namespace CxScoring.Journeys.Dynamics;

/// <summary>Parameters of expectation dynamics.</summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the entry points that take it
/// (<see cref="ExpectationDynamicsAnalysis.Analyze"/>, <see cref="ExpectationTracker"/>) check every property when
/// called and throw an <see cref="ArgumentException"/> naming it. Instances are immutable once initialised and safe to
/// share between threads (a <see cref="Seed"/> must be too).
/// </remarks>
public sealed class ExpectationDynamicsOptions
{
    /// <summary>Gets the options with every default.</summary>
    public static ExpectationDynamicsOptions Default { get; } = new();

    /// <summary>Gets the adaptation rate λ after a delight (delivered above the zone): how fast a wow raises the bar.</summary>
    /// <value>A number in [0, 1]; the default value is 0.3.</value>
    public double RateAfterDelight { get; init; } = 0.3;

    /// <summary>Gets the adaptation rate λ after a shortfall (delivered below the zone): how fast a let-down lowers the bar.</summary>
    /// <value>A number in [0, 1]; the default value is 0.1.</value>
    public double RateAfterShortfall { get; init; } = 0.1;

    /// <summary>Gets the adaptation rate λ after an outcome within the zone.</summary>
    /// <value>A number in [0, 1]; the default value is 0 (a tolerated outcome leaves the zone where it is).</value>
    public double RateWithin { get; init; }

    /// <summary>Gets the bound on how far a zone may move from the model's zone, in units of the measure's scale, either way.</summary>
    /// <value>A finite number of at least 0; the default value is 1 (one full gap).</value>
    public double MaxShift { get; init; } = 1.0;

    /// <summary>Gets how the zone changes shape when it moves.</summary>
    /// <value>The default value is <see cref="ZoneWidthRule.Kept"/>.</value>
    public ZoneWidthRule ZoneWidth { get; init; } = ZoneWidthRule.Kept;

    /// <summary>Gets the starting shift of each customer's zone, from experience before the first contact.</summary>
    /// <value>The seed, or <see langword="null"/> (the default) to start every customer at the model's zone.</value>
    public ExpectationSeed? Seed { get; init; }

    /// <summary>Checks every property; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a property is outside its range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.InUnitInterval(RateAfterDelight, "ExpectationDynamicsOptions.RateAfterDelight", parameterName);
        OptionsRules.InUnitInterval(RateAfterShortfall, "ExpectationDynamicsOptions.RateAfterShortfall", parameterName);
        OptionsRules.InUnitInterval(RateWithin, "ExpectationDynamicsOptions.RateWithin", parameterName);
        OptionsRules.FiniteAtLeastZero(MaxShift, "ExpectationDynamicsOptions.MaxShift", parameterName);
        OptionsRules.Defined(ZoneWidth, "ExpectationDynamicsOptions.ZoneWidth", parameterName);
    }
}
