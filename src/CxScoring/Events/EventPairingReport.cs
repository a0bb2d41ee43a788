using System.Globalization;

namespace CxScoring.Events;

/// <summary>
/// What an <see cref="EventPairer"/> has done with the events read so far. Every event is counted exactly once:
/// <c>EventsRead = 2 · Paired + UnmatchedStarts + DuplicateStarts + LateEnds + DuplicateEnds + Malformed</c>
/// (<see cref="IsBalanced"/>), where <see cref="UnmatchedStarts"/> = <see cref="TimedOut"/> + <see cref="Evicted"/> +
/// <see cref="Open"/>.
/// </summary>
/// <remarks>The pairer updates it while it reads; read it from the reading thread, or after reading has finished.</remarks>
public sealed class EventPairingReport
{
    internal EventPairingReport()
    {
    }

    /// <summary>Gets the number of events read.</summary>
    public long EventsRead { get; internal set; }

    /// <summary>Gets the number of outcomes produced, each from one start and one end.</summary>
    public long Paired { get; internal set; }

    /// <summary>Gets the number of starts whose end did not come within <see cref="EventPairingOptions.StartTimeout"/>.</summary>
    public long TimedOut { get; internal set; }

    /// <summary>Gets the number of starts dropped from memory, oldest first, because more than <see cref="EventPairingOptions.MaxOpenStarts"/> were open.</summary>
    public long Evicted { get; internal set; }

    /// <summary>Gets the number of starts still waiting for their end (at the end of the input: left unmatched).</summary>
    public long Open { get; internal set; }

    /// <summary>Gets the number of starts that never got an end: <see cref="TimedOut"/> + <see cref="Evicted"/> + <see cref="Open"/>.</summary>
    public long UnmatchedStarts => TimedOut + Evicted + Open;

    /// <summary>Gets the number of starts for a key already open; the first start is kept.</summary>
    public long DuplicateStarts { get; internal set; }

    /// <summary>Gets the number of ends without an open start: their start timed out, was evicted or was never read.</summary>
    public long LateEnds { get; internal set; }

    /// <summary>Gets the number of ends for a key already paired (among the remembered ones).</summary>
    public long DuplicateEnds { get; internal set; }

    /// <summary>Gets the number of malformed events: the default value of <see cref="OutcomeEvent"/>, and both events of a pair whose end is before its start.</summary>
    public long Malformed { get; internal set; }

    /// <summary>Gets the number of same-channel outcomes produced besides the paired ones (<see cref="EventPairingOptions.SameChannelMeasureId"/>), of which <see cref="OtherChannelReplies"/> were answered on another channel.</summary>
    public long SameChannelOutcomes { get; internal set; }

    /// <summary>Gets the number of pairs answered on another channel than the request's.</summary>
    public long OtherChannelReplies { get; internal set; }

    /// <summary>Gets a value indicating whether every event read is counted exactly once.</summary>
    public bool IsBalanced
        => EventsRead == (2 * Paired) + UnmatchedStarts + DuplicateStarts + LateEnds + DuplicateEnds + Malformed;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{EventsRead} events: {Paired} paired, {UnmatchedStarts} unmatched starts ({TimedOut} timed out, {Evicted} evicted, {Open} open), {DuplicateStarts} duplicate starts, {LateEnds} late ends, {DuplicateEnds} duplicate ends, {Malformed} malformed");
}
