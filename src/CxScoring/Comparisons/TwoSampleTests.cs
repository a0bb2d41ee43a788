using System.Diagnostics;

namespace CxScoring.Comparisons;

/// <summary>Welch's t-test of two means from summary statistics.</summary>
/// <param name="Difference">mean₁ − mean₂.</param>
/// <param name="StandardError">√(s₁²/n₁ + s₂²/n₂).</param>
/// <param name="T">Difference / StandardError.</param>
/// <param name="DegreesOfFreedom">The Welch–Satterthwaite degrees of freedom.</param>
/// <param name="PValue">The two-sided p-value from Student's t with those degrees of freedom.</param>
internal readonly record struct WelchResult(double Difference, double StandardError, double T, double DegreesOfFreedom, double PValue);

/// <summary>The two-proportion z-test with the pooled proportion.</summary>
/// <param name="Difference">p₁ − p₂.</param>
/// <param name="Z">The z statistic.</param>
/// <param name="PValue">The two-sided p-value from the standard normal.</param>
internal readonly record struct ProportionTestResult(double Difference, double Z, double PValue);

/// <summary>
/// Two-sample tests and intervals from counts, means and variances: the formulas of <c>docs/comparisons.md</c>, each
/// with its source.
/// </summary>
/// <remarks>Pure functions; safe from any number of threads.</remarks>
internal static class TwoSampleTests
{
    /// <summary>
    /// Welch's (1947) t-test for unequal variances: t = (m₁ − m₂)/√(s₁²/n₁ + s₂²/n₂), ν = (s₁²/n₁ + s₂²/n₂)² /
    /// ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)) (Welch 1947; Satterthwaite 1946), two-sided p from Student's t.
    /// </summary>
    /// <param name="n1">Size of sample 1, at least 2.</param>
    /// <param name="mean1">Mean of sample 1.</param>
    /// <param name="variance1">Sample (n − 1) variance of sample 1.</param>
    /// <param name="n2">Size of sample 2, at least 2.</param>
    /// <param name="mean2">Mean of sample 2.</param>
    /// <param name="variance2">Sample (n − 1) variance of sample 2.</param>
    /// <returns>The test; T, ν and p are NaN when both variances are 0.</returns>
    public static WelchResult Welch(long n1, double mean1, double variance1, long n2, double mean2, double variance2)
    {
        Debug.Assert(n1 >= 2 && n2 >= 2, "Each sample has at least two observations.");
        var a = variance1 / n1;
        var b = variance2 / n2;
        var difference = mean1 - mean2;
        var se2 = a + b;
        if (!(se2 > 0))
        {
            return new WelchResult(difference, 0, double.NaN, double.NaN, double.NaN);
        }

        var se = Math.Sqrt(se2);
        var t = difference / se;
        var df = se2 * se2 / ((a * a / (n1 - 1)) + (b * b / (n2 - 1)));
        return new WelchResult(difference, se, t, df, StudentT.TwoSidedP(t, df));
    }

    /// <summary>
    /// Hedges' g: the standardized mean difference (m₁ − m₂)/s_pooled, s_pooled² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2),
    /// times the exact small-sample correction J(ν) = Γ(ν/2)/(√(ν/2) Γ((ν − 1)/2)), ν = n₁ + n₂ − 2 (Hedges 1981),
    /// which is about 1 − 3/(4ν − 1).
    /// </summary>
    /// <returns>g; NaN when the pooled variance is 0.</returns>
    public static double HedgesG(long n1, double mean1, double variance1, long n2, double mean2, double variance2)
    {
        Debug.Assert(n1 >= 2 && n2 >= 2, "Each sample has at least two observations.");
        var df = (double)(n1 + n2 - 2);
        var pooled = (((n1 - 1) * variance1) + ((n2 - 1) * variance2)) / df;
        if (!(pooled > 0))
        {
            return double.NaN;
        }

        return HedgesCorrection(df) * (mean1 - mean2) / Math.Sqrt(pooled);
    }

    /// <summary>Hedges' (1981) exact correction J(ν) = Γ(ν/2)/(√(ν/2) Γ((ν − 1)/2)) for ν &gt; 1.</summary>
    public static double HedgesCorrection(double degreesOfFreedom)
    {
        Debug.Assert(degreesOfFreedom > 1, "The correction needs ν > 1.");
        var half = (degreesOfFreedom - 1) / 2;
        return Math.Exp(SpecialFunctions.LogGammaRatio(half, 0.5)) / Math.Sqrt(degreesOfFreedom / 2);
    }

