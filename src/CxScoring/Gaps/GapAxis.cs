using System.Globalization;

namespace CxScoring.Gaps;

/// <summary>
/// The axis a measure's gaps are read on: which direction is better, the difference that counts as one full gap
/// (the scale) and, for <see cref="Polarity.NearerToTargetIsBetter"/>, the target whose distance is scored.
/// </summary>
/// <remarks>
/// A measure of the model gives its axis as <c>Measure.Axis</c>; build one directly to use
/// <see cref="GapCalculator"/> without a model. Always use the constructor: the default value of the struct has no
/// scale and is refused by <see cref="GapCalculator"/>. Instances are immutable and safe to share between threads.
/// </remarks>
public readonly struct GapAxis : IEquatable<GapAxis>
{
    /// <summary>Initializes a new instance of the <see cref="GapAxis"/> struct.</summary>
    /// <param name="polarity">Which direction is better.</param>
    /// <param name="scale">The difference that counts as one full gap: finite, greater than 0, with a finite reciprocal.</param>
    /// <param name="target">The target of a <see cref="Polarity.NearerToTargetIsBetter"/> axis; <see langword="null"/> for the others.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="polarity"/> is not defined or <paramref name="scale"/> is not a finite number greater than 0 with a finite reciprocal.</exception>
    /// <exception cref="ArgumentException">Thrown when a nearer-to-target axis has no finite target, or another axis has one.</exception>
    public GapAxis(Polarity polarity, double scale, double? target = null)
    {
        if (polarity is < Polarity.HigherIsBetter or > Polarity.NearerToTargetIsBetter)
        {
            throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "The polarity is not one of HigherIsBetter, LowerIsBetter, NearerToTargetIsBetter.");
        }

        // Stryker disable once Equality: scale 0 fails the reciprocal check too (1/0 is infinite), so "> 0" and ">= 0" refuse the same scales.
        if (!(double.IsFinite(scale) && scale > 0 && double.IsFinite(1 / scale)))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, string.Create(CultureInfo.InvariantCulture, $"The scale (the difference that counts as a full gap) must be a finite number greater than 0 whose reciprocal is finite; got {scale:R}."));
        }

        if (polarity == Polarity.NearerToTargetIsBetter && !(target is { } t && double.IsFinite(t)))
        {
            throw new ArgumentException("A nearer-to-target-is-better axis needs a finite target.", nameof(target));
        }

        if (polarity != Polarity.NearerToTargetIsBetter && target is not null)
        {
            throw new ArgumentException($"Only nearer-to-target-is-better axes take a target; this one is {polarity} (got {target}).", nameof(target));
        }

        Polarity = polarity;
        Scale = scale;
        Target = target;
    }

    /// <summary>Gets which direction is better.</summary>
    public Polarity Polarity { get; }

    /// <summary>Gets the difference that counts as one full gap.</summary>
    /// <value>A finite number greater than 0; 0 only for the uninitialised default of the struct.</value>
    public double Scale { get; }

    /// <summary>Gets the target of a <see cref="Polarity.NearerToTargetIsBetter"/> axis.</summary>
    /// <value>The target; <see langword="null"/> for the other polarities.</value>
    public double? Target { get; }

    /// <summary>Gets the sign s of the gap formulas: +1 when higher is better, −1 otherwise (distances are lower-is-better).</summary>
    public double Sign => Polarity == Polarity.HigherIsBetter ? 1.0 : -1.0;

    /// <summary>Determines whether two axes are equal.</summary>
    /// <param name="left">The first axis.</param>
    /// <param name="right">The second axis.</param>
    /// <returns><see langword="true"/> when polarity, scale and target are equal.</returns>
    public static bool operator ==(GapAxis left, GapAxis right) => left.Equals(right);

    /// <summary>Determines whether two axes differ.</summary>
    /// <param name="left">The first axis.</param>
    /// <param name="right">The second axis.</param>
    /// <returns><see langword="true"/> when polarity, scale or target differ.</returns>
    public static bool operator !=(GapAxis left, GapAxis right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(GapAxis other) => Polarity == other.Polarity && Scale.Equals(other.Scale) && Nullable.Equals(Target, other.Target);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GapAxis other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Polarity, Scale, Target);

    /// <inheritdoc/>
    public override string ToString()
        => Target is { } target
            ? string.Create(CultureInfo.InvariantCulture, $"{Polarity}, scale {Scale:R}, target {target:R}")
            : string.Create(CultureInfo.InvariantCulture, $"{Polarity}, scale {Scale:R}");

    /// <summary>Throws when <paramref name="axis"/> is the uninitialised default of the struct.</summary>
    internal static void ThrowIfUninitialized(in GapAxis axis, string parameterName)
    {
        if (axis.Scale == 0)
        {
            throw new ArgumentException("The gap axis is the uninitialised default of the struct; create it with its constructor or take a measure's Axis.", parameterName);
        }
    }
}
