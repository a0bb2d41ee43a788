using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Surveys.Bridge;
using CxScoring.Surveys.Ces;
using CxScoring.Surveys.Csat;
using CxScoring.Surveys.Nps;
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

    // Per respondent: a survey export and operational outcomes scored in one engine call land in the same touchpoint's
    // cells, marked by source. Published vectors from docs/sources.md: NPS [1,7,7,8,9,10] → 16.67 (Reichheld 2003 as
    // computed in the NPS section), CSAT top-two of [1,2,3,4,5] → 40 %, zone (9-point, adequate 5, desired 8):
    // P 4 below, 5 and 8 within, 9 above.
    [Fact]
    public void PerRespondentAnswers_ScoredWithOperationalOutcomes_LandInTheTouchpointsPerceivedCellsWithThePublishedFigures()
    {
        var instrument = ThreeColumnInstrument.NinePoint;
        int[] nps = [1, 7, 7, 8, 9, 10];
        int[] csat = [1, 2, 3, 4, 5];
        int[] ces = [1, 2, 2, 4, 5];
        ThreeColumnAnswer[] zone = [new(5, 8, 4), new(5, 8, 5), new(5, 8, 8), new(5, 8, 9)];
        var zoneSummary = ThreeColumnScorer.Score(instrument, zone);

        // Zones that turn the scorecard's zone counts into the instruments' own groups: NPS detractors (0–6) below
        // adequate 7, promoters (9–10) above desired 8.5; CSAT satisfied (4–5) above 3.5, the rest below.
        var model = new ScoringModelBuilder("survey-and-operations")
            .AddTouchpoint(new Touchpoint("support", JourneyStage.Support, Channel.Phone))
            .AddMeasure(Measure.Duration("wait", Duration.FromMinutes(10)))
            .AddMeasure(SurveyBridge.NpsAnswerMeasure("nps"))
            .AddMeasure(SurveyBridge.CsatAnswerMeasure("csat", CsatScale.FivePointTopTwo))
            .AddMeasure(SurveyBridge.CesAnswerMeasure("effort", CesScale.Original))
            .AddMeasure(SurveyBridge.ZoneAnswerMeasure("zot", instrument))
            .AddPromise(new Promise("answer-5-min", "wait", 300, PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("nps-implicit", "nps", 7, PromiseSource.Implicit))
            .AddPromise(new Promise("csat-implicit", "csat", 4, PromiseSource.Implicit))
            .AddPromise(new Promise("effort-implicit", "effort", 2, PromiseSource.Implicit))
            .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(600), ExpectationLevel.Absolute(60)))
            .AddExpectation(new Expectation("nps", ExpectationLevel.Absolute(7), ExpectationLevel.Absolute(8.5)))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3.5), ExpectationLevel.Absolute(3.5)))
            .AddExpectation(new Expectation("effort", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(2)))
            .AddExpectation(SurveyBridge.ZoneExpectation(zoneSummary, "zot"))
            .Build();
        Assert.All(model.Measures.Skip(1), m => Assert.Equal(MeasureSource.Perceived, m.Source));

        var outcomes = new List<Outcome> { new("c0", "support", "wait", 240, At), new("c0", "support", "wait", 900, At) };
        outcomes.AddRange(nps.Select((a, i) => SurveyBridge.NpsOutcome(a, $"n{i}", "support", "nps", At)));
        outcomes.AddRange(csat.Select((a, i) => SurveyBridge.CsatOutcome(a, CsatScale.FivePointTopTwo, $"s{i}", "support", "csat", At)));
        outcomes.AddRange(ces.Select((a, i) => SurveyBridge.CesOutcome(a, CesScale.Original, $"e{i}", "support", "effort", At)));
        outcomes.AddRange(zone.Select((a, i) => SurveyBridge.ZoneAnswerOutcome(a, instrument, $"z{i}", "support", "zot", At)));

        var engine = new ScoringEngine(ScoringPlan.Compile(model));
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(outcomes.ToArray(), builder);
        var scorecard = builder.Build();
        Assert.Equal(outcomes.Count, scorecard.Scored);
        Assert.Equal(0, scorecard.Rejected);

        var row = scorecard.ForPerceivedVsDelivered("support");
        Assert.Equal(2, row.Delivered.Count);
        Assert.Equal(nps.Length + csat.Length + ces.Length + zone.Length, row.Perceived.Count);

        // NPS = 100 · (promoters − detractors) / n, read off the perceived cell's zone counts.
        var npsCell = scorecard.ForMeasure("nps");
        var npsResult = NpsScorer.Score(nps);
        Assert.Equal(16.67, npsResult.Score, 2);
        Assert.Equal((npsResult.Detractors, npsResult.Promoters), (npsCell.BelowCount, npsCell.AboveCount));
        Assert.Equal(npsResult.Score, 100.0 * (npsCell.AboveCount - npsCell.BelowCount) / npsCell.Count, 12);

        // CSAT top-two = the share above 3.5; the mean answer = adequate + scale · mean adequacy.
        var csatCell = scorecard.ForMeasure("csat");
        var csatResult = CsatScorer.Score(csat, CsatScale.FivePointTopTwo);
        Assert.Equal(40, csatResult.TopBoxPercent, 12);
        Assert.Equal(csatResult.TopBoxPercent, 100.0 * csatCell.AboveCount / csatCell.Count, 12);
        Assert.Equal(csatResult.Mean, 3.5 + (4 * csatCell.AdequacyMean), 4);

        // CES on the original 1–5 effort scale is lower-is-better: the polarity is carried, so high effort is below.
        var cesCell = scorecard.ForMeasure("effort");
        var cesResult = CesScorer.Score(ces, CesScale.Original);
        Assert.Equal(ces.Count(a => a > 3), cesCell.BelowCount);
        Assert.Equal(ces.Count(a => a < 2), cesCell.AboveCount);
        Assert.Equal(cesResult.Mean, 3 - (4 * cesCell.AdequacyMean), 4);

        // Zone of tolerance, per respondent: P 4 below; 5 and 8 within; 9 above.
        var zoneCell = scorecard.ForMeasure("zot");
        Assert.Equal((1L, 2L, 1L), (zoneCell.BelowCount, zoneCell.WithinCount, zoneCell.AboveCount));
        Assert.Equal(zoneSummary.Mean.Msa / 8, zoneCell.AdequacyMean, 4);
    }

    [Fact]
    public void PerRespondentOutcomes_AnswerOffTheScale_ThrowNamingTheParameterAndTheRespondent()
    {
        var nps = Assert.Throws<ArgumentOutOfRangeException>("likelihood", () => SurveyBridge.NpsOutcome(11, "r17", "support", "nps", At));
        Assert.Contains("Respondent 'r17', likelihood to recommend: answer 11 is outside the 0–10 scale.", nps.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("rating", () => SurveyBridge.CsatOutcome(0, CsatScale.FivePointTopTwo, "r1", "support", "csat", At));
        Assert.Throws<ArgumentOutOfRangeException>("answer", () => SurveyBridge.CesOutcome(8, CesScale.Ces2, "r1", "support", "ces", At));
        var zone = Assert.Throws<ArgumentOutOfRangeException>("answer", () => SurveyBridge.ZoneAnswerOutcome(new ThreeColumnAnswer(5, 10, 6), ThreeColumnInstrument.NinePoint, "r2", "support", "zot", At));
        Assert.Contains("desired", zone.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("instrument", () => SurveyBridge.ZoneAnswerOutcome(new ThreeColumnAnswer(5, 8, 6), null!, "r2", "support", "zot", At));
        Assert.Throws<ArgumentNullException>("instrument", () => SurveyBridge.ZoneAnswerMeasure("zot", null!));
        Assert.Throws<ArgumentException>("scale", () => SurveyBridge.CsatAnswerMeasure("csat", default));
        Assert.Throws<ArgumentException>("scale", () => SurveyBridge.CesOutcome(1, default, "r1", "support", "ces", At));
        Assert.Throws<ArgumentException>("customerId", () => SurveyBridge.NpsOutcome(5, "", "support", "nps", At));
    }

    [Fact]
    public void AnswerMeasures_FitEachInstrumentsScaleAndPolarity_AndArePerceived()
    {
        Assert.Equal((MeasureKind.Number, Polarity.HigherIsBetter, 10.0), (SurveyBridge.NpsAnswerMeasure("n").Kind, SurveyBridge.NpsAnswerMeasure("n").Polarity, SurveyBridge.NpsAnswerMeasure("n").Scale));
        Assert.Equal((MeasureKind.Rating, 5), (SurveyBridge.CsatAnswerMeasure("c", CsatScale.FivePointTopTwo).Kind, SurveyBridge.CsatAnswerMeasure("c", CsatScale.FivePointTopTwo).RatingPoints));
        Assert.Equal((MeasureKind.Rating, 7), (SurveyBridge.CesAnswerMeasure("e", CesScale.Ces2).Kind, SurveyBridge.CesAnswerMeasure("e", CesScale.Ces2).RatingPoints));
        var original = SurveyBridge.CesAnswerMeasure("e", CesScale.Original);
        Assert.Equal((MeasureKind.Number, Polarity.LowerIsBetter, 4.0), (original.Kind, original.Polarity, original.Scale));
        Assert.Equal(9, SurveyBridge.ZoneAnswerMeasure("z", ThreeColumnInstrument.NinePoint).RatingPoints);
        Assert.All(
            new[] { SurveyBridge.NpsAnswerMeasure("n"), original, SurveyBridge.CsatAnswerMeasure("c", new CsatScale(0, 10, 2)), SurveyBridge.ZoneAnswerMeasure("z", ThreeColumnInstrument.NinePoint) },
            m => Assert.Equal(MeasureSource.Perceived, m.Source));
    }
}
