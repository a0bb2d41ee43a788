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
        Assert.Contains("finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_DefaultAxis_ThrowsNamingParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => GapCalculator.Calculate(default, 1, 1, 1, 1));
        Assert.Equal("axis", ex.ParamName);
        Assert.Contains("uninitialised default", ex.Message, StringComparison.Ordinal);
    }

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

    // Hand-worked oracles, independent of the code under test: each gap is worked out on paper from its
    // definition, with scales whose reciprocals are exact so that the expected values are exact too.

    [Theory]
    [InlineData(3.0, -1.0, 0.5, -0.5, -1.5, Zone.Below, -0.5)]   // (3−5)/4 = −0.5 below adequate 5
    [InlineData(6.0, -0.25, 0.5, 0.25, -0.75, Zone.Within, 0.0)]
    [InlineData(10.0, 0.75, 0.5, 1.25, 0.25, Zone.Above, 0.25)]
    public void Calculate_HigherIsBetter_HandWorkedGaps(double delivered, double promiseGap, double settingGap, double adequacy, double superiority, Zone zone, double score)
    {
        // Promised 7, adequate 5, desired 9, a full gap is 4 points: promise gap (D − 7)/4, setting gap (7 − 5)/4 = 0.5.
        var r = GapCalculator.Calculate(new GapAxis(Polarity.HigherIsBetter, 4), delivered, 7, 5, 9);
        AssertGaps(r, delivered, 7, 5, 9, promiseGap, settingGap, adequacy, superiority, zone, score);
    }

    [Theory]
    [InlineData(30.0, -0.75, 0.5, -0.25, -2.25, Zone.Below, -0.25)]
    [InlineData(26.0, -0.25, 0.5, 0.25, -1.75, Zone.Within, 0.0)]
    [InlineData(10.0, 1.75, 0.5, 2.25, 0.25, Zone.Above, 0.25)]
    public void Calculate_LowerIsBetter_HandWorkedGaps(double delivered, double promiseGap, double settingGap, double adequacy, double superiority, Zone zone, double score)
    {
        // Minutes: promised 24, adequate 28, desired 12, a full gap is 8 minutes; s = −1, so promise gap −(D − 24)/8
        // and setting gap −(24 − 28)/8 = 0.5 (the promise is stricter than what customers accept).
        var r = GapCalculator.Calculate(new GapAxis(Polarity.LowerIsBetter, 8), delivered, 24, 28, 12);
        AssertGaps(r, delivered, 24, 28, 12, promiseGap, settingGap, adequacy, superiority, zone, score);
    }

    [Theory]
    [InlineData(24.0, 3.0, -1.0, 0.5, Zone.Within, 0.0)]    // distance 3: −(3 − 1)/2, −(3 − 4)/2
    [InlineData(18.0, 3.0, -1.0, 0.5, Zone.Within, 0.0)]    // the same distance on the other side
    [InlineData(27.0, 6.0, -2.5, -1.0, Zone.Below, -1.0)]   // distance 6: −(6 − 1)/2, −(6 − 4)/2
    [InlineData(21.0, 0.0, 0.5, 2.0, Zone.Above, 0.5)]      // on target: −(0 − 1)/2, −(0 − 4)/2, MSS −(0 − 1)/2
    public void Calculate_NearerToTarget_HandWorkedGaps(double delivered, double distance, double promiseGap, double adequacy, Zone zone, double score)
    {
        // Target 21, a full gap is 2: promised 22 (distance 1), adequate 25 (distance 4), desired 20 (distance 1).
        // Every level becomes its distance and is then lower-is-better: setting gap −(1 − 4)/2 = 1.5.
        var r = GapCalculator.Calculate(new GapAxis(Polarity.NearerToTargetIsBetter, 2, 21), delivered, 22, 25, 20);
        AssertGaps(r, distance, 1, 4, 1, promiseGap, 1.5, adequacy, promiseGap, zone, score);
    }

    [Fact]
    public void Calculate_PromiseGapAndSettingGap_EachFollowTheirOwnLevels()
    {
        // The same delivered value, adequate and desired levels, three promises: the promise gap and the setting gap
        // move in opposite directions, their sum (the adequacy) does not move.
        var axis = new GapAxis(Polarity.HigherIsBetter, 2);
        var strict = GapCalculator.Calculate(axis, 6, 8, 5, 9);
        var exact = GapCalculator.Calculate(axis, 6, 6, 5, 9);
        var lax = GapCalculator.Calculate(axis, 6, 4, 5, 9);
        Assert.Equal((-1.0, 1.5), (strict.PromiseGap, strict.SettingGap));
        Assert.Equal((0.0, 0.5), (exact.PromiseGap, exact.SettingGap));
        Assert.Equal((1.0, -0.5), (lax.PromiseGap, lax.SettingGap));
        Assert.Equal(new[] { 0.5, 0.5, 0.5 }, new[] { strict.Adequacy, exact.Adequacy, lax.Adequacy });
        Assert.False(strict.PromiseKept);
        Assert.True(exact.PromiseKept); // a promise met exactly is kept
        Assert.True(lax.PromiseKept);
    }

    [Fact]
    public void Calculate_NearerToTargetPromise_IsMappedToItsDistance()
    {
        // Target 10, scale 1: promised 13 is 3 away, delivered 12 is 2 away, adequate 15 is 5 away.
        var r = GapCalculator.Calculate(new GapAxis(Polarity.NearerToTargetIsBetter, 1, 10), 12, 13, 15, 10);
        Assert.Equal(3, r.Promised);
        Assert.Equal(1.0, r.PromiseGap);   // −(2 − 3)
        Assert.Equal(2.0, r.SettingGap);   // −(3 − 5)
        Assert.Equal(3.0, r.Adequacy);     // −(2 − 5)
        Assert.Equal(-2.0, r.Superiority); // −(2 − 0)
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, null, 5.0, 8.0, false)]
    [InlineData(Polarity.HigherIsBetter, null, 5.0, 5.0, false)]   // an empty zone is allowed
    [InlineData(Polarity.HigherIsBetter, null, 8.0, 5.0, true)]
    [InlineData(Polarity.HigherIsBetter, null, 5.0, 4.999, true)]
    [InlineData(Polarity.LowerIsBetter, null, 28.0, 12.0, false)]
    [InlineData(Polarity.LowerIsBetter, null, 12.0, 12.0, false)]
    [InlineData(Polarity.LowerIsBetter, null, 12.0, 28.0, true)]
    [InlineData(Polarity.LowerIsBetter, null, 12.0, 12.001, true)]
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, 25.0, 20.0, false)] // distances 4 and 1
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, 17.0, 23.0, false)] // distances 4 and 2, on either side
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, 25.0, 17.0, false)] // distances 4 and 4
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, 23.0, 17.0, true)]  // distances 2 and 4: desired is farther
    [InlineData(Polarity.NearerToTargetIsBetter, 21.0, 20.0, 25.0, true)]  // distances 1 and 4
    public void Calculate_ZoneInversion_FollowsThePolarity(Polarity polarity, double? target, double adequate, double desired, bool inverted)
    {
        var axis = new GapAxis(polarity, 1, target);
        var delivered = target ?? adequate;
        if (inverted)
        {
            Assert.Equal("desired", Assert.Throws<ArgumentException>(() => GapCalculator.Calculate(axis, delivered, adequate, adequate, desired)).ParamName);
        }
        else
        {
            var r = GapCalculator.Calculate(axis, delivered, adequate, adequate, desired);
            Assert.True(r.Adequacy >= 0);
        }

        var sign = polarity == Polarity.HigherIsBetter ? 1.0 : -1.0;
        double d = delivered, p = adequate, a = adequate, w = desired;
        Assert.Equal(!inverted, GapCalculator.TryMapToPolarity(sign, target, ref d, ref p, ref a, ref w));
    }

    [Fact]
    public void Calculate_DividesByMultiplyingWithTheReciprocalOfTheScale()
    {
        // 5/3 = 1.6666666666666667 but 5·(1/3) = 1.6666666666666665, and 7/10 = 0.7 but 7·(1/10) = 0.7000000000000001:
        // the library multiplies by the reciprocal (docs/gaps.md), one ulp away from a division.
        Assert.NotEqual(5.0 / 3.0, 5.0 * (1.0 / 3.0));
        Assert.NotEqual(7.0 / 10.0, 7.0 * (1.0 / 10.0));

        var third = GapCalculator.Calculate(new GapAxis(Polarity.HigherIsBetter, 3), 5, 0, 0, 0);
        Assert.Equal(5.0 * (1.0 / 3.0), third.PromiseGap);
        Assert.Equal(5.0 * (1.0 / 3.0), third.Adequacy);
        Assert.Equal(5.0 * (1.0 / 3.0), third.Superiority);
        Assert.Equal(1.6666666666666665, third.PromiseGap);

        var tenth = GapCalculator.Calculate(new GapAxis(Polarity.LowerIsBetter, 10), 0, 7, 7, 7);
        Assert.Equal(-1.0 * (0 - 7) * (1.0 / 10.0), tenth.PromiseGap);
        Assert.Equal(0.7000000000000001, tenth.Adequacy);
    }

    private static void AssertGaps(
        GapResult r, double delivered, double promised, double adequate, double desired,
        double promiseGap, double settingGap, double adequacy, double superiority, Zone zone, double score)
    {
        Assert.Equal((delivered, promised, adequate, desired), (r.Delivered, r.Promised, r.Adequate, r.Desired));
        Assert.Equal(promiseGap, r.PromiseGap);
        Assert.Equal(settingGap, r.SettingGap);
        Assert.Equal(adequacy, r.Adequacy);
        Assert.Equal(superiority, r.Superiority);
        Assert.Equal(zone, r.Zone);
        Assert.Equal(score, r.Score);
        Assert.Equal(ProspectValueFunction.Default.Evaluate(score), r.FeltValue);
        Assert.Equal(promiseGap >= 0, r.PromiseKept);
    }

    [Theory]
    [InlineData(-0.5, 0.0, -0.5)]
    [InlineData(-3.0, -4.0, -1.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(2.0, 0.25, 0.25)]
    [InlineData(5.0, 3.0, 1.0)]
    [InlineData(0.0, 0.5, 0.5)] // adequacy 0 is not below, so the score follows the superiority, as ZoneOf says Above
    public void ScoreOf_ClampsToUnitInterval(double adequacy, double superiority, double expected)
        => Assert.Equal(expected, GapCalculator.ScoreOf(adequacy, superiority));

    [Fact]
    public void Calculate_DeliveredExactlyAtDesired_ScoresPositiveZero()
    {
        // Lower is better: the superiority −1·(5 − 5)·1 is −0; the score within the zone is +0, so reports never print −0.
        var r = GapCalculator.Calculate(new GapAxis(Polarity.LowerIsBetter, 1), 5, 6, 6, 5);
        Assert.Equal(Zone.Within, r.Zone);
        Assert.False(double.IsNegative(r.Score));
        Assert.False(double.IsNegative(r.FeltValue));
    }

    [Theory]
    [InlineData(-0.1, -1.0, Zone.Below)]
    [InlineData(0.0, 0.0, Zone.Within)]
    [InlineData(0.3, 0.1, Zone.Above)]
    public void ZoneOf_BoundariesBelongToTheZone(double adequacy, double superiority, Zone expected)
        => Assert.Equal(expected, GapCalculator.ZoneOf(adequacy, superiority));
}
