using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow;
using Microsoft.Win32.SafeHandles;

namespace CxScoring.Parquet;

/// <summary>How <see cref="PageDecoder"/> reads a column.</summary>
internal enum DecodedKind
{
    /// <summary>A byte-array (utf8) column handed on as <c>dictionary&lt;int32, utf8&gt;</c>: dictionary pages as they are, plain values appended to the chunk's dictionary.</summary>
    Identifiers,

    /// <summary>A double column (float64).</summary>
    Double,

    /// <summary>An int64 column, handed on as the Arrow type of the file's schema (a timestamp in the Parquet column's unit, or int64).</summary>
    Int64,
}

/// <summary>One column the decoder reads: its Parquet leaf, how it is decoded, its Arrow field, and whether it may hold nulls (a definition level of 1).</summary>
internal sealed record DecodedColumn(int Leaf, DecodedKind Kind, Field Field, bool Nullable);

/// <summary>
/// A worker's decoder of the Parquet pages the package's writer writes, straight from the file's bytes: flat required
/// or optional columns; data pages v1 and v2 and dictionary pages; PLAIN and RLE_DICTIONARY (or PLAIN_DICTIONARY)
/// values; UNCOMPRESSED or SNAPPY. A row group's column chunks are read with one positioned read each into a buffer
/// the worker reuses, decoded into buffers the worker reuses, and handed on as one Arrow record batch over that managed
/// memory (valid until the next row group is decoded; the caller disposes the batch first). Identifier columns stay
/// dictionary indices (the chunk's dictionary page becomes the batch's dictionary, mapped to plan indices once per
/// chunk), so no row is looked up by its bytes. Nothing goes through native memory or the Arrow C data interface.
/// Used by one thread at a time.
/// </summary>
internal sealed class PageDecoder : IDisposable
{
    /// <summary>The most rows of a row group decoded at once (the writers' default is 65,536); a larger one goes to the Arrow reader.</summary>
    internal const int MaxRows = 1 << 22;

    private const int Plain = 0, PlainDictionary = 2, Rle = 3, BitPacked = 4, RleDictionary = 8;
    private const int Uncompressed = 0, Snappy = 1;
    private const int SupportedEncodings = (1 << Plain) | (1 << PlainDictionary) | (1 << Rle) | (1 << BitPacked) | (1 << RleDictionary);

    private readonly SafeFileHandle _file;
    private readonly ParquetFooter _footer;
    private readonly DecodedColumn[] _columns;
    private readonly ColumnBuffers[] _buffers;
    private readonly Dictionary<long, Schema> _schemas = [];
    private byte[] _chunk = [];
    private byte[] _page = [];
    private int[] _levels = [];
    private int[] _indices = [];

    internal PageDecoder(string path, ParquetFooter footer, DecodedColumn[] columns)
    {
        _footer = footer;
        _columns = columns;
        _buffers = new ColumnBuffers[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            _buffers[i] = new ColumnBuffers();
        }

        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    }

    /// <summary>The Arrow type a column is handed on as.</summary>
    internal static IArrowType ArrowType(DecodedKind kind, IArrowType fileType) => kind switch
    {
        DecodedKind.Identifiers => new DictionaryType(Int32Type.Default, StringType.Default, false),
        DecodedKind.Double => DoubleType.Default,
        _ => fileType,
    };

