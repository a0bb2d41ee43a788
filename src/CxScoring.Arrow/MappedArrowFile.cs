using System.Buffers;
using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace CxScoring.Arrow;

/// <summary>
/// An Arrow IPC file mapped into memory, so that its messages are read in place: a reader over <see cref="Body"/>
/// reads each record batch's header and makes each column's buffers slices of the mapping without reading them; the
/// buffers a worker needs are then read with <see cref="Handle"/> at their offsets (<see cref="Offset"/>), and the
/// columns it does not need are never read. Used when the file's record batches lie in the body in the footer's
/// order, after every dictionary, and the file fits one span (2 GiB); else the file is read through a stream, batch by
/// batch, whole.
/// </summary>
/// <remarks>Read by many threads at once; disposed once every batch read from it has been.</remarks>
internal sealed unsafe class MappedArrowFile : MemoryManager<byte>
{
    /// <summary>Bytes before the first message: the magic <c>ARROW1</c> and two bytes of padding.</summary>
    private const int Head = 8;

    /// <summary>Bytes after the footer: its length (int32) and the magic.</summary>
    private const int Tail = 10;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly int _length;
    private byte* _pointer;

    private MappedArrowFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer, int length, int bodyEnd, SafeFileHandle handle)
    {
        Handle = handle;
        _file = file;
        _view = view;
        _pointer = pointer;
        _length = length;
        Body = Memory.Slice(Head, bodyEnd - Head);
    }

    /// <summary>Gets the file's messages (schema, dictionaries, record batches) as an Arrow IPC stream without its end marker.</summary>
    internal ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets a handle on the file for positioned reads (<see cref="RandomAccess"/>), shared by the workers.</summary>
    internal SafeFileHandle Handle { get; }

    /// <summary>Gets the file's path.</summary>
    internal required string Path { get; init; }

    /// <summary>Where a buffer of a batch read from <see cref="Body"/> lies in the file; <see langword="false"/> for a buffer that is not a slice of this mapping.</summary>
    internal bool Offset(ReadOnlyMemory<byte> buffer, out int offset)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager<byte, MappedArrowFile>(buffer, out var owner, out offset, out _)
           && ReferenceEquals(owner, this);

    /// <summary>
    /// Maps a file already read as an Arrow IPC file (its footer found and read) whose <paramref name="batches"/>
    /// record batches can be read in order from the start of its body.
    /// </summary>
    /// <returns>The mapping, or <see langword="null"/> when the file is larger than a span, or its footer lists a dictionary after a record batch or the record batches out of the order they lie in.</returns>
    internal static MappedArrowFile? TryOpen(string path, int batches)
    {
        var length = new FileInfo(path).Length;
        if (length is < Head + Tail or > int.MaxValue)
        {
            return null;
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        byte* pointer = null;
        try
        {
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            pointer += view.PointerOffset;
            var bytes = new ReadOnlySpan<byte>(pointer, (int)length);
            if (FooterStart(bytes) is { } bodyEnd && InOrder(bytes, bodyEnd, batches))
            {
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
                return new MappedArrowFile(file, view, pointer, (int)length, bodyEnd, handle) { Path = path };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not mappable (a special file, say): read through a stream.
        }

        if (pointer is not null)
        {
            view!.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        view?.Dispose();
        file.Dispose();
        return null;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
        // The mapping does not move.
    }

    protected override void Dispose(bool disposing)
    {
        if (_pointer is not null)
        {
            _pointer = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
            Handle.Dispose();
        }
    }

    /// <summary>Where the footer starts (the end of the messages), or <see langword="null"/> when the tail does not hold a footer length that fits.</summary>
    private static int? FooterStart(ReadOnlySpan<byte> bytes)
    {
        if (!bytes[^6..].SequenceEqual("ARROW1"u8))
        {
            return null;
        }

        var footer = BinaryPrimitives.ReadInt32LittleEndian(bytes[^Tail..]);
        var start = bytes.Length - Tail - footer;
        return footer > 0 && start >= Head ? start : null;
    }

    /// <summary>
    /// Whether the footer lists <paramref name="batches"/> record batches at increasing offsets, every one after every
    /// dictionary, so that reading the messages in order meets them in the footer's order.
    /// </summary>
    private static bool InOrder(ReadOnlySpan<byte> bytes, int footerStart, int batches)
    {
        if (!FooterBlocks(bytes, footerStart, out var dictionaries, out var recordBatches) || recordBatches.Length / BlockSize != batches)
        {
            return false;
        }

        var footer = bytes[footerStart..^Tail];
        long last = 0;
        for (var i = 0; i < dictionaries.Length; i += BlockSize)
        {
            last = Math.Max(last, BinaryPrimitives.ReadInt64LittleEndian(footer[(dictionaries.Start + i)..]));
        }

        for (var i = 0; i < recordBatches.Length; i += BlockSize)
        {
            var offset = BinaryPrimitives.ReadInt64LittleEndian(footer[(recordBatches.Start + i)..]);
            if (offset <= last || offset >= footerStart)
            {
                return false;
            }

            last = offset;
        }

        return true;
    }

    /// <summary>Where the footer's vector of record batch blocks (24 bytes each) lies in a whole file; <see langword="null"/> when the file has no readable footer.</summary>
    internal static (int Start, int Length)? RecordBatchBlocks(ReadOnlySpan<byte> bytes)
        => bytes.Length >= Head + Tail && FooterStart(bytes) is { } start && FooterBlocks(bytes, start, out _, out var blocks)
            ? (start + blocks.Start, blocks.Length)
            : null;

    /// <summary>
    /// Finds, in the footer (a flatbuffer <c>Footer</c> table: version, schema, dictionaries, recordBatches, the last two
    /// vectors of 24-byte <c>Block</c> structs whose first field is the message's offset), the bytes of its two
    /// vectors of blocks, as positions in the footer (empty when a vector is absent).
    /// </summary>
    /// <returns><see langword="false"/> when the footer does not hold them within its bytes.</returns>
    private static bool FooterBlocks(ReadOnlySpan<byte> bytes, int footerStart, out (int Start, int Length) dictionaries, out (int Start, int Length) recordBatches)
    {
        dictionaries = recordBatches = default;
        var footer = bytes[footerStart..^Tail];
        if (footer.Length < 8)
        {
            return false;
        }

        var table = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(footer), int.MaxValue);
        if (table > footer.Length - 4)
        {
            return false;
        }

        var vtable = (long)table - BinaryPrimitives.ReadInt32LittleEndian(footer[table..]);
        if (vtable < 0 || vtable > footer.Length - 4)
        {
            return false;
        }

        var vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(footer[(int)vtable..]);
        if (vtable + vtableLength > footer.Length)
        {
            return false;
        }

        var fields = footer.Slice((int)vtable, vtableLength);
        return Blocks(footer, table, fields, field: 2, out dictionaries) && Blocks(footer, table, fields, field: 3, out recordBatches);
    }

    private const int BlockSize = 24;

    /// <summary>The bytes of a vector of blocks (empty when the field is absent); <see langword="false"/> when it does not fit the footer.</summary>
    private static bool Blocks(ReadOnlySpan<byte> footer, int table, ReadOnlySpan<byte> vtable, int field, out (int Start, int Length) blocks)
    {
        blocks = default;
        var slot = 4 + (2 * field);
        if (slot + 2 > vtable.Length)
        {
            return true;
        }

        var fieldOffset = BinaryPrimitives.ReadUInt16LittleEndian(vtable[slot..]);
        if (fieldOffset == 0)
        {
            return true;
        }

        var at = table + fieldOffset;
        if (at > footer.Length - 4)
        {
            return false;
        }

        var vector = (long)at + BinaryPrimitives.ReadUInt32LittleEndian(footer[at..]);
        if (vector > footer.Length - 4)
        {
            return false;
        }

        var count = (long)BinaryPrimitives.ReadUInt32LittleEndian(footer[(int)vector..]);
        if (vector + 4 + (count * BlockSize) > footer.Length)
        {
            return false;
        }

        blocks = ((int)vector + 4, (int)count * BlockSize);
        return true;
    }
}
