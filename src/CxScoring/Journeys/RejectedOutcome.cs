using CxScoring.Gaps;
using CxScoring.Model;


namespace CxScoring.Journeys;

/// <summary>An outcome the scoring model rejected, with the reason and a sentence naming the offending value.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class RejectedOutcome
{
    internal RejectedOutcome(Outcome outcome, RejectionReason reason, string description)
    {
        Outcome = outcome;
        Reason = reason;
        Description = description;
    }

    /// <summary>Gets the rejected outcome.</summary>
    public Outcome Outcome { get; }

    /// <summary>Gets why it was rejected.</summary>
    public RejectionReason Reason { get; }

    /// <summary>Gets a sentence describing the rejection, for a log.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Reason}: {Description}";
}
