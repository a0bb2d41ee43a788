using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Surveys.Bridge;
using CxScoring.Surveys.Servqual;
using CxScoring.Surveys.ZoneOfTolerance;
using NodaTime;

namespace CxScoring.Tests.Surveys.Bridge;

public class SurveyBridgeTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 12, 0);

    // docs/sources.md, "Zone of tolerance" vector (9-point, adequate 5, desired 8): the engine's gap semantics agree with the survey's.
    [Theory]
    [InlineData(4, Zone.Below)]
    [InlineData(5, Zone.Within)]
    [InlineData(8, Zone.Within)]
    [InlineData(9, Zone.Above)]
    public void ZoneExpectationAndOutcome_PublishedZoneVector_EngineAgreesWithSurvey(int perceived, Zone zone)
    {
        var summary = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [new ThreeColumnAnswer(5, 8, perceived)]);
        var measure = Measure.Rating("wait-rating", 9);

        var expectation = SurveyBridge.ZoneExpectation(summary, measure.Id, new Scope(touchpointId: "branch"));
        var outcome = SurveyBridge.ZoneOutcome(summary, "panel", "branch", measure.Id, At);
        var gap = GapCalculator.Calculate(measure.Axis, outcome.Value, expectation.Adequate.Value, expectation.Adequate.Value, expectation.Desired.Value);

        Assert.Equal(5, expectation.Adequate.Value);
        Assert.Equal(8, expectation.Desired.Value);
        Assert.False(expectation.Adequate.IsRelativeToPromise);
        Assert.Equal("branch", expectation.Scope.TouchpointId);
        Assert.Equal(perceived, outcome.Value);
        Assert.Equal(perceived, outcome.PerceivedRating);
        Assert.Equal(zone, gap.Zone);
        Assert.Equal(summary.Mean.Msa / measure.Scale, gap.Adequacy, 12);
        Assert.Equal(summary.Mean.Mss / measure.Scale, gap.Superiority, 12);
    }

    [Fact]
    public void ServqualExpectationAndOutcome_DimensionGap_IsEngineAdequacyTimesScale()
    {
        var instrument = ServqualInstrument.Standard();
        var response = new ServqualResponse(Enumerable.Repeat<int?>(6, 22), Enumerable.Repeat<int?>(4, 22));
        var reliability = ServqualScorer.Score(instrument, [response]).Dimensions[1];
        var measure = Measure.Rating("reliability", instrument.ScalePoints);

        var expectation = SurveyBridge.ServqualExpectation(reliability, measure.Id, new Scope(touchpointId: "repair"));
        var outcome = SurveyBridge.ServqualOutcome(reliability, "panel", "repair", measure.Id, At, segmentId: "retail");
        var gap = GapCalculator.Calculate(measure.Axis, outcome.Value, expectation.Adequate.Value, expectation.Adequate.Value, expectation.Desired.Value);

        Assert.Equal(6, expectation.Adequate.Value);
        Assert.Equal(6, expectation.Desired.Value);
        Assert.Equal("retail", outcome.SegmentId);
        Assert.Equal(reliability.Score, gap.Adequacy * measure.Scale, 12);
        Assert.Equal(Zone.Below, gap.Zone);
    }

    [Fact]
    public void ZoneOutcome_ModelWithoutPromise_ScoringModelScoresIt()
    {
        var summary = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [new ThreeColumnAnswer(5, 8, 4), new ThreeColumnAnswer(6, 9, 7)]);
        var measure = Measure.Rating("wait-rating", 9);
        var model = new ScoringModelBuilder("bridge")
            .AddMeasure(measure)
            .AddTouchpoint("branch", JourneyStage.Usage, Channel.Store, 1.0)
            .AddExpectation(SurveyBridge.ZoneExpectation(summary, measure.Id))
            .Build();
        var outcome = SurveyBridge.ZoneOutcome(summary, "panel", "branch", measure.Id, At);

        Assert.True(model.TryScore(outcome, out var gap, out var reason), reason.ToString());
        Assert.Equal(summary.Mean.Minimum, outcome.PromisedLevel);
        Assert.Equal(summary.Mean.Msa / measure.Scale, gap.Adequacy, 12);
        Assert.Equal(summary.Mean.Mss / measure.Scale, gap.Superiority, 12);
        Assert.Equal(gap.Adequacy, model.Score(outcome).Adequacy);
    }

    [Fact]
    public void ServqualOutcome_ModelWithoutPromise_ScoringModelScoresItAtMeanExpectation()
    {
        var instrument = ServqualInstrument.Standard();
        var response = new ServqualResponse(Enumerable.Repeat<int?>(6, 22), Enumerable.Repeat<int?>(4, 22));
        var reliability = ServqualScorer.Score(instrument, [response]).Dimensions[1];
        var measure = Measure.Rating("reliability", instrument.ScalePoints);
        var model = new ScoringModelBuilder("bridge")
            .AddMeasure(measure)
            .AddTouchpoint("repair", JourneyStage.Support, Channel.Phone, 1.0)
            .AddExpectation(SurveyBridge.ServqualExpectation(reliability, measure.Id))
            .Build();
        var outcome = SurveyBridge.ServqualOutcome(reliability, "panel", "repair", measure.Id, At);

        Assert.True(model.TryScore(outcome, out var gap, out var reason), reason.ToString());
        Assert.Equal(6, outcome.PromisedLevel);
        Assert.Equal(reliability.Score, gap.Adequacy * measure.Scale, 12);
        Assert.Equal(Zone.Below, model.Score(outcome).Zone);
    }

    [Fact]
    public void ServqualOutcome_ServperfDimension_CarriesNoPromisedLevel()
    {
        var servperf = ServqualScorer.Score(ServqualInstrument.Standard(), [ServqualResponse.PerformanceOnly(Enumerable.Repeat<int?>(5, 22))], new ServqualScoringOptions { Method = ServqualMethod.Servperf });
        Assert.Null(SurveyBridge.ServqualOutcome(servperf.Dimensions[0], "c", "t", "m", At).PromisedLevel);
    }

    [Fact]
    public void ZoneExpectation_BadInput_ThrowsNamingParameter()
    {
        Assert.Equal("summary", Assert.Throws<ArgumentNullException>(() => SurveyBridge.ZoneExpectation(null!, "m")).ParamName);
        var inverted = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [new ThreeColumnAnswer(7, 4, 5)]);
        Assert.Equal("summary", Assert.Throws<ArgumentException>(() => SurveyBridge.ZoneExpectation(inverted, "m")).ParamName);
    }

    [Fact]
    public void ZoneOutcome_NullSummary_ThrowsNamingSummary()
        => Assert.Equal("summary", Assert.Throws<ArgumentNullException>(() => SurveyBridge.ZoneOutcome(null!, "c", "t", "m", At)).ParamName);

    [Fact]
    public void ServqualExpectation_ServperfDimension_ThrowsNamingDimension()
    {
        var servperf = ServqualScorer.Score(ServqualInstrument.Standard(), [ServqualResponse.PerformanceOnly(Enumerable.Repeat<int?>(5, 22))], new ServqualScoringOptions { Method = ServqualMethod.Servperf });
        Assert.Equal("dimension", Assert.Throws<ArgumentException>(() => SurveyBridge.ServqualExpectation(servperf.Dimensions[0], "m")).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentNullException>(() => SurveyBridge.ServqualExpectation(null!, "m")).ParamName);
    }

    [Fact]
    public void ServqualOutcome_NullDimension_ThrowsNamingDimension()
        => Assert.Equal("dimension", Assert.Throws<ArgumentNullException>(() => SurveyBridge.ServqualOutcome(null!, "c", "t", "m", At)).ParamName);
}
