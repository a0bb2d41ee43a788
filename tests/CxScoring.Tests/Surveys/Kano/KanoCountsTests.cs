using CxScoring.Surveys.Kano;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.Kano;

public class KanoCountsTests
{
    // docs/sources.md, "Kano counts": stp25kano README (n = 296), row "Service app": M95 O123 A45 I33 -> Better 0.568, Worse -0.736, category O.
    [Fact]
    public void Coefficients_Stp25KanoServiceApp_MatchPublished()
    {
        var counts = new KanoCounts(attractive: 45, oneDimensional: 123, mustBe: 95, indifferent: 33);
        Assert.Equal(0.568, counts.Better, 3);
        Assert.Equal(-0.736, counts.Worse, 3);
        Assert.Equal(KanoCategory.OneDimensional, counts.ModeCategory);
        Assert.Equal(KanoCategory.OneDimensional, counts.RuleCategory());
        Assert.Equal(KanoCategory.OneDimensional, counts.SumRuleCategory);
        Assert.Equal((45 + 123 + 95) / 296.0, counts.TotalStrength, 12);
        Assert.Equal((123 - 95) / 296.0, counts.CategoryStrength, 12);
        Assert.True(counts.FongTest().IsSignificant);
    }

    // stp25kano README, row "Hotline": M15 O24 A121 I124 R6 Q6 -> mode I, M>O>A>I rule A.
    [Fact]
    public void Categories_Stp25KanoHotline_ModeIRuleA()
    {
        var counts = new KanoCounts(121, 24, 15, 124, 6, 6);
        Assert.Equal(KanoCategory.Indifferent, counts.ModeCategory);
        Assert.Equal(KanoCategory.Attractive, counts.RuleCategory());
        Assert.Equal(KanoCategory.Attractive, counts.SumRuleCategory); // A+O+M = 160 > I+R+Q = 136
        var fong = counts.FongTest();
        Assert.Equal(KanoCategory.Indifferent, fong.First);
        Assert.Equal(KanoCategory.Attractive, fong.Second);
        Assert.Equal(3, fong.Difference);
        Assert.False(fong.IsSignificant);
        Assert.Equal(KanoCategory.Indifferent, counts.RuleCategory(threshold: 0.005));
    }

    // stp25kano README, row "Loan machine": M65 O87 A93 I51 -> mode A, M>O>A>I rule O.
    [Fact]
    public void Categories_Stp25KanoLoanMachine_ModeARuleO()
    {
        var counts = new KanoCounts(93, 87, 65, 51);
        Assert.Equal(KanoCategory.Attractive, counts.ModeCategory);
        Assert.Equal(KanoCategory.OneDimensional, counts.RuleCategory());
    }

    // stp25kano README, row "Ready-to-use return": M9 O18 A83 I177 R6 Q3 -> Better 0.352, Worse -0.094, I.
    [Fact]
    public void Coefficients_Stp25KanoReadyToUseReturn_MatchPublished()
    {
        var counts = new KanoCounts(83, 18, 9, 177, 6, 3);
        Assert.Equal(296, counts.Total);
        Assert.Equal(0.352, counts.Better, 3);
        Assert.Equal(-0.094, counts.Worse, 3);
        Assert.Equal(KanoCategory.Indifferent, counts.ModeCategory);
        Assert.Equal(KanoCategory.Indifferent, counts.RuleCategory());
        Assert.Equal(KanoCategory.Indifferent, counts.SumRuleCategory);
    }

    [Fact]
    public void FongTest_Formula_MatchesFong1996()
    {
        var fong = new KanoCounts(121, 24, 15, 124, 6, 6).FongTest();
        Assert.Equal(1.65 * Math.Sqrt(245.0 * (592 - 245) / 592), fong.CriticalValue, 12);
    }

    [Fact]
    public void Better_OnlyReverseAndQuestionable_IsNaN()
    {
        var counts = new KanoCounts(0, 0, 0, 0, 3, 1);
        Assert.True(double.IsNaN(counts.Better));
        Assert.True(double.IsNaN(counts.Worse));
        Assert.Equal(KanoCategory.Reverse, counts.ModeCategory);
    }

