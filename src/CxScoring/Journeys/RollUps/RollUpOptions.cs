using NodaTime;

namespace CxScoring.Journeys.RollUps;

/// <summary>Parameters of the journey roll-ups. Each property checks its value when set.</summary>
/// <remarks>Instances are immutable once initialised and safe to share between threads.</remarks>
public sealed class RollUpOptions
{
    private readonly Duration _halfLife = Duration.FromDays(30);
    private readonly double _peakWeight = 0.5;
    private readonly double _consistencyPenalty = 0.5;
    private readonly MomentValue _value = MomentValue.Score;

    /// <summary>Gets the options with every default.</summary>
    public static RollUpOptions Default { get; } = new();

    /// <summary>Gets the half-life of the recency-weighted roll-up.</summary>
    /// <value>The default value is 30 days.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to a duration that is not positive.</exception>
    public Duration HalfLife
    {
        get => _halfLife;
        init
        {
            if (value <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The half-life must be longer than zero.");
            }

            _halfLife = value;
        }
    }

    /// <summary>Gets the weight w of the best moment in the mean-plus-peak roll-up, (1 − w)·mean + w·best.</summary>
    /// <value>A number in [0, 1]; the default value is 0.5.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set outside [0, 1].</exception>
    public double PeakWeight
    {
        get => _peakWeight;
        init
        {
            RollUpFormulas.RequireUnit(value, nameof(value));
            _peakWeight = value;
        }
    }

    /// <summary>Gets the penalty k per unit of dispersion in the consistency-adjusted roll-up, mean − k·dispersion.</summary>
    /// <value>A finite number of at least 0; the default value is 0.5.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to a negative or non-finite number.</exception>
    public double ConsistencyPenalty
    {
        get => _consistencyPenalty;
        init
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The consistency penalty must be a finite number of at least 0.");
            }

            _consistencyPenalty = value;
        }
    }

    /// <summary>Gets which figure of an event is rolled up.</summary>
    /// <value>The default value is <see cref="MomentValue.Score"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to an undefined value.</exception>
    public MomentValue Value
    {
        get => _value;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a moment value.");
            }

            _value = value;
        }
    }

    internal double ValueOf(in JourneyEvent e) => _value == MomentValue.Score ? e.Gap.Score : e.Gap.FeltValue;
}
