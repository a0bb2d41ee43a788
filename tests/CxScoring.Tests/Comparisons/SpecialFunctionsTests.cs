using CxScoring.Comparisons;

namespace CxScoring.Tests.Comparisons;

/// <summary>
/// The distributions against 30-digit reference values computed with mpmath 1.3 (betainc regularized, erfc, ncdf):
/// relative error at most 1e-10, as <c>docs/comparisons.md</c> promises.
/// </summary>
public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(2.0, 10.0, 0.073388034770740365618)]
    [InlineData(1.5, 3.7, 0.21359816920201353416)]
    [InlineData(-12.94627, 136.875, 1.5708802614756729159e-25)]
    [InlineData(3.0, 1_000_000.0, 0.0026998625414217970587)]
    [InlineData(0.5, 25_000_000.0, 0.61707508185279035005)]
    [InlineData(40.0, 5.0, 1.8411962171772954355e-7)]
    [InlineData(0.001, 30.0, 0.99920873576648509013)]
    public void StudentTTwoSidedP_ReferenceValues_Within1e10Relative(double t, double df, double expected)
        => AssertRelative(expected, StudentT.TwoSidedP(t, df), 1e-10);

    [Fact]
    public void StudentTCdf_IsSymmetricAndHalfAtZero()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 7.5), 15);
        Assert.Equal(1, StudentT.Cdf(2, 10) + StudentT.Cdf(-2, 10), 14);
        AssertRelative(0.073388034770740365618 / 2, StudentT.Cdf(-2, 10), 1e-10);
        Assert.Equal(1.0, StudentT.TwoSidedP(0, 42.5));
    }

    [Theory]
    [InlineData(0.5, 0.47950012218695346232)]
    [InlineData(3.0, 0.000022090496998585441373)]
    [InlineData(10.0, 2.088487583762544757e-45)]
    [InlineData(-1.0, 1.8427007929497148693)]
    public void Erfc_ReferenceValues_Within1e12Relative(double x, double expected)
        => AssertRelative(expected, SpecialFunctions.Erfc(x), 1e-12);

    [Fact]
    public void StandardNormal_CdfAndQuantile_MatchReferenceValues()
    {
        AssertRelative(0.066807201268858066004, StandardNormal.Cdf(-1.5), 1e-12);
        Assert.Equal(1.0, StandardNormal.TwoSidedP(0));

        // Φ⁻¹(0.975) and Φ⁻¹(0.995), the usual 95 % and 99 % two-sided critical values.
        Assert.Equal(1.959963984540054, StandardNormal.Quantile(0.975), 12);
        Assert.Equal(2.5758293035489004, StandardNormal.Quantile(0.995), 12);
        Assert.Equal(-2.3263478740408408, StandardNormal.Quantile(0.01), 12);
    }

    [Fact]
    public void HedgesCorrection_ExactGammaRatio()
    {
        // J(2) = Γ(1)/(1·Γ(½)) = 1/√π; J(10) = Γ(5)/(√5·Γ(4.5)) = 0.9227456…, near the approximation 1 − 3/(4ν − 1).
        Assert.Equal(1 / Math.Sqrt(Math.PI), TwoSampleTests.HedgesCorrection(2), 14);
        Assert.Equal(0.92274560805308710336, TwoSampleTests.HedgesCorrection(10), 13);
        Assert.Equal(1 - (3.0 / 399), TwoSampleTests.HedgesCorrection(100), 5);
        Assert.Equal(1 - (3.0 / 3_999_999), TwoSampleTests.HedgesCorrection(1_000_000), 12);
    }

    [Fact]
    public void LogGamma_MatchesFactorialsAndLargeArguments()
    {
        Assert.Equal(Math.Log(120), SpecialFunctions.LogGamma(6), 13);
        Assert.Equal(SpecialFunctions.LogSqrtPi, SpecialFunctions.LogGamma(0.5), 14);
        Assert.Equal(SpecialFunctions.LogGamma(25.5) - SpecialFunctions.LogGamma(25), SpecialFunctions.LogGammaRatio(25, 0.5), 12);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
