using CxScoring.Gaps;
using FsCheck;
using FsCheck.Xunit;

namespace CxScoring.Tests.Gaps;

public class ProspectValueFunctionTests
{
    // Tversky & Kahneman 1992 parameters; vectors from docs/sources.md, "Prospect value function".
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(-1.0, -2.25)]
    [InlineData(10.0, 7.585776)]
    [InlineData(-10.0, -17.067995)]
    [InlineData(0.5, 0.543367)]
    [InlineData(0.0, 0.0)]
    public void Evaluate_PublishedVectors_MatchTverskyKahneman1992(double x, double expected)
        => Assert.Equal(expected, ProspectValueFunction.Default.Evaluate(x), 6);

    [Theory]
    [InlineData(0.0, 0.88, 2.25, "alpha")]
    [InlineData(1.5, 0.88, 2.25, "alpha")]
    [InlineData(double.NaN, 0.88, 2.25, "alpha")]
    [InlineData(0.88, 0.0, 2.25, "beta")]
    [InlineData(0.88, 0.88, 0.5, "lambda")]
    [InlineData(0.88, 0.88, double.PositiveInfinity, "lambda")]
    public void Constructor_ParameterOutOfRange_ThrowsNamingIt(double alpha, double beta, double lambda, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ProspectValueFunction(alpha, beta, lambda));
        Assert.Equal(name, ex.ParamName);
    }

    [Property]
    public void Evaluate_EqualCurvatures_LossIsLambdaTimesMirroredGain(NormalFloat x)
    {
        var value = Math.Abs(x.Get) % 1000;
        var v = ProspectValueFunction.Default;
        Assert.Equal(-v.Lambda * v.Evaluate(value), v.Evaluate(-value), 9);
    }

    [Property]
    public void Evaluate_IsMonotone(NormalFloat a, NormalFloat b)
    {
        var (lo, hi) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        Assert.True(ProspectValueFunction.Default.Evaluate(lo) <= ProspectValueFunction.Default.Evaluate(hi));
    }

    [Fact]
    public void Equality_SameParameters_EqualAndSameHash()
    {
        var a = new ProspectValueFunction(0.88, 0.88, 2.25);
        Assert.Equal(ProspectValueFunction.Default, a);
        Assert.True(a == ProspectValueFunction.Default);
        Assert.Equal(ProspectValueFunction.Default.GetHashCode(), a.GetHashCode());
        Assert.NotEqual(new ProspectValueFunction(0.5, 0.88, 2.25), a);
    }

    [Fact]
    public void Constructor_UpperAndLowerBounds_AreAccepted()
    {
        // α = β = 1 (a linear value function) and λ = 1 (no loss aversion) are inside the allowed ranges.
        var linear = new ProspectValueFunction(1, 1, 1);
        Assert.Equal(0.5, linear.Evaluate(0.5));
        Assert.Equal(-0.5, linear.Evaluate(-0.5));
    }

    [Fact]
    public void Evaluate_Zero_IsPositiveZero()
        => Assert.False(double.IsNegative(ProspectValueFunction.Default.Evaluate(0.0))); // so that reports never print −0

    [Fact]
    public void Equality_ComparesEveryParameter()
    {
        var v = new ProspectValueFunction(0.88, 0.88, 2.25);
        Assert.True(v == ProspectValueFunction.Default);
        Assert.False(v != ProspectValueFunction.Default);
        Assert.True(v != new ProspectValueFunction(0.8, 0.88, 2.25));
        Assert.True(v != new ProspectValueFunction(0.88, 0.8, 2.25));
        Assert.True(v != new ProspectValueFunction(0.88, 0.88, 2));
    }

    [Fact]
    public void Messages_NameTheRule()
    {
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new ProspectValueFunction(2, 0.88, 2.25)).Message, StringComparison.Ordinal);
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new ProspectValueFunction(0.88, 2, 2.25)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new ProspectValueFunction(0.88, 0.88, 0.5)).Message, StringComparison.Ordinal);
    }
}
