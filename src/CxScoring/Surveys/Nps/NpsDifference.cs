using System.Globalization;

namespace CxScoring.Surveys.Nps;

/// <summary>The difference of two independent Net Promoter Scores with its two-sample z test.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct NpsDifference : IEquatable<NpsDifference>
{
    internal NpsDifference(double difference, double standardError)
    {
        Difference = difference;
        StandardError = standardError;
        Z = standardError > 0 ? difference / standardError
            : difference == 0 ? 0 : double.CopySign(double.PositiveInfinity, difference);
        PValue = double.IsInfinity(Z) ? 0 : SurveyStatistics.Erfc(Math.Abs(Z) / Math.Sqrt(2.0));
    }

    /// <summary>Gets the difference NPS₁ − NPS₂, in NPS points.</summary>
    /// <value>A number in [−200, 200].</value>
    public double Difference { get; }

    /// <summary>Gets the standard error of the difference, √(SE₁² + SE₂²), in NPS points.</summary>
    /// <value>A non-negative number.</value>
    public double StandardError { get; }

    /// <summary>Gets the z statistic, difference / standard error.</summary>
    /// <value>0 when both samples have zero variance and equal scores; ±∞ when they have zero variance and differ.</value>
    public double Z { get; }

    /// <summary>Gets the two-sided p-value of the z test under the normal approximation.</summary>
    /// <value>A probability in [0, 1] (normal tail accurate to about 1e-7).</value>
    public double PValue { get; }

    /// <summary>Determines whether the difference is significant at a level.</summary>
    /// <param name="alpha">The significance level, in (0, 1); 0.05 by default.</param>
    /// <returns><see langword="true"/> when <see cref="PValue"/> is below <paramref name="alpha"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="alpha"/> is outside (0, 1).</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must lie in (0, 1).");
        }

        return PValue < alpha;
    }

    /// <inheritdoc/>
    public bool Equals(NpsDifference other) => Difference.Equals(other.Difference) && StandardError.Equals(other.StandardError);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NpsDifference other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Difference, StandardError);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"ΔNPS {Difference:0.##} (SE {StandardError:0.##}, z {Z:0.##}, p {PValue:0.####})");

    /// <summary>Determines whether two differences are equal.</summary>
    /// <param name="left">The first difference.</param>
    /// <param name="right">The second difference.</param>
    /// <returns><see langword="true"/> when difference and standard error are equal.</returns>
    public static bool operator ==(NpsDifference left, NpsDifference right) => left.Equals(right);

    /// <summary>Determines whether two differences differ.</summary>
    /// <param name="left">The first difference.</param>
    /// <param name="right">The second difference.</param>
    /// <returns><see langword="true"/> when difference or standard error differs.</returns>
    public static bool operator !=(NpsDifference left, NpsDifference right) => !left.Equals(right);
}
