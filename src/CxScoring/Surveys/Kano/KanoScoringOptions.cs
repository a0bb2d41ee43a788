using System.Globalization;
using CxScoring.Validation;

namespace CxScoring.Surveys.Kano;

/// <summary>
/// Options for <see cref="KanoScorer"/>: the evaluation table, the answer map, the tie threshold of the
/// M &gt; O &gt; A &gt; I rule, the convention of DuMouchel's means and the scale of the self-stated importance ratings.
/// </summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the scorer checks them when it
/// is called and throws an <see cref="ArgumentException"/> naming the property. Instances are immutable and safe to
/// share between threads.
/// </remarks>
public sealed class KanoScoringOptions
{
    /// <summary>Gets the options with every property at its default value.</summary>
    /// <value>A shared instance.</value>
    public static KanoScoringOptions Default { get; } = new();

    /// <summary>Gets the evaluation table that classifies an answer pair.</summary>
    /// <value>The default value is <see cref="KanoEvaluationTable.Standard"/>.</value>
    public KanoEvaluationTable Table { get; init; } = KanoEvaluationTable.Standard;

    /// <summary>Gets the map from text labels and numeric codes to answers.</summary>
    /// <value>The default value is <see cref="KanoAnswerMap.Default"/>.</value>
    public KanoAnswerMap AnswerMap { get; init; } = KanoAnswerMap.Default;

    /// <summary>Gets the tie threshold of the M &gt; O &gt; A &gt; I rule, as a share in [0, 1].</summary>
    /// <value>The default value is <see cref="KanoCounts.DefaultRuleThreshold"/> (0.06).</value>
    public double RuleThreshold { get; init; } = KanoCounts.DefaultRuleThreshold;

    /// <summary>Gets which answer pairs DuMouchel's functional and dysfunctional means average over.</summary>
    /// <value>The default value is <see cref="KanoMeanConvention.ExcludeReverseAndQuestionable"/>.</value>
    public KanoMeanConvention MeanConvention { get; init; } = KanoMeanConvention.ExcludeReverseAndQuestionable;

    /// <summary>Gets the lowest point of the scale the self-stated importance ratings are given on.</summary>
    /// <value>The default value is 1 (a 1–9 scale by default, as in Berger et al. 1993).</value>
    public double ImportanceScaleMinimum { get; init; } = 1;

    /// <summary>Gets the highest point of the scale the self-stated importance ratings are given on.</summary>
    /// <value>The default value is 9.</value>
    public double ImportanceScaleMaximum { get; init; } = 9;

    /// <summary>Checks every property; called by the scorer before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when <see cref="Table"/> or <see cref="AnswerMap"/> is <see langword="null"/>; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="RuleThreshold"/> is outside [0, 1]; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.NotNull(Table, "KanoScoringOptions.Table", parameterName);
        OptionsRules.NotNull(AnswerMap, "KanoScoringOptions.AnswerMap", parameterName);
        OptionsRules.InUnitInterval(RuleThreshold, "KanoScoringOptions.RuleThreshold", parameterName);
        OptionsRules.Defined(MeanConvention, "KanoScoringOptions.MeanConvention", parameterName);
        if (!(double.IsFinite(ImportanceScaleMinimum) && double.IsFinite(ImportanceScaleMaximum) && ImportanceScaleMinimum < ImportanceScaleMaximum))
        {
            OptionsRules.Invalid(parameterName, string.Create(CultureInfo.InvariantCulture, $"KanoScoringOptions.ImportanceScaleMinimum ({ImportanceScaleMinimum}) and ImportanceScaleMaximum ({ImportanceScaleMaximum}) must be finite, with the minimum below the maximum."));
        }
    }
}