    [Fact]
    public void ModeCategory_NoAnswers_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => default(KanoCounts).ModeCategory);
        Assert.Throws<InvalidOperationException>(() => default(KanoCounts).FongTest());
    }

    [Fact]
    public void Constructor_NegativeCount_ThrowsNamingIt()
    {
        Assert.Equal("attractive", Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(-1, 0, 0, 0)).ParamName);
        Assert.Equal("questionable", Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(0, 0, 0, 0, 0, -1)).ParamName);
    }

    [Fact]
    public void RuleCategory_ThresholdOutOfRange_ThrowsNamingThreshold()
        => Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(1, 1, 1, 1).RuleCategory(1.5)).ParamName);

    [Fact]
    public void Count_UnknownCategory_ThrowsNamingCategory()
    {
        Assert.Equal("category", Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(1, 1, 1, 1).Count((KanoCategory)7)).ParamName);
        Assert.Equal("category", Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(1, 1, 1, 1).Share((KanoCategory)7)).ParamName);
    }

    [Fact]
    public void Classify_BadInput_ThrowsNamingParameter()
    {
        var table = KanoEvaluationTable.Standard;
        Assert.Equal("functional", Assert.Throws<ArgumentNullException>(() => KanoCounts.Classify(null!, [], table)).ParamName);
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => KanoCounts.Classify([], [], null!)).ParamName);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentException>(() => KanoCounts.Classify([KanoAnswer.Like], [], table)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => KanoCounts.Classify([KanoAnswer.Like, (KanoAnswer)6], [KanoAnswer.Like, KanoAnswer.Like], table));
        Assert.Equal("functional", ex.ParamName);
        Assert.Contains("Respondent 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_TwoWaves_SumsCounts()
    {
        var sum = new KanoCounts(1, 2, 3, 4, 5, 6).Add(new KanoCounts(1, 1, 1, 1, 1, 1));
        Assert.Equal(new KanoCounts(2, 3, 4, 5, 6, 7), sum);
        Assert.True(sum != new KanoCounts(1, 2, 3, 4, 5, 6));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 200)]
    public bool Better_And_Worse_StayInTheirRanges(KanoCounts counts)
        => counts.Better is >= 0 and <= 1 && counts.Worse is >= -1 and <= 0
            && counts.TotalStrength is >= 0 and <= 1 && counts.CategoryStrength is >= 0 and <= 1;

    [Theory]
    [InlineData(-1, 0, 0, 0, 0, 0, "attractive")]
    [InlineData(0, -1, 0, 0, 0, 0, "oneDimensional")]
    [InlineData(0, 0, -1, 0, 0, 0, "mustBe")]
    [InlineData(0, 0, 0, -1, 0, 0, "indifferent")]
    [InlineData(0, 0, 0, 0, -1, 0, "reverse")]
    [InlineData(0, 0, 0, 0, 0, -1, "questionable")]
    public void Constructor_EachNegativeCount_ThrowsNamingIt(int a, int o, int m, int i, int r, int q, string name)
        => Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => new KanoCounts(a, o, m, i, r, q)).ParamName);

    [Fact]
    public void Ranking_FourWayTie_GoesByTheHierarchy()
    {
        // A = O = M = I: the mode is M, the runner-up O (M > O > A > I).
        var counts = new KanoCounts(5, 5, 5, 5);
        Assert.Equal(KanoCategory.MustBe, counts.ModeCategory);
        Assert.Equal((KanoCategory.MustBe, KanoCategory.OneDimensional), (counts.FongTest().First, counts.FongTest().Second));
        Assert.Equal(KanoCategory.OneDimensional, new KanoCounts(5, 5, 0, 5).ModeCategory);
    }

    [Fact]
    public void Ranking_ThirdCategoryBeatsTheRunnerUp_BecomesSecond()
    {
        // M 10, O 1, A 5: the runner-up is A, found after O.
        var fong = new KanoCounts(5, 1, 10, 0).FongTest();
        Assert.Equal((KanoCategory.MustBe, KanoCategory.Attractive), (fong.First, fong.Second));
        Assert.Equal(5, fong.Difference);
    }

    [Theory]
    [InlineData(2, 0, 0, 1, 0, 1, KanoCategory.Indifferent)]   // A+O+M = 2 = I+R+Q: not more, so the I, R, Q group; I wins the tie with Q
    [InlineData(3, 0, 0, 1, 1, 2, KanoCategory.Questionable)]  // 3 < 4: Q is the most frequent of I, R, Q
    [InlineData(3, 0, 0, 1, 2, 0, KanoCategory.Reverse)]       // 3 = 3: R
    [InlineData(0, 0, 3, 2, 2, 0, KanoCategory.Indifferent)]   // 3 < 4, and M's 3 does not count in the I, R, Q group
    [InlineData(2, 2, 0, 1, 0, 0, KanoCategory.OneDimensional)] // 4 > 1: O and A tie, O comes first
    public void SumRuleCategory_HandWorkedCounts(int a, int o, int m, int i, int r, int q, KanoCategory expected)
        => Assert.Equal(expected, new KanoCounts(a, o, m, i, r, q).SumRuleCategory);

    [Fact]
    public void RuleCategory_DifferenceEqualToTheThreshold_IsATie()
    {
        // A 20, O 17 of 50: the shares differ by exactly 3/50 = 0.06, which is within the threshold, so O (O > A) wins.
        var counts = new KanoCounts(20, 17, 0, 13);
        Assert.Equal(KanoCategory.Attractive, counts.ModeCategory);
        Assert.Equal(KanoCategory.OneDimensional, counts.RuleCategory(0.06));
        Assert.Equal(KanoCategory.Attractive, counts.RuleCategory(0.05));
    }

    [Fact]
    public void RuleCategory_TieWithTheFirstHigherInTheHierarchy_KeepsTheFirst()
    {
        var counts = new KanoCounts(0, 19, 20, 0); // M 20, O 19
        Assert.Equal(KanoCategory.MustBe, counts.RuleCategory(1)); // a threshold of 1 is allowed
        Assert.Equal(KanoCategory.MustBe, counts.RuleCategory(0));
    }

    [Fact]
    public void Coefficients_OnlyReverseAndQuestionable_AreNaN()
    {
        var counts = new KanoCounts(0, 0, 0, 0, 2, 1);
        Assert.True(double.IsNaN(counts.Better));
        Assert.True(double.IsNaN(counts.Worse));
        Assert.Equal(0, counts.TotalStrength);
    }

    [Fact]
    public void Equality_EachCountTakesPart()
    {
        var counts = new KanoCounts(1, 2, 3, 4, 5, 6);
        Assert.True(counts == new KanoCounts(1, 2, 3, 4, 5, 6));
        Assert.True(counts != new KanoCounts(0, 2, 3, 4, 5, 6));
        Assert.True(counts != new KanoCounts(1, 0, 3, 4, 5, 6));
        Assert.True(counts != new KanoCounts(1, 2, 0, 4, 5, 6));
        Assert.True(counts != new KanoCounts(1, 2, 3, 0, 5, 6));
        Assert.True(counts != new KanoCounts(1, 2, 3, 4, 0, 6));
        Assert.True(counts != new KanoCounts(1, 2, 3, 4, 5, 0));
    }

    [Fact]
    public void FongTest_Equality_AndText()
    {
        var fong = new KanoCounts(45, 123, 95, 33).FongTest();
        var same = new KanoCounts(45, 123, 95, 33).FongTest();
        Assert.True(fong == same);
        Assert.False(fong != same);
        Assert.True(fong.Equals((object)same));
        Assert.Equal(fong.GetHashCode(), same.GetHashCode());
        Assert.True(fong != new KanoCounts(45, 95, 123, 33).FongTest());  // first and second swapped
        Assert.True(fong != new KanoCounts(45, 123, 90, 33).FongTest());  // another difference
        Assert.True(fong != new KanoCounts(40, 123, 95, 33).FongTest());  // same pair and difference, another critical value
        Assert.StartsWith("OneDimensional vs MustBe: |a−b| = 28, critical ", fong.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("→ significant", fong.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("→ not significant", new KanoCounts(121, 24, 15, 124, 6, 6).FongTest().ToString(), StringComparison.Ordinal);
    }
}
