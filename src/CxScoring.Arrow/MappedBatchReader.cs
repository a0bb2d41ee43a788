using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CxScoring.Arrow;

/// <summary>
/// One worker's reader of a <see cref="MappedArrowFile"/>: an IPC stream reader over the file's messages gives each
/// record batch with its buffers as slices of the mapping, none of them read yet; the buffers the scorecard needs are
/// then read at their offsets into one reused buffer (those that lie close together, as a batch's fixed-width columns
/// do, with one positioned read), and the others are never read: columns that are not outcome
/// fields, columns of nulls only, the validity bitmap of a column without nulls, and the string bytes of the
/// <c>customer</c> column unless the customers themselves are needed (its offsets are enough to find an empty one), and
/// the values of a nanosecond <c>observedAt</c> column when the scorecard does not read the instants and the batch's rows
/// carry no promise, deadline or rating of their own (zeros are given in their place: any nanosecond instant is in
/// range, so no row's fate depends on them).
/// Dictionaries are read in place, once each. Units come to a worker in increasing order, so the reader goes forward,
/// passing over the batches other workers read (a pass reads a message header, not the columns). Used by one thread at
/// a time; a batch it returns is valid until the next is read.
/// </summary>
internal sealed class MappedBatchReader(MappedArrowFile file, string name, int units, bool customers, bool instants) : IUnitReader
{
    private const int Alignment = 64;

    /// <summary>The most bytes between two buffers read with one positioned read: a read call costs about as much as copying a few kilobytes.</summary>
    private const int MaxGap = 4096;

    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    private ArrowStreamReader? _reader;
    private int _next;
    private byte[] _bytes = [];
    private readonly List<BufferRead> _reads = [];
    private readonly List<Run> _runs = [];

    public IEnumerable<RecordBatch> Read(int unit)
    {
        if (_reader is null || unit < _next)
        {
            _reader?.Dispose();
            _reader = new ArrowStreamReader(file.Body);
            _next = 0;
        }

        while (_next < unit)
        {
            _ = Next(unit);
        }

        yield return Select(Next(unit));
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _handle.Dispose();
        WorkerBuffers.Return(WorkerBuffers.Bytes, ref _bytes);
    }

    private RecordBatch Next(int unit)
    {
        var batch = _reader!.ReadNextRecordBatch()
            ?? throw new ColumnarFormatException($"{name} is not readable as an Arrow IPC file: its messages end before record batch {unit + 1} of the {units} its footer lists.");
        _next++;
        return batch;
    }

    /// <summary>
    /// The batch with the buffers of the columns the mapper reads read into this reader's buffer; the other columns left
    /// as they are, unread. Buffers that lie close together in the file (at most <see cref="MaxGap"/> bytes apart, as a
    /// batch's fixed-width columns do) are read with one positioned read, the bytes between them included.
    /// </summary>
    private RecordBatch Select(RecordBatch batch)
    {
        var fields = batch.Schema.FieldsList;
        var unreadInstants = instants ? -1 : UnreadInstants(batch);
        _reads.Clear();
        for (var i = 0; i < fields.Count; i++)
        {
            var data = batch.Column(i).Data;
            if (!OutcomeSchema.IsKnown(fields[i].Name) || data.NullCount == batch.Length)
            {
                continue;
            }

            for (var b = 0; b < data.Buffers.Length; b++)
            {
                if ((i != unreadInstants || b != 1) && Reads(fields[i].Name, data, b))
                {
                    _ = file.Offset(data.Buffers[b].Memory, out var offset);
                    _reads.Add(new BufferRead(i, b, offset, data.Buffers[b].Length));
                }
            }
        }

        // Where each buffer goes: a run of close buffers keeps their distances, each run starts on an aligned position.
        _runs.Clear();
        var used = 0;
        for (var k = 0; k < _reads.Count; k++)
        {
            var read = _reads[k];
            if (_runs.Count > 0 && _runs[^1] is var run && read.Offset >= run.End && read.Offset - run.End <= MaxGap)
            {
                var end = Math.Max(run.End, read.Offset + read.Length);
                _runs[^1] = run with { End = end };
                _reads[k] = read with { Position = run.Position + (read.Offset - run.Start) };
                used = run.Position + (end - run.Start);
                continue;
            }

            var position = Round(used);
            _runs.Add(new Run(read.Offset, read.Offset + read.Length, position));
            _reads[k] = read with { Position = position };
            used = position + read.Length;
        }

        if (_bytes.Length < used)
        {
            // Given back and the field emptied before the rent, so that a rent that throws leaves nothing to give back twice.
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _bytes);

            // Every byte handed out is read from the file first, so the buffer need not be cleared.
            _bytes = WorkerBuffers.Bytes.Rent(used);
        }

