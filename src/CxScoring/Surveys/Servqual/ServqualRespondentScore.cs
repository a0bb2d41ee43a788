using System.Collections.Immutable;

namespace CxScoring.Surveys.Servqual;

/// <summary>The scores of one respondent.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ServqualRespondentScore
{
    internal ServqualRespondentScore(int respondentIndex, ImmutableArray<double?> dimensionScores, double? unweightedScore, double? weightedScore)
    {
        RespondentIndex = respondentIndex;
        DimensionScores = dimensionScores;
        UnweightedScore = unweightedScore;
        WeightedScore = weightedScore;
    }

    /// <summary>Gets the respondent's 0-based position in the scored sample.</summary>
    /// <value>An index into the list given to the scorer.</value>
    public int RespondentIndex { get; }

    /// <summary>Gets the respondent's dimension scores (mean item gap P − E, or mean P for SERVPERF), in the instrument's dimension order.</summary>
    /// <value>One entry per dimension; <see langword="null"/> where the respondent answered no usable item of it (pairwise policy).</value>
    public ImmutableArray<double?> DimensionScores { get; }

    /// <summary>Gets the mean of the respondent's dimension scores.</summary>
    /// <value>The mean; <see langword="null"/> when any dimension score is undefined.</value>
    public double? UnweightedScore { get; }

    /// <summary>Gets Σ wᵢ·scoreᵢ with the respondent's own normalised importance weights.</summary>
    /// <value>The weighted score; <see langword="null"/> without an importance allocation or when any dimension score is undefined.</value>
    public double? WeightedScore { get; }
}
