using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CxScoring.Arrow;

/// <summary>
/// One worker's reader of a <see cref="MappedArrowFile"/>: an IPC stream reader over the file's messages gives each
/// record batch with its buffers as slices of the mapping, none of them read yet; the buffers the scorecard needs are
/// then read at their offsets into one reused buffer, and the others are never read: columns that are not outcome
/// fields, columns of nulls only, the validity bitmap of a column without nulls, and the string bytes of the
/// <c>customer</c> column unless the customers themselves are needed (its offsets are enough to find an empty one).
/// Dictionaries are read in place, once each. Units come to a worker in increasing order, so the reader goes forward,
/// passing over the batches other workers read (a pass reads a message header, not the columns). Used by one thread at
/// a time; a batch it returns is valid until the next is read.
/// </summary>
internal sealed class MappedBatchReader(MappedArrowFile file, string name, int units, bool customers) : IUnitReader
{
    private const int Alignment = 64;

    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    private ArrowStreamReader? _reader;
    private int _next;
    private byte[] _bytes = [];
    private int _used;

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

    /// <summary>The batch with the buffers of the columns the mapper reads read into this reader's buffer; the other columns left as they are, unread.</summary>
    private RecordBatch Select(RecordBatch batch)
    {
        var fields = batch.Schema.FieldsList;
        var length = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            length += Needed(fields[i].Name, batch.Column(i).Data, batch.Length);
        }

        if (_bytes.Length < length)
        {
            // Given back and the field emptied before the rent, so that a rent that throws leaves nothing to give back twice.
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _bytes);

            // Every byte handed out is read from the file first, so the buffer need not be cleared.
            _bytes = WorkerBuffers.Bytes.Rent(length);
        }

        _used = 0;
        var arrays = new IArrowArray[fields.Count];
        for (var i = 0; i < arrays.Length; i++)
        {
            var column = batch.Column(i);
            arrays[i] = Needed(fields[i].Name, column.Data, batch.Length) == 0 ? column : ArrowArrayFactory.BuildArray(Read(fields[i].Name, column.Data));
        }

        return new RecordBatch(batch.Schema, arrays, batch.Length);
    }

    /// <summary>The bytes of a column's buffers that are read (each rounded up to <see cref="Alignment"/>); 0 for a column left unread.</summary>
    private int Needed(string field, ArrayData data, int rows)
    {
        if (!OutcomeSchema.IsKnown(field) || data.NullCount == rows)
        {
            return 0;
        }

        var length = 0;
        for (var b = 0; b < data.Buffers.Length; b++)
        {
            if (Reads(field, data, b))
            {
                length += Round(data.Buffers[b].Length);
            }
        }

        return length;
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

    private ArrayData Read(string field, ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (var b = 0; b < buffers.Length; b++)
        {
            var source = data.Buffers[b];
            if (!Reads(field, data, b))
            {
                // Left out when the mapper does not look at it (the bitmap of a column without nulls, the string
                // bytes of customers not needed); else it is empty, or not in the mapping, and kept as it is.
                buffers[b] = (b == 0 && data.NullCount == 0) || (b == 2 && !customers && IsCustomer(field)) ? ArrowBuffer.Empty : source;
                continue;
            }

            _ = file.Offset(source.Memory, out var offset);
            var target = _bytes.AsMemory(_used, source.Length);
            ReadExactly(target.Span, offset);
            _used += Round(source.Length);
            buffers[b] = new ArrowBuffer(target);
        }

        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, data.Children, data.Dictionary);
    }

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
}
