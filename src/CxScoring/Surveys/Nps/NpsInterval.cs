using System.Globalization;

namespace CxScoring.Surveys.Nps;

/// <summary>A confidence interval for a Net Promoter Score, in NPS points.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct NpsInterval : IEquatable<NpsInterval>
{
    internal NpsInterval(double lower, double upper, double confidenceLevel)
    {
        Lower = lower;
        Upper = upper;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>Gets the lower bound.</summary>
    /// <value>At least −100.</value>
    public double Lower { get; }

    /// <summary>Gets the upper bound.</summary>
    /// <value>At most 100.</value>
    public double Upper { get; }

    /// <summary>Gets the confidence level.</summary>
    /// <value>A probability in (0, 1), such as 0.95.</value>
    public double ConfidenceLevel { get; }

    /// <inheritdoc/>
    public bool Equals(NpsInterval other)
        => Lower.Equals(other.Lower) && Upper.Equals(other.Upper) && ConfidenceLevel.Equals(other.ConfidenceLevel);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NpsInterval other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lower, Upper, ConfidenceLevel);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.##}, {Upper:0.##}] ({ConfidenceLevel:P0})");

    /// <summary>Determines whether two intervals are equal.</summary>
    /// <param name="left">The first interval.</param>
    /// <param name="right">The second interval.</param>
    /// <returns><see langword="true"/> when bounds and level are equal.</returns>
    public static bool operator ==(NpsInterval left, NpsInterval right) => left.Equals(right);

    /// <summary>Determines whether two intervals differ.</summary>
    /// <param name="left">The first interval.</param>
    /// <param name="right">The second interval.</param>
    /// <returns><see langword="true"/> when a bound or the level differs.</returns>
    public static bool operator !=(NpsInterval left, NpsInterval right) => !left.Equals(right);
}
