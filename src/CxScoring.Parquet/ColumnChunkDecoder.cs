using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;

namespace CxScoring.Parquet;

/// <summary>How a column is decoded by <see cref="ColumnChunkDecoder"/>.</summary>
internal enum DecodedKind
{
    /// <summary>A byte-array column read as utf8 (the customer): offsets and bytes copied into the worker's buffers.</summary>
    Utf8,

    /// <summary>A byte-array column read as <c>dictionary&lt;int32, utf8&gt;</c> (touchpoint, measure, segment): each value mapped to an entry of the worker's own dictionary.</summary>
    Dictionary,

    /// <summary>A double column (float64).</summary>
    Double,

    /// <summary>An int64 column, as the Arrow type of the file's schema (a timestamp in the Parquet column's unit, or int64).</summary>
    Int64,
}

/// <summary>One column the decoder reads: the Parquet leaf, how it is decoded, and its Arrow field in the batches made.</summary>
internal sealed record DecodedColumn(int Leaf, DecodedKind Kind, Field Field, bool Nullable);

/// <summary>
/// A worker's decoder of row groups with ParquetSharp's typed column readers into buffers the worker owns and reuses,
/// handed on as Arrow record batches over that managed memory. Nothing is imported through the Arrow C data interface,
/// so no memory pressure is added to the runtime (whose budget, tripped by a steady stream of imports, induces full
/// collections). Byte-array identifier columns are mapped to entries of a dictionary the worker keeps across row
/// groups, looked up by the values' bytes (a value read from a dictionary page points into that page, so repeated
/// pointers of one read are looked up once). A batch is valid until the next is read: the caller disposes each
/// before it asks for the next.
/// </summary>
internal sealed class ColumnChunkDecoder
{
    /// <summary>The most rows a batch holds (a larger row group is handed on in several batches).</summary>
    internal const int BatchRows = 65_536;

    private readonly ParquetFileReader _file;
    private readonly DecodedColumn[] _columns;
    private readonly ColumnBuffers[] _buffers;
    private readonly Dictionary<int, Schema> _schemas = [];

    internal ColumnChunkDecoder(ParquetFileReader file, DecodedColumn[] columns)
    {
        _file = file;
        _columns = columns;
        _buffers = new ColumnBuffers[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            _buffers[i] = new ColumnBuffers(columns[i]);
        }
    }

    /// <summary>The Arrow type a column is handed on as.</summary>
    internal static IArrowType ArrowType(DecodedKind kind, IArrowType fileType) => kind switch
    {
        DecodedKind.Utf8 => StringType.Default,
        DecodedKind.Dictionary => new DictionaryType(Int32Type.Default, StringType.Default, false),
        DecodedKind.Double => DoubleType.Default,
        _ => fileType,
    };

    /// <summary>Decodes a row group's columns, those of <paramref name="read"/> (indices into the decoder's columns, in order).</summary>
    internal IEnumerable<RecordBatch> Read(int unit, IReadOnlyList<int> read)
    {
        var schema = SchemaOf(read);
        using var rowGroup = _file.RowGroup(unit);
        var rows = rowGroup.MetaData.NumRows;
        var readers = new ColumnReader?[read.Count];
        try
        {
            for (var i = 0; i < read.Count; i++)
            {
                readers[i] = rowGroup.Column(_columns[read[i]].Leaf);
            }

            for (long done = 0; done < rows;)
            {
                var count = (int)Math.Min(BatchRows, rows - done);
                var arrays = new IArrowArray[read.Count];
                for (var i = 0; i < read.Count; i++)
                {
                    arrays[i] = _buffers[read[i]].Read(readers[i]!, count, schema.FieldsList[i].DataType);
                }

                done += count;
                yield return new RecordBatch(schema, arrays, count);
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader?.Dispose();
            }
        }
    }

    private Schema SchemaOf(IReadOnlyList<int> read)
    {
        var mask = 0;
        foreach (var column in read)
        {
            mask |= 1 << column;
        }

        if (!_schemas.TryGetValue(mask, out var schema))
        {
            var builder = new Schema.Builder();
            foreach (var column in read)
            {
                builder.Field(_columns[column].Field);
            }

            schema = _schemas[mask] = builder.Build();
        }

        return schema;
    }

    /// <summary>One column's buffers, reused from batch to batch.</summary>
    private sealed class ColumnBuffers
    {
        private readonly DecodedColumn _column;
        private readonly short[] _levels;
        private readonly byte[] _validity = new byte[(BatchRows + 7) / 8];

        // Values as the Arrow buffer holds them: 8 bytes a row (double, int64) or 4 (dictionary indices, utf8 offsets).
        private readonly byte[] _values;
        private readonly ByteArray[] _raw;
        private readonly int[] _lengths;
        private readonly Utf8Dictionary? _dictionary;
        private byte[] _bytes = [];

