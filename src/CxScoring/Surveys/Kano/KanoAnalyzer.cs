using System.Globalization;

namespace CxScoring.Surveys.Kano;

/// <summary>
/// Analyses the answers to one feature of a Kano questionnaire: raw answer pairs (as <see cref="KanoAnswer"/>
/// values, text labels or numeric codes) are classified with an evaluation table and summarised in a
/// <see cref="KanoFeatureResult"/>.
/// </summary>
/// <remarks>Instances are immutable and safe to use from any number of threads.</remarks>
public sealed class KanoAnalyzer
{
    /// <summary>Initializes a new instance of the <see cref="KanoAnalyzer"/> class.</summary>
    /// <param name="table">The evaluation table; <see langword="null"/> for <see cref="KanoEvaluationTable.Standard"/>.</param>
    /// <param name="answerMap">The map from labels and codes to answers; <see langword="null"/> for <see cref="KanoAnswerMap.Default"/>.</param>
    /// <param name="ruleThreshold">The tie threshold of the M &gt; O &gt; A &gt; I rule, as a share; 0.06 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="ruleThreshold"/> is outside [0, 1].</exception>
    public KanoAnalyzer(KanoEvaluationTable? table = null, KanoAnswerMap? answerMap = null, double ruleThreshold = KanoCounts.DefaultRuleThreshold)
    {
        if (!(ruleThreshold >= 0 && ruleThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ruleThreshold), ruleThreshold, "The threshold is a share and must lie in [0, 1].");
        }

        Table = table ?? KanoEvaluationTable.Standard;
        AnswerMap = answerMap ?? KanoAnswerMap.Default;
        RuleThreshold = ruleThreshold;
    }

    /// <summary>Gets the evaluation table.</summary>
    /// <value>The standard table unless another was given.</value>
    public KanoEvaluationTable Table { get; }

    /// <summary>Gets the answer map used by <see cref="AnalyzeLabels"/> and <see cref="AnalyzeCodes"/>.</summary>
    /// <value>The default map unless another was given.</value>
    public KanoAnswerMap AnswerMap { get; }

    /// <summary>Gets the tie threshold of the M &gt; O &gt; A &gt; I rule.</summary>
    /// <value>A share in [0, 1].</value>
    public double RuleThreshold { get; }

    /// <summary>Analyses answer pairs.</summary>
    /// <param name="functional">The functional answers, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings, one per respondent.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an answer is not a defined <see cref="KanoAnswer"/> (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, the lists differ in length, or an importance rating is not finite.</exception>
    public KanoFeatureResult Analyze(IReadOnlyList<KanoAnswer> functional, IReadOnlyList<KanoAnswer> dysfunctional, IReadOnlyList<double>? importance = null)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        if (functional.Count == 0)
        {
            SurveyThrow.EmptySample(nameof(functional));
        }

        var counts = KanoCounts.Classify(functional, dysfunctional, Table);
        double sumF = 0, sumD = 0;
        var n = 0;
        for (var r = 0; r < functional.Count; r++)
        {
            var category = Table.Classify(functional[r], dysfunctional[r]);
            if (category is KanoCategory.Reverse or KanoCategory.Questionable)
            {
                continue;
            }

            sumF += FunctionalScore(functional[r]);
            sumD += DysfunctionalScore(dysfunctional[r]);
            n++;
        }

        double? meanImportance = null;
        if (importance is not null)
        {
            if (importance.Count != functional.Count)
            {
                SurveyThrow.Argument(nameof(importance), string.Create(CultureInfo.InvariantCulture, $"There are {importance.Count} importance ratings for {functional.Count} respondents."));
            }

            var sum = 0.0;
            for (var r = 0; r < importance.Count; r++)
            {
                if (!double.IsFinite(importance[r]))
                {
                    SurveyThrow.Argument(nameof(importance), string.Create(CultureInfo.InvariantCulture, $"Respondent {r}: importance {importance[r]} is not a finite number."));
                }

                sum += importance[r];
            }

            meanImportance = sum / importance.Count;
        }

        return new KanoFeatureResult(counts, RuleThreshold, n == 0 ? null : sumF / n, n == 0 ? null : sumD / n, n, meanImportance);
    }

    /// <summary>Analyses answer pairs given as text labels, mapped with <see cref="AnswerMap"/>.</summary>
    /// <param name="functional">The functional answer labels, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answer labels, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings, one per respondent.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a label is unknown (the message names the respondent), the sample is empty, the lists differ in length, or an importance rating is not finite.</exception>
    public KanoFeatureResult AnalyzeLabels(IReadOnlyList<string> functional, IReadOnlyList<string> dysfunctional, IReadOnlyList<double>? importance = null)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        return AnalyzeMapped(functional, dysfunctional, MapLabel, importance);
    }

    /// <summary>Analyses answer pairs given as numeric codes, mapped with <see cref="AnswerMap"/>.</summary>
    /// <param name="functional">The functional answer codes, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answer codes, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings, one per respondent.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a code is unknown (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, the lists differ in length, or an importance rating is not finite.</exception>
    public KanoFeatureResult AnalyzeCodes(IReadOnlyList<int> functional, IReadOnlyList<int> dysfunctional, IReadOnlyList<double>? importance = null)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        return AnalyzeMapped(functional, dysfunctional, MapCode, importance);
    }

    private KanoFeatureResult AnalyzeMapped<T>(IReadOnlyList<T> functional, IReadOnlyList<T> dysfunctional, Func<T, string, int, KanoAnswer> map, IReadOnlyList<double>? importance)
    {
        CheckPairs(functional.Count, dysfunctional.Count, nameof(dysfunctional));
        var f = new KanoAnswer[functional.Count];
        var d = new KanoAnswer[dysfunctional.Count];
        for (var r = 0; r < f.Length; r++)
        {
            f[r] = map(functional[r], nameof(functional), r);
            d[r] = map(dysfunctional[r], nameof(dysfunctional), r);
        }

        return Analyze(f, d, importance);
    }

    private static int FunctionalScore(KanoAnswer answer) => answer switch
    {
        KanoAnswer.Like => 4,
        KanoAnswer.MustBe => 2,
        KanoAnswer.Neutral => 0,
        KanoAnswer.LiveWith => -1,
        _ => -2,
    };

    private static int DysfunctionalScore(KanoAnswer answer) => answer switch
    {
        KanoAnswer.Like => -2,
        KanoAnswer.MustBe => -1,
        KanoAnswer.Neutral => 0,
        KanoAnswer.LiveWith => 2,
        _ => 4,
    };

    private static void CheckPairs(int functional, int dysfunctional, string paramName)
    {
        if (functional != dysfunctional)
        {
            SurveyThrow.Argument(paramName, string.Create(CultureInfo.InvariantCulture, $"There are {functional} functional but {dysfunctional} dysfunctional answers; they must pair up."));
        }
    }

    private KanoAnswer MapLabel(string? label, string paramName, int respondent)
    {
        if (!AnswerMap.TryMap(label, out var answer))
        {
            SurveyThrow.Argument(paramName, string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}: '{label}' is not a known Kano answer label."));
        }

        return answer;
    }

    private KanoAnswer MapCode(int code, string paramName, int respondent)
    {
        if (!AnswerMap.TryMap(code, out var answer))
        {
            throw new ArgumentOutOfRangeException(paramName, code, string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}: {code} is not a known Kano answer code."));
        }

        return answer;
    }
}
