namespace CxScoring.Journeys.Dynamics;

/// <summary>Parameters of expectation dynamics. Each property checks its value when set.</summary>
/// <remarks>Instances are immutable once initialised and safe to share between threads (a <see cref="Seed"/> must be too).</remarks>
public sealed class ExpectationDynamicsOptions
{
    private readonly double _rateAfterDelight = 0.3;
    private readonly double _rateAfterShortfall = 0.1;
    private readonly double _rateWithin;
    private readonly double _maxShift = 1.0;
    private readonly ZoneWidthRule _zoneWidth = ZoneWidthRule.Kept;

    /// <summary>Gets the options with every default.</summary>
    public static ExpectationDynamicsOptions Default { get; } = new();

    /// <summary>Gets the adaptation rate λ after a delight (delivered above the zone): how fast a wow raises the bar.</summary>
    /// <value>A number in [0, 1]; the default value is 0.3.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set outside [0, 1].</exception>
    public double RateAfterDelight
    {
        get => _rateAfterDelight;
        init
        {
            AdaptiveExpectation.RequireRate(value, nameof(value));
            _rateAfterDelight = value;
        }
    }

    /// <summary>Gets the adaptation rate λ after a shortfall (delivered below the zone): how fast a let-down lowers the bar.</summary>
    /// <value>A number in [0, 1]; the default value is 0.1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set outside [0, 1].</exception>
    public double RateAfterShortfall
    {
        get => _rateAfterShortfall;
        init
        {
            AdaptiveExpectation.RequireRate(value, nameof(value));
            _rateAfterShortfall = value;
        }
    }

    /// <summary>Gets the adaptation rate λ after an outcome within the zone.</summary>
    /// <value>A number in [0, 1]; the default value is 0 (a tolerated outcome leaves the zone where it is).</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set outside [0, 1].</exception>
    public double RateWithin
    {
        get => _rateWithin;
        init
        {
            AdaptiveExpectation.RequireRate(value, nameof(value));
            _rateWithin = value;
        }
    }

    /// <summary>Gets the bound on how far a zone may move from the model's zone, in units of the measure's scale, either way.</summary>
    /// <value>A finite number of at least 0; the default value is 1 (one full gap).</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to a negative or non-finite number.</exception>
    public double MaxShift
    {
        get => _maxShift;
        init
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The largest shift must be a finite number of scales, at least 0.");
            }

            _maxShift = value;
        }
    }

    /// <summary>Gets how the zone changes shape when it moves.</summary>
    /// <value>The default value is <see cref="ZoneWidthRule.Kept"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to an undefined value.</exception>
    public ZoneWidthRule ZoneWidth
    {
        get => _zoneWidth;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a zone width rule.");
            }

            _zoneWidth = value;
        }
    }

    /// <summary>Gets the starting shift of each customer's zone, from experience before the first contact.</summary>
    /// <value>The seed, or <see langword="null"/> (the default) to start every customer at the model's zone.</value>
    public ExpectationSeed? Seed { get; init; }
}
