namespace CxScoring.Surveys;

/// <summary>Standard normal distribution helpers for the interval estimates and tests of the survey instruments.</summary>
internal static class SurveyStatistics
{
    /// <summary>The complementary error function, erfc(x), with fractional error below 1.2e-7 (Chebyshev fit,
    /// Numerical Recipes 2nd ed. §6.2).</summary>
    public static double Erfc(double x)
    {
        ReadOnlySpan<double> coefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = Horner(coefficients, t);
        var ans = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    /// <summary>The standard normal cumulative distribution Φ(x).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2.0));

    /// <summary>The standard normal quantile Φ⁻¹(p) for p in (0, 1) (Acklam's rational approximation, relative
    /// error below 1.15e-9).</summary>
    public static double NormalQuantile(double p)
    {
        const double PLow = 0.02425;
        ReadOnlySpan<double> a = [2.506628277459239e+00, -3.066479806614716e+01, 1.383577518672690e+02, -2.759285104469687e+02, 2.209460984245205e+02, -3.969683028665376e+01];
        ReadOnlySpan<double> b = [1, -1.328068155288572e+01, 6.680131188771972e+01, -1.556989798598866e+02, 1.615858368580409e+02, -5.447609879822406e+01];
        ReadOnlySpan<double> c = [2.938163982698783e+00, 4.374664141464968e+00, -2.549732539343734e+00, -2.400758277161838e+00, -3.223964580411365e-01, -7.784894002430293e-03];
        ReadOnlySpan<double> d = [1, 3.754408661907416e+00, 2.445134137142996e+00, 3.224671290700398e-01, 7.784695709041462e-03];

        if (p < PLow)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Horner(c, q) / Horner(d, q);
        }

        if (p > 1 - PLow)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Horner(c, q) / Horner(d, q);
        }

        var r = p - 0.5;
        var s = r * r;
        return Horner(a, s) * r / Horner(b, s);
    }

    /// <summary>Evaluates Σ coefficients[i]·xⁱ.</summary>
    private static double Horner(ReadOnlySpan<double> coefficients, double x)
    {
        var result = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (result * x) + coefficients[i];
        }

        return result;
    }
}
