namespace CxScoring.Surveys.Servqual;

/// <summary>Options for a <see cref="ServqualScorer"/>.</summary>
/// <remarks>Set the properties at construction; the scorer reads them once. Instances are immutable and safe to share between threads.</remarks>
public sealed class ServqualScoringOptions
{
    /// <summary>Gets a value indicating whether the negatively worded items are reverse-scored, x' = (k + 1) − x, before scoring.</summary>
    /// <value>The default value is <see langword="false"/> (the 1991 and later wordings are all positive).</value>
    public bool ReverseNegativelyWordedItems { get; init; }

    /// <summary>Gets how unanswered items are treated.</summary>
    /// <value>The default value is <see cref="MissingAnswerPolicy.Listwise"/>.</value>
    public MissingAnswerPolicy MissingAnswers { get; init; } = MissingAnswerPolicy.Listwise;
}
