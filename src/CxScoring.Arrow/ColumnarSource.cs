using Apache.Arrow;

namespace CxScoring.Arrow;

/// <summary>
/// A columnar file as units that workers read on their own (record batches of an Arrow IPC file, row groups of a
/// Parquet file, or the whole of an Arrow IPC stream as one unit): the schema, the number of units, and a reader per
/// worker.
/// </summary>
internal abstract class ColumnarSource : IDisposable
{
    /// <summary>Gets the file's name, for messages.</summary>
    internal abstract string Name { get; }

    /// <summary>Gets the kind of file, for messages (<c>an Arrow IPC file</c>).</summary>
    internal abstract string Kind { get; }

    internal abstract Schema Schema { get; }

    internal abstract int Units { get; }

    /// <summary>Opens a reader for one worker; it reads one unit at a time.</summary>
    /// <param name="customers">Whether the customers themselves are needed (a per-customer scorecard); when not, a reader may leave the customer column out of a unit whose statistics show that no customer in it is null or empty.</param>
    /// <param name="instants">Whether the scorecard reads the rows' <c>observedAt</c> instants (<see cref="CxScoring.Plans.ScoringPlan.ReadsObservedInstants"/>); when not, a reader may leave the values of a nanosecond <c>observedAt</c> column unread in a unit whose rows carry no promise, deadline or rating of their own, and give zeros in their place.</param>
    internal abstract IUnitReader OpenReader(bool customers, bool instants);

    public abstract void Dispose();
}

/// <summary>One worker's reader of a <see cref="ColumnarSource"/>.</summary>
internal interface IUnitReader : IDisposable
{
    /// <summary>Reads a unit's record batches in order; the caller disposes each.</summary>
    IEnumerable<RecordBatch> Read(int unit);
}
