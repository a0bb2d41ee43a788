using System.Globalization;
using CxScoring.Gaps;

namespace CxScoring.Surveys.Ces;

/// <summary>A customer effort score (CES) scale: its range and its polarity.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct CesScale : IEquatable<CesScale>
{
    /// <summary>Initializes a new instance of the <see cref="CesScale"/> struct.</summary>
    /// <param name="minimum">The lowest rating.</param>
    /// <param name="maximum">The highest rating.</param>
    /// <param name="polarity">Which end of the scale is good: <see cref="Polarity.HigherIsBetter"/> or <see cref="Polarity.LowerIsBetter"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="maximum"/> is not above <paramref name="minimum"/>, or <paramref name="polarity"/> is <see cref="Polarity.NearerToTargetIsBetter"/> (an effort scale has a good end, not a target) or undefined.</exception>
    public CesScale(int minimum, int maximum, Polarity polarity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maximum, minimum);
        if (polarity is not (Polarity.HigherIsBetter or Polarity.LowerIsBetter))
        {
            throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "An effort scale is either higher-is-better or lower-is-better.");
        }

        Minimum = minimum;
        Maximum = maximum;
        Polarity = polarity;
    }

    /// <summary>Gets the original CES scale (Dixon, Freeman &amp; Toman 2010): 1–5, lower is better.</summary>
    /// <value>1–5, <see cref="Polarity.LowerIsBetter"/>.</value>
    public static CesScale Original { get; } = new(1, 5, Polarity.LowerIsBetter);

    /// <summary>Gets the CES 2.0 scale: 1–7 agreement that the company made it easy, higher is better.</summary>
    /// <value>1–7, <see cref="Polarity.HigherIsBetter"/>.</value>
    public static CesScale Ces2 { get; } = new(1, 7, Polarity.HigherIsBetter);

    /// <summary>Gets the lowest rating.</summary>
    /// <value>The scale's minimum.</value>
    public int Minimum { get; }

    /// <summary>Gets the highest rating.</summary>
    /// <value>The scale's maximum.</value>
    public int Maximum { get; }

    /// <summary>Gets which end of the scale is good.</summary>
    /// <value>The polarity.</value>
    public Polarity Polarity { get; }

    /// <inheritdoc/>
    public bool Equals(CesScale other) => Minimum == other.Minimum && Maximum == other.Maximum && Polarity == other.Polarity;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CesScale other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Minimum, Maximum, Polarity);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minimum}–{Maximum}, {(Polarity == Polarity.LowerIsBetter ? "lower" : "higher")} is better");

    /// <summary>Determines whether two scales are equal.</summary>
    /// <param name="left">The first scale.</param>
    /// <param name="right">The second scale.</param>
    /// <returns><see langword="true"/> when range and polarity are equal.</returns>
    public static bool operator ==(CesScale left, CesScale right) => left.Equals(right);

    /// <summary>Determines whether two scales differ.</summary>
    /// <param name="left">The first scale.</param>
    /// <param name="right">The second scale.</param>
    /// <returns><see langword="true"/> when range or polarity differs.</returns>
    public static bool operator !=(CesScale left, CesScale right) => !left.Equals(right);
}
