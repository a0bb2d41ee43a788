using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CxScoring.Arrow;

/// <summary>
/// An Arrow IPC file (random access: one unit per record batch; read in place from a memory mapping shared by the
/// workers when the file allows it, else each worker with its own file handle) or an Arrow IPC stream (one unit, read
/// in order).
/// </summary>
internal sealed class ArrowIpcSource : ColumnarSource
{
    private readonly string? _path;
    private readonly ArrowStreamReader _reader;
    private readonly Stream? _owned;
    private readonly ReusedBodyAllocator? _allocator;
    private readonly MappedArrowFile? _mapped;
    private readonly bool _random;
    private bool _streamTaken;

    private ArrowIpcSource(string name, string? path, ArrowStreamReader reader, ReusedBodyAllocator? allocator, MappedArrowFile? mapped, Stream? owned, bool random, int units)
    {
        _allocator = allocator;
        _mapped = mapped;
        Name = name;
        _path = path;
        _reader = reader;
        _owned = owned;
        _random = random;
        Units = units;
    }

    internal override string Name { get; }

    internal override string Kind => _random ? "an Arrow IPC file" : "an Arrow IPC stream";

    internal override Schema Schema => _reader.Schema;

    internal override int Units { get; }

    /// <summary>Opens a file: the IPC file format (it starts with <c>ARROW1</c>) with random access, else the IPC stream format.</summary>
    internal static async Task<ArrowIpcSource> OpenFileAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var stream = OpenRead(path);
        try
        {
            var magic = new byte[6];
            var read = await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            if (read == magic.Length && magic.AsSpan().SequenceEqual("ARROW1"u8))
            {
                var reader = new ArrowFileReader(stream, leaveOpen: true);
                var count = await Guard(name, "an Arrow IPC file", async () =>
                {
                    _ = await reader.GetSchema(cancellationToken).ConfigureAwait(false);
                    return await reader.RecordBatchCountAsync().ConfigureAwait(false);
                }).ConfigureAwait(false);
                var mapped = MappedArrowFile.TryOpen(path, count);
                return new ArrowIpcSource(name, path, reader, null, mapped, stream, random: true, count);
            }

            return await OpenStreamAsync(stream, name, owned: stream, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens an IPC stream read in order on one thread; the stream is left open unless <paramref name="owned"/> is it.</summary>
    internal static async Task<ArrowIpcSource> OpenStreamAsync(Stream stream, string name, Stream? owned, CancellationToken cancellationToken)
    {
        var allocator = new ReusedBodyAllocator();
        var reader = new ArrowStreamReader(stream, allocator, leaveOpen: true);
        _ = await Guard(name, "an Arrow IPC stream", async () => await reader.GetSchema(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return new ArrowIpcSource(name, null, reader, allocator, null, owned, random: false, 1);
    }

    internal override IUnitReader OpenReader(bool customers, bool instants)
    {
        if (!_random)
        {
            if (_streamTaken)
            {
                throw new InvalidOperationException("An Arrow IPC stream is read by one worker.");
            }

            _streamTaken = true;
            return new StreamUnitReader(_reader);
        }

        if (_mapped is not null)
        {
            return new MappedBatchReader(_mapped, Name, Units, customers, instants);
        }

        var stream = OpenRead(_path!);
        var allocator = new ReusedBodyAllocator();
        return new FileUnitReader(new ArrowFileReader(stream, allocator, leaveOpen: false), allocator);
    }

    public override void Dispose()
    {
        _reader.Dispose();
        _owned?.Dispose();
        _allocator?.Release();
        ((IDisposable?)_mapped)?.Dispose();
    }

    internal static async Task<T> Guard<T>(string name, string kind, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Unreadable(name, kind, ex);
        }
    }

    /// <summary>Whether an exception from a reading library means the bytes are not what they should be (not a cancellation, not one of ours).</summary>
    internal static bool IsReadFailure(Exception ex)
        => ex is not (OperationCanceledException or ColumnarFormatException or OutOfMemoryException or Model.CxScoringException);

    internal static ColumnarFormatException Unreadable(string name, string kind, Exception ex)
        => new($"{name} is not readable as {kind}: {ex.Message}", ex);

    private static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.RandomAccess);

    private sealed class FileUnitReader(ArrowFileReader reader, ReusedBodyAllocator allocator) : IUnitReader
    {
        public IEnumerable<RecordBatch> Read(int unit)
        {
            // Called on a worker thread (never one with a synchronization context).
            yield return reader.ReadRecordBatchAsync(unit, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            reader.Dispose();
            allocator.Release();
        }
    }

    private sealed class StreamUnitReader(ArrowStreamReader reader) : IUnitReader
    {
        public IEnumerable<RecordBatch> Read(int unit)
        {
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                yield return batch;
            }
        }

        public void Dispose()
        {
            // The source owns the stream reader.
        }
    }
}
