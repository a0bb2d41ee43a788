using System.Globalization;

namespace CxScoring.Surveys.Csat;

/// <summary>A CSAT rating scale: its lowest and highest rating and how many of the top ratings count as satisfied (the top boxes).</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct CsatScale : IEquatable<CsatScale>
{
    /// <summary>Initializes a new instance of the <see cref="CsatScale"/> struct.</summary>
    /// <param name="minimum">The lowest rating (1 on the usual 1–5 scale).</param>
    /// <param name="maximum">The highest rating.</param>
    /// <param name="topBoxes">How many of the highest ratings count as satisfied (2 for "4 or 5" on 1–5).</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="maximum"/> is not above <paramref name="minimum"/>, or <paramref name="topBoxes"/> is not between 1 and the number of scale points minus one.</exception>
    public CsatScale(int minimum, int maximum, int topBoxes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maximum, minimum);
        ArgumentOutOfRangeException.ThrowIfLessThan(topBoxes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topBoxes, maximum - minimum);
        Minimum = minimum;
        Maximum = maximum;
        TopBoxes = topBoxes;
    }

    /// <summary>Gets the usual 1–5 scale with the top two boxes (4 and 5) counted as satisfied.</summary>
    /// <value>1–5, top 2.</value>
    public static CsatScale FivePointTopTwo { get; } = new(1, 5, 2);

    /// <summary>Gets the lowest rating.</summary>
    /// <value>The scale's minimum.</value>
    public int Minimum { get; }

    /// <summary>Gets the highest rating.</summary>
    /// <value>The scale's maximum.</value>
    public int Maximum { get; }

    /// <summary>Gets the number of top boxes counted as satisfied.</summary>
    /// <value>At least 1.</value>
    public int TopBoxes { get; }

    /// <summary>Gets the lowest rating that counts as satisfied.</summary>
    /// <value><see cref="Maximum"/> − <see cref="TopBoxes"/> + 1.</value>
    public int SatisfiedFrom => Maximum - TopBoxes + 1;

    /// <inheritdoc/>
    public bool Equals(CsatScale other) => Minimum == other.Minimum && Maximum == other.Maximum && TopBoxes == other.TopBoxes;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CsatScale other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Minimum, Maximum, TopBoxes);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minimum}–{Maximum}, top {TopBoxes}");

    /// <summary>Determines whether two scales are equal.</summary>
    /// <param name="left">The first scale.</param>
    /// <param name="right">The second scale.</param>
    /// <returns><see langword="true"/> when range and top boxes are equal.</returns>
    public static bool operator ==(CsatScale left, CsatScale right) => left.Equals(right);

    /// <summary>Determines whether two scales differ.</summary>
    /// <param name="left">The first scale.</param>
    /// <param name="right">The second scale.</param>
    /// <returns><see langword="true"/> when range or top boxes differ.</returns>
    public static bool operator !=(CsatScale left, CsatScale right) => !left.Equals(right);
}
