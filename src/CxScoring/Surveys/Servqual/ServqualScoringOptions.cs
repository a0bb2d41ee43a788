namespace CxScoring.Surveys.Servqual;

/// <summary>Options for <see cref="ServqualScorer.Score(ServqualInstrument, IReadOnlyList{ServqualResponse}, ServqualScoringOptions)"/>.</summary>
/// <remarks>
/// Set the properties at construction; the scorer validates them when it is called and throws
/// <see cref="ArgumentException"/> naming the property. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ServqualScoringOptions
{
    /// <summary>Gets the options with every property at its default value.</summary>
    /// <value>A shared instance.</value>
    public static ServqualScoringOptions Default { get; } = new();

    /// <summary>Gets which score is computed: SERVQUAL gaps (P − E) or SERVPERF performance-only scores (P).</summary>
    /// <value>The default value is <see cref="ServqualMethod.Servqual"/>.</value>
    public ServqualMethod Method { get; init; } = ServqualMethod.Servqual;

    /// <summary>Gets a value indicating whether the negatively worded items are reverse-scored, x' = (k + 1) − x, before scoring.</summary>
    /// <value>The default value is <see langword="false"/> (the 1991 and later wordings are all positive).</value>
    public bool ReverseNegativelyWordedItems { get; init; }

    /// <summary>Gets how unanswered items are treated.</summary>
    /// <value>The default value is <see cref="MissingAnswerPolicy.Listwise"/>.</value>
    public MissingAnswerPolicy MissingAnswers { get; init; } = MissingAnswerPolicy.Listwise;

    /// <summary>Checks every property; called by the scorer before it reads them.</summary>
    /// <exception cref="ArgumentException">Thrown (with the parameter name <c>options</c>) when a property is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentException($"ServqualScoringOptions.Method is {Method}, which is not a defined ServqualMethod.", "options");
        }

        if (!Enum.IsDefined(MissingAnswers))
        {
            throw new ArgumentException($"ServqualScoringOptions.MissingAnswers is {MissingAnswers}, which is not a defined MissingAnswerPolicy.", "options");
        }
    }
}
