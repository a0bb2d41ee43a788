namespace CxScoring.Surveys.Kano;

/// <summary>Which answer pairs DuMouchel's continuous functional and dysfunctional means average over.</summary>
/// <remarks>
/// Published analyses use both conventions. <see cref="ExcludeReverseAndQuestionable"/> keeps the means in line with
/// Better and Worse, whose denominators also leave R and Q out; <see cref="AllAnswerPairs"/> is the plain mean of every
/// respondent's scores, which is what tables that report the means over the whole sample contain.
/// </remarks>
public enum KanoMeanConvention
{
    /// <summary>Average over the answer pairs classified A, O, M or I; pairs classified R or Q are left out (the default).</summary>
    ExcludeReverseAndQuestionable = 0,

    /// <summary>Average over all answer pairs, R and Q included.</summary>
    AllAnswerPairs = 1,
}
