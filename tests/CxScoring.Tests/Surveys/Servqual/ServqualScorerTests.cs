using CxScoring.Surveys.Servqual;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.Servqual;

public class ServqualScorerTests
{
    private static readonly ServqualInstrument Standard7 = ServqualInstrument.Standard();

    /// <summary>A respondent who gives the same E and P answer to every item of a dimension.</summary>
    private static ServqualResponse ByDimension(ServqualInstrument instrument, int[] e, int[] p, double[]? importance = null)
    {
        var expectations = new int?[instrument.ItemCount];
        var perceptions = new int?[instrument.ItemCount];
        for (var d = 0; d < instrument.Dimensions.Length; d++)
        {
            foreach (var item in instrument.Dimensions[d].Items)
            {
                expectations[item - 1] = e[d];
                perceptions[item - 1] = p[d];
            }
        }

        return new ServqualResponse(expectations, perceptions, importance);
    }

    // docs/sources.md, "SERVQUAL dimension table": PMC article 6131925, table 2 (5-point scale, N = 386): dimension means E and P, gaps and unweighted score.
    // The sample is rebuilt with 100 respondents answering 4 or 5 so that each dimension mean equals the table's.
    [Fact]
    public void Score_PublishedDimensionTablePmc6131925_ReproducesGapsAndUnweightedScore()
    {
        var instrument = ServqualInstrument.Standard(5);
        double[] e = [4.44, 4.49, 4.48, 4.50, 4.56];
        double[] p = [4.19, 4.36, 4.35, 4.32, 4.40];
        var responses = new List<ServqualResponse>();
        for (var r = 0; r < 100; r++)
        {
            var er = new int[5];
            var pr = new int[5];
            for (var d = 0; d < 5; d++)
            {
                er[d] = r < Math.Round((e[d] - 4) * 100) ? 5 : 4;
                pr[d] = r < Math.Round((p[d] - 4) * 100) ? 5 : 4;
            }

            responses.Add(ByDimension(instrument, er, pr));
        }

        var result = ServqualScorer.Score(instrument, responses);

        double[] gaps = [-0.25, -0.13, -0.13, -0.18, -0.16];
        for (var d = 0; d < 5; d++)
        {
            Assert.Equal(e[d], result.Dimensions[d].MeanExpectation!.Value, 9);
            Assert.Equal(p[d], result.Dimensions[d].MeanPerception, 9);
            Assert.Equal(gaps[d], result.Dimensions[d].Score, 9);
            Assert.Equal(100, result.Dimensions[d].RespondentCount);
        }

        Assert.Equal(-0.17, result.UnweightedScore, 9);
        Assert.Equal(ServqualMethod.Servqual, result.Method);
        Assert.Null(result.WeightedScoreRespondentMean);
        Assert.Null(result.WeightedScoreSampleMean);
        Assert.Empty(result.MeanImportanceWeights.AsEnumerable());
    }

    // Unweighted worked example (docs/sources.md, "SERVQUAL unweighted worked example"): dimension gaps -0.65, -1.10, -0.83, -0.70, -1.01 give -0.858.
    [Fact]
    public void UnweightedScore_WorkedExample_IsMinus0858()
        => Assert.Equal(-0.858, ServqualScorer.UnweightedScore([-0.65, -1.10, -0.83, -0.70, -1.01]), 9);

    [Fact]
    public void UnweightedScore_EmptyOrNotFinite_ThrowsNamingDimensionScores()
    {
        Assert.Equal("dimensionScores", Assert.Throws<ArgumentException>(() => ServqualScorer.UnweightedScore([])).ParamName);
        Assert.Equal("dimensionScores", Assert.Throws<ArgumentException>(() => ServqualScorer.UnweightedScore([1, double.NaN])).ParamName);
    }

    [Fact]
    public void WeightedScore_RawPoints_AreNormalised()
    {
        Assert.Equal(-0.5, ServqualScorer.WeightedScore([-1, 0, 0, 0, 0], [50, 10, 10, 10, 20]), 12);
        Assert.Equal(-0.5, ServqualScorer.WeightedScore([-1, 0, 0, 0, 0], [5, 1, 1, 1, 2]), 12);
    }

