using System.Globalization;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// A logistic churn-response curve in the journey score: p(churn) = 1 / (1 + e^−(a + b·score)). The host fits a and b
/// to its own churn data (a logistic regression of churn on journey score); with a negative slope b a worse journey
/// means more churn.
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct ChurnResponseCurve : IEquatable<ChurnResponseCurve>
{
    /// <summary>Initializes a new instance of the <see cref="ChurnResponseCurve"/> struct.</summary>
    /// <param name="intercept">The intercept a: the log-odds of churn at score 0 (a journey entirely within the zone of tolerance).</param>
    /// <param name="slope">The slope b: the change in log-odds per unit of journey score; normally negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a parameter is not finite.</exception>
    public ChurnResponseCurve(double intercept, double slope)
    {
        if (!double.IsFinite(intercept))
        {
            throw new ArgumentOutOfRangeException(nameof(intercept), intercept, "The intercept must be a finite number.");
        }

        if (!double.IsFinite(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "The slope must be a finite number.");
        }

        Intercept = intercept;
        Slope = slope;
    }

    /// <summary>Gets the intercept a.</summary>
    public double Intercept { get; }

    /// <summary>Gets the slope b.</summary>
    public double Slope { get; }

    /// <summary>Gets the churn probability for a journey score.</summary>
    /// <param name="score">The journey score.</param>
    /// <returns>The probability, in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="score"/> is not finite.</exception>
    public double Probability(double score)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "The journey score must be a finite number.");
        }

        return 1.0 / (1.0 + Math.Exp(-(Intercept + (Slope * score))));
    }

    /// <inheritdoc/>
    public bool Equals(ChurnResponseCurve other) => Intercept.Equals(other.Intercept) && Slope.Equals(other.Slope);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChurnResponseCurve other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Intercept, Slope);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p = 1/(1 + e^-({Intercept} + {Slope}·score))");

    /// <summary>Determines whether two curves are the same.</summary>
    /// <param name="left">The first curve.</param>
    /// <param name="right">The second curve.</param>
    /// <returns><see langword="true"/> when both parameters are equal.</returns>
    public static bool operator ==(ChurnResponseCurve left, ChurnResponseCurve right) => left.Equals(right);

    /// <summary>Determines whether two curves differ.</summary>
    /// <param name="left">The first curve.</param>
    /// <param name="right">The second curve.</param>
    /// <returns><see langword="true"/> when a parameter differs.</returns>
    public static bool operator !=(ChurnResponseCurve left, ChurnResponseCurve right) => !left.Equals(right);
}
