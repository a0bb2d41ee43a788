using System.Globalization;
using CxScoring.Gaps;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// Something measured at a touchpoint: its kind, which direction is better, its unit and its <em>scale</em>,
/// the difference that counts as one full gap (normalised gaps are <c>s·(a − b)/scale</c>).
/// </summary>
/// <remarks>
/// Create measures with the factory methods (<see cref="Duration(string, NodaTime.Duration, Polarity, bool, TimeUnit)"/>,
/// <see cref="Deadline(string, NodaTime.Duration, TimeUnit)"/>, <see cref="Rating(string, int, double)"/>, …), which validate
/// their arguments. Values of time measures are held in seconds, so a duration's scale of <c>PT2H</c> is 7200.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class Measure : IEquatable<Measure>
{
    private Measure(string id, MeasureKind kind, Polarity polarity, string unit, double scale, double? target, int ratingPoints, bool allowsNegative = false, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        Ids.Validate(id, nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (!(double.IsFinite(scale) && scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The scale of measure '{id}' (the difference that counts as a full gap) must be a finite number greater than 0.");
        }

        if (!double.IsFinite(1 / scale))
        {
            // Gaps are computed as differences times 1/scale; a subnormal scale makes that infinite and every score NaN.
            throw new ArgumentOutOfRangeException(nameof(scale), scale, string.Create(CultureInfo.InvariantCulture, $"The scale of measure '{id}' is {scale:R}, too small: 1/scale is not a finite number, so every gap would be infinite. The scale must be larger than about 5.6e-309 (1/double.MaxValue); measure in a larger unit instead."));
        }

        if (polarity == Polarity.NearerToTargetIsBetter && !(target is { } t && double.IsFinite(t)))
        {
            throw new ArgumentException($"Measure '{id}' is nearer-to-target-is-better and needs a finite target.", nameof(target));
        }

        if (polarity != Polarity.NearerToTargetIsBetter && target is not null)
        {
            throw new ArgumentException($"Measure '{id}' is {polarity}; only nearer-to-target-is-better measures take a target (got {target}).", nameof(target));
        }

        Id = id;
        Kind = kind;
        Polarity = polarity;
        Unit = unit;
        Scale = scale;
        Target = polarity == Polarity.NearerToTargetIsBetter ? target : null;
        RatingPoints = ratingPoints;
        AllowsNegative = allowsNegative;
        if (timeUnit is < TimeUnit.Seconds or > TimeUnit.Days)
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Not a defined time unit.");
        }

        TimeUnit = timeUnit;
    }

    private Measure(Measure measure, MeasureSource source, string? ratedBy)
    {
        RatedBy = ratedBy;
        Id = measure.Id;
        Kind = measure.Kind;
        Polarity = measure.Polarity;
        Unit = measure.Unit;
        Scale = measure.Scale;
        Target = measure.Target;
        RatingPoints = measure.RatingPoints;
        AllowsNegative = measure.AllowsNegative;
        TimeUnit = measure.TimeUnit;
        Source = source;
    }

    /// <summary>Gets the measure's identifier, unique within a scoring model.</summary>
    public string Id { get; }

    /// <summary>Gets what the measure counts.</summary>
    public MeasureKind Kind { get; }

    /// <summary>Gets which direction of the measure is better.</summary>
    public Polarity Polarity { get; }

    /// <summary>Gets the unit of the measure's values: <c>"s"</c> for time measures, a currency code for money, …</summary>
    public string Unit { get; }

    /// <summary>Gets the difference, in <see cref="Unit"/>, that counts as one full gap.</summary>
    /// <value>A finite number greater than 0.</value>
    public double Scale { get; }

    /// <summary>Gets the target of a <see cref="Polarity.NearerToTargetIsBetter"/> measure.</summary>
    /// <value>The target in <see cref="Unit"/>; <see langword="null"/> for other polarities.</value>
    public double? Target { get; }

    /// <summary>Gets the number of points k of a <see cref="MeasureKind.Rating"/> measure (values 1..k).</summary>
    /// <value>k for rating measures; 0 for other kinds.</value>
    public int RatingPoints { get; }

    /// <summary>Gets a value indicating whether a <see cref="MeasureKind.Duration"/> measure admits negative delivered values.</summary>
    /// <value><see langword="true"/> for a duration that can truly go below zero (earliness, a schedule's slip);
    /// the default value is <see langword="false"/>, and it is always <see langword="false"/> for other kinds.</value>
    public bool AllowsNegative { get; }

    /// <summary>Gets the unit of plain numbers given for this time measure in model and outcome files.</summary>
    /// <value>The default value is <see cref="Model.TimeUnit.Seconds"/>; always <see cref="Model.TimeUnit.Seconds"/>
    /// for measures that are not <see cref="MeasureKind.Duration"/> or <see cref="MeasureKind.Deadline"/>. Values
    /// (<see cref="Scale"/>, levels, outcome values) are held in seconds whatever the unit.</value>
    public TimeUnit TimeUnit { get; }

    /// <summary>Gets who supplies the measure's values: the operation (delivered) or the customer (perceived).</summary>
    /// <value>The default value is <see cref="MeasureSource.Delivered"/>; <see cref="WithSource(MeasureSource)"/> makes a perceived measure.</value>
    public MeasureSource Source { get; }

    /// <summary>Gets the id of the perceived measure that scores the customer's own rating carried on this measure's
    /// outcomes (<see cref="Outcome.PerceivedRating"/>), or <see langword="null"/> when their ratings are not scored.</summary>
    /// <value>The default value is <see langword="null"/>; <see cref="WithRatedBy(string?)"/> sets it. A model checks that it
    /// names a perceived measure of the model.</value>
    public string? RatedBy { get; }

    /// <summary>Gets the sign s of the gap formulas: +1 when higher is better, −1 otherwise (distances are lower-is-better).</summary>
    public double Sign => Polarity == Polarity.HigherIsBetter ? 1.0 : -1.0;

    /// <summary>Gets the axis the measure's gaps are read on, for <see cref="GapCalculator.Calculate(GapAxis, double, double, double, double, ProspectValueFunction?)"/>.</summary>
    public GapAxis Axis => new(Polarity, Scale, Target);

    /// <summary>Creates a duration measure (response time, lead time).</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The difference in time that counts as one full gap.</param>
    /// <param name="polarity">Which direction is better; shorter by default.</param>
    /// <param name="allowNegative">Whether negative delivered values are admitted; by default a negative duration is
    /// refused as <see cref="Gaps.RejectionReason.ValueOutOfRange"/>, as a negative count is.</param>
    /// <param name="timeUnit">The unit of plain numbers given for this measure in model and outcome files; seconds by default.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive or <paramref name="timeUnit"/> is not defined.</exception>
    public static Measure Duration(string id, Duration scale, Polarity polarity = Polarity.LowerIsBetter, bool allowNegative = false, TimeUnit timeUnit = TimeUnit.Seconds)
        => new(id, MeasureKind.Duration, RejectTarget(polarity, nameof(polarity)), "s", ScaleOf(scale, nameof(scale)), null, 0, allowNegative, timeUnit);

    /// <summary>Creates a deadline measure: the delivered instant compared with a deadline (lateness, lower is better).</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The lateness that counts as one full gap.</param>
    /// <param name="timeUnit">The unit of plain numbers given for this measure in model and outcome files; seconds by default.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive or <paramref name="timeUnit"/> is not defined.</exception>
    public static Measure Deadline(string id, Duration scale, TimeUnit timeUnit = TimeUnit.Seconds)
        => new(id, MeasureKind.Deadline, Polarity.LowerIsBetter, "s", ScaleOf(scale, nameof(scale)), null, 0, timeUnit: timeUnit);

    /// <summary>Creates a count measure.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The difference in count that counts as one full gap.</param>
    /// <param name="polarity">Which direction is better; fewer by default (transfers, repeat contacts).</param>
    /// <param name="unit">The unit of the counted thing.</param>
    /// <param name="target">The target, for <see cref="Polarity.NearerToTargetIsBetter"/> only.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> or <paramref name="unit"/> is invalid, or a target is missing (nearer-to-target) or given (other polarities).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive and finite, or so small that 1/<paramref name="scale"/> is not finite.</exception>
    public static Measure Count(string id, double scale, Polarity polarity = Polarity.LowerIsBetter, string unit = "count", double? target = null)
        => new(id, MeasureKind.Count, polarity, unit, scale, target, 0);

    /// <summary>Creates a ratio measure, with values in [0, 1].</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The difference in ratio that counts as one full gap (for example 0.2).</param>
    /// <param name="polarity">Which direction is better; higher by default.</param>
    /// <param name="target">The target, for <see cref="Polarity.NearerToTargetIsBetter"/> only.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is invalid, or a target is missing (nearer-to-target) or given (other polarities).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive and finite, or so small that 1/<paramref name="scale"/> is not finite.</exception>
    public static Measure Ratio(string id, double scale, Polarity polarity = Polarity.HigherIsBetter, double? target = null)
        => new(id, MeasureKind.Ratio, polarity, "ratio", scale, target, 0);

    /// <summary>Creates a money measure in one currency.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="currency">The ISO 4217 currency code, for example <c>"EUR"</c>.</param>
    /// <param name="scale">The amount that counts as one full gap.</param>
    /// <param name="polarity">Which direction is better; nearer to the target by default (a bill matching its quote).</param>
    /// <param name="target">The target amount, for <see cref="Polarity.NearerToTargetIsBetter"/> only; 0 (no error) when omitted.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> or <paramref name="currency"/> is invalid, or a target is given for another polarity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive and finite, or so small that 1/<paramref name="scale"/> is not finite.</exception>
    public static Measure Money(string id, string currency, double scale, Polarity polarity = Polarity.NearerToTargetIsBetter, double? target = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"A currency must be a three-letter upper-case ISO 4217 code such as 'EUR'; got '{currency}'.", nameof(currency));
        }

        return new(id, MeasureKind.Money, polarity, currency, scale, polarity == Polarity.NearerToTargetIsBetter ? target ?? 0 : target, 0);
    }

    /// <summary>Creates a measure of a plain number that may be negative (a balance, a temperature, a score difference).</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The difference that counts as one full gap.</param>
    /// <param name="polarity">Which direction is better; there is no default, as a plain number has no natural direction.</param>
    /// <param name="unit">The unit of the values, for reports.</param>
    /// <param name="target">The target, for <see cref="Polarity.NearerToTargetIsBetter"/> only.</param>
    /// <returns>The measure.</returns>
    /// <remarks>Every finite value is admitted, negative ones included.</remarks>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> or <paramref name="unit"/> is invalid, or a target is missing (nearer-to-target) or given (other polarities).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scale"/> is not positive and finite, or so small that 1/<paramref name="scale"/> is not finite.</exception>
    public static Measure Number(string id, double scale, Polarity polarity, string unit = "number", double? target = null)
        => new(id, MeasureKind.Number, polarity, unit, scale, target, 0);

    /// <summary>Creates a rating measure on a 1..k point scale, higher is better.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="points">The number of points k, from 2 to 101.</param>
    /// <param name="scale">The difference in points that counts as one full gap; <c>k − 1</c> (the whole scale) when 0.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="points"/> or <paramref name="scale"/> is out of range.</exception>
    public static Measure Rating(string id, int points, double scale = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points, 101);
        return new(id, MeasureKind.Rating, Polarity.HigherIsBetter, "points", scale == 0 ? points - 1 : scale, null, points);
    }

    /// <summary>Creates a yes/no measure (1 = yes, 0 = no), higher is better, scale 1.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is invalid.</exception>
    public static Measure YesNo(string id) => new(id, MeasureKind.YesNo, Polarity.HigherIsBetter, "yes/no", 1.0, null, 0);

    /// <summary>Gets this measure with another source: <see cref="MeasureSource.Perceived"/> for a measure answered by
    /// customers (a CSAT rating, a CES answer, an NPS likelihood), whose outcomes a scorecard shows beside the delivered ones.</summary>
    /// <param name="source">The source.</param>
    /// <returns>This measure when the source is the same; otherwise a copy with the source.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="source"/> is not defined.</exception>
    public Measure WithSource(MeasureSource source)
    {
        if (source is not (MeasureSource.Delivered or MeasureSource.Perceived))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "Not a defined measure source.");
        }

        return source == Source ? this : new Measure(this, source, RatedBy);
    }

    /// <summary>Gets this measure with the perceived measure that scores the ratings carried on its outcomes: an outcome
    /// of this measure with a <see cref="Outcome.PerceivedRating"/> has that rating scored against the perceived measure's
    /// expectation at the same touchpoint and segment, beside its delivered value.</summary>
    /// <param name="perceivedMeasureId">The perceived measure's id, or <see langword="null"/> to score no ratings.</param>
    /// <returns>This measure when the value is the same; otherwise a copy with it.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="perceivedMeasureId"/> is empty or white space, or names this measure itself.</exception>
    public Measure WithRatedBy(string? perceivedMeasureId)
    {
        if (perceivedMeasureId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(perceivedMeasureId);
            if (string.Equals(perceivedMeasureId, Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Measure '{Id}' cannot be rated by itself: name a perceived measure.", nameof(perceivedMeasureId));
            }
        }

        return string.Equals(perceivedMeasureId, RatedBy, StringComparison.Ordinal) ? this : new Measure(this, Source, perceivedMeasureId);
    }

    /// <summary>Converts a duration into this measure's value space (seconds).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The value in seconds.</returns>
    public static double ToSeconds(Duration value) => value.TotalSeconds;

    /// <summary>Reads a plain number given for this measure in a model or outcome file as a value of the measure:
    /// for a time measure the number is in <see cref="TimeUnit"/> and the value in seconds (70 minutes is 4,200);
    /// for other measures the number is the value.</summary>
    /// <param name="number">The number as written in the file.</param>
    /// <returns>The value in <see cref="Unit"/>.</returns>
    /// <remarks>This is the one conversion used by the model file reader and the outcome readers. ISO-8601 duration
    /// strings are read as seconds directly and do not pass through it.</remarks>
    public double FromNumber(double number) => number * SecondsPer(TimeUnit);

    /// <summary>Checks whether a delivered value is admissible for this measure's kind (finite and inside its range).</summary>
    /// <param name="value">The delivered value, in <see cref="Unit"/>.</param>
    /// <returns><see langword="true"/> when the value can be scored.</returns>
    public bool Admits(double value) => Kind switch
    {
        MeasureKind.Count => value >= 0 && double.IsFinite(value),
        MeasureKind.Ratio => value is >= 0 and <= 1,
        MeasureKind.Rating => value >= 1 && value <= RatingPoints,
        MeasureKind.YesNo => value is 0 or 1,
        MeasureKind.Duration => (value >= 0 || AllowsNegative) && double.IsFinite(value),
        _ => double.IsFinite(value),
    };

    /// <inheritdoc/>
    public bool Equals(Measure? other)
        => other is not null
           && Id == other.Id && Kind == other.Kind && Polarity == other.Polarity && Unit == other.Unit
           && Scale.Equals(other.Scale) && Nullable.Equals(Target, other.Target) && RatingPoints == other.RatingPoints
           && AllowsNegative == other.AllowsNegative && TimeUnit == other.TimeUnit && Source == other.Source
           && string.Equals(RatedBy, other.RatedBy, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Measure);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Kind, Polarity, Unit, Scale, Target, RatingPoints, HashCode.Combine(AllowsNegative, TimeUnit, Source, RatedBy));

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Kind}, {Polarity}, scale {Scale} {Unit}{(Source == MeasureSource.Perceived ? ", perceived" : string.Empty)}{(RatedBy is null ? string.Empty : ", rated by " + RatedBy)})");

    /// <summary>The seconds in one <paramref name="unit"/>: the factor of <see cref="FromNumber(double)"/>.</summary>
    internal static double SecondsPer(TimeUnit unit) => unit switch
    {
        TimeUnit.Minutes => 60,
        TimeUnit.Hours => 3600,
        TimeUnit.Days => 86400,
        _ => 1,
    };

    private static Polarity RejectTarget(Polarity polarity, string parameterName)
    {
        if (polarity == Polarity.NearerToTargetIsBetter)
        {
            throw new ArgumentException("A duration measure cannot be nearer-to-target; use a lower- or higher-is-better duration.", parameterName);
        }

        return polarity;
    }

    private static double ScaleOf(Duration scale, string parameterName)
    {
        if (scale <= NodaTime.Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, scale, "The scale (the difference that counts as a full gap) must be a positive duration.");
        }

        return ToSeconds(scale);
    }
}
