using CxScoring.Gaps;


namespace CxScoring.Plans;

/// <summary>Receives each outcome the engine refuses: its index in the batch or stream, and the reason.</summary>
/// <param name="index">The outcome's position: in the span or columns of a batch, or from the start of a stream.</param>
/// <param name="reason">Why it was refused.</param>
/// <remarks>On the engine's parallel path the handler is called from several threads at once and must be thread-safe.</remarks>
public delegate void RejectionHandler(long index, RejectionReason reason);