    /// <summary>Whether the footer shows every chunk of the columns read stored in the encodings and codecs decoded here.</summary>
    internal bool CanDecode(int rowGroup, IReadOnlyList<int> read)
    {
        var rows = _footer.Rows(rowGroup);
        if (rows is < 0 or > MaxRows)
        {
            return false;
        }

        foreach (var column in read)
        {
            if (_footer.Chunk(rowGroup, _columns[column].Leaf) is not { } chunk
                || chunk.Codec is not (Uncompressed or Snappy)
                || (chunk.Encodings & ~SupportedEncodings) != 0
                || chunk.Values != rows
                || chunk.Length > int.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Decodes a row group's columns, those of <paramref name="read"/> (positions in the decoder's columns, in order);
    /// <see langword="null"/> when a page turns out to use an encoding not decoded here (the caller reads the row
    /// group with the Arrow reader). Corrupt pages throw <see cref="InvalidDataException"/> naming the row group, the
    /// column and the page's offset in the file. The column at position <paramref name="zeroed"/>, an int64 column
    /// without nulls, is not read: zeros are given in its place.
    /// </summary>
    internal RecordBatch? Decode(int rowGroup, IReadOnlyList<int> read, int zeroed = -1)
    {
        var rows = (int)_footer.Rows(rowGroup);
        var arrays = new IArrowArray[read.Count];

        // The chunks one after another in one buffer, so that a plain, uncompressed number column without nulls is
        // handed on where it lies, not copied.
        long total = 0;
        foreach (var column in read)
        {
            total += column == zeroed ? 0 : _footer.Chunk(rowGroup, _columns[column].Leaf)!.Value.Length;
        }

        if (total > System.Array.MaxLength || total > _footer.DataLength)
        {
            // More than the file's data (chunks that overlap): the Arrow reader reads, and judges, the row group.
            return null;
        }

        if (_chunk.Length < total)
        {
            // From the workers' pool (rounded up to a power of two): row groups of one file are alike, so it is rented
            // once or a few times a file, and files scored one after another reuse it.
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _chunk);
            _chunk = WorkerBuffers.Bytes.Rent((int)total);
        }

        var at = 0;
        for (var i = 0; i < read.Count; i++)
        {
            var column = _columns[read[i]];
            if (read[i] == zeroed)
            {
                arrays[i] = ArrowArrayFactory.BuildArray(new ArrayData(column.Field.DataType, rows, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(WorkerBuffers.Zeros(rows * sizeof(long)))]));
                continue;
            }

            var chunk = _footer.Chunk(rowGroup, column.Leaf)!.Value;
            var length = (int)chunk.Length;
            var bytes = _chunk.AsSpan(at, length);
            var got = ParquetFooter.ReadAll(_file, bytes, chunk.Start);
            var decoder = new ChunkDecoder(this, column, _buffers[read[i]], chunk.Codec, rows);
            try
            {
                if (got < length)
                {
                    throw new InvalidDataException($"the column chunk of {length} bytes at byte {chunk.Start} is cut short after {got} bytes.");
                }

                if (!decoder.Run(bytes, chunk.Start))
                {
                    return null;
                }
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"row group {rowGroup} (counted from 0), column '{column.Field.Name}': {ex.Message}", ex);
            }

            arrays[i] = _buffers[read[i]].ToArray(column, rows);
            at += length;
        }

