using CxScoring.Gaps;
using CxScoring.Model;
using FsCheck.Xunit;

namespace CxScoring.Tests.Gaps;

public class GapCalculatorTests
{
    private const double Tolerance = 1e-9;

    private static readonly Measure NinePoint = Measure.Rating("service", 9, scale: 8);

    // Zone of tolerance on a 9-point scale, adequate 5, desired 8 (docs/sources.md, "Zone of tolerance"; PZB 1994 three-column format).
    [Theory]
    [InlineData(4.0, Zone.Below)]
    [InlineData(5.0, Zone.Within)]
    [InlineData(8.0, Zone.Within)]
    [InlineData(9.0, Zone.Above)]
    public void Calculate_NinePointZoneVectors_ClassifyAsPublished(double perceived, Zone expected)
        => Assert.Equal(expected, GapCalculator.Calculate(NinePoint.Axis, perceived, 5, 5, 8).Zone);

    [Fact]
    public void Calculate_LowerIsBetterDuration_GapsMatchFormulas()
    {
        // Promise 48 h, customers accept 50 h, hope for 24 h; delivered in 60 h; a full gap is 24 h.
        var measure = Measure.Duration("reply", NodaTime.Duration.FromHours(24));
        var h = 3600.0;
        var result = GapCalculator.Calculate(measure.Axis, 60 * h, 48 * h, 50 * h, 24 * h);
        Assert.Equal(-0.5, result.PromiseGap, 12);
        Assert.Equal(2.0 / 24, result.SettingGap, 12); // the letter (48 h) is stricter than the adequate 50 h
        Assert.Equal(-10.0 / 24, result.Adequacy, 12);
        Assert.Equal(-36.0 / 24, result.Superiority, 12);
        Assert.Equal(Zone.Below, result.Zone);
        Assert.Equal(-10.0 / 24, result.Score, 12);
        Assert.False(result.PromiseKept);
        Assert.Equal(ProspectValueFunction.Default.Evaluate(-10.0 / 24), result.FeltValue, 12);
    }

    [Fact]
    public void Calculate_PromiseKeptToTheLetterButBelowExpectation_ShowsNegativeSettingGap()
    {
        // "We reply within 5 days" kept (4 days), but customers took it to mean 2 days.
        var measure = Measure.Duration("letter-reply", NodaTime.Duration.FromDays(2));
        var d = 86400.0;
        var result = GapCalculator.Calculate(measure.Axis, 4 * d, 5 * d, 2 * d, 1 * d);
        Assert.True(result.PromiseKept);
        Assert.Equal(Zone.Below, result.Zone);
        Assert.True(result.SettingGap < 0);
    }

    [Fact]
    public void Calculate_NearerToTarget_UsesDistanceFromTarget()
    {
        var measure = Measure.Money("bill-error", "EUR", 10);
        var over = GapCalculator.Calculate(measure.Axis, 15, 0, 5, 0);
        var under = GapCalculator.Calculate(measure.Axis, -15, 0, 5, 0);
        Assert.Equal(over, under);
        Assert.Equal(-1.0, over.Adequacy, 12);
        Assert.Equal(Zone.Below, over.Zone);
    }

    [Fact]
    public void Calculate_NearerToNonZeroTarget_LevelsAreAbsoluteValues()
    {
        // Room at 21 °C: customers accept 26 (within 5), hope for 22 (within 1); delivered 17 is 4 away.
        var measure = Measure.Count("temperature", 5, Polarity.NearerToTargetIsBetter, "°C", target: 21);
        var result = GapCalculator.Calculate(measure.Axis, 17, 21, 26, 22);
        Assert.Equal(4, result.Delivered);
        Assert.Equal(5, result.Adequate);
        Assert.Equal(1, result.Desired);
        Assert.Equal(0.2, result.Adequacy, 12);
        Assert.Equal(Zone.Within, result.Zone);
    }

    [Fact]
    public void Calculate_DefaultValueFunctionStruct_Throws()
        => Assert.Equal("feltValue", Assert.Throws<ArgumentException>(() => GapCalculator.Calculate(NinePoint.Axis, 5, 5, 5, 8, default(ProspectValueFunction))).ParamName);

