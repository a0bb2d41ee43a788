using System.Globalization;

namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>One respondent's three-column answer to one item: minimum (adequate), desired and perceived service level.</summary>
/// <remarks>The answer is not checked on construction; <see cref="ThreeColumnInstrument"/> checks it against its scale. This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct ThreeColumnAnswer : IEquatable<ThreeColumnAnswer>
{
    /// <summary>Initializes a new instance of the <see cref="ThreeColumnAnswer"/> struct.</summary>
    /// <param name="minimum">The minimum (adequate) service level rating.</param>
    /// <param name="desired">The desired service level rating.</param>
    /// <param name="perceived">The perceived service performance rating.</param>
    public ThreeColumnAnswer(int minimum, int desired, int perceived)
    {
        Minimum = minimum;
        Desired = desired;
        Perceived = perceived;
    }

    /// <summary>Gets the minimum (adequate) service level rating.</summary>
    /// <value>A rating on the instrument's scale.</value>
    public int Minimum { get; }

    /// <summary>Gets the desired service level rating.</summary>
    /// <value>A rating on the instrument's scale.</value>
    public int Desired { get; }

    /// <summary>Gets the perceived service performance rating.</summary>
    /// <value>A rating on the instrument's scale.</value>
    public int Perceived { get; }

    /// <inheritdoc/>
    public bool Equals(ThreeColumnAnswer other) => Minimum == other.Minimum && Desired == other.Desired && Perceived == other.Perceived;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ThreeColumnAnswer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Minimum, Desired, Perceived);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"min {Minimum}, desired {Desired}, perceived {Perceived}");

    /// <summary>Determines whether two answers are equal.</summary>
    /// <param name="left">The first answer.</param>
    /// <param name="right">The second answer.</param>
    /// <returns><see langword="true"/> when all three ratings are equal.</returns>
    public static bool operator ==(ThreeColumnAnswer left, ThreeColumnAnswer right) => left.Equals(right);

    /// <summary>Determines whether two answers differ.</summary>
    /// <param name="left">The first answer.</param>
    /// <param name="right">The second answer.</param>
    /// <returns><see langword="true"/> when any rating differs.</returns>
    public static bool operator !=(ThreeColumnAnswer left, ThreeColumnAnswer right) => !left.Equals(right);
}
