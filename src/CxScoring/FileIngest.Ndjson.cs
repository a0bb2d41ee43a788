using System.Buffers;
using System.Runtime.ExceptionServices;
using CxScoring.OutcomeFiles;

namespace CxScoring;

/// <content>
/// NDJSON: the input is cut into buffers of <see cref="FileScoringOptions.ChunkBytes"/>, cut anywhere. From a file, each
/// worker (a thread of its own) claims the next buffer and reads it itself, at its offset, into a buffer of its own; from
/// any other stream, the reading thread only reads the stream into pooled buffers that the workers take. A worker parses
/// a buffer's whole lines, those after its first line feed up to its last: a line feed byte only ends a line, as JSON
/// allows none in a string (escaped <c>\n</c> is two other bytes) and UTF-8 none inside a character. The bytes before a
/// buffer's first line feed and after its last, which belong to lines cut by the buffer ends, are copied out (up to the
/// line length limit) before the buffer is used again. The buffers' results are taken in file order: there each cut line
/// is joined from the previous buffer's end and this buffer's start, read, and the lines of the buffer are numbered from
/// the line feeds counted before it.
/// </content>
internal sealed partial class FileIngest
{
    private async Task<FileScoringResult> RunNdjsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        var report = new OutcomeReadReport(_reader.MaxErrorsKept);
        if (_threads == 1)
        {
            await ReadNdjsonOnThisThreadAsync(stream, report, cancellationToken).ConfigureAwait(false);
        }
        else if (stream is FileStream { CanRead: true, CanSeek: true } file)
        {
            await ReadNdjsonFileInParallelAsync(file, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ReadNdjsonInParallelAsync(stream, report, cancellationToken).ConfigureAwait(false);
        }

        return Finish(report);
    }

