using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Journeys.RollUps;

/// <summary>Parameters of the streamed journey scorecard (<see cref="JourneyScorecardBuilder"/>).</summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the builder checks every property
/// (and <see cref="RollUps"/>) when it is created and throws an <see cref="ArgumentException"/> naming it. Instances are
/// immutable once initialised and safe to share between threads.
/// </remarks>
public sealed class JourneyScorecardOptions
{
    /// <summary>Gets the options with every default.</summary>
    public static JourneyScorecardOptions Default { get; } = new();

    /// <summary>Gets the roll-up options: half-life, peak weight and consistency penalty. The moments are always event scores.</summary>
    /// <value>The default value is <see cref="RollUpOptions.Default"/>; its <see cref="RollUpOptions.Value"/> must be <see cref="MomentValue.Score"/>.</value>
    public RollUpOptions RollUps { get; init; } = RollUpOptions.Default;

    /// <summary>
    /// Gets the instant the recency weights are counted back from: a moment at t weighs 2^(−(AsOf − t)/half-life). The
    /// recency-weighted mean does not depend on it (a common factor cancels), as long as the weights do not vanish; set it
    /// at or after the last outcome (moments after it weigh 1).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the recency-weighted roll-up is not computed (its distribution stays empty).</value>
    public Instant? AsOf { get; init; }

    /// <summary>Gets the time zone of the monthly periods a journey is filed under (the local month of its last moment).</summary>
    /// <value>The default value is UTC.</value>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Checks every property; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when a property is invalid; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.NotNull(RollUps, "JourneyScorecardOptions.RollUps", parameterName);
        RollUps.Validate(parameterName);
        if (RollUps.Value != MomentValue.Score)
        {
            OptionsRules.Invalid(parameterName, OptionsRules.Format($"JourneyScorecardOptions.RollUps.Value is {RollUps.Value}; the journey scorecard rolls up scores (in [−1, 1]), so it must be Score."));
        }

        OptionsRules.NotNull(TimeZone, "JourneyScorecardOptions.TimeZone", parameterName);
    }
}