    /// <summary>
    /// The two-proportion z-test with the pooled proportion p̄ = (x₁ + x₂)/(n₁ + n₂):
    /// z = (p₁ − p₂)/√(p̄(1 − p̄)(1/n₁ + 1/n₂)), two-sided p from the standard normal.
    /// </summary>
    /// <returns>The test; z and p are NaN when the pooled proportion is 0 or 1.</returns>
    public static ProportionTestResult TwoProportion(long x1, long n1, long x2, long n2)
    {
        Debug.Assert(n1 > 0 && n2 > 0 && x1 >= 0 && x1 <= n1 && x2 >= 0 && x2 <= n2, "Counts within their samples.");
        var p1 = (double)x1 / n1;
        var p2 = (double)x2 / n2;
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var variance = pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2));
        var difference = p1 - p2;
        if (!(variance > 0))
        {
            return new ProportionTestResult(difference, double.NaN, double.NaN);
        }

        var z = difference / Math.Sqrt(variance);
        return new ProportionTestResult(difference, z, StandardNormal.TwoSidedP(z));
    }

    /// <summary>
    /// Wilson's (1927) score interval for one proportion x/n, without continuity correction:
    /// (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)) (Newcombe 1998, method 3).
    /// </summary>
    public static (double Lower, double Upper) Wilson(long x, long n, double z)
    {
        Debug.Assert(n > 0 && x >= 0 && x <= n, "Count within its sample.");
        var p = (double)x / n;
        var z2 = z * z;
        var centre = (2 * x) + z2;
        var half = z * Math.Sqrt(z2 + (4 * x * (1 - p)));
        var denominator = 2 * (n + z2);
        return (Math.Max(0, (centre - half) / denominator), Math.Min(1, (centre + half) / denominator));
    }

    /// <summary>
    /// Newcombe's (1998) hybrid score interval for p₁ − p₂ (method 10): with Wilson limits (l₁, u₁) and (l₂, u₂),
    /// δ = √((p₁ − l₁)² + (u₂ − p₂)²), ε = √((u₁ − p₁)² + (p₂ − l₂)²), interval (p₁ − p₂ − δ, p₁ − p₂ + ε).
    /// </summary>
    /// <param name="x1">Successes in sample 1.</param>
    /// <param name="n1">Size of sample 1.</param>
    /// <param name="x2">Successes in sample 2.</param>
    /// <param name="n2">Size of sample 2.</param>
    /// <param name="z">The standard-normal quantile of the confidence level (1.959964 for 95 %).</param>
    public static (double Lower, double Upper) NewcombeInterval(long x1, long n1, long x2, long n2, double z)
    {
        var p1 = (double)x1 / n1;
        var p2 = (double)x2 / n2;
        var (l1, u1) = Wilson(x1, n1, z);
        var (l2, u2) = Wilson(x2, n2, z);
        var difference = p1 - p2;
        var delta = Math.Sqrt(((p1 - l1) * (p1 - l1)) + ((u2 - p2) * (u2 - p2)));
        var epsilon = Math.Sqrt(((u1 - p1) * (u1 - p1)) + ((p2 - l2) * (p2 - l2)));
        return (difference - delta, difference + epsilon);
    }

    /// <summary>
    /// Benjamini–Hochberg (1995) adjusted p-values (q-values) for m tests: with p₍₁₎ ≤ … ≤ p₍ₘ₎,
    /// q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎/j), the step-up procedure made monotone; rejecting every test with q ≤ α
    /// is the BH procedure at false discovery rate α.
    /// </summary>
    /// <param name="pValues">The p-values, each in [0, 1].</param>
    /// <returns>The q-values, in the order of <paramref name="pValues"/>.</returns>
    public static double[] BenjaminiHochberg(ReadOnlySpan<double> pValues)
    {
        var m = pValues.Length;
        var order = new int[m];
        var sorted = new double[m];
        for (var i = 0; i < m; i++)
        {
            Debug.Assert(pValues[i] >= 0 && pValues[i] <= 1, "p-values lie in [0, 1].");
            order[i] = i;
            sorted[i] = pValues[i];
        }

        Array.Sort(sorted, order);
        var q = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            running = Math.Min(running, Math.Min(1, m * sorted[rank - 1] / rank));
            // m/rank ≥ 1, so q ≥ p exactly; the Max only undoes the rounding of m·p/m.
            q[order[rank - 1]] = Math.Max(sorted[rank - 1], running);
        }

        return q;
    }
}
