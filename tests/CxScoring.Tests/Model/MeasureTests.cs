using CxScoring.Gaps;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.Model;

public class MeasureTests
{
    [Fact]
    public void WithSource_Perceived_KeepsEverythingElse_AndIsNotEqualToTheDeliveredOne()
    {
        var delivered = Measure.Rating("csat", 5);
        var perceived = delivered.WithSource(MeasureSource.Perceived);
        Assert.Equal(MeasureSource.Delivered, delivered.Source);
        Assert.Equal(MeasureSource.Perceived, perceived.Source);
        Assert.Same(delivered, delivered.WithSource(MeasureSource.Delivered));
        Assert.Equal((delivered.Id, delivered.Kind, delivered.Polarity, delivered.Scale, delivered.RatingPoints), (perceived.Id, perceived.Kind, perceived.Polarity, perceived.Scale, perceived.RatingPoints));
        Assert.NotEqual(delivered, perceived);
        Assert.Equal(delivered, perceived.WithSource(MeasureSource.Delivered));
        Assert.Equal(delivered.GetHashCode(), perceived.WithSource(MeasureSource.Delivered).GetHashCode());
        Assert.Contains("perceived", perceived.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("source", () => delivered.WithSource((MeasureSource)7));
    }

    [Fact]
    public void Duration_ScaleHeldInSeconds()
    {
        var m = Measure.Duration("reply", Duration.FromHours(2));
        Assert.Equal(7200, m.Scale);
        Assert.Equal(-1, m.Sign);
        Assert.Equal("s", m.Unit);
    }

    [Fact]
    public void Rating_DefaultScaleIsWholeScale()
    {
        var m = Measure.Rating("csat", 5);
        Assert.Equal(4, m.Scale);
        Assert.True(m.Admits(1) && m.Admits(5));
        Assert.False(m.Admits(0) || m.Admits(6) || m.Admits(double.NaN));
    }

    [Theory]
    [InlineData(MeasureKind.Count, -1, false)]
    [InlineData(MeasureKind.Count, 3, true)]
    [InlineData(MeasureKind.Ratio, 1.01, false)]
    [InlineData(MeasureKind.Ratio, 0.0, true)]
    [InlineData(MeasureKind.YesNo, 0.5, false)]
    [InlineData(MeasureKind.YesNo, 1, true)]
    public void Admits_ChecksRangeOfKind(MeasureKind kind, double value, bool expected)
    {
        var m = kind switch
        {
            MeasureKind.Count => Measure.Count("m", 1),
            MeasureKind.Ratio => Measure.Ratio("m", 0.1),
            _ => Measure.YesNo("m"),
        };
        Assert.Equal(expected, m.Admits(value));
    }

    [Fact]
    public void Factories_InvalidArguments_ThrowNamingParameter()
    {
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Duration("d", Duration.Zero)).ParamName);
        Assert.Equal("polarity", Assert.Throws<ArgumentException>(() => Measure.Duration("d", Duration.FromHours(1), Polarity.NearerToTargetIsBetter)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Deadline("d", Duration.FromHours(-1))).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Count("c", double.NaN)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Measure.Count("c", 1, Polarity.NearerToTargetIsBetter)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Ratio("r", -0.1)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentException>(() => Measure.Money("b", "euro", 1)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Rating("r", 1)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Measure.YesNo("has space")).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Measure.Ratio("r", 0.1, Polarity.HigherIsBetter, target: 0.5)).ParamName);
        Assert.Null(Measure.Money("refund", "EUR", 10, Polarity.HigherIsBetter).Target);
    }

    [Fact]
    public void Equality_SameDefinition_Equal()
    {
        Assert.Equal(Measure.Money("bill", "EUR", 5), Measure.Money("bill", "EUR", 5));
        Assert.NotEqual(Measure.Money("bill", "EUR", 5), Measure.Money("bill", "USD", 5));
        Assert.Equal(Measure.Money("bill", "EUR", 5).GetHashCode(), Measure.Money("bill", "EUR", 5).GetHashCode());
    }

    [Theory]
    [InlineData(1e-310)]
    [InlineData(double.Epsilon)]
    public void Count_SubnormalScale_IsRefusedBecauseItsReciprocalIsInfinite(double scale)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Count("n", scale));
        Assert.Equal("scale", ex.ParamName);
        Assert.Contains("1/scale is not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Ratio("r", scale));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Money("m", "EUR", scale));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure.Rating("s", 5, scale));
    }

    [Fact]
    public void Count_TinyScaleWithFiniteReciprocal_IsAccepted()
    {
        const double scale = 1e-308;
        Assert.Equal(scale, Measure.Count("n", scale).Scale);
    }

    [Fact]
    public void Admits_NegativeDuration_OnlyWhenTheMeasureAllowsIt()
    {
        Assert.False(Measure.Duration("wait", Duration.FromMinutes(5)).Admits(-300));
        Assert.True(Measure.Duration("wait", Duration.FromMinutes(5)).Admits(0));
        Assert.True(Measure.Duration("slip", Duration.FromMinutes(5), allowNegative: true).Admits(-300));
        Assert.False(Measure.Duration("slip", Duration.FromMinutes(5), allowNegative: true).Admits(double.NaN));
        Assert.NotEqual(Measure.Duration("m", Duration.FromMinutes(5)), Measure.Duration("m", Duration.FromMinutes(5), allowNegative: true));
    }

    [Fact]
    public void WithRatedBy_SetsThePerceivedMeasure_AndValidatesIt()
    {
        var wait = Measure.Duration("wait", Duration.FromHours(1));
        var rated = wait.WithRatedBy("csat");
        Assert.Equal("csat", rated.RatedBy);
        Assert.NotEqual(wait, rated);
        Assert.Equal(wait, rated.WithRatedBy(null));
        Assert.Same(rated, rated.WithRatedBy("csat"));
        Assert.Equal("csat", rated.WithSource(MeasureSource.Delivered).RatedBy);
        Assert.Throws<ArgumentException>("perceivedMeasureId", () => wait.WithRatedBy(" "));
        Assert.Throws<ArgumentException>("perceivedMeasureId", () => wait.WithRatedBy("wait"));
    }

    [Fact]
    public void Builder_RatedByUnknownOrDeliveredMeasure_IsAModelProblem()
    {
        var builder = ScoringModel.CreateBuilder("m")
            .AddTouchpoint(new Touchpoint("chat", JourneyStage.Support, Channel.Chat))
            .AddMeasure(Measure.Count("transfers", 2).WithRatedBy("wait"))
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)).WithRatedBy("csat"));
        var problems = builder.Validate();
        Assert.Equal(["measure 'transfers'", "measure 'wait'"], problems.Select(p => p.Path));
        Assert.Contains("delivered measure", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("has not been added", problems[1].Message, StringComparison.Ordinal);
    }
}
