using CxScoring.Validation;

namespace CxScoring.Surveys.Servqual;

/// <summary>Options for <see cref="ServqualScorer.Score(ServqualInstrument, IReadOnlyList{ServqualResponse}, ServqualScoringOptions)"/>.</summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the scorer checks them when it
/// is called and throws an <see cref="ArgumentException"/> naming the property. Instances are immutable and safe to
/// share between threads.
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
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a property is not a defined value; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.Defined(Method, "ServqualScoringOptions.Method", parameterName);
        OptionsRules.Defined(MissingAnswers, "ServqualScoringOptions.MissingAnswers", parameterName);
    }
}