    [Fact]
    public void Calculate_InvertedZone_ThrowsNamingDesired()
    {
        var ex = Assert.Throws<ArgumentException>(() => GapCalculator.Calculate(NinePoint.Axis, 5, 5, 8, 5));
        Assert.Equal("desired", ex.ParamName);
        Assert.Contains("worse than the adequate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1, 1, 1, "delivered")]
    [InlineData(1, double.PositiveInfinity, 1, 1, "promised")]
    [InlineData(1, 1, double.NaN, 1, "adequate")]
    [InlineData(1, 1, 1, double.NegativeInfinity, "desired")]
    public void Calculate_NonFinite_ThrowsNamingParameter(double delivered, double promised, double adequate, double desired, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GapCalculator.Calculate(NinePoint.Axis, delivered, promised, adequate, desired));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Calculate_DefaultAxis_ThrowsNamingParameter()
        => Assert.Equal("axis", Assert.Throws<ArgumentException>(() => GapCalculator.Calculate(default, 1, 1, 1, 1)).ParamName);

    [Fact]
    public void Calculate_AxisFromLevelsOnly_EqualsTheMeasuresAxis()
    {
        var measure = Measure.Count("transfers", 2, Polarity.NearerToTargetIsBetter, target: 1);
        var axis = new GapAxis(Polarity.NearerToTargetIsBetter, 2, 1);
        Assert.Equal(axis, measure.Axis);
        Assert.Equal(GapCalculator.Calculate(measure.Axis, 4, 2, 3, 1), GapCalculator.Calculate(axis, 4, 2, 3, 1));
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 0.0, null, "scale")]
    [InlineData(Polarity.HigherIsBetter, double.PositiveInfinity, null, "scale")]
    [InlineData(Polarity.HigherIsBetter, 1.0, 3.0, "target")]
    [InlineData(Polarity.NearerToTargetIsBetter, 1.0, null, "target")]
    [InlineData((Polarity)7, 1.0, null, "polarity")]
    public void GapAxis_InvalidArguments_ThrowNamingParameter(Polarity polarity, double scale, double? target, string name)
        => Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => new GapAxis(polarity, scale, target)).ParamName);

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void Calculate_Always_AdequacyIsPromiseGapPlusSettingGap(GapCase c)
    {
        var r = GapCalculator.Calculate(c.Measure.Axis, c.Delivered, c.Promised, c.Adequate, c.Desired);
        Assert.Equal(r.Adequacy, r.PromiseGap + r.SettingGap, Tolerance * Math.Max(1, Math.Abs(r.Adequacy)));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void Calculate_BetterDeliveredValue_NeverLowersAnyGapOrScore(GapCase c, FsCheck.PositiveInt step)
    {
        var m = c.Measure;
        var better = m.Target is { } t
            ? t + ((c.Delivered - t) * 0.5)                       // halfway to the target
            : c.Delivered + (m.Sign * step.Get / 10.0);
        var before = GapCalculator.Calculate(m.Axis, c.Delivered, c.Promised, c.Adequate, c.Desired);
        var after = GapCalculator.Calculate(m.Axis, better, c.Promised, c.Adequate, c.Desired);
        Assert.True(after.PromiseGap >= before.PromiseGap - Tolerance);
        Assert.True(after.Adequacy >= before.Adequacy - Tolerance);
        Assert.True(after.Superiority >= before.Superiority - Tolerance);
        Assert.True(after.Score >= before.Score - Tolerance);
        Assert.True(after.FeltValue >= before.FeltValue - Tolerance);
        Assert.True(after.Zone >= before.Zone);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void Calculate_FlippedPolarityAndNegatedValues_SameResult(GapCase c)
    {
        if (c.Measure.Target is not null)
        {
            return; // nearer-to-target is symmetric by construction; covered by Calculate_NearerToTarget_UsesDistanceFromTarget
        }

        var flipped = Measure.Count("m", c.Measure.Scale, c.Measure.Polarity == Polarity.HigherIsBetter ? Polarity.LowerIsBetter : Polarity.HigherIsBetter, "u");
        var a = GapCalculator.Calculate(c.Measure.Axis, c.Delivered, c.Promised, c.Adequate, c.Desired);
        var b = GapCalculator.Calculate(flipped.Axis, -c.Delivered, -c.Promised, -c.Adequate, -c.Desired);
        Assert.Equal(a.PromiseGap, b.PromiseGap, 12);
        Assert.Equal(a.SettingGap, b.SettingGap, 12);
        Assert.Equal(a.Adequacy, b.Adequacy, 12);
        Assert.Equal(a.Superiority, b.Superiority, 12);
        Assert.Equal(a.Zone, b.Zone);
        Assert.Equal(a.Score, b.Score, 12);
        Assert.Equal(a.FeltValue, b.FeltValue, 12);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void Calculate_Always_ZoneAgreesWithSignsAndScoreIsBounded(GapCase c)
    {
        var r = GapCalculator.Calculate(c.Measure.Axis, c.Delivered, c.Promised, c.Adequate, c.Desired);
        Assert.InRange(r.Score, -1.0, 1.0);
        switch (r.Zone)
        {
            case Zone.Below:
                Assert.True(r.Adequacy < 0);
                Assert.True(r.Score < 0);
                break;
            case Zone.Above:
                Assert.True(r.Superiority > 0 && r.Adequacy >= 0);
                Assert.True(r.Score > 0);
                break;
            default:
                Assert.True(r.Adequacy >= 0 && r.Superiority <= 0);
                Assert.Equal(0.0, r.Score);
                Assert.Equal(0.0, r.FeltValue);
                break;
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 200)]
    public void Evaluate_EqualCurvatures_LossIsMinusLambdaTimesGain(ProspectValueFunctionCase p, FsCheck.NormalFloat x)
    {
        var v = new ProspectValueFunction(p.Alpha, p.Alpha, p.Lambda); // the law needs α = β; Beta of the case is not used
        var magnitude = Math.Abs(x.Get) % 100;
        Assert.Equal(-p.Lambda * v.Evaluate(magnitude), v.Evaluate(-magnitude), 9);
    }

    [Theory]
    [InlineData(-0.5, 0.0, -0.5)]
    [InlineData(-3.0, -4.0, -1.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(2.0, 0.25, 0.25)]
    [InlineData(5.0, 3.0, 1.0)]
    public void ScoreOf_ClampsToUnitInterval(double adequacy, double superiority, double expected)
        => Assert.Equal(expected, GapCalculator.ScoreOf(adequacy, superiority));

    [Theory]
    [InlineData(-0.1, -1.0, Zone.Below)]
    [InlineData(0.0, 0.0, Zone.Within)]
    [InlineData(0.3, 0.1, Zone.Above)]
    public void ZoneOf_BoundariesBelongToTheZone(double adequacy, double superiority, Zone expected)
        => Assert.Equal(expected, GapCalculator.ZoneOf(adequacy, superiority));
}
