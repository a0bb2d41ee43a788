namespace CxScoring.Journeys.Dynamics;

/// <summary>
/// The adaptive-expectation rule E(t+1) = E(t) + λ·(x(t) − E(t)), 0 &lt; λ &lt; 1: after each experience the expectation
/// moves a fraction λ of the way towards what was delivered (adaptive expectations, as used for service expectations
/// in DOMAIN.md §3; an asymmetric pair of rates models "a wow raises the bar").
/// </summary>
/// <remarks>All members are pure functions and safe to call from any number of threads.</remarks>
public static class AdaptiveExpectation
{
    /// <summary>Computes the next expectation.</summary>
    /// <param name="current">The current expectation E(t).</param>
    /// <param name="observed">The delivered value x(t).</param>
    /// <param name="rate">The adaptation rate λ, in [0, 1].</param>
    /// <returns>E(t + 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="rate"/> is outside [0, 1] or a value is not finite.</exception>
    public static double Next(double current, double observed, double rate)
    {
        if (!double.IsFinite(current))
        {
            throw new ArgumentOutOfRangeException(nameof(current), current, "The expectation must be a finite number.");
        }

        if (!double.IsFinite(observed))
        {
            throw new ArgumentOutOfRangeException(nameof(observed), observed, "The delivered value must be a finite number.");
        }

        RequireRate(rate, nameof(rate));
        return current + (rate * (observed - current));
    }

    internal static void RequireRate(double rate, string parameterName)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, rate, "An adaptation rate λ must lie in [0, 1].");
        }
    }
}