        return new RecordBatch(SchemaOf(read), arrays, rows);
    }

    private Schema SchemaOf(IReadOnlyList<int> read)
    {
        var mask = 0L;
        foreach (var column in read)
        {
            mask |= 1L << column;
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

    /// <summary>Closes the file and gives every buffer back to the workers' pool (<see cref="WorkerBuffers"/>), for the next decoder; a batch decoded before must not be used after.</summary>
    public void Dispose()
    {
        WorkerBuffers.Return(WorkerBuffers.Bytes, ref _chunk);
        WorkerBuffers.Return(WorkerBuffers.Bytes, ref _page);
        WorkerBuffers.Return(WorkerBuffers.Ints, ref _levels);
        WorkerBuffers.Return(WorkerBuffers.Ints, ref _indices);
        foreach (var buffers in _buffers)
        {
            buffers.Release();
        }

        _file.Dispose();
    }

    /// <summary>One column chunk's pages decoded into the column's buffers.</summary>
    private ref struct ChunkDecoder
    {
        private readonly PageDecoder _owner;
        private readonly DecodedColumn _column;
        private readonly ColumnBuffers _buffers;
        private readonly int _codec;
        private readonly int _rows;
        private int _row;
        private int _dictionaryEntries;
        private bool _hasDictionary;

        // Whether the values of the page being decoded lie in the chunk buffer (not decompressed into the page buffer).
        private bool _pageInChunk;

        internal ChunkDecoder(PageDecoder owner, DecodedColumn column, ColumnBuffers buffers, int codec, int rows)
        {
            _owner = owner;
            _column = column;
            _buffers = buffers;
            _codec = codec;
            _rows = rows;
            _dictionaryEntries = -1;
        }

        /// <summary>Decodes the pages until the row group's rows are read; <see langword="false"/> at a page in an encoding not decoded here.</summary>
        internal bool Run(ReadOnlySpan<byte> chunk, long chunkStart)
        {
            _buffers.Start(_column.Kind, _rows);
            var position = 0;
            while (_row < _rows)
            {
                if (position >= chunk.Length)
                {
                    throw new InvalidDataException($"the column chunk ends after {_row} of the row group's {_rows} rows.");
                }

                var pageStart = chunkStart + position;
                try
                {
                    var header = PageHeader.Read(chunk[position..]);
                    position += header.HeaderLength;
                    if (header.CompressedSize > chunk.Length - position)
                    {
                        throw new InvalidDataException($"the page holds {header.CompressedSize} bytes where {chunk.Length - position} bytes of the column chunk are left.");
                    }

                    var body = chunk.Slice(position, header.CompressedSize);
                    position += header.CompressedSize;
                    var supported = header.Type switch
                    {
                        PageHeader.DictionaryPage => DictionaryPage(header, body),
                        PageHeader.DataPage => DataPage(header, body),
                        PageHeader.DataPageV2 => DataPageV2(header, body),
                        _ => true,
                    };
                    if (!supported)
                    {
                        return false;
                    }
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"page at byte {pageStart}: {ex.Message}", ex);
                }
                catch (Exception ex) when (ex is OverflowException or ArgumentException or IndexOutOfRangeException or OutOfMemoryException)
                {
                    // A value of the file out of every range checked for: still an error of the file, with its place.
                    throw new InvalidDataException($"page at byte {pageStart}: {ex.Message}", ex);
                }
            }

            return true;
        }

        private bool DictionaryPage(in PageHeader header, ReadOnlySpan<byte> body)
        {
            if (_hasDictionary || _row > 0)
            {
                throw new InvalidDataException("a dictionary page after the chunk's first data page.");
            }

            if (header.Encoding is not (Plain or PlainDictionary))
            {
                return false;
            }

            var values = Decompress(body, header.UncompressedSize);
            _dictionaryEntries = _buffers.SetDictionary(_column.Kind, values, header.Values);
            _hasDictionary = true;
            return true;
        }

        private bool DataPage(in PageHeader header, ReadOnlySpan<byte> body)
        {
            var count = CheckValues(header.Values);
            var page = Decompress(body, header.UncompressedSize);
            var present = count;
            if (_column.Nullable)
            {
                if (header.DefinitionLevelEncoding != Rle)
                {
                    return false;
                }

                var length = page.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(page) : -1;
                if (length < 0 || length > page.Length - 4)
                {
                    throw new InvalidDataException($"definition levels of {length} bytes in a page of {page.Length}.");
                }

                present = Levels(page.Slice(4, length), count);
                page = page[(4 + length)..];
            }

            return Values(header.Encoding, page, count, present);
        }

        private bool DataPageV2(in PageHeader header, ReadOnlySpan<byte> body)
        {
            var count = CheckValues(header.Values);
            if (header.RepetitionLevelsLength != 0)
            {
                throw new InvalidDataException("repetition levels in a flat column.");
            }

            var levels = header.DefinitionLevelsLength;
            if (levels < 0 || levels > body.Length || levels > header.UncompressedSize)
            {
                throw new InvalidDataException($"definition levels of {levels} bytes in a page of {body.Length}.");
            }

            var present = count;
            if (_column.Nullable)
            {
                present = Levels(body[..levels], count);
            }
            else if (levels != 0)
            {
                throw new InvalidDataException("definition levels in a required column.");
            }

            var values = body[levels..];
            var size = header.UncompressedSize - levels;
            var page = header.IsCompressed ? Decompress(values, size) : values;
            _pageInChunk |= !header.IsCompressed;
            return Values(header.Encoding, page, count, present);
        }

        private readonly int CheckValues(int values)
        {
            if (values < 0 || values > _rows - _row)
            {
                throw new InvalidDataException($"a page of {values} values where {_rows - _row} of the row group's {_rows} rows are left.");
            }

            return values;
        }

        /// <summary>Decodes a page's definition levels (bit width 1); returns how many rows are not null, and marks the null ones.</summary>
        private readonly int Levels(ReadOnlySpan<byte> data, int count)
        {
            if (HybridDecoder.IsSingleRun(data, count, 1))
            {
                // A page without nulls, as writers write one: one RLE run of level 1.
                return count;
            }

            var levels = WorkerBuffers.Grow(WorkerBuffers.Ints, ref _owner._levels, count);
            var span = levels.AsSpan(0, count);
            HybridDecoder.Decode(data, 1, span);
            var present = 0;
            foreach (var level in span)
            {
                if ((uint)level > 1)
                {
                    throw new InvalidDataException($"a definition level of {level}; the column's maximum is 1.");
                }

                present += level;
            }

            return present;
        }

        private bool Values(int encoding, ReadOnlySpan<byte> page, int count, int present)
        {
            if (present > 0)
            {
                switch (encoding)
                {
                    case Plain when _pageInChunk && _row == 0 && present == _rows && _column.Kind != DecodedKind.Identifiers && page.Length >= _rows * 8:
                        // The whole chunk in one page without nulls, uncompressed: handed on where it lies.
                        _buffers.InPlace(_owner._chunk, (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(_owner._chunk), ref MemoryMarshal.GetReference(page)));
                        break;
                    case Plain:
                        _buffers.Plain(_column.Kind, page, _row, present);
                        break;
                    case PlainDictionary or RleDictionary:
                        if (!_hasDictionary)
                        {
                            throw new InvalidDataException("a dictionary-encoded page without a dictionary page.");
                        }

                        if (page.IsEmpty)
                        {
                            throw new InvalidDataException("a dictionary-encoded page without its bit width.");
                        }

                        var indices = _column.Kind == DecodedKind.Identifiers
                            ? _buffers.Indices(_row, present)
                            : WorkerBuffers.Grow(WorkerBuffers.Ints, ref _owner._indices, present).AsSpan(0, present);
                        HybridDecoder.Decode(page[1..], page[0], indices);
                        if (!HybridDecoder.AllBelow(indices, _dictionaryEntries))
                        {
                            throw new InvalidDataException($"a dictionary index outside the chunk's dictionary of {_dictionaryEntries} entries.");
                        }

                        if (_column.Kind != DecodedKind.Identifiers)
                        {
                            _buffers.Gather(indices, _row);
                        }

                        break;
                    default:
                        return false;
                }
            }

            if (present < count)
            {
                _buffers.Spread(_column.Kind, _owner._levels.AsSpan(0, count), _row, present);
            }

            _row += count;
            return true;
        }

        private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, int size)
        {
            _pageInChunk = _codec == Uncompressed;
            if (size < 0)
            {
                throw new InvalidDataException($"an uncompressed size of {size} bytes.");
            }

            if (_codec == Uncompressed)
            {
                if (body.Length != size)
                {
                    throw new InvalidDataException($"an uncompressed page of {body.Length} bytes where its header gives {size}.");
                }

                return body;
            }

            // The block states its own length; a header claiming another, or more than a Snappy block of this size can
            // expand to (a 3-byte copy writes at most 64 bytes), is corrupt, and no buffer is grown for it.
            var stated = SnappyDecoder.DecompressedLength(body, out _);
            if (stated != size || size > (long)body.Length * 22)
            {
                throw new InvalidDataException($"a Snappy page of {body.Length} bytes whose header gives {size} bytes uncompressed and whose block gives {stated}.");
            }

            var page = WorkerBuffers.Grow(WorkerBuffers.Bytes, ref _owner._page, size);
            SnappyDecoder.Decompress(body, page.AsSpan(0, size));
            return page.AsSpan(0, size);
        }
    }

    /// <summary>One column's decoded buffers, reused from row group to row group: values (8 bytes a row) or dictionary indices (4), the validity bitmap, and the chunk's dictionary.</summary>
    private sealed class ColumnBuffers
    {
        private byte[] _values = [];
        private int _size;
        private byte[] _validity = [];
        private int _nulls;

        // Set when the chunk's values are read where they lie in the chunk buffer.
        private byte[]? _inPlace;
        private int _inPlaceOffset;

        // The chunk's dictionary: 8-byte values, or utf8 entries (offsets and bytes).
        private byte[] _dictionary = [];
        private byte[] _offsets = [];
        private int _entries;

        /// <summary>Gets the values buffer, grown to the chunk's rows when first used (a chunk used where it lies needs none).</summary>
        private byte[] Values => WorkerBuffers.Grow(WorkerBuffers.Bytes, ref _values, _size);

        /// <summary>Gives the buffers back to the workers' pool.</summary>
        internal void Release()
        {
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _values);
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _validity);
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _dictionary);
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref _offsets);
            _inPlace = null;
        }

        internal void Start(DecodedKind kind, int rows)
        {
            _size = rows * (kind == DecodedKind.Identifiers ? 4 : 8);
            if (kind == DecodedKind.Identifiers)
            {
                // An empty dictionary until the chunk's pages add entries (a pooled buffer holds whatever its last user left).
                WorkerBuffers.Grow(WorkerBuffers.Bytes, ref _offsets, 4);
                MemoryMarshal.Cast<byte, int>(_offsets.AsSpan())[0] = 0;
            }

            WorkerBuffers.Grow(WorkerBuffers.Bytes, ref _validity, (rows + 7) / 8);
            _validity.AsSpan(0, (rows + 7) / 8).Fill(0xFF);
            _nulls = 0;
            _entries = 0;
            _inPlace = null;
        }

        /// <summary>Hands on a chunk's 8-byte values where they lie (the whole row group, no nulls).</summary>
        internal void InPlace(byte[] chunk, int offset)
        {
            _inPlace = chunk;
            _inPlaceOffset = offset;
        }

        /// <summary>Keeps a dictionary page's values (plain-encoded); returns the number of entries.</summary>
        internal int SetDictionary(DecodedKind kind, ReadOnlySpan<byte> page, int entries)
        {
            if (entries < 0)
            {
                throw new InvalidDataException($"a dictionary of {entries} entries.");
            }

            if (kind == DecodedKind.Identifiers)
            {
                _entries = 0;
                var end = AppendStrings(page, entries);
                if (end != page.Length)
                {
                    throw new InvalidDataException($"a dictionary page of {page.Length} bytes holding {end} bytes of its {entries} entries.");
                }
            }
            else
            {
                if ((long)entries * 8 != page.Length)
                {
                    throw new InvalidDataException($"a dictionary page of {page.Length} bytes for {entries} 8-byte values.");
                }

                WorkerBuffers.Grow(WorkerBuffers.Bytes, ref _dictionary, page.Length);
                page.CopyTo(_dictionary);
                _entries = entries;
            }

            return entries;
        }

        /// <summary>Appends plain byte arrays (a 4-byte length, then the bytes) as entries; returns the bytes read.</summary>
        private int AppendStrings(ReadOnlySpan<byte> page, int count)
        {
            // Each byte array takes at least its 4-byte length, so the page bounds the count before anything is grown.
            if (count < 0 || count > page.Length / 4)
            {
                throw new InvalidDataException($"{count} byte arrays in a page of {page.Length} bytes.");
            }

            WorkerBuffers.Keep(WorkerBuffers.Bytes, ref _offsets, checked((int)(((long)_entries + count + 1) * 4)));
            var offsets = MemoryMarshal.Cast<byte, int>(_offsets.AsSpan());
            if (_entries == 0)
            {
                // The first entry starts at 0 (a pooled buffer holds whatever its last user left).
                offsets[0] = 0;
            }

            var position = 0;
            var end = offsets[_entries];
            for (var i = 0; i < count; i++)
            {
                var length = page.Length - position >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(page[position..]) : -1;
                if (length < 0 || length > page.Length - position - 4)
                {
                    throw new InvalidDataException($"a byte array of {length} bytes where {page.Length - position - 4} are left in the page.");
                }

                WorkerBuffers.Keep(WorkerBuffers.Bytes, ref _dictionary, checked(end + length));
                page.Slice(position + 4, length).CopyTo(_dictionary.AsSpan(end));
                position += 4 + length;
                end += length;
                offsets[++_entries] = end;
            }

            return position;
        }

        /// <summary>Reads plain values of the rows that are not null into place from <paramref name="row"/>.</summary>
        internal void Plain(DecodedKind kind, ReadOnlySpan<byte> page, int row, int present)
        {
            if (kind == DecodedKind.Identifiers)
            {
                // Plain strings (a writer falls back to them when its dictionary grows too large): each one an entry.
                var first = _entries;
                AppendStrings(page, present);
                var indices = Indices(row, present);
                for (var i = 0; i < indices.Length; i++)
                {
                    indices[i] = first + i;
                }

                return;
            }

            var bytes = present * 8;
            if (bytes > page.Length)
            {
                throw new InvalidDataException($"a page of {page.Length} bytes for {present} 8-byte values.");
            }

            page[..bytes].CopyTo(Values.AsSpan(row * 8));
        }

        internal Span<int> Indices(int row, int count) => MemoryMarshal.Cast<byte, int>(Values.AsSpan(row * 4, count * 4));

        /// <summary>Puts the dictionary values of checked indices in place from <paramref name="row"/>.</summary>
        internal void Gather(ReadOnlySpan<int> indices, int row)
        {
            var dictionary = MemoryMarshal.Cast<byte, long>(_dictionary.AsSpan(0, _entries * 8));
            var target = MemoryMarshal.Cast<byte, long>(Values.AsSpan(row * 8, indices.Length * 8));
            for (var i = 0; i < indices.Length; i++)
            {
                target[i] = dictionary[indices[i]];
            }
        }

        /// <summary>Moves the values of a page's rows that are not null (read to the start of its rows) to their rows, and marks the null rows.</summary>
        internal void Spread(DecodedKind kind, ReadOnlySpan<int> levels, int row, int present)
        {
            if (kind == DecodedKind.Identifiers)
            {
                Spread(MemoryMarshal.Cast<byte, int>(Values.AsSpan(row * 4, levels.Length * 4)), levels, present);
            }
            else
            {
                Spread(MemoryMarshal.Cast<byte, long>(Values.AsSpan(row * 8, levels.Length * 8)), levels, present);
            }

            for (var i = 0; i < levels.Length; i++)
            {
                if (levels[i] == 0)
                {
                    var at = row + i;
                    _validity[at >> 3] &= (byte)~(1 << (at & 7));
                    _nulls++;
                }
            }
        }

        private static void Spread<T>(Span<T> values, ReadOnlySpan<int> levels, int present)
            where T : unmanaged
        {
            var j = present - 1;
            for (var i = levels.Length - 1; i >= 0; i--)
            {
                values[i] = levels[i] != 0 ? values[j--] : default;
            }
        }

        internal IArrowArray ToArray(DecodedColumn column, int rows)
        {
            var validity = _nulls == 0 ? ArrowBuffer.Empty : new ArrowBuffer(_validity.AsMemory(0, (rows + 7) / 8));
            ArrayData? dictionary = null;
            ArrowBuffer values;
            if (column.Kind == DecodedKind.Identifiers)
            {
                values = new ArrowBuffer(Values.AsMemory(0, rows * 4));

                // A new dictionary per chunk (the mapper maps each once); its buffers are reused.
                var end = MemoryMarshal.Cast<byte, int>(_offsets.AsSpan())[_entries];
                dictionary = new ArrayData(StringType.Default, _entries, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(_offsets.AsMemory(0, (_entries + 1) * 4)), new ArrowBuffer(_dictionary.AsMemory(0, end))]);
            }
            else
            {
                values = new ArrowBuffer(_inPlace is { } chunk ? chunk.AsMemory(_inPlaceOffset, rows * 8) : Values.AsMemory(0, rows * 8));
            }

            return ArrowArrayFactory.BuildArray(new ArrayData(column.Field.DataType, rows, _nulls, 0, [validity, values], null, dictionary));
        }
    }
}