        internal ColumnBuffers(DecodedColumn column)
        {
            _column = column;
            _levels = column.Nullable ? new short[BatchRows] : [];
            switch (column.Kind)
            {
                case DecodedKind.Double:
                case DecodedKind.Int64:
                    _values = new byte[BatchRows * 8];
                    _raw = [];
                    _lengths = [];
                    break;
                case DecodedKind.Dictionary:
                    _values = new byte[BatchRows * 4];
                    _raw = new ByteArray[BatchRows];
                    _lengths = [];
                    _dictionary = new Utf8Dictionary();
                    break;
                default:
                    _values = new byte[(BatchRows + 1) * 4];
                    _raw = new ByteArray[BatchRows];
                    _lengths = new int[BatchRows];
                    _bytes = new byte[1 << 16];
                    break;
            }
        }

        internal IArrowArray Read(ColumnReader reader, int count, IArrowType type)
        {
            int present;
            ArrayData? dictionary = null;
            switch (_column.Kind)
            {
                case DecodedKind.Double:
                    present = ReadValues((ColumnReader<double>)reader, count, MemoryMarshal.Cast<byte, double>(_values.AsSpan()));
                    Spread(MemoryMarshal.Cast<byte, double>(_values.AsSpan()), count, present);
                    break;
                case DecodedKind.Int64:
                    present = ReadValues((ColumnReader<long>)reader, count, MemoryMarshal.Cast<byte, long>(_values.AsSpan()));
                    Spread(MemoryMarshal.Cast<byte, long>(_values.AsSpan()), count, present);
                    break;
                case DecodedKind.Dictionary:
                    present = ReadIdentifiers((ColumnReader<ByteArray>)reader, count);
                    Spread(MemoryMarshal.Cast<byte, int>(_values.AsSpan()), count, present);
                    dictionary = _dictionary!.Data;
                    break;
                default:
                    present = ReadIdentifiers((ColumnReader<ByteArray>)reader, count);
                    Offsets(count, present);
                    break;
            }

            var nullCount = count - present;
            var validity = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(_validity.AsMemory(0, (count + 7) / 8));
            ArrowBuffer[] buffers = _column.Kind switch
            {
                DecodedKind.Double or DecodedKind.Int64 => [validity, new ArrowBuffer(_values.AsMemory(0, count * 8))],
                DecodedKind.Dictionary => [validity, new ArrowBuffer(_values.AsMemory(0, count * 4))],
                _ => [validity, new ArrowBuffer(_values.AsMemory(0, (count + 1) * 4)), new ArrowBuffer(_bytes.AsMemory(0, MemoryMarshal.Cast<byte, int>(_values.AsSpan())[count]))],
            };
            return ArrowArrayFactory.BuildArray(new ArrayData(type, count, nullCount, 0, buffers, null, dictionary));
        }

        /// <summary>Reads <paramref name="count"/> rows of a number column: the values of the rows that are not null, in order; returns how many.</summary>
        private int ReadValues<T>(ColumnReader<T> reader, int count, Span<T> values)
            where T : unmanaged
        {
            int levels = 0, read = 0;
            while (levels < count)
            {
                if (!reader.HasNext)
                {
                    throw ShortColumn(count, levels);
                }

                levels += (int)reader.ReadBatch(count - levels, _column.Nullable ? _levels.AsSpan(levels) : default, default, values[read..], out var valuesRead);
                read += (int)valuesRead;
            }

            return read;
        }

        /// <summary>
        /// Reads <paramref name="count"/> rows of a byte-array column, each read's values taken before the next read
        /// (their bytes are the native reader's until then): mapped to dictionary entries, or copied with their lengths.
        /// </summary>
        private int ReadIdentifiers(ColumnReader<ByteArray> reader, int count)
        {
            _dictionary?.StartBatch();
            var indices = MemoryMarshal.Cast<byte, int>(_values.AsSpan());
            int levels = 0, read = 0, bytes = 0;
            while (levels < count)
            {
                if (!reader.HasNext)
                {
                    throw ShortColumn(count, levels);
                }

                levels += (int)reader.ReadBatch(count - levels, _column.Nullable ? _levels.AsSpan(levels) : default, default, _raw.AsSpan(read), out var valuesRead);
                var values = _raw.AsSpan(read, (int)valuesRead);
                if (_dictionary is not null)
                {
                    _dictionary.Map(values, indices.Slice(read, values.Length));
                }
                else
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        var length = values[i].Length;
                        if (bytes + length > _bytes.Length)
                        {
                            System.Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, bytes + length));
                        }

