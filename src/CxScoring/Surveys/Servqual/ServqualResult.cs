using System.Collections.Immutable;

namespace CxScoring.Surveys.Servqual;

/// <summary>The result of scoring a sample with a SERVQUAL-style instrument.</summary>
/// <remarks>
/// <para><see cref="UnweightedScore"/> is the mean of the dimension scores, not the mean of all items
/// (Zeithaml, Parasuraman &amp; Berry 1990). The weighted score comes in two labelled modes:
/// <see cref="WeightedScoreRespondentMean"/> (each respondent's own weights, then averaged — the published
/// procedure) and <see cref="WeightedScoreSampleMean"/> (mean weights times the sample dimension scores).</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class ServqualResult
{
    internal ServqualResult(
        ServqualMethod method,
        ImmutableArray<ServqualDimensionScore> dimensions,
        double unweightedScore,
        double? weightedScoreRespondentMean,
        double? weightedScoreSampleMean,
        ImmutableArray<double> meanImportanceWeights,
        ImmutableArray<ServqualRespondentScore> respondents,
        int excludedRespondentCount)
    {
        Method = method;
        Dimensions = dimensions;
        UnweightedScore = unweightedScore;
        WeightedScoreRespondentMean = weightedScoreRespondentMean;
        WeightedScoreSampleMean = weightedScoreSampleMean;
        MeanImportanceWeights = meanImportanceWeights;
        Respondents = respondents;
        ExcludedRespondentCount = excludedRespondentCount;
    }

    /// <summary>Gets which score this result holds (gap or performance only).</summary>
    /// <value><see cref="ServqualMethod.Servqual"/> or <see cref="ServqualMethod.Servperf"/>.</value>
    public ServqualMethod Method { get; }

    /// <summary>Gets the sample score per dimension, in the instrument's dimension order.</summary>
    /// <value>One entry per dimension.</value>
    public ImmutableArray<ServqualDimensionScore> Dimensions { get; }

    /// <summary>Gets the unweighted score: the mean of the dimension scores.</summary>
    /// <value>The mean of <see cref="ServqualDimensionScore.Score"/> over <see cref="Dimensions"/>.</value>
    public double UnweightedScore { get; }

    /// <summary>Gets the weighted score in the per-respondent mode: Σ wᵢ·scoreᵢ with each respondent's own normalised weights, averaged over respondents.</summary>
    /// <value>The mean over respondents with an importance allocation and every dimension defined; <see langword="null"/> when there is none.</value>
    public double? WeightedScoreRespondentMean { get; }

    /// <summary>Gets the weighted score in the sample-mean mode: Σ w̄ᵢ·scoreᵢ with the mean normalised weights and the sample dimension scores.</summary>
    /// <value>The weighted score; <see langword="null"/> when no respondent gave an importance allocation.</value>
    public double? WeightedScoreSampleMean { get; }

    /// <summary>Gets the mean normalised importance weight per dimension (each respondent's points divided by their total, then averaged).</summary>
    /// <value>Weights summing to 1; empty when no respondent gave an importance allocation.</value>
    public ImmutableArray<double> MeanImportanceWeights { get; }

    /// <summary>Gets the per-respondent scores of the respondents that were used.</summary>
    /// <value>One entry per respondent kept by the missing-answer policy, in sample order.</value>
    public ImmutableArray<ServqualRespondentScore> Respondents { get; }

    /// <summary>Gets the number of respondents left out by listwise deletion.</summary>
    /// <value>0 under the pairwise policy.</value>
    public int ExcludedRespondentCount { get; }
}
