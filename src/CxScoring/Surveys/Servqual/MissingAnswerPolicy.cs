namespace CxScoring.Surveys.Servqual;

/// <summary>Says how a SERVQUAL or SERVPERF scorer treats unanswered items (<see langword="null"/> answers).</summary>
public enum MissingAnswerPolicy
{
    /// <summary>
    /// Listwise deletion: a respondent with any missing answer the method needs (an expectation or a perception
    /// for SERVQUAL, a perception for SERVPERF) is left out of every statistic and counted as excluded.
    /// </summary>
    Listwise = 0,

    /// <summary>
    /// Pairwise deletion: every available answer is used. An item enters a respondent's dimension score only when
    /// the answers it needs are present; a dimension with no usable item is undefined for that respondent and
    /// the respondent is left out of that dimension's sample mean only.
    /// </summary>
    Pairwise = 1,
}
