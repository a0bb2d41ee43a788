using CxScoring.Gaps;


namespace CxScoring.Model;

/// <summary>An outcome could not be scored, for the <see cref="Reason"/> given (raised by the single-outcome API and by fail-fast readers).</summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public sealed class OutcomeRejectedException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="OutcomeRejectedException"/> class.</summary>
    /// <param name="reason">Why the outcome was refused.</param>
    /// <param name="message">What was refused and where.</param>
    public OutcomeRejectedException(RejectionReason reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Gets why the outcome was refused.</summary>
    public RejectionReason Reason { get; }
}