                        Bytes(values[i]).CopyTo(_bytes.AsSpan(bytes));
                        _lengths[read + i] = length;
                        bytes += length;
                    }
                }

                read += values.Length;
            }

            return read;
        }

        /// <summary>Moves the values read (those of rows that are not null) to their rows, and sets the validity bitmap when a row is null.</summary>
        private void Spread<T>(Span<T> values, int count, int present)
            where T : unmanaged
        {
            if (present == count)
            {
                return;
            }

            var max = _levels.AsSpan(0, count);
            _validity.AsSpan(0, (count + 7) / 8).Clear();
            var j = present - 1;
            for (var i = count - 1; i >= 0; i--)
            {
                if (max[i] == 1)
                {
                    values[i] = values[j--];
                    _validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    values[i] = default;
                }
            }
        }

        /// <summary>Makes the utf8 offsets of the rows from the lengths read, a null row empty.</summary>
        private void Offsets(int count, int present)
        {
            var offsets = MemoryMarshal.Cast<byte, int>(_values.AsSpan());
            var nulls = present != count;
            if (nulls)
            {
                _validity.AsSpan(0, (count + 7) / 8).Clear();
            }

            offsets[0] = 0;
            for (int i = 0, j = 0; i < count; i++)
            {
                if (!nulls || _levels[i] == 1)
                {
                    offsets[i + 1] = checked(offsets[i] + _lengths[j++]);
                    if (nulls)
                    {
                        _validity[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }
                else
                {
                    offsets[i + 1] = offsets[i];
                }
            }
        }

        private InvalidDataException ShortColumn(int count, int levels)
            => new($"the column '{_column.Field.Name}' ends after {levels} of the {count} rows expected in a row group.");
    }

    private static unsafe ReadOnlySpan<byte> Bytes(ByteArray value)
        => value.Length == 0 ? default : new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);

    /// <summary>
    /// A worker's dictionary of one identifier column, entries looked up by their bytes and kept across row groups, so
    /// that the batch mapper maps it once per growth rather than once per row. A read's values that point at the same
    /// bytes (values of a dictionary page) are looked up once.
    /// </summary>
    private sealed class Utf8Dictionary
    {
        // Past this many entries the dictionary starts again at the next batch, so that a column of mostly distinct values does not copy a growing dictionary per batch.
        private const int MaxEntries = 1 << 16;
        private const int CacheSize = 1024;

        private readonly CachedValue[] _cache = new CachedValue[CacheSize];
        private byte[] _bytes = new byte[1024];
        private int[] _offsets = new int[65];
        private int[] _slots = new int[128];
        private int _count;
        private bool _changed = true;
        private ArrayData? _data;

        /// <summary>Gets the dictionary as an Arrow utf8 array: the same data while no entry is added.</summary>
        internal ArrayData Data
        {
            get
            {
                if (_changed || _data is null)
                {
                    var size = _offsets[_count];
                    var offsets = MemoryMarshal.AsBytes(_offsets.AsSpan(0, _count + 1)).ToArray();
                    _data = new ArrayData(StringType.Default, _count, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(offsets), new ArrowBuffer(_bytes.AsSpan(0, size).ToArray())]);
                    _changed = false;
                }

                return _data;
            }
        }

        internal void StartBatch()
        {
            if (_count > MaxEntries)
            {
                _count = 0;
                _slots.AsSpan().Clear();
                _changed = true;
            }
        }

        /// <summary>Maps one read's values to entries; the pointer cache holds only for this read.</summary>
        internal void Map(ReadOnlySpan<ByteArray> values, Span<int> entries)
        {
            // Values of a dictionary page point into the page, at least 4 bytes apart (each value follows its length),
            // so within 4 KiB of the page each pointer has a slot of its own.
            var cache = _cache.AsSpan();
            cache.Clear();
            ref var first = ref MemoryMarshal.GetReference(cache);
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                ref var cached = ref Unsafe.Add(ref first, (int)((nuint)value.Pointer >> 2) & (CacheSize - 1));
                if (cached.Pointer == value.Pointer && cached.Length == value.Length && value.Pointer != 0)
                {
                    entries[i] = cached.Entry;
                    continue;
                }

                var entry = Find(Bytes(value));
                entries[i] = entry;
                cached = new CachedValue(value.Pointer, value.Length, entry);
            }
        }

        private int Find(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            var mask = _slots.Length - 1;
            for (var slot = hash.ToHashCode() & mask; ; slot = (slot + 1) & mask)
            {
                var held = _slots[slot] - 1;
                if (held < 0)
                {
                    var entry = Add(bytes);
                    _slots[slot] = entry + 1;
                    if (_count * 2 > _slots.Length)
                    {
                        Rehash();
                    }

                    return entry;
                }

                if (_bytes.AsSpan(_offsets[held], _offsets[held + 1] - _offsets[held]).SequenceEqual(bytes))
                {
                    return held;
                }
            }
        }

        private int Add(ReadOnlySpan<byte> bytes)
        {
            if (_count + 2 > _offsets.Length)
            {
                System.Array.Resize(ref _offsets, _offsets.Length * 2);
            }

            var end = _offsets[_count];
            if (end + bytes.Length > _bytes.Length)
            {
                System.Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, end + bytes.Length));
            }

            bytes.CopyTo(_bytes.AsSpan(end));
            _offsets[_count + 1] = end + bytes.Length;
            _changed = true;
            return _count++;
        }

        private readonly record struct CachedValue(nint Pointer, int Length, int Entry);

        private void Rehash()
        {
            _slots = new int[_slots.Length * 2];
            var mask = _slots.Length - 1;
            for (var entry = 0; entry < _count; entry++)
            {
                var hash = new HashCode();
                hash.AddBytes(_bytes.AsSpan(_offsets[entry], _offsets[entry + 1] - _offsets[entry]));
                var slot = hash.ToHashCode() & mask;
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _slots[slot] = entry + 1;
            }
        }
    }
}
