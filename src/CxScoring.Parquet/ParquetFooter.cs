using System.Buffers.Binary;
using CxScoring.Arrow;
using Microsoft.Win32.SafeHandles;

namespace CxScoring.Parquet;

/// <summary>Where a column chunk lies and how it is stored, from the file's footer.</summary>
/// <param name="Start">The offset of its first page (the dictionary page when it has one).</param>
/// <param name="Length">Its bytes, page headers included.</param>
/// <param name="Codec">The compression codec (Parquet's <c>CompressionCodec</c>: 0 uncompressed, 1 Snappy, …).</param>
/// <param name="Encodings">A bit per encoding used in the chunk (Parquet's <c>Encoding</c> numbers); bit 31 for a number above 30.</param>
/// <param name="Values">The number of values (rows, for a flat column).</param>
internal readonly record struct ChunkLocation(long Start, long Length, int Codec, int Encodings, long Values);

/// <summary>What a column chunk's statistics in the footer tell of its values.</summary>
/// <param name="NullCount">The number of nulls, <see langword="null"/> when the statistics do not count them.</param>
/// <param name="MinLength">The length in bytes of the least value (<c>min_value</c>), -1 when the statistics do not give it (the older <c>min</c> field, written by some writers in a signed byte order, is not used).</param>
internal readonly record struct ChunkStatistics(long? NullCount, int MinLength)
{
    /// <summary>Gets statistics that tell nothing.</summary>
    internal static ChunkStatistics None => new(null, -1);
}

/// <summary>
/// The column chunks of a Parquet file's row groups, read from the footer (Thrift compact <c>FileMetaData</c>): only
/// the fields <see cref="PageDecoder"/> needs. Chunks the decoder cannot read (in another file, encrypted, or with
/// offsets outside the file) are left out (<see langword="null"/>), and their row groups go to the Arrow reader. The
/// chunks' statistics (null count, the least value's length) are kept for every chunk whose metadata is in the
/// footer, so that no native reader is needed to look at them. Immutable; shared by the workers.
/// </summary>
internal sealed class ParquetFooter
{
    private const int Magic = 0x31524150; // "PAR1"

    private readonly ChunkLocation?[][] _rowGroups;
    private readonly ChunkStatistics[][] _statistics;
    private readonly long[] _rows;

    private ParquetFooter(ChunkLocation?[][] rowGroups, ChunkStatistics[][] statistics, long[] rows, long dataLength)
    {
        _rowGroups = rowGroups;
        _statistics = statistics;
        _rows = rows;
        DataLength = dataLength;
    }

    /// <summary>Gets the bytes of the file before its footer, which a row group's chunks together cannot exceed unless they overlap.</summary>
    internal long DataLength { get; }

    internal int RowGroups => _rowGroups.Length;

    /// <summary>Gets a row group's number of rows.</summary>
    internal long Rows(int rowGroup) => _rows[rowGroup];

    /// <summary>Gets a chunk's location, <see langword="null"/> when the decoder does not read it.</summary>
    internal ChunkLocation? Chunk(int rowGroup, int leaf)
        => (uint)leaf < (uint)_rowGroups[rowGroup].Length ? _rowGroups[rowGroup][leaf] : null;

    /// <summary>Gets a chunk's statistics, <see cref="ChunkStatistics.None"/> when the footer has none for it.</summary>
    internal ChunkStatistics Statistics(int rowGroup, int leaf)
        => (uint)leaf < (uint)_statistics[rowGroup].Length ? _statistics[rowGroup][leaf] : ChunkStatistics.None;

