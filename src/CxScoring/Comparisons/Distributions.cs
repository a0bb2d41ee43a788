namespace CxScoring.Comparisons;

/// <summary>Student's t distribution with ν degrees of freedom (ν &gt; 0, not necessarily whole: Welch's ν is not).</summary>
/// <remarks>Pure functions; safe from any number of threads.</remarks>
internal static class StudentT
{
    /// <summary>
    /// The two-sided p-value P(|T| ≥ |t|) = I_{ν/(ν + t²)}(ν/2, ½) (Abramowitz &amp; Stegun 26.7.1 with 26.5.27),
    /// computed directly so that small p-values keep their relative precision.
    /// </summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var t2 = t * t;
        var x = degreesOfFreedom / (degreesOfFreedom + t2);
        var y = t2 / (degreesOfFreedom + t2);
        return Math.Clamp(SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x, y), 0, 1);
    }

    /// <summary>The cumulative distribution function P(T ≤ t).</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var tail = TwoSidedP(t, degreesOfFreedom) / 2;
        return t < 0 ? tail : 1 - tail;
    }
}

/// <summary>The standard normal distribution.</summary>
/// <remarks>Pure functions; safe from any number of threads.</remarks>
internal static class StandardNormal
{
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    /// <summary>Φ(z) = ½ erfc(−z/√2).</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>The two-sided p-value P(|Z| ≥ |z|) = erfc(|z|/√2).</summary>
    public static double TwoSidedP(double z) => double.IsNaN(z) ? double.NaN : Math.Clamp(SpecialFunctions.Erfc(Math.Abs(z) / Sqrt2), 0, 1);

    /// <summary>
    /// The quantile Φ⁻¹(p) for 0 &lt; p &lt; 1: P. J. Acklam's rational approximation (relative error below 1.15e-9), refined
    /// by one step of Halley's method on <see cref="Cdf"/>, which brings it to double precision.
    /// </summary>
    public static double Quantile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = Tail(q);
        }
        else if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -Tail(q);
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((((-3.969683028665376e+01 * r) + 2.209460984245205e+02) * r) - 2.759285104469687e+02) * r) + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r
                + 2.506628277459239e+00;
            x = x * q / ((((((((-5.447609879822406e+01 * r) + 1.615858368580409e+02) * r) - 1.556989798598866e+02) * r) + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }

        // Halley: e = Φ(x) − p, u = e·√(2π)·exp(x²/2), x ← x − u/(1 + x·u/2).
        var e = Cdf(x) - p;
        var u = e * SqrtTwoPi * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));

        static double Tail(double q)
            => ((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q) - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q
                + 2.938163982698783e+00)
               / ((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
    }
}
