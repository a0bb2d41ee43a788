namespace CxScoring.Model;

/// <summary>
/// The base of every domain failure raised by CxScoring (an invalid scoring model, a file that cannot be
/// loaded, a record stream that breaks a fail-fast policy). Argument errors use the BCL types instead
/// (<see cref="ArgumentException"/> and its subclasses).
/// </summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public abstract class CxScoringException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CxScoringException"/> class.</summary>
    /// <param name="message">The message that describes the failure.</param>
    protected CxScoringException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CxScoringException"/> class.</summary>
    /// <param name="message">The message that describes the failure.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    protected CxScoringException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