    /// <summary>One thread: read a buffer, then its cut line, then its whole lines; records are scored in file order (customers are numbered in it).</summary>
    private async Task ReadNdjsonOnThisThreadAsync(Stream stream, OutcomeReadReport report, CancellationToken cancellationToken)
    {
        var worker = Rent();
        var cut = new CutLine(_reader.MaxRecordLength);
        var buffer = ArrayPool<byte>.Shared.Rent(_chunkBytes);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = await FillAsync(stream, buffer, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                var chunk = buffer.AsSpan(0, length);
                var first = chunk.IndexOf((byte)'\n');
                if (first < 0)
                {
                    cut.Append(chunk, chunk.Length);
                    continue;
                }

                var last = chunk.LastIndexOf((byte)'\n');
                cut.Append(chunk[..first], first);
                cut.End(worker, this, report);
                var result = worker.Process(chunk[(first + 1)..(last + 1)], first: false);
                cut.Take(this, result, report);
                cut.Append(chunk[(last + 1)..], length - last - 1);
            }

            cut.Finish(worker, this, report);
            worker.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Several threads: this one reads, the workers parse, and whichever worker completes the next piece in file order takes it.</summary>
    private async Task ReadNdjsonInParallelAsync(Stream stream, OutcomeReadReport report, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // At most threads + 1 buffers: one being filled and one per worker; and at most 4 × threads pieces read but not
        // yet taken in order (a piece holds the cut ends of a buffer, not the buffer).
        using var buffers = new SemaphoreSlim(_threads + 1);
        using var ahead = new SemaphoreSlim(4 * _threads);
        var chunks = new ChunkQueue();

        // The buffers go back to the pool from this method only: returned from a worker's thread, which ends with the
        // run, the pool would keep them in that thread's cache and lose them.
        var free = new Stack<byte[]>(_threads + 1);
        var order = new PieceOrder(this, Rent(), new CutLine(_reader.MaxRecordLength), report, ahead);
        var workers = new Task[_threads];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = Rent();
            workers[i] = Task.Factory.StartNew(() => Work(worker, chunks, free, buffers, order, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            long index = 0;
            while (true)
            {
                await ahead.WaitAsync(stop.Token).ConfigureAwait(false);
                await buffers.WaitAsync(stop.Token).ConfigureAwait(false);
                byte[]? buffer;
                lock (free)
                {
                    free.TryPop(out buffer);
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(_chunkBytes);
                int length;
                try
                {
                    length = await FillAsync(stream, buffer, stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    Free(free, buffer);
                    throw;
                }

                if (length == 0)
                {
                    Free(free, buffer);
                    break;
                }

                chunks.Add((index++, buffer, length));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A worker failed; its exception is thrown below.
        }
        catch (Exception ex)
        {
            order.Fail(ex, stop);
        }
        finally
        {
            chunks.Complete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            while (chunks.TryTakeLeft(out var left))
            {
                free.Push(left.Buffer);
            }

            foreach (var buffer in free)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        order.Failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        order.Finish();
    }

    /// <summary>
    /// Several threads over a file: each worker claims the next buffer, reads it at its offset (a positioned read, on its
    /// own thread, into its own buffer) and parses it, so that no thread only reads, no buffer changes hands, and the
    /// bytes are parsed on the core that has just read them. Whichever worker completes the next piece in file order
    /// takes it. The stream is left at the end of what was read.
    /// </summary>
    private async Task ReadNdjsonFileInParallelAsync(FileStream file, OutcomeReadReport report, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // At most 4 × threads pieces claimed but not yet taken in order (a piece holds the cut ends of a buffer, not the buffer).
        using var ahead = new SemaphoreSlim(4 * _threads);
        var claims = new FileClaims(file.SafeFileHandle, file.Position, _chunkBytes);
        var order = new PieceOrder(this, Rent(), new CutLine(_reader.MaxRecordLength), report, ahead);

        // Rented and returned by this method, as the pool keeps a buffer in the cache of the thread returning it.
        var buffers = new byte[_threads][];
        var workers = new Task[_threads];
        try
        {
            for (var i = 0; i < workers.Length; i++)
            {
                var worker = Rent();
                var buffer = buffers[i] = ArrayPool<byte>.Shared.Rent(_chunkBytes);
                workers[i] = Task.Factory.StartNew(() => WorkOnFile(worker, buffer, claims, order, ahead, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }
        finally
        {
            // The workers catch their failures, so this waits for every one of them that started.
            await Task.WhenAll(workers.Where(static task => task is not null)).ConfigureAwait(false);
            foreach (var buffer in buffers)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        order.Failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        claims.EnsureWhole(file.Name);
        file.Seek(claims.End, SeekOrigin.Begin);
        order.Finish();
    }

    private static void WorkOnFile(Worker worker, byte[] buffer, FileClaims claims, PieceOrder order, SemaphoreSlim ahead, CancellationTokenSource stop)
    {
        try
        {
            while (true)
            {
                ahead.Wait(stop.Token);
                if (!claims.TryRead(buffer, out var index, out var length))
                {
                    ahead.Release();
                    break;
                }

                order.Add(Piece.Of(worker, index, buffer.AsSpan(0, length), order.Keep));
            }
        }
        catch (Exception ex)
        {
            order.Fail(ex, stop);
        }
        finally
        {
            worker.Flush();
        }
    }

    private static void Free(Stack<byte[]> free, byte[] buffer)
    {
        lock (free)
        {
            free.Push(buffer);
        }
    }

    private static void Work(Worker worker, ChunkQueue chunks, Stack<byte[]> free, SemaphoreSlim buffers, PieceOrder order, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && chunks.TryTake(out var chunk))
            {
                var (index, buffer, length) = chunk;
                Piece piece;
                try
                {
                    piece = Piece.Of(worker, index, buffer.AsSpan(0, length), order.Keep);
                }
                finally
                {
                    Free(free, buffer);
                    buffers.Release();
                }

                order.Add(piece);
            }
        }
        catch (Exception ex)
        {
            order.Fail(ex, stop);
        }
        finally
        {
            worker.Flush();
        }
    }

    /// <summary>Reads until the buffer is full or the stream ends.</summary>
    /// <returns>The bytes read; 0 at the end of the stream.</returns>
    private static async ValueTask<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>
    /// The buffers of a file, claimed by the workers in increasing order and read at their offsets; thread-safe. A
    /// buffer read short is the file's last: later claims read nothing and end. Should a later buffer still hold bytes
    /// (the file grew while it was read), the pieces do not join, and <see cref="EnsureWhole"/> says so.
    /// </summary>
    private sealed class FileClaims(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long origin, int chunkBytes)
    {
        private readonly Lock _lock = new();
        private long _claimed = -1;
        private long _last = long.MaxValue;
        private long _lastWithBytes = -1;
        private long _bytes;

        /// <summary>Gets the offset after the last byte read.</summary>
        internal long End => origin + Interlocked.Read(ref _bytes);

        /// <summary>Claims the next buffer and reads it.</summary>
        /// <returns><see langword="false"/> when the file has ended: the buffer claimed holds no byte.</returns>
        internal bool TryRead(byte[] buffer, out long index, out int length)
        {
            index = Interlocked.Increment(ref _claimed);
            length = 0;
            if (index > Volatile.Read(ref _last))
            {
                return false;
            }

            var offset = checked(origin + (index * chunkBytes));
            var target = buffer.AsSpan(0, chunkBytes);
            while (length < target.Length)
            {
                var read = RandomAccess.Read(handle, target[length..], offset + length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            _ = Interlocked.Add(ref _bytes, length);
            lock (_lock)
            {
                if (length < chunkBytes && index < _last)
                {
                    _last = index;
                }

                if (length > 0 && index > _lastWithBytes)
                {
                    _lastWithBytes = index;
                }
            }

            return length > 0;
        }

        /// <summary>Throws when a buffer after the one read short held bytes: the file changed while it was read.</summary>
        internal void EnsureWhole(string path)
        {
            if (_lastWithBytes > _last)
            {
                throw new IOException($"{Path.GetFileName(path)} changed while it was read: it ended before byte {origin + ((_last + 1) * (long)chunkBytes)}, then bytes followed.");
            }
        }
    }

    /// <summary>The buffers read and not yet taken by a worker; waiting on a monitor, so that completing it throws nothing.</summary>
    private sealed class ChunkQueue
    {
        private readonly Queue<(long Index, byte[] Buffer, int Length)> _items = new();
        private bool _complete;

        internal void Add((long Index, byte[] Buffer, int Length) chunk)
        {
            lock (_items)
            {
                _items.Enqueue(chunk);
                Monitor.Pulse(_items);
            }
        }

        /// <summary>No more buffers: workers waiting wake and stop once the queue is empty.</summary>
        internal void Complete()
        {
            lock (_items)
            {
                _complete = true;
                Monitor.PulseAll(_items);
            }
        }

        /// <summary>Waits for the next buffer.</summary>
        /// <returns><see langword="false"/> once the queue is complete and empty.</returns>
        internal bool TryTake(out (long Index, byte[] Buffer, int Length) chunk)
        {
            lock (_items)
            {
                while (_items.Count == 0 && !_complete)
                {
                    Monitor.Wait(_items);
                }

                return _items.TryDequeue(out chunk);
            }
        }

        /// <summary>Takes a buffer left after the workers stopped, without waiting.</summary>
        internal bool TryTakeLeft(out (long Index, byte[] Buffer, int Length) chunk)
        {
            lock (_items)
            {
                return _items.TryDequeue(out chunk);
            }
        }
    }

    /// <summary>What a worker made of one buffer: its whole lines read, and copies of its cut ends.</summary>
    private sealed class Piece
    {
        private Piece(long index, byte[] head, long headLength)
        {
            Index = index;
            Head = head;
            HeadLength = headLength;
            Tail = [];
        }

        internal long Index { get; }

        /// <summary>Gets the bytes before the first line feed (all the bytes when there is none), at most <see cref="CutLine"/>'s limit + 1.</summary>
        internal byte[] Head { get; }

        internal long HeadLength { get; }

        /// <summary>Gets the whole lines read, or <see langword="null"/> when the buffer holds no line feed.</summary>
        internal ChunkResult? Lines { get; private init; }

        /// <summary>Gets the bytes after the last line feed.</summary>
        internal byte[] Tail { get; private init; }

        internal long TailLength { get; private init; }

        internal static Piece Of(Worker worker, long index, ReadOnlySpan<byte> chunk, int keep)
        {
            var first = chunk.IndexOf((byte)'\n');
            if (first < 0)
            {
                return new Piece(index, Copy(chunk, keep), chunk.Length);
            }

            var last = chunk.LastIndexOf((byte)'\n');
            return new Piece(index, Copy(chunk[..first], keep), first)
            {
                Lines = worker.Process(chunk[(first + 1)..(last + 1)], first: false),
                Tail = Copy(chunk[(last + 1)..], keep),
                TailLength = chunk.Length - last - 1,
            };
        }

        private static byte[] Copy(ReadOnlySpan<byte> bytes, int keep) => bytes[..Math.Min(bytes.Length, keep)].ToArray();
    }

    /// <summary>Takes the workers' pieces in file order, whichever worker finishes the next one; thread-safe.</summary>
    private sealed class PieceOrder(FileIngest ingest, Worker cutLines, CutLine cut, OutcomeReadReport report, SemaphoreSlim ahead)
    {
        private readonly Dictionary<long, Piece> _waiting = [];
        private long _next;
        private ExceptionDispatchInfo? _failure;

        /// <summary>Gets how many bytes of a cut end are kept: one more than the line length limit, so that a longer line is still seen as too long.</summary>
        internal int Keep => cut.Keep;

        internal ExceptionDispatchInfo? Failure => Volatile.Read(ref _failure);

        /// <summary>Files a piece and takes, in file order, every piece whose turn has come; after a failure, none.</summary>
        internal void Add(Piece piece)
        {
            lock (_waiting)
            {
                // A failure while a piece was taken (a malformed record under the fail-fast policy, a failure of the
                // malformed-record callback) leaves the cut line and the count of line feeds half updated: a later
                // piece taken from there would read a wrong line under a wrong number, and report it.
                if (Failure is not null)
                {
                    return;
                }

                _waiting.Add(piece.Index, piece);
                try
                {
                    while (_waiting.Remove(_next, out var next))
                    {
                        _next++;
                        cut.Append(next.Head, next.HeadLength);
                        if (next.Lines is { } lines)
                        {
                            cut.End(cutLines, ingest, report);
                            cut.Take(ingest, lines, report);
                            cut.Append(next.Tail, next.TailLength);
                        }

                        ahead.Release();
                    }
                }
                catch (Exception ex)
                {
                    // Kept before the lock is released, so that no worker waiting for it takes the next piece first.
                    KeepFirst(ex);
                    throw;
                }
            }
        }

        /// <summary>Reads the last line when the stream does not end with a line feed; once every piece is taken.</summary>
        internal void Finish()
        {
            cut.Finish(cutLines, ingest, report);
            cutLines.Flush();
        }

        /// <summary>Keeps the first failure and stops the others.</summary>
        internal void Fail(Exception exception, CancellationTokenSource stop)
        {
            KeepFirst(exception);
            stop.Cancel();
        }

        private void KeepFirst(Exception exception) => Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
    }

    /// <summary>The line being joined across buffer ends, and the count of line feeds taken so far; used in file order by one thread at a time.</summary>
    private sealed class CutLine(int maxLength)
    {
        private readonly ChunkResult _result = new();
        private byte[] _bytes = new byte[Math.Min(256, maxLength + 1)];
        private int _kept;
        private long _length;
        private long _lineFeeds;

        /// <summary>Gets how many bytes of a line are kept: one more than the limit.</summary>
        internal int Keep => maxLength + 1;

        /// <summary>Adds the next bytes of the line, keeping at most <see cref="Keep"/> of them.</summary>
        internal void Append(ReadOnlySpan<byte> bytes, long length)
        {
            _length += length;
            var room = Keep - _kept;
            if (room <= 0 || bytes.IsEmpty)
            {
                return;
            }

            var copy = bytes[..Math.Min(bytes.Length, room)];
            if (_kept + copy.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, (int)Math.Min(Keep, Math.Max(_bytes.Length * 2L, _kept + copy.Length)));
            }

            copy.CopyTo(_bytes.AsSpan(_kept));
            _kept += copy.Length;
        }

        /// <summary>Reads the line, ended by a line feed.</summary>
        internal void End(Worker worker, FileIngest ingest, OutcomeReadReport report)
        {
            Read(worker, ingest, report);
            _lineFeeds++;
        }

        /// <summary>Takes a buffer's whole lines, which follow the line just ended.</summary>
        internal void Take(FileIngest ingest, ChunkResult lines, OutcomeReadReport report)
        {
            ingest.Take(lines, report, _lineFeeds + 1);
            _lineFeeds += lines.Lines;
        }

        /// <summary>Reads the last line of the stream, when it does not end with a line feed.</summary>
        internal void Finish(Worker worker, FileIngest ingest, OutcomeReadReport report)
        {
            if (_length > 0)
            {
                Read(worker, ingest, report);
            }
        }

        private void Read(Worker worker, FileIngest ingest, OutcomeReadReport report)
        {
            var line = _lineFeeds + 1;
            _result.Read = 0;
            _result.BlankLines = 0;
            _result.Errors.Clear();
            worker.ProcessLine(_bytes.AsSpan(0, _kept), _length, 1, firstOfFile: line == 1, _result);
            ingest.Take(_result, report, line);
            _kept = 0;
            _length = 0;
        }
    }
}