        foreach (var run in _runs)
        {
            ReadExactly(_bytes.AsSpan(run.Position, run.End - run.Start), run.Start);
        }

        var arrays = new IArrowArray[fields.Count];
        var next = 0;
        for (var i = 0; i < arrays.Length; i++)
        {
            var column = batch.Column(i);
            if (i != unreadInstants && (next == _reads.Count || _reads[next].Column != i))
            {
                arrays[i] = column;
                continue;
            }

            var data = column.Data;
            var buffers = new ArrowBuffer[data.Buffers.Length];
            for (var b = 0; b < buffers.Length; b++)
            {
                if (next < _reads.Count && _reads[next] is { Column: var c, Buffer: var r } read && c == i && r == b)
                {
                    buffers[b] = new ArrowBuffer(_bytes.AsMemory(read.Position, read.Length));
                    next++;
                }
                else if (i == unreadInstants && b == 1)
                {
                    buffers[b] = new ArrowBuffer(WorkerBuffers.Zeros(data.Buffers[b].Length));
                }
                else
                {
                    // Left out when the mapper does not look at it (the bitmap of a column without nulls, the string
                    // bytes of customers not needed); else it is empty, or not in the mapping, and kept as it is.
                    buffers[b] = (b == 0 && data.NullCount == 0) || (b == 2 && !customers && IsCustomer(fields[i].Name)) ? ArrowBuffer.Empty : data.Buffers[b];
                }
            }

            arrays[i] = ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, data.Children, data.Dictionary));
        }

        return new RecordBatch(batch.Schema, arrays, batch.Length);
    }

    /// <summary>
    /// The <c>observedAt</c> column whose values are left unread, or −1: one of nanoseconds (<c>timestamp[ns]</c> or
    /// int64), in a batch whose per-outcome promise, deadline and rating columns are absent or all null. Such rows'
    /// instants are not read by a scorecard that does not read instants (see
    /// <see cref="CxScoring.Plans.ScoringPlan.ReadsObservedInstants"/>), and no nanosecond instant is out of range.
    /// </summary>
    private static int UnreadInstants(RecordBatch batch)
    {
        var fields = batch.Schema.FieldsList;
        var observed = -1;
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            if (name.Equals(OutcomeSchema.ObservedAt, StringComparison.OrdinalIgnoreCase))
            {
                observed = OutcomeSchema.InNanoseconds(fields[i].DataType) ? i : -2;
            }
            else if (OutcomeSchema.IsPerOutcome(name) && batch.Column(i).NullCount < batch.Length)
            {
                return -1;
            }
        }

        return Math.Max(observed, -1);
    }

    /// <summary>Whether a buffer is read: a validity bitmap only when the column has nulls, a string column's bytes only for the customers themselves.</summary>
    private bool Reads(string field, ArrayData data, int buffer)
    {
        if (data.Buffers[buffer].IsEmpty || !file.Offset(data.Buffers[buffer].Memory, out _))
        {
            return false;
        }

        if (buffer == 0)
        {
            return data.NullCount > 0;
        }

        // A utf8 array's buffers: validity, offsets, bytes; only the offsets tell whether a customer is empty.
        return buffer != 2 || customers || !IsCustomer(field);
    }

    private static bool IsCustomer(string field) => field.Equals(OutcomeSchema.Customer, StringComparison.OrdinalIgnoreCase);

    private void ReadExactly(Span<byte> target, long offset)
    {
        while (!target.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, target, offset);
            if (read == 0)
            {
                throw new ColumnarFormatException($"{name} is not readable as an Arrow IPC file: it ends inside a record batch (was it changed while it was read?).");
            }

            target = target[read..];
            offset += read;
        }
    }

    private static int Round(int length) => (length + Alignment - 1) & -Alignment;

    /// <summary>A buffer read: its column and buffer, where it lies in the file, and where it goes in the reader's buffer.</summary>
    private readonly record struct BufferRead(int Column, int Buffer, int Offset, int Length, int Position = 0);

    /// <summary>One positioned read: the file's bytes from <c>Start</c> to <c>End</c>, to the reader's buffer at <c>Position</c>.</summary>
    private readonly record struct Run(int Start, int End, int Position);
}
