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