    [Fact]
    public void WeightedScore_BadPoints_ThrowsNamingImportancePoints()
    {
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.WeightedScore([1, 2], [1])).ParamName);
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.WeightedScore([1, 2], [-1, 2])).ParamName);
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.WeightedScore([1, 2], [0, 0])).ParamName);
        Assert.Equal("dimensionScores", Assert.Throws<ArgumentException>(() => ServqualScorer.WeightedScore([], [])).ParamName);
    }

    [Fact]
    public void Score_OneDimensionShortfall_UnweightedIsMeanOfDimensionsNotOfItems()
    {
        var result = ServqualScorer.Score(Standard7, [ByDimension(Standard7, [7, 5, 5, 5, 5], [5, 5, 5, 5, 5])]);
        Assert.Equal(-2, result.Dimensions[0].Score, 12);
        Assert.Equal(-0.4, result.UnweightedScore, 12);
        Assert.Equal(-0.4, result.Respondents[0].UnweightedScore!.Value, 12);
    }

    [Fact]
    public void Score_ImportanceAllocations_ReportsBothLabelledWeightedModes()
    {
        var a = ByDimension(Standard7, [5, 5, 5, 5, 5], [4, 5, 5, 5, 5], [100, 0, 0, 0, 0]);
        var b = ByDimension(Standard7, [5, 5, 5, 5, 5], [5, 5, 5, 5, 3], [0, 0, 0, 0, 100]);

        var result = ServqualScorer.Score(Standard7, [a, b]);

        Assert.Equal(-1, result.Respondents[0].WeightedScore!.Value, 12);
        Assert.Equal(-2, result.Respondents[1].WeightedScore!.Value, 12);
        Assert.Equal(-1.5, result.WeightedScoreRespondentMean!.Value, 12);
        Assert.Equal([0.5, 0, 0, 0, 0.5], result.MeanImportanceWeights.AsEnumerable());
        Assert.Equal(-0.75, result.WeightedScoreSampleMean!.Value, 12);
        Assert.Equal(-0.3, result.UnweightedScore, 12);
    }

    [Fact]
    public void Score_ReverseScoringOn_Reverses1988NegativelyWordedItems()
    {
        var response = ByDimension(Standard7, [7, 7, 7, 7, 7], [2, 2, 2, 2, 2]);

        var plain = ServqualScorer.Score(Standard7, [response]);
        var reversed = ServqualScorer.Score(Standard7, [response], new ServqualScoringOptions { ReverseNegativelyWordedItems = true });

        Assert.Equal(-5, plain.UnweightedScore, 12);
        Assert.Equal([-5.0, -5, 5, -5, 5], reversed.Dimensions.Select(d => d.Score));
        Assert.Equal(1, reversed.Dimensions[2].MeanExpectation!.Value, 12);
        Assert.Equal(-1, reversed.UnweightedScore, 12);
    }

    [Fact]
    public void ScorePerformanceOnly_Servperf_ScoresPerceptionMeans()
    {
        var responses = new[]
        {
            ServqualResponse.PerformanceOnly(Enumerable.Repeat<int?>(6, 22), [20, 20, 20, 20, 20]),
            ServqualResponse.PerformanceOnly(Enumerable.Repeat<int?>(4, 22), [20, 20, 20, 20, 20]),
        };

        var result = ServqualScorer.Score(Standard7, responses, new ServqualScoringOptions { Method = ServqualMethod.Servperf });

        Assert.Equal(ServqualMethod.Servperf, result.Method);
        Assert.All(result.Dimensions, d =>
        {
            Assert.Null(d.MeanExpectation);
            Assert.Equal(5, d.MeanPerception, 12);
            Assert.Equal(5, d.Score, 12);
        });
        Assert.Equal(5, result.UnweightedScore, 12);
        Assert.Equal(5, result.WeightedScoreRespondentMean!.Value, 12);
        Assert.Equal(5, result.WeightedScoreSampleMean!.Value, 12);
    }

    [Fact]
    public void Score_ListwisePolicy_ExcludesRespondentsWithAnyMissingAnswer()
    {
        var complete = ByDimension(Standard7, [6, 6, 6, 6, 6], [5, 5, 5, 5, 5]);
        var withGap = ByDimension(Standard7, [6, 6, 6, 6, 6], [1, 1, 1, 1, 1]);
        var partial = new ServqualResponse(withGap.Expectations.SetItem(3, null), withGap.Perceptions);

        var result = ServqualScorer.Score(Standard7, [complete, partial]);

        Assert.Equal(1, result.ExcludedRespondentCount);
        Assert.Single(result.Respondents);
        Assert.Equal(-1, result.UnweightedScore, 12);
    }

    [Fact]
    public void Score_PairwisePolicy_UsesEveryAvailablePairAndReportsUndefinedDimensions()
    {
        var baseResponse = ByDimension(Standard7, [6, 6, 6, 6, 6], [5, 5, 5, 5, 5]);
        var e = baseResponse.Expectations.ToBuilder();
        var p = baseResponse.Perceptions.ToBuilder();
        e[0] = null;      // item 1 (Tangibles) loses its pair
        p[1] = 1;         // item 2 gap -5
        for (var i = 17; i < 22; i++)
        {
            p[i] = null;  // Empathy entirely unanswered
        }

        var other = ByDimension(Standard7, [6, 6, 6, 6, 6], [6, 6, 6, 6, 6]);
        var options = new ServqualScoringOptions { MissingAnswers = MissingAnswerPolicy.Pairwise };

        var result = ServqualScorer.Score(Standard7, [new ServqualResponse(e.ToImmutable(), p.ToImmutable()), other], options);

        var first = result.Respondents[0];
        Assert.Equal((-5 - 1 - 1) / 3.0, first.DimensionScores[0]!.Value, 12);
        Assert.Null(first.DimensionScores[4]);
        Assert.Null(first.UnweightedScore);
        Assert.Equal(1, result.Dimensions[4].RespondentCount);
        Assert.Equal(0, result.Dimensions[4].Score, 12);
        Assert.Equal(2, result.Dimensions[0].RespondentCount);
        Assert.Equal(0, result.ExcludedRespondentCount);
    }

    [Fact]
    public void Score_AnswerOffScale_ThrowsNamingRespondentAndItem()
    {
        var good = ByDimension(Standard7, [6, 6, 6, 6, 6], [5, 5, 5, 5, 5]);
        var bad = new ServqualResponse(good.Expectations, good.Perceptions.SetItem(4, 8));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ServqualScorer.Score(Standard7, [good, bad]));

        Assert.Equal("responses", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("item 5 perception", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1–7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadSamples_ThrowNamingResponses()
    {
        var good = ByDimension(Standard7, [6, 6, 6, 6, 6], [5, 5, 5, 5, 5]);
        Assert.Equal("responses", Assert.Throws<ArgumentNullException>(() => ServqualScorer.Score(Standard7, null!)).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [])).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [good, null!])).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [new ServqualResponse([1], [1])])).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [ServqualResponse.PerformanceOnly(good.Perceptions)])).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [new ServqualResponse(good.Expectations, good.Perceptions, [1, 2])])).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [new ServqualResponse(good.Expectations, good.Perceptions, [0, 0, 0, 0, 0])])).ParamName);
        var allMissing = Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [new ServqualResponse(good.Expectations.SetItem(0, null), good.Perceptions)]));
        Assert.Equal("responses", allMissing.ParamName);
        Assert.Contains("listwise", allMissing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ServperfBadSamples_ThrowNamingResponses()
    {
        Assert.Equal("responses", Assert.Throws<ArgumentNullException>(() => ServqualScorer.Score(Standard7, null!, new ServqualScoringOptions { Method = ServqualMethod.Servperf })).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Standard7, [], new ServqualScoringOptions { Method = ServqualMethod.Servperf })).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ServqualScorer.Score(Standard7, [ServqualResponse.PerformanceOnly(Enumerable.Repeat<int?>(0, 22))], new ServqualScoringOptions { Method = ServqualMethod.Servperf }));
        Assert.Equal("responses", ex.ParamName);
        Assert.Contains("Respondent 0, item 1 perception", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NullInstrumentOrUnknownOption_ThrowsNamingParameter()
    {
        var good = ByDimension(Standard7, [6, 6, 6, 6, 6], [5, 5, 5, 5, 5]);
        Assert.Equal("instrument", Assert.Throws<ArgumentNullException>(() => ServqualScorer.Score(null!, [good])).ParamName);
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => ServqualScorer.Score(Standard7, [good], new ServqualScoringOptions { MissingAnswers = (MissingAnswerPolicy)9 }), "ServqualScoringOptions.MissingAnswers");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => ServqualScorer.Score(Standard7, [good], new ServqualScoringOptions { Method = (ServqualMethod)9 }), "ServqualScoringOptions.Method");
    }

    [Fact]
    public void Options_Defaults_Validate()
    {
        ServqualScoringOptions.Default.Validate("options");
        new ServqualScoringOptions().Validate("options");
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public bool Score_RespondentOrder_DoesNotChangeSampleScores(ServqualSample sample)
    {
        var forward = ServqualScorer.Score(Standard7, sample.Responses);
        var backward = ServqualScorer.Score(Standard7, [.. sample.Responses.Reverse()]);
        return Close(forward.UnweightedScore, backward.UnweightedScore)
            && Close(forward.WeightedScoreRespondentMean!.Value, backward.WeightedScoreRespondentMean!.Value)
            && Close(forward.WeightedScoreSampleMean!.Value, backward.WeightedScoreSampleMean!.Value)
            && forward.Dimensions.Zip(backward.Dimensions).All(t => Close(t.First.Score, t.Second.Score));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public bool Score_EqualImportance_WeightedEqualsUnweightedInBothModes(ServqualSample sample)
    {
        var equal = sample.Responses.Select(r => new ServqualResponse(r.Expectations, r.Perceptions, [20, 20, 20, 20, 20])).ToArray();
        var result = ServqualScorer.Score(Standard7, equal);
        return Close(result.UnweightedScore, result.WeightedScoreRespondentMean!.Value)
            && Close(result.UnweightedScore, result.WeightedScoreSampleMean!.Value);
    }

    // docs/sources.md, "SERVQUAL dimension table": PMC article 6131925, table 2 (5-point scale, N = 386), scored straight
    // from the published means: gaps −0.25/−0.13/−0.13/−0.18/−0.16, unweighted score −0.17.
    [Fact]
    public void ScoreMeans_PublishedDimensionTablePmc6131925_ReproducesGapsAndUnweightedScore()
    {
        string[] names = ["Tangibles", "Reliability", "Responsiveness", "Assurance", "Empathy"];
        double[] e = [4.44, 4.49, 4.48, 4.50, 4.56];
        double[] p = [4.19, 4.36, 4.35, 4.32, 4.40];
        double[] gaps = [-0.25, -0.13, -0.13, -0.18, -0.16];
        var means = names.Select((name, d) => new ServqualDimensionMeans(name, e[d], p[d])).ToArray();

        var result = ServqualScorer.Score(means);

        Assert.Equal(ServqualMethod.Servqual, result.Method);
        for (var d = 0; d < 5; d++)
        {
            Assert.Equal(names[d], result.Dimensions[d].Name);
            Assert.Equal(e[d], result.Dimensions[d].MeanExpectation);
            Assert.Equal(p[d], result.Dimensions[d].MeanPerception);
            Assert.Equal(gaps[d], result.Dimensions[d].Score, 9);
            Assert.Equal(0, result.Dimensions[d].RespondentCount);
        }

        Assert.Equal(-0.17, result.UnweightedScore, 9);
        Assert.Null(result.WeightedScoreRespondentMean);
        Assert.Null(result.WeightedScoreSampleMean);
        Assert.Empty(result.MeanImportanceWeights);
        Assert.Empty(result.Respondents);
        Assert.Equal(0, result.ExcludedRespondentCount);
    }

    [Fact]
    public void ScoreMeans_WithImportancePoints_WeighsTheGaps()
    {
        // Gaps −0.25/−0.13/−0.13/−0.18/−0.16 weighted 10/30/20/20/20:
        // 0.1·(−0.25) + 0.3·(−0.13) + 0.2·(−0.13) + 0.2·(−0.18) + 0.2·(−0.16) = −0.158.
        ServqualDimensionMeans[] means =
        [
            new("T", 4.44, 4.19), new("Rel", 4.49, 4.36), new("Resp", 4.48, 4.35), new("A", 4.50, 4.32), new("E", 4.56, 4.40),
        ];

        var hundred = ServqualScorer.Score(means, [10, 30, 20, 20, 20]);
        var raw = ServqualScorer.Score(means, [1, 3, 2, 2, 2]); // raw points are normalised

        Assert.Equal(-0.158, hundred.WeightedScoreSampleMean!.Value, 9);
        Assert.Equal(-0.158, raw.WeightedScoreSampleMean!.Value, 9);
        Assert.Equal(-0.17, hundred.UnweightedScore, 9);
        Assert.Null(hundred.WeightedScoreRespondentMean);
        Assert.Equal(new[] { 0.1, 0.3, 0.2, 0.2, 0.2 }, hundred.MeanImportanceWeights.ToArray());
    }

    [Fact]
    public void ScoreMeans_BadInput_ThrowsNamingParameter()
    {
        ServqualDimensionMeans[] two = [new("A", 5, 4), new("B", 5, 5)];
        Assert.Equal("dimensions", Assert.Throws<ArgumentNullException>(() => ServqualScorer.Score((IReadOnlyList<ServqualDimensionMeans>)null!)).ParamName);
        Assert.Equal("dimensions", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(Array.Empty<ServqualDimensionMeans>())).ParamName);
        var nullDimension = Assert.Throws<ArgumentException>(() => ServqualScorer.Score([two[0], null!]));
        Assert.Equal("dimensions", nullDimension.ParamName);
        Assert.Contains("Dimension 1", nullDimension.Message, StringComparison.Ordinal);
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(two, [100])).ParamName);
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(two, [50, -1])).ParamName);
        Assert.Equal("importancePoints", Assert.Throws<ArgumentException>(() => ServqualScorer.Score(two, [0, 0])).ParamName);
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) < 1e-9;
}