/// <summary>The fields of a Parquet page header (Thrift compact <c>PageHeader</c>) the decoder needs; others are skipped.</summary>
internal readonly struct PageHeader
{
    internal const int DataPage = 0, DictionaryPage = 2, DataPageV2 = 3;

    internal int Type { get; init; }

    internal int HeaderLength { get; init; }

    internal int UncompressedSize { get; init; }

    internal int CompressedSize { get; init; }

    internal int Values { get; init; }

    internal int Encoding { get; init; }

    internal int DefinitionLevelEncoding { get; init; }

    internal int DefinitionLevelsLength { get; init; }

    internal int RepetitionLevelsLength { get; init; }

    internal bool IsCompressed { get; init; }

    /// <summary>Reads a page header at the start of <paramref name="data"/>.</summary>
    internal static PageHeader Read(ReadOnlySpan<byte> data)
    {
        var reader = new ThriftCompactReader(data);
        int type = -1, uncompressed = -1, compressed = -1, values = -1, encoding = -1, levelEncoding = -1, levels = 0, repetition = 0;
        var isCompressed = true;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var field and not ThriftCompactReader.Stop)
        {
            switch (id)
            {
                case 1: type = reader.ReadI32(field); break;
                case 2: uncompressed = reader.ReadI32(field); break;
                case 3: compressed = reader.ReadI32(field); break;
                case 5 or 7 or 8 when field == ThriftCompactReader.Struct:
                    var inner = reader.BeginStruct();
                    while (reader.ReadFieldHeader(out var sub) is var subField and not ThriftCompactReader.Stop)
                    {
                        switch (id, sub)
                        {
                            case (_, 1): values = reader.ReadI32(subField); break;
                            case (5 or 7, 2) or (8, 4): encoding = reader.ReadI32(subField); break;
                            case (5, 3): levelEncoding = reader.ReadI32(subField); break;
                            case (8, 5): levels = reader.ReadI32(subField); break;
                            case (8, 6): repetition = reader.ReadI32(subField); break;
                            case (8, 7) when subField is ThriftCompactReader.True or ThriftCompactReader.False: isCompressed = subField == ThriftCompactReader.True; break;
                            default: reader.Skip(subField); break;
                        }
                    }

                    reader.EndStruct(inner);
                    break;
                default: reader.Skip(field); break;
            }
        }

        reader.EndStruct(saved);
        if (type < 0 || uncompressed < 0 || compressed < 0)
        {
            throw new InvalidDataException($"a page header without its type or sizes (type {type}, {uncompressed} bytes uncompressed, {compressed} compressed).");
        }

        if (type is DataPage or DictionaryPage or DataPageV2 && (values < 0 || encoding < 0))
        {
            throw new InvalidDataException($"a page header of type {type} without its number of values or encoding.");
        }

        return new PageHeader
        {
            Type = type,
            HeaderLength = reader.Position,
            UncompressedSize = uncompressed,
            CompressedSize = compressed,
            Values = values,
            Encoding = encoding,
            DefinitionLevelEncoding = levelEncoding,
            DefinitionLevelsLength = levels,
            RepetitionLevelsLength = repetition,
            IsCompressed = isCompressed,
        };
    }
}
