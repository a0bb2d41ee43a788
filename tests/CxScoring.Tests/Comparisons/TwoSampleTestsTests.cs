using CxScoring.Comparisons;
using FsCheck;
using FsCheck.Xunit;

namespace CxScoring.Tests.Comparisons;

/// <summary>The tests of two samples against the published worked examples listed in <c>docs/sources.md</c>, and their laws.</summary>
public class TwoSampleTestsTests
{
    /// <summary>
    /// NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.5.3 "Two-Sample t-Test for Equal Means", AUTO83B data
    /// (miles per gallon, US cars n = 249, mean 20.14458, sd 6.41470; Japanese cars n = 79, mean 30.48101, sd 6.10771):
    /// unequal variances T = −12.94627, ν = 136.8750; equal variances (pooled) T = −12.62059 with 326 degrees of freedom.
    /// </summary>
    [Fact]
    public void Welch_NistAuto83b_ReproducesHandbook()
    {
        var welch = TwoSampleTests.Welch(249, 20.14458, 6.41470 * 6.41470, 79, 30.48101, 6.10771 * 6.10771);
        Assert.Equal(-12.94627, welch.T, 5);
        Assert.Equal(136.8750, welch.DegreesOfFreedom, 4);
        Assert.True(welch.PValue < 1e-24, $"p = {welch.PValue}");

        // The handbook's pooled statistic from the same summary, as a check on the reading of its figures.
        var pooled = Math.Sqrt(((248 * 6.41470 * 6.41470) + (78 * 6.10771 * 6.10771)) / 326);
        Assert.Equal(-12.62059, (20.14458 - 30.48101) / (pooled * Math.Sqrt((1.0 / 249) + (1.0 / 79))), 5);
    }

    /// <summary>
    /// Newcombe (1998), "Interval estimation for the difference between independent proportions: comparison of eleven
    /// methods", Statistics in Medicine 17, 873–890, Table II, example (a) 56/70 − 48/80: difference 0.2000, method 10
    /// (hybrid score interval, no continuity correction) 0.0524 to 0.3339.
    /// </summary>
    [Fact]
    public void NewcombeInterval_Newcombe1998ExampleA_ReproducesMethod10()
    {
        var (lower, upper) = TwoSampleTests.NewcombeInterval(56, 70, 48, 80, 1.959963984540054);
        Assert.Equal(0.0524, lower, 4);
        Assert.Equal(0.3339, upper, 4);
        Assert.Equal(0.2, TwoSampleTests.TwoProportion(56, 70, 48, 80).Difference, 12);
    }

    /// <summary>
    /// Two-proportion z with the pooled proportion for Newcombe's example (a), 56/70 vs 48/80: p̄ = 104/150,
    /// z = 0.2/√(p̄(1 − p̄)(1/70 + 1/80)) = 2.6501720…, two-sided p = 0.0080451… (worked by hand in docs/sources.md;
    /// the 30-digit values from mpmath 1.3).
    /// </summary>
    [Fact]
    public void TwoProportion_PooledZ_MatchesHandCalculation()
    {
        var test = TwoSampleTests.TwoProportion(56, 70, 48, 80);
        Assert.Equal(2.65017195125853261943928369557, test.Z, 12);
        Assert.Equal(0.00804508136819658473143676269383, test.PValue, 12);
    }

