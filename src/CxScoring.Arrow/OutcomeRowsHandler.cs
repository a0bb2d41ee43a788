using CxScoring.Plans;

namespace CxScoring.Arrow;

/// <summary>
/// Receives, while a columnar file is scored, the rows given to the engine: a slice of well-formed rows at a time, in
/// file order, on one thread. The span is valid only during the call (its memory is reused for the next slice): copy
/// the rows to keep them.
/// </summary>
/// <param name="rows">The rows of a slice, customers keyed by <see cref="Scorecards.ScorecardOptions.Customers"/> of the scoring options (in order of first appearance).</param>
public delegate void OutcomeRowsHandler(ReadOnlySpan<OutcomeRow> rows);
