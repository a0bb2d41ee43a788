using System.Globalization;

namespace CxScoring.Surveys.Ces;

/// <summary>A customer effort score (CES) scale: its range and its polarity.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct CesScale : IEquatable<CesScale>
{
    /// <summary>Initializes a new instance of the <see cref="CesScale"/> struct.</summary>
    /// <param name="minimum">The lowest rating.</param>
    /// <param name="maximum">The highest rating.</param>
    /// <param name="polarity">Which end of the scale is good.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="maximum"/> is not above <paramref name="minimum"/> or <paramref name="polarity"/> is undefined.</exception>
    public CesScale(int minimum, int maximum, EffortPolarity polarity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maximum, minimum);
        if (!Enum.IsDefined(polarity))
        {
            throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown effort polarity.");
        }

        Minimum = minimum;
        Maximum = maximum;
        Polarity = polarity;
    }

    /// <summary>Gets the original CES scale (Dixon, Freeman &amp; Toman 2010): 1–5, lower is better.</summary>
    /// <value>1–5, <see cref="EffortPolarity.LowerIsBetter"/>.</value>
    public static CesScale Original { get; } = new(1, 5, EffortPolarity.LowerIsBetter);

    /// <summary>Gets the CES 2.0 scale: 1–7 agreement that the company made it easy, higher is better.</summary>
    /// <value>1–7, <see cref="EffortPolarity.HigherIsBetter"/>.</value>
    public static CesScale Ces2 { get; } = new(1, 7, EffortPolarity.HigherIsBetter);

    /// <summary>Gets the lowest rating.</summary>
    /// <value>The scale's minimum.</value>
    public int Minimum { get; }

    /// <summary>Gets the highest rating.</summary>
    /// <value>The scale's maximum.</value>
    public int Maximum { get; }

    /// <summary>Gets which end of the scale is good.</summary>
    /// <value>The polarity.</value>
    public EffortPolarity Polarity { get; }

    /// <inheritdoc/>
    public bool Equals(CesScale other) => Minimum == other.Minimum && Maximum == other.Maximum && Polarity == other.Polarity;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CesScale other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Minimum, Maximum, Polarity);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minimum}–{Maximum}, {(Polarity == EffortPolarity.LowerIsBetter ? "lower" : "higher")} is better");

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
