using System.Globalization;

namespace CxScoring.Surveys.Kano;

/// <summary>
/// Scores the answers to one feature of a Kano questionnaire: raw answer pairs (as <see cref="KanoAnswer"/>
/// values, text labels or numeric codes) are classified with an evaluation table and summarised in a
/// <see cref="KanoFeatureResult"/>.
/// </summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class KanoScorer
{
    /// <summary>Scores answer pairs with the default options and no importance ratings.</summary>
    /// <param name="functional">The functional answers, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an answer is unknown or undefined (the message names the respondent), the sample is empty or the lists differ in length.</exception>
    public static KanoFeatureResult Score(IReadOnlyList<KanoAnswer> functional, IReadOnlyList<KanoAnswer> dysfunctional)
        => Score(functional, dysfunctional, null, null);

    /// <summary>Scores answer pairs given as text labels, mapped with <see cref="KanoAnswerMap.Default"/>, with the default options and no importance ratings.</summary>
    /// <param name="functional">The functional answers, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an answer is unknown or undefined (the message names the respondent), the sample is empty or the lists differ in length.</exception>
    public static KanoFeatureResult Score(IReadOnlyList<string> functional, IReadOnlyList<string> dysfunctional)
        => Score(functional, dysfunctional, null, null);

    /// <summary>Scores answer pairs given as numeric codes, mapped with <see cref="KanoAnswerMap.Default"/>, with the default options and no importance ratings.</summary>
    /// <param name="functional">The functional answers, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an answer is unknown or undefined (the message names the respondent), the sample is empty or the lists differ in length.</exception>
    public static KanoFeatureResult Score(IReadOnlyList<int> functional, IReadOnlyList<int> dysfunctional)
        => Score(functional, dysfunctional, null, null);

    /// <summary>Scores category counts tallied elsewhere with the default tie threshold.</summary>
    /// <param name="counts">The counts of each category.</param>
    /// <returns>The analysis of the feature, without functional and dysfunctional means.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="counts"/> is all zero.</exception>
    public static KanoFeatureResult Score(KanoCounts counts) => Score(counts, null);

    /// <summary>Scores answer pairs.</summary>
    /// <param name="functional">The functional answers, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings of the feature, one per respondent, on the scale of <see cref="KanoScoringOptions.ImportanceScaleMinimum"/>–<see cref="KanoScoringOptions.ImportanceScaleMaximum"/> (1–9 by default).</param>
    /// <param name="options">The evaluation table, answer map and tie threshold; <see langword="null"/> for the defaults.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an answer is not a defined <see cref="KanoAnswer"/> (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, <paramref name="options"/> is invalid, the lists differ in length, or an importance rating is not finite or lies outside the options' importance scale (the message names the respondent).</exception>
    public static KanoFeatureResult Score(IReadOnlyList<KanoAnswer> functional, IReadOnlyList<KanoAnswer> dysfunctional, IReadOnlyList<double>? importance, KanoScoringOptions? options)
    {
        options ??= KanoScoringOptions.Default;
        options.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        if (functional.Count == 0)
        {
            SurveyThrow.EmptySample(nameof(functional));
        }

        var counts = KanoCounts.Classify(functional, dysfunctional, options.Table);
        var allPairs = options.MeanConvention == KanoMeanConvention.AllAnswerPairs;
        double sumF = 0, sumD = 0;
        var n = 0;
        for (var r = 0; r < functional.Count; r++)
        {
            var category = options.Table.Classify(functional[r], dysfunctional[r]);
            if (!allPairs && category is KanoCategory.Reverse or KanoCategory.Questionable)
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
            var min = options.ImportanceScaleMinimum;
            var max = options.ImportanceScaleMaximum;
            for (var r = 0; r < importance.Count; r++)
            {
                if (!double.IsFinite(importance[r]))
                {
                    SurveyThrow.Argument(nameof(importance), string.Create(CultureInfo.InvariantCulture, $"Respondent {r}: importance {importance[r]} is not a finite number."));
                }

                if (importance[r] < min || importance[r] > max)
                {
                    SurveyThrow.Argument(nameof(importance), string.Create(CultureInfo.InvariantCulture, $"Respondent {r}: the importance rating of this feature is {importance[r]}, outside the importance scale {min}–{max} (KanoScoringOptions.ImportanceScaleMinimum and ImportanceScaleMaximum)."));
                }

                sum += importance[r];
            }

            meanImportance = sum / importance.Count;
        }

        return new KanoFeatureResult(counts, options.RuleThreshold, n == 0 ? null : sumF / n, n == 0 ? null : sumD / n, n, meanImportance, options.MeanConvention);
    }

    /// <summary>Scores answer pairs given as text labels, mapped with <see cref="KanoScoringOptions.AnswerMap"/>.</summary>
    /// <param name="functional">The functional answer labels, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answer labels, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings of the feature, one per respondent, on the scale of <see cref="KanoScoringOptions.ImportanceScaleMinimum"/>–<see cref="KanoScoringOptions.ImportanceScaleMaximum"/> (1–9 by default).</param>
    /// <param name="options">The evaluation table, answer map and tie threshold; <see langword="null"/> for the defaults.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a label is unknown (the message names the respondent), the sample is empty, <paramref name="options"/> is invalid, the lists differ in length, or an importance rating is not finite or lies outside the options' importance scale (the message names the respondent).</exception>
    public static KanoFeatureResult Score(IReadOnlyList<string> functional, IReadOnlyList<string> dysfunctional, IReadOnlyList<double>? importance, KanoScoringOptions? options)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        options ??= KanoScoringOptions.Default;
        options.Validate(nameof(options));
        var map = options.AnswerMap;
        return ScoreMapped(functional, dysfunctional, (label, paramName, respondent) => MapLabel(map, label, paramName, respondent), importance, options);
    }

    /// <summary>Scores answer pairs given as numeric codes, mapped with <see cref="KanoScoringOptions.AnswerMap"/>.</summary>
    /// <param name="functional">The functional answer codes, one per respondent.</param>
    /// <param name="dysfunctional">The dysfunctional answer codes, in the same respondent order.</param>
    /// <param name="importance">Optional self-stated importance ratings of the feature, one per respondent, on the scale of <see cref="KanoScoringOptions.ImportanceScaleMinimum"/>–<see cref="KanoScoringOptions.ImportanceScaleMaximum"/> (1–9 by default).</param>
    /// <param name="options">The evaluation table, answer map and tie threshold; <see langword="null"/> for the defaults.</param>
    /// <returns>The analysis of the feature.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="functional"/> or <paramref name="dysfunctional"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a code is unknown (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, <paramref name="options"/> is invalid, the lists differ in length, or an importance rating is not finite or lies outside the options' importance scale (the message names the respondent).</exception>
    public static KanoFeatureResult Score(IReadOnlyList<int> functional, IReadOnlyList<int> dysfunctional, IReadOnlyList<double>? importance, KanoScoringOptions? options)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        options ??= KanoScoringOptions.Default;
        options.Validate(nameof(options));
        var map = options.AnswerMap;
        return ScoreMapped(functional, dysfunctional, (code, paramName, respondent) => MapCode(map, code, paramName, respondent), importance, options);
    }

    /// <summary>Scores category counts tallied elsewhere (for example with <see cref="KanoCounts.Classify"/>); the continuous means are then unknown.</summary>
    /// <param name="counts">The counts of each category.</param>
    /// <param name="options">The tie threshold (the table and answer map are not used); <see langword="null"/> for the defaults.</param>
    /// <returns>The analysis of the feature, without functional and dysfunctional means.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="counts"/> is all zero or <paramref name="options"/> is invalid.</exception>
    public static KanoFeatureResult Score(KanoCounts counts, KanoScoringOptions? options)
    {
        if (counts.Total == 0)
        {
            SurveyThrow.EmptySample(nameof(counts));
        }

        options ??= KanoScoringOptions.Default;
        options.Validate(nameof(options));
        return new KanoFeatureResult(counts, options.RuleThreshold, null, null, 0, null, options.MeanConvention);
    }

    private static KanoFeatureResult ScoreMapped<T>(IReadOnlyList<T> functional, IReadOnlyList<T> dysfunctional, Func<T, string, int, KanoAnswer> map, IReadOnlyList<double>? importance, KanoScoringOptions options)
    {
        CheckPairs(functional.Count, dysfunctional.Count, nameof(dysfunctional));
        var f = new KanoAnswer[functional.Count];
        var d = new KanoAnswer[dysfunctional.Count];
        for (var r = 0; r < f.Length; r++)
        {
            f[r] = map(functional[r], nameof(functional), r);
            d[r] = map(dysfunctional[r], nameof(dysfunctional), r);
        }

        return Score(f, d, importance, options);
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

    private static KanoAnswer MapLabel(KanoAnswerMap answerMap, string? label, string paramName, int respondent)
    {
        if (!answerMap.TryMap(label, out var answer))
        {
            SurveyThrow.Argument(paramName, string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}: '{label}' is not a known Kano answer label."));
        }

        return answer;
    }

    private static KanoAnswer MapCode(KanoAnswerMap answerMap, int code, string paramName, int respondent)
    {
        if (!answerMap.TryMap(code, out var answer))
        {
            throw new ArgumentOutOfRangeException(paramName, code, string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}: {code} is not a known Kano answer code."));
        }

        return answer;
    }
}