    /// <summary>
    /// Benjamini &amp; Hochberg (1995), "Controlling the false discovery rate: a practical and powerful approach to multiple
    /// testing", J. R. Statist. Soc. B 57(1), 289–300, §4.1: the 15 p-values of the example; at q* = 0.05 the procedure
    /// rejects the four smallest (p ≤ 0.0095), where Bonferroni rejects three.
    /// </summary>
    [Fact]
    public void BenjaminiHochberg_Paper1995Example_RejectsFourSmallest()
    {
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        var q = TwoSampleTests.BenjaminiHochberg(p);
        Assert.Equal(4, q.Count(v => v <= 0.05));
        Assert.All(q.Take(4), v => Assert.True(v <= 0.05));
        double[] expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0298 * 15 / 7, 0.0298 * 15 / 7, 0.0645, 0.0765, 0.486, 0.4262 * 15 / 11, 0.714875, 0.6528 * 15 / 13, 0.759 * 15 / 14, 1];
        for (var i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], q[i], 12);
        }

        Assert.Equal(q, TwoSampleTests.BenjaminiHochberg(p.Reverse().ToArray()).Reverse());
    }

    [Property(MaxTest = 200)]
    public void BenjaminiHochberg_QValues_AtLeastPMonotoneAndAtMostOne(int seed, PositiveInt count)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, (count.Get % 60) + 1).Select(_ => random.Next(4) == 0 ? random.Next(3) / 2.0 : random.NextDouble()).ToArray();
        var q = TwoSampleTests.BenjaminiHochberg(p);
        for (var i = 0; i < p.Length; i++)
        {
            Assert.InRange(q[i], p[i], 1);
            for (var j = 0; j < p.Length; j++)
            {
                Assert.True(p[i] > p[j] || q[i] <= q[j], $"p {p[i]} ≤ p {p[j]} but q {q[i]} > q {q[j]}");
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Welch_PValueInUnitIntervalAndAntisymmetric(PositiveInt n1, PositiveInt n2, NormalFloat mean1, NormalFloat mean2, PositiveInt sd1, PositiveInt sd2)
    {
        long a = (n1.Get % 5000) + 2, b = (n2.Get % 5000) + 2;
        double m1 = Math.Clamp(mean1.Get, -1, 1), m2 = Math.Clamp(mean2.Get, -1, 1);
        double v1 = Math.Pow(sd1.Get % 1000 / 1000.0, 2), v2 = Math.Pow((sd2.Get % 1000) / 1000.0, 2) + 1e-6;
        var forward = TwoSampleTests.Welch(a, m1, v1, b, m2, v2);
        var backward = TwoSampleTests.Welch(b, m2, v2, a, m1, v1);
        Assert.InRange(forward.PValue, 0, 1);
        Assert.Equal(-forward.T, backward.T);
        Assert.Equal(forward.PValue, backward.PValue);
        Assert.Equal(forward.DegreesOfFreedom, backward.DegreesOfFreedom);
        Assert.InRange(forward.DegreesOfFreedom, Math.Min(a, b) - 1 - 1e-9, a + b - 2 + 1e-9);
        Assert.Equal(-TwoSampleTests.HedgesG(a, m1, v1, b, m2, v2), TwoSampleTests.HedgesG(b, m2, v2, a, m1, v1));
    }

    [Property(MaxTest = 300)]
    public void TwoProportion_PValueInUnitIntervalAndIntervalHoldsDifference(PositiveInt n1, PositiveInt n2, NonNegativeInt x1, NonNegativeInt x2)
    {
        long a = (n1.Get % 10_000) + 1, b = (n2.Get % 10_000) + 1;
        long s1 = x1.Get % (a + 1), s2 = x2.Get % (b + 1);
        var test = TwoSampleTests.TwoProportion(s1, a, s2, b);
        if (s1 + s2 > 0 && s1 + s2 < a + b)
        {
            Assert.InRange(test.PValue, 0, 1);
            Assert.Equal(test.PValue, TwoSampleTests.TwoProportion(s2, b, s1, a).PValue);
        }

        var (lower, upper) = TwoSampleTests.NewcombeInterval(s1, a, s2, b, 1.959963984540054);
        Assert.InRange(test.Difference, lower - 1e-12, upper + 1e-12);
        Assert.InRange(lower, -1 - 1e-12, 1);
        Assert.InRange(upper, -1, 1 + 1e-12);
        var (swappedLower, swappedUpper) = TwoSampleTests.NewcombeInterval(s2, b, s1, a, 1.959963984540054);
        Assert.Equal(-upper, swappedLower);
        Assert.Equal(-lower, swappedUpper);
    }
}
