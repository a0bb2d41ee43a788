using CxScoring.Surveys.Kano;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.Kano;

public class KanoScorerTests
{
    /// <summary>Raw answer pairs that the standard table classifies into the given counts.</summary>
    private static (List<KanoAnswer> F, List<KanoAnswer> D) Pairs(int a, int o, int m, int i, int r = 0, int q = 0)
    {
        var f = new List<KanoAnswer>();
        var d = new List<KanoAnswer>();
        void Add(int n, KanoAnswer fa, KanoAnswer da)
        {
            for (var k = 0; k < n; k++)
            {
                f.Add(fa);
                d.Add(da);
            }
        }

        Add(a, KanoAnswer.Like, KanoAnswer.Neutral);
        Add(o, KanoAnswer.Like, KanoAnswer.Dislike);
        Add(m, KanoAnswer.Neutral, KanoAnswer.Dislike);
        Add(i, KanoAnswer.Neutral, KanoAnswer.Neutral);
        Add(r, KanoAnswer.Dislike, KanoAnswer.Like);
        Add(q, KanoAnswer.Like, KanoAnswer.Like);
        return (f, d);
    }

    // docs/sources.md, "Kano counts": stp25kano README "Service app" (M95 O123 A45 I33) from raw answer pairs: Better 0.568, Worse -0.736, O.
    [Fact]
    public void Analyze_Stp25KanoServiceAppRawPairs_MatchesPublished()
    {
        var (f, d) = Pairs(45, 123, 95, 33);
        var result = KanoScorer.Score(f, d);
        Assert.Equal(new KanoCounts(45, 123, 95, 33), result.Counts);
        Assert.Equal(0.568, result.Better, 3);
        Assert.Equal(-0.736, result.Worse, 3);
        Assert.Equal(KanoCategory.OneDimensional, result.ModeCategory);
    }

    // stp25kano README "Hotline" (M15 O24 A121 I124 R6 Q6) from raw codes: mode I, M>O>A>I rule A.
    [Fact]
    public void AnalyzeCodes_Stp25KanoHotlineRawCodes_ModeIRuleA()
    {
        var (f, d) = Pairs(121, 24, 15, 124, 6, 6);
        var result = KanoScorer.Score([.. f.Select(x => (int)x)], [.. d.Select(x => (int)x)]);
        Assert.Equal(KanoCategory.Indifferent, result.ModeCategory);
        Assert.Equal(KanoCategory.Attractive, result.RuleCategory);
        Assert.Equal(KanoCategory.Attractive, result.SumRuleCategory);
        Assert.False(result.Fong.IsSignificant);
        Assert.Equal(284, result.ContinuousCount);
    }

    [Fact]
    public void AnalyzeLabels_LabelsAndImportance_ComputesDuMouchelMeansAndImportance()
    {
        string[] f = ["I like it", "must-be", "Dislike", "like"];
        string[] d = ["dislike", "dislike", "like", "like"];   // O, M, R, Q

        var result = KanoScorer.Score(f, d, [9, 7, 3, 5], null);

        Assert.Equal(new KanoCounts(0, 1, 1, 0, 1, 1), result.Counts);
        Assert.Equal(2, result.ContinuousCount);
        Assert.Equal((4 + 2) / 2.0, result.FunctionalMean!.Value, 12);     // Like 4, Must-be 2
        Assert.Equal((4 + 4) / 2.0, result.DysfunctionalMean!.Value, 12);  // Dislike 4
        Assert.Equal(6, result.MeanImportance!.Value, 12);
    }

    [Fact]
    public void Analyze_PouliotTableAndThreshold_AreApplied()
    {
        var options = new KanoScoringOptions { Table = KanoEvaluationTable.Pouliot, RuleThreshold = 0 };
        var result = KanoScorer.Score([KanoAnswer.MustBe, KanoAnswer.Neutral], [KanoAnswer.MustBe, KanoAnswer.Neutral], null, options);
        Assert.Equal(1, result.Counts.Questionable);
        Assert.Equal(1, result.Counts.Indifferent);
        Assert.Equal(0, result.RuleThreshold);
        Assert.Null(result.MeanImportance);
    }