    /// <summary>
    /// Reads the footer; <see langword="null"/> for a file it does not describe (an encrypted footer, one it cannot
    /// parse: the Arrow reader then reads, and reports, the file).
    /// </summary>
    /// <exception cref="ColumnarFormatException">A chunk's statistics contradict the chunk (a null count below 0 or above its values).</exception>
    internal static ParquetFooter? Read(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        if (length < 12)
        {
            return null;
        }

        Span<byte> tail = stackalloc byte[8];
        if (ReadAll(file, tail, length - 8) != tail.Length)
        {
            return null;
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (BinaryPrimitives.ReadInt32LittleEndian(tail[4..]) != Magic || size <= 0 || size > length - 12)
        {
            return null;
        }

        // From the workers' pool: a file's footer is read once a call, and it is a large-object-heap array for a
        // file of many row groups.
        var footer = WorkerBuffers.Rent(WorkerBuffers.Bytes, size);
        try
        {
            var bytes = footer.AsSpan(0, size);
            if (ReadAll(file, bytes, length - 8 - size) != size)
            {
                return null;
            }

            return Parse(bytes, length - 8 - size);
        }
        catch (CorruptStatisticsException ex)
        {
            throw new ColumnarFormatException($"{System.IO.Path.GetFileName(path)} is not readable as a Parquet file: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or OverflowException)
        {
            return null;
        }
        finally
        {
            WorkerBuffers.Return(WorkerBuffers.Bytes, ref footer);
        }
    }

    /// <summary>Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal static int ReadAll(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Parses <c>FileMetaData</c>; chunks must lie between the leading magic and the footer.</summary>
    /// <exception cref="InvalidDataException">The footer is not Thrift <c>FileMetaData</c>.</exception>
    /// <exception cref="CorruptStatisticsException">A chunk's statistics contradict the chunk.</exception>
    internal static ParquetFooter Parse(ReadOnlySpan<byte> footer, long dataEnd)
    {
        var reader = new ThriftCompactReader(footer);
        var rowGroups = new List<ChunkLocation?[]>();
        var statistics = new List<ChunkStatistics[]>();
        var rows = new List<long>();
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var type and not ThriftCompactReader.Stop)
        {
            if (id == 4)
            {
                var count = reader.ReadListHeader(type, out var element);
                for (var i = 0; i < count; i++)
                {
                    if (element != ThriftCompactReader.Struct)
                    {
                        throw new InvalidDataException("a row group that is not a struct.");
                    }

                    rowGroups.Add(ReadRowGroup(ref reader, dataEnd, rowGroups.Count, out var groupRows, out var groupStatistics));
                    statistics.Add(groupStatistics);
                    rows.Add(groupRows);
                }
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.EndStruct(saved);
        return new ParquetFooter([.. rowGroups], [.. statistics], [.. rows], dataEnd);
    }

    private static ChunkLocation?[] ReadRowGroup(ref ThriftCompactReader reader, long dataEnd, int rowGroup, out long rows, out ChunkStatistics[] statistics)
    {
        rows = -1;
        ChunkLocation?[] chunks = [];
        statistics = [];
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var type and not ThriftCompactReader.Stop)
        {
            switch (id)
            {
                case 1:
                    var count = reader.ReadListHeader(type, out var element);
                    chunks = new ChunkLocation?[count];
                    statistics = new ChunkStatistics[count];
                    for (var i = 0; i < count; i++)
                    {
                        if (element != ThriftCompactReader.Struct)
                        {
                            throw new InvalidDataException("a column chunk that is not a struct.");
                        }

                        chunks[i] = ReadColumnChunk(ref reader, dataEnd, rowGroup, i, out statistics[i]);
                    }

                    break;
                case 3:
                    rows = reader.ReadI64(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        return chunks;
    }

    private static ChunkLocation? ReadColumnChunk(ref ThriftCompactReader reader, long dataEnd, int rowGroup, int leaf, out ChunkStatistics statistics)
    {
        var usable = true;
        ChunkLocation? location = null;
        statistics = ChunkStatistics.None;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var type and not ThriftCompactReader.Stop)
        {
            switch (id)
            {
                case 3:
                    location = ReadColumnMetaData(ref reader, dataEnd, rowGroup, leaf, out statistics);
                    break;
                case 1 or 8 or 9:
                    // In another file, or encrypted.
                    usable = false;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);
        if (!usable)
        {
            statistics = ChunkStatistics.None;
        }

        return usable ? location : null;
    }

    private static ChunkLocation? ReadColumnMetaData(ref ThriftCompactReader reader, long dataEnd, int rowGroup, int leaf, out ChunkStatistics statistics)
    {
        int codec = -1, encodings = 0;
        long values = -1, compressed = -1, dataPage = -1, dictionaryPage = -1;
        var path = -1;
        var read = ChunkStatistics.None;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var type and not ThriftCompactReader.Stop)
        {
            switch (id)
            {
                case 2:
                    var count = reader.ReadListHeader(type, out var element);
                    for (var i = 0; i < count; i++)
                    {
                        var encoding = reader.ReadI32(element);
                        encodings |= encoding is >= 0 and <= 30 ? 1 << encoding : 1 << 31;
                    }

                    break;
                case 3:
                    // Its names are made only for an error.
                    path = reader.Position;
                    reader.Skip(type);
                    break;
                case 4:
                    codec = reader.ReadI32(type);
                    break;
                case 5:
                    values = reader.ReadI64(type);
                    break;
                case 7:
                    compressed = reader.ReadI64(type);
                    break;
                case 9:
                    dataPage = reader.ReadI64(type);
                    break;
                case 11:
                    dictionaryPage = reader.ReadI64(type);
                    break;
                case 12:
                    read = ReadStatistics(ref reader, type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(saved);

        // A null count is checked against the chunk's values (rows, for a flat column): one outside them would leave
        // out a column that holds values, or trust a customer column that holds nulls.
        if (read.NullCount is { } nulls && (nulls < 0 || values < 0 || nulls > values))
        {
            var column = $"leaf {leaf}";
            if (path >= 0)
            {
                var again = reader;
                again.Seek(path);
                column = ReadPath(ref again, ThriftCompactReader.List) ?? column;
            }

            throw new CorruptStatisticsException(
                $"row group {rowGroup} (counted from 0), column '{column}': statistics: a null count of {nulls} in a chunk of {(values < 0 ? "no stated number of" : values.ToString(System.Globalization.CultureInfo.InvariantCulture))} values.");
        }

        statistics = read;

        // Some writers write a dictionary page offset of 0 for a chunk without one.
        var start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage;
        if (start < 4 || compressed <= 0 || compressed > dataEnd - start || values < 0 || codec < 0)
        {
            return null;
        }

        return new ChunkLocation(start, compressed, codec, encodings, values);
    }

    /// <summary>Reads a chunk's <c>Statistics</c>: the null count (field 3) and the length of <c>min_value</c> (field 6); a missing null count is -1 (not 0).</summary>
    private static ChunkStatistics ReadStatistics(ref ThriftCompactReader reader, byte type)
    {
        if (type != ThriftCompactReader.Struct)
        {
            throw new InvalidDataException("column statistics that are not a struct.");
        }

        // A null count is kept as read, negative or not, so that the caller reports it.
        long? nulls = null;
        var min = -1;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var id) is var field and not ThriftCompactReader.Stop)
        {
            switch (id)
            {
                case 3:
                    nulls = reader.ReadI64(field);
                    break;
                case 6:
                    min = reader.ReadBinary(field).Length;
                    break;
                default:
                    reader.Skip(field);
                    break;
            }
        }

        reader.EndStruct(saved);
        return new ChunkStatistics(nulls, min);
    }

    /// <summary>Reads a chunk's <c>path_in_schema</c> as a dotted name; <see langword="null"/> when empty.</summary>
    private static string? ReadPath(ref ThriftCompactReader reader, byte type)
    {
        var count = reader.ReadListHeader(type, out var element);
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = System.Text.Encoding.UTF8.GetString(reader.ReadBinary(element));
        }

        return count == 0 ? null : string.Join('.', parts);
    }

    /// <summary>A chunk's statistics contradict the chunk; the message names the row group and the column.</summary>
    internal sealed class CorruptStatisticsException(string message) : Exception(message);
}
