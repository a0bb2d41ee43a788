namespace CxScoring.Surveys.Kano;

/// <summary>The Kano analysis of one feature: counts, coefficients, categories by the three rules, strengths, Fong's test, DuMouchel's continuous means and the mean self-stated importance.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class KanoFeatureResult
{
    internal KanoFeatureResult(KanoCounts counts, double ruleThreshold, double? functionalMean, double? dysfunctionalMean, int continuousCount, double? meanImportance, KanoMeanConvention meanConvention)
    {
        Counts = counts;
        RuleThreshold = ruleThreshold;
        ModeCategory = counts.ModeCategory;
        RuleCategory = counts.RuleCategory(ruleThreshold);
        SumRuleCategory = counts.SumRuleCategory;
        Fong = counts.FongTest();
        FunctionalMean = functionalMean;
        DysfunctionalMean = dysfunctionalMean;
        ContinuousCount = continuousCount;
        MeanImportance = meanImportance;
        MeanConvention = meanConvention;
    }

    /// <summary>Gets the category counts.</summary>
    /// <value>A, O, M, I, R and Q counts.</value>
    public KanoCounts Counts { get; }

    /// <summary>Gets the Better coefficient (A + O) / (A + O + M + I).</summary>
    /// <value>A number in [0, 1]; <see cref="double.NaN"/> when every answer was R or Q.</value>
    public double Better => Counts.Better;

    /// <summary>Gets the Worse coefficient −(O + M) / (A + O + M + I).</summary>
    /// <value>A number in [−1, 0]; <see cref="double.NaN"/> when every answer was R or Q.</value>
    public double Worse => Counts.Worse;

    /// <summary>Gets the most frequent category.</summary>
    /// <value>The mode; ties broken M &gt; O &gt; A &gt; I &gt; R &gt; Q.</value>
    public KanoCategory ModeCategory { get; }

    /// <summary>Gets the category by the M &gt; O &gt; A &gt; I rule with <see cref="RuleThreshold"/>.</summary>
    /// <value>The category.</value>
    public KanoCategory RuleCategory { get; }

    /// <summary>Gets the threshold used by <see cref="RuleCategory"/>.</summary>
    /// <value>A share in [0, 1]; 0.06 by default.</value>
    public double RuleThreshold { get; }

    /// <summary>Gets the category by the sum rule (A + O + M vs I + R + Q; Berger et al. 1993).</summary>
    /// <value>The category.</value>
    public KanoCategory SumRuleCategory { get; }

    /// <summary>Gets the total strength (A + O + M) / N.</summary>
    /// <value>A number in [0, 1].</value>
    public double TotalStrength => Counts.TotalStrength;

    /// <summary>Gets the category strength: the share difference of the two most frequent categories.</summary>
    /// <value>A number in [0, 1].</value>
    public double CategoryStrength => Counts.CategoryStrength;

    /// <summary>Gets Fong's test on the two most frequent categories.</summary>
    /// <value>The test result.</value>
    public KanoFongTest Fong { get; }

    /// <summary>Gets DuMouchel's mean functional score (Like 4, Must-be 2, Neutral 0, Live-with −1, Dislike −2).</summary>
    /// <value>
    /// The mean over the answer pairs <see cref="MeanConvention"/> takes: those not classified R or Q by default, or
    /// all pairs; <see langword="null"/> when there is none or when only counts were scored.
    /// </value>
    public double? FunctionalMean { get; }

    /// <summary>Gets DuMouchel's mean dysfunctional score (Like −2, Must-be −1, Neutral 0, Live-with 2, Dislike 4).</summary>
    /// <value>
    /// The mean over the answer pairs <see cref="MeanConvention"/> takes: those not classified R or Q by default, or
    /// all pairs; <see langword="null"/> when there is none or when only counts were scored.
    /// </value>
    public double? DysfunctionalMean { get; }

    /// <summary>Gets the number of answer pairs that entered the DuMouchel means.</summary>
    /// <value>A + O + M + I under <see cref="KanoMeanConvention.ExcludeReverseAndQuestionable"/>; N under <see cref="KanoMeanConvention.AllAnswerPairs"/>; 0 when only counts were scored.</value>
    public int ContinuousCount { get; }

    /// <summary>Gets which answer pairs <see cref="FunctionalMean"/> and <see cref="DysfunctionalMean"/> average over.</summary>
    /// <value>The convention of the options the feature was scored with.</value>
    public KanoMeanConvention MeanConvention { get; }

    /// <summary>Gets the mean self-stated importance.</summary>
    /// <value>The mean of the importance ratings given; <see langword="null"/> when none was given.</value>
    public double? MeanImportance { get; }
}
