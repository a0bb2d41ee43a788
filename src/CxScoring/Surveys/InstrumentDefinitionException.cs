using CxScoring.Model;

namespace CxScoring.Surveys;

/// <summary>
/// A survey instrument's definition is inconsistent as a whole (raised by instrument builders such as
/// <see cref="Servqual.ServqualInstrumentBuilder.Build"/>); a bad single argument raises an
/// <see cref="ArgumentException"/> instead, when it is given.
/// </summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public sealed class InstrumentDefinitionException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="InstrumentDefinitionException"/> class.</summary>
    /// <param name="message">What is inconsistent in the definition.</param>
    public InstrumentDefinitionException(string message)
        : base(message)
    {
    }
}