    [Fact]
    public void Analyze_BadInput_ThrowsNamingParameter()
    {
        IReadOnlyList<KanoAnswer> none = [];
        Assert.Equal("functional", Assert.Throws<ArgumentNullException>(() => KanoScorer.Score(null!, none)).ParamName);
        Assert.Equal("functional", Assert.Throws<ArgumentException>(() => KanoScorer.Score(none, none)).ParamName);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], none)).ParamName);
        Assert.Equal("importance", Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], [1, 2], null)).ParamName);
        Assert.Equal("importance", Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], [double.NaN], null)).ParamName);
    }

    [Fact]
    public void AnalyzeLabels_UnknownLabel_ThrowsNamingRespondent()
    {
        var ex = Assert.Throws<ArgumentException>(() => KanoScorer.Score(["like", "like"], ["dislike", "hate it"]));
        Assert.Equal("dysfunctional", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("functional", Assert.Throws<ArgumentNullException>(() => KanoScorer.Score(null!, Array.Empty<string>())).ParamName);
    }

    [Fact]
    public void AnalyzeCodes_UnknownCode_ThrowsNamingRespondent()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => KanoScorer.Score([1, 7], [5, 5]));
        Assert.Equal("functional", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentException>(() => KanoScorer.Score([1], Array.Empty<int>())).ParamName);
    }

    [Fact]
    public void Constructor_ThresholdOutOfRange_ThrowsNamingRuleThreshold()
    {
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], null, new KanoScoringOptions { RuleThreshold = -0.1 }), "KanoScoringOptions.RuleThreshold");
        OptionsAssert.Refused<ArgumentException>(() => KanoScorer.Score(["like"], ["dislike"], null, new KanoScoringOptions { AnswerMap = null! }), "KanoScoringOptions.AnswerMap");
        OptionsAssert.Refused<ArgumentException>(() => KanoScorer.Score(new KanoCounts(1, 0, 0, 0, 0, 0), new KanoScoringOptions { Table = null! }), "KanoScoringOptions.Table");
    }

    [Fact]
    public void Options_Defaults_Validate()
    {
        KanoScoringOptions.Default.Validate("options");
        new KanoScoringOptions().Validate("options");
    }

    [Fact]
    public void Score_AllAnswerPairsConvention_AveragesOverEveryPair()
    {
        // O, M, R, Q: functional scores 4, 2, −2, 4 and dysfunctional 4, 4, −2, −2. Leaving R and Q out gives 3 and 4
        // over 2 pairs; averaging over all 4 pairs gives 8/4 = 2 and 4/4 = 1.
        KanoAnswer[] f = [KanoAnswer.Like, KanoAnswer.MustBe, KanoAnswer.Dislike, KanoAnswer.Like];
        KanoAnswer[] d = [KanoAnswer.Dislike, KanoAnswer.Dislike, KanoAnswer.Like, KanoAnswer.Like];

        var excluding = KanoScorer.Score(f, d);
        var all = KanoScorer.Score(f, d, null, new KanoScoringOptions { MeanConvention = KanoMeanConvention.AllAnswerPairs });

        Assert.Equal(KanoMeanConvention.ExcludeReverseAndQuestionable, excluding.MeanConvention);
        Assert.Equal((3.0, 4.0, 2), (excluding.FunctionalMean, excluding.DysfunctionalMean, excluding.ContinuousCount));
        Assert.Equal(KanoMeanConvention.AllAnswerPairs, all.MeanConvention);
        Assert.Equal((2.0, 1.0, 4), (all.FunctionalMean, all.DysfunctionalMean, all.ContinuousCount));
        Assert.Equal(excluding.Counts, all.Counts);
    }

    [Fact]
    public void Score_OnlyReverseAndQuestionable_MeansDependOnTheConvention()
    {
        KanoAnswer[] f = [KanoAnswer.Dislike, KanoAnswer.Like];
        KanoAnswer[] d = [KanoAnswer.Like, KanoAnswer.Like]; // R, Q
        var excluding = KanoScorer.Score(f, d);
        Assert.Null(excluding.FunctionalMean);
        Assert.Null(excluding.DysfunctionalMean);
        var all = KanoScorer.Score(f, d, null, new KanoScoringOptions { MeanConvention = KanoMeanConvention.AllAnswerPairs });
        Assert.Equal(1.0, all.FunctionalMean);     // (−2 + 4)/2
        Assert.Equal(-2.0, all.DysfunctionalMean); // (−2 − 2)/2
    }

    [Fact]
    public void Score_Counts_CarriesTheConventionWithoutMeans()
    {
        var result = KanoScorer.Score(new KanoCounts(1, 2, 3, 4), new KanoScoringOptions { MeanConvention = KanoMeanConvention.AllAnswerPairs });
        Assert.Equal(KanoMeanConvention.AllAnswerPairs, result.MeanConvention);
        Assert.Null(result.FunctionalMean);
        Assert.Equal(0, result.ContinuousCount);
    }

    [Fact]
    public void Score_LabelVariants_AreMappedLikeTheShortForms()
    {
        string[] f = ["I expect it", "  I   LIKE\tit ", "It must be that way", "I am neutral"];
        string[] d = ["I can tolerate it", "I dislike it", "I don\u2019t care", "i can live with it that way"];
        var result = KanoScorer.Score(f, d);
        // (MustBe, LiveWith) I, (Like, Dislike) O, (MustBe, Neutral) I, (Neutral, LiveWith) I.
        Assert.Equal(new KanoCounts(0, 1, 0, 3), result.Counts);
    }

    [Theory]
    [InlineData(1.0, 9.0)]
    [InlineData(9.0, 1.0)]
    public void Score_ImportanceAtTheEndsOfTheScale_IsAccepted(double first, double second)
        => Assert.Equal(5.0, KanoScorer.Score([KanoAnswer.Like, KanoAnswer.Like], [KanoAnswer.Dislike, KanoAnswer.Dislike], [first, second], null).MeanImportance);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999)]
    [InlineData(9.001)]
    [InlineData(10.0)]
    public void Score_ImportanceOffTheScale_ThrowsNamingRespondentAndScale(double rating)
    {
        var ex = Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like, KanoAnswer.Like], [KanoAnswer.Dislike, KanoAnswer.Dislike], [5, rating], null));
        Assert.Equal("importance", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("importance scale 1–9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ImportanceOnACustomScale_IsCheckedAgainstIt()
    {
        var options = new KanoScoringOptions { ImportanceScaleMinimum = 0, ImportanceScaleMaximum = 10 };
        Assert.Equal(5.0, KanoScorer.Score(["like", "like"], ["dislike", "dislike"], [0, 10], options).MeanImportance);
        var ex = Assert.Throws<ArgumentException>(() => KanoScorer.Score([1, 1], [5, 5], [10, 11], options));
        Assert.Equal("importance", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0–10", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5.0, 5.0)]
    [InlineData(9.0, 1.0)]
    [InlineData(double.NaN, 9.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void Score_InvalidImportanceScale_ThrowsNamingTheProperty(double minimum, double maximum)
    {
        var options = new KanoScoringOptions { ImportanceScaleMinimum = minimum, ImportanceScaleMaximum = maximum };
        var ex = Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], null, options));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("ImportanceScaleMinimum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UndefinedMeanConvention_ThrowsNamingTheProperty()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], null, new KanoScoringOptions { MeanConvention = (KanoMeanConvention)2 }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("MeanConvention", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_LiveWithAndMustBe_HaveTheirDuMouchelScores()
    {
        // Functional Live-with (−1) with dysfunctional Must-be (−1) is I.
        var result = KanoScorer.Score([KanoAnswer.LiveWith], [KanoAnswer.MustBe]);
        Assert.Equal((-1.0, -1.0), (result.FunctionalMean, result.DysfunctionalMean));
    }

    [Fact]
    public void Score_LabelsAndCodes_UseTheGivenOptions()
    {
        var pouliot = new KanoScoringOptions { Table = KanoEvaluationTable.Pouliot };
        Assert.Equal(1, KanoScorer.Score(["must-be"], ["must-be"], null, pouliot).Counts.Questionable);
        Assert.Equal(1, KanoScorer.Score([2], [2], null, pouliot).Counts.Questionable);
        var bad = new KanoScoringOptions { RuleThreshold = 2 };
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => KanoScorer.Score(["like"], ["dislike"], null, bad)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => KanoScorer.Score([1], [5], null, bad)).ParamName);
        Assert.Equal("options", Assert.ThrowsAny<ArgumentException>(() => KanoScorer.Score(new KanoCounts(1, 0, 0, 0), bad)).ParamName);
    }

    [Fact]
    public void Score_EmptyCounts_Throws()
        => Assert.Equal("counts", Assert.Throws<ArgumentException>(() => KanoScorer.Score(new KanoCounts(0, 0, 0, 0))).ParamName);

    [Fact]
    public void Score_NullDysfunctional_ThrowsNamingIt()
    {
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentNullException>(() => KanoScorer.Score([KanoAnswer.Like], (IReadOnlyList<KanoAnswer>)null!)).ParamName);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentNullException>(() => KanoScorer.Score(["like"], (IReadOnlyList<string>)null!)).ParamName);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentNullException>(() => KanoScorer.Score([1], (IReadOnlyList<int>)null!)).ParamName);
    }

    [Fact]
    public void Score_UnknownCode_SaysTheCodeIsUnknown()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => KanoScorer.Score([1, 1], [5, 0]));
        Assert.Equal("dysfunctional", ex.ParamName);
        Assert.Contains("Respondent 1: 0 is not a known Kano answer code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NullTableOrAnswerMap_ThrowsNamingTheProperty()
    {
        var noTable = Assert.Throws<ArgumentException>(() => KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], null, new KanoScoringOptions { Table = null! }));
        Assert.Equal("options", noTable.ParamName);
        Assert.Contains("Table", noTable.Message, StringComparison.Ordinal);
        var noMap = Assert.Throws<ArgumentException>(() => KanoScorer.Score(["like"], ["dislike"], null, new KanoScoringOptions { AnswerMap = null! }));
        Assert.Equal("options", noMap.ParamName);
        Assert.Contains("AnswerMap", noMap.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, KanoScorer.Score([KanoAnswer.Like], [KanoAnswer.Dislike], null, new KanoScoringOptions { RuleThreshold = 1 }).RuleThreshold);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public bool Analyze_RespondentOrder_DoesNotChangeResult(KanoPairs pairs)
    {
        var forward = KanoScorer.Score(pairs.Functional, pairs.Dysfunctional);
        var backward = KanoScorer.Score([.. pairs.Functional.Reverse()], [.. pairs.Dysfunctional.Reverse()]);
        return forward.Counts == backward.Counts
            && forward.ModeCategory == backward.ModeCategory
            && forward.RuleCategory == backward.RuleCategory
            && Nullable.Equals(forward.FunctionalMean is { } a ? Math.Round(a, 9) : null, backward.FunctionalMean is { } b ? Math.Round(b, 9) : null);
    }
}
