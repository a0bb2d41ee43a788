using CxScoring.Model;

namespace CxScoring.Scorecards.State;

/// <summary>
/// A scorecard state cannot be read: it is not a scorecard state, it is truncated or corrupt (its length or checksum
/// does not match), it was written by a newer format version, or it was scored with another model, time zone, week
/// start or calendar setting than the reader's. The message says what and, for a damaged payload, at which byte.
/// </summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public sealed class ScorecardStateException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="ScorecardStateException"/> class.</summary>
    /// <param name="message">The message that describes the failure.</param>
    /// <param name="offset">The byte offset in the state where the problem was found, or -1 when it is not about one position.</param>
    public ScorecardStateException(string message, long offset)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        Offset = offset;
    }

    /// <summary>Gets the byte offset in the state where the problem was found.</summary>
    /// <value>An offset from the first byte of the state, or -1 when the problem is about the state as a whole (another model or calendar).</value>
    public long Offset { get; }
}
