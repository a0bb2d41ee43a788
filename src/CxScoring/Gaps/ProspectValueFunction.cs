using System.Globalization;

namespace CxScoring.Gaps;

/// <summary>
/// The prospect-theory value function (Tversky &amp; Kahneman 1992) that turns a normalised gap into how it
/// is felt: <c>v(x) = x^α</c> for gains (x ≥ 0) and <c>v(x) = −λ·(−x)^β</c> for losses, so that a shortfall
/// weighs more than a surplus of the same size.
/// </summary>
/// <remarks>
/// The published defaults (<see cref="Default"/>) are α = β = 0.88 and λ = 2.25.
/// This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct ProspectValueFunction : IEquatable<ProspectValueFunction>
{
    /// <summary>The published parameters: α = β = 0.88, λ = 2.25 (Tversky &amp; Kahneman 1992).</summary>
    public static readonly ProspectValueFunction Default = new(0.88, 0.88, 2.25);

    /// <summary>Initializes a new instance of the <see cref="ProspectValueFunction"/> struct.</summary>
    /// <param name="alpha">The curvature for gains, in (0, 1].</param>
    /// <param name="beta">The curvature for losses, in (0, 1].</param>
    /// <param name="lambda">The loss-aversion coefficient; at least 1 (losses never weigh less than gains).</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a parameter is not finite or outside its range.</exception>
    public ProspectValueFunction(double alpha, double beta, double lambda)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The gain curvature α must lie in (0, 1].");
        }

        if (!(beta > 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "The loss curvature β must lie in (0, 1].");
        }

        if (!(lambda >= 1 && double.IsFinite(lambda)))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The loss aversion λ must be a finite number of at least 1.");
        }

        Alpha = alpha;
        Beta = beta;
        Lambda = lambda;
    }

    /// <summary>Gets the curvature applied to gains.</summary>
    /// <value>A number in (0, 1]; 0.88 for <see cref="Default"/>.</value>
    public double Alpha { get; }

    /// <summary>Gets the curvature applied to losses.</summary>
    /// <value>A number in (0, 1]; 0.88 for <see cref="Default"/>.</value>
    public double Beta { get; }

    /// <summary>Gets the loss-aversion coefficient.</summary>
    /// <value>A number of at least 1; 2.25 for <see cref="Default"/>.</value>
    public double Lambda { get; }

    /// <summary>Evaluates the value function.</summary>
    /// <param name="x">The normalised gain (positive) or loss (negative).</param>
    /// <returns>The felt value of <paramref name="x"/>; <see cref="double.NaN"/> when <paramref name="x"/> is NaN.</returns>
    public double Evaluate(double x)
        => x >= 0 ? Math.Pow(x, Alpha) : -Lambda * Math.Pow(-x, Beta);

    /// <summary>Rejects <c>default(ProspectValueFunction)</c>, whose parameters are all 0 and never valid.</summary>
    internal static void ThrowIfUninitialized(in ProspectValueFunction value, string parameterName)
    {
        if (value.Lambda == 0)
        {
            throw new ArgumentException("The value function is the uninitialised default of the struct; use ProspectValueFunction.Default or the constructor.", parameterName);
        }
    }

    /// <inheritdoc/>
    public bool Equals(ProspectValueFunction other)
        => Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && Lambda.Equals(other.Lambda);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProspectValueFunction other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta, Lambda);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"v(x): α={Alpha}, β={Beta}, λ={Lambda}");

    /// <summary>Determines whether two value functions have the same parameters.</summary>
    /// <param name="left">The first value function.</param>
    /// <param name="right">The second value function.</param>
    /// <returns><see langword="true"/> when all parameters are equal.</returns>
    public static bool operator ==(ProspectValueFunction left, ProspectValueFunction right) => left.Equals(right);

    /// <summary>Determines whether two value functions differ in any parameter.</summary>
    /// <param name="left">The first value function.</param>
    /// <param name="right">The second value function.</param>
    /// <returns><see langword="true"/> when any parameter differs.</returns>
    public static bool operator !=(ProspectValueFunction left, ProspectValueFunction right) => !left.Equals(right);
}
