using System.Buffers;
using CxScoring.Plans;

namespace CxScoring.Arrow;

/// <summary>
/// The process-wide pools of the large buffers a worker of a columnar file uses (read buffers, decoded columns, the
/// mapper's columns), so that scoring a file again, or another file, reuses the buffers of the calls before it
/// instead of allocating them: most of them are large-object-heap arrays, and allocating a few megabytes of those per
/// call starts generation-2 collections that stop every worker.
/// </summary>
/// <remarks>
/// <para>
/// Not <see cref="ArrayPool{T}.Shared"/>: that pool keeps a returned array first in a cache of the returning thread,
/// and a file's workers are threads of their own that end with the call (and their readers are disposed on the
/// calling thread), so the next call's workers, new threads, found nothing and allocated again. These pools have no
/// thread caches: any thread takes what any other gave back.
/// </para>
/// <para>
/// Thread-safe. Each array or <see cref="MapperColumns"/> is used by one worker between its rent and its return. What
/// the pools keep is bounded: at most <see cref="ArraysPerSize"/> arrays of each power-of-two size up to
/// <see cref="MaxPooledLength"/> elements (larger ones are allocated and left to the collector), and at most
/// <see cref="ArraysPerSize"/> mapper column sets; in practice what the workers of the largest files scored at once
/// used. It is kept only while files are being scored: <see cref="IdleTime"/> after the last call ends
/// (<see cref="Exit"/>) with none started since, the pools let go of all of it (<see cref="Trim"/>).
/// </para>
/// </remarks>
internal static class WorkerBuffers
{
    /// <summary>The most elements of an array kept by the pools (2^27: 128 MiB of bytes, 512 MiB of 32-bit integers).</summary>
    internal const int MaxPooledLength = 1 << 27;

    /// <summary>The most arrays of one size (and mapper column sets) kept: enough for the workers of a few files scored at once.</summary>
    internal const int ArraysPerSize = 16;

    /// <summary>How long the pools keep what they hold once no file is being scored: 10 seconds.</summary>
    internal static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(10);

    private static readonly Stack<MapperColumns> FreeColumns = new();
    private static readonly Lock Gate = new();
    private static byte[] _zeros = [];
    private static readonly Timer IdleTimer = NewIdleTimer();
    private static Pools _pools = new();
    private static int _calls;
    private static long _lastExit;

    /// <summary>Gets the pool of byte buffers: read buffers of record batches and row groups, decoded pages and columns.</summary>
    internal static ArrayPool<byte> Bytes => Volatile.Read(ref _pools).Bytes;

    /// <summary>Gets the pool of <see cref="int"/> buffers: definition levels and dictionary indices.</summary>
    internal static ArrayPool<int> Ints => Volatile.Read(ref _pools).Ints;

    /// <summary>Marks the start of a call that scores a file: the pools are not trimmed while a call runs.</summary>
    internal static void Enter()
    {
        lock (Gate)
        {
            _calls++;
        }
    }

    /// <summary>Marks the end of a call from <see cref="Enter"/>; once no call runs for <see cref="IdleTime"/>, the pools are trimmed.</summary>
    internal static void Exit()
    {
        lock (Gate)
        {
            if (--_calls == 0)
            {
                _lastExit = Environment.TickCount64;
                IdleTimer.Change(IdleTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// Lets go of everything the pools hold (a new, empty pair of pools and no mapper work spaces), unless a call is
    /// running; called <see cref="IdleTime"/> after the last call ended. Arrays rented before are given back to the new
    /// pools, which have the same sizes.
    /// </summary>
    /// <returns>Whether the pools were trimmed.</returns>
    internal static bool Trim()
    {
        lock (Gate)
        {
            if (_calls > 0)
            {
                return false;
            }

            LetGo();
            return true;
        }
    }

    /// <summary>
    /// Gets <paramref name="length"/> zero bytes, given for a column left unread (the <c>observedAt</c> values of a
    /// scorecard that reads no instant): one array shared by every worker, never written, grown to the largest length
    /// asked for, and let go of with the pools.
    /// </summary>
    internal static ReadOnlyMemory<byte> Zeros(int length)
    {
        var zeros = Volatile.Read(ref _zeros);
        if (zeros.Length < length)
        {
            // Two workers may both make one; either serves.
            zeros = new byte[length];
            Volatile.Write(ref _zeros, zeros);
        }

        return zeros.AsMemory(0, length);
    }

    /// <summary>Rents an array of at least <paramref name="length"/> elements (contents not cleared).</summary>
    internal static T[] Rent<T>(ArrayPool<T> pool, int length) => length == 0 ? [] : pool.Rent(length);

    /// <summary>Returns an array from <see cref="Rent{T}"/> (an empty one is not returned) and leaves the field empty.</summary>
    internal static void Return<T>(ArrayPool<T> pool, ref T[] array)
    {
        if (array.Length > 0)
        {
            pool.Return(array);
        }

        array = [];
    }

    /// <summary>The same array when it holds <paramref name="length"/> elements, else a larger one from the pool (contents not kept), the smaller returned.</summary>
    internal static T[] Grow<T>(ArrayPool<T> pool, ref T[] array, int length)
    {
        if (array.Length < length)
        {
            // The pool rounds up to a power of two, so growing by little still leaves room for the next growth; above
            // its largest size it allocates just what is asked, so there the array grows to twice its length at least.
            var grown = length > MaxPooledLength ? (int)Math.Min(System.Array.MaxLength, Math.Max(length, 2L * array.Length)) : length;
            Return(pool, ref array);
            array = pool.Rent(grown);
        }

        return array;
    }

    /// <summary>As <see cref="Grow{T}"/>, keeping the contents.</summary>
    internal static T[] Keep<T>(ArrayPool<T> pool, ref T[] array, int length)
    {
        if (array.Length < length)
        {
            var larger = pool.Rent((int)Math.Min(System.Array.MaxLength, Math.Max(length, 2L * array.Length)));
            array.AsSpan().CopyTo(larger);
            Return(pool, ref array);
            array = larger;
        }

        return array;
    }

    /// <summary>Takes a mapper's columns kept by an earlier worker, or makes new ones.</summary>
    internal static MapperColumns RentColumns()
    {
        lock (FreeColumns)
        {
            if (FreeColumns.TryPop(out var columns))
            {
                return columns;
            }
        }

        return new MapperColumns();
    }

    /// <summary>Keeps a mapper's columns for a later worker; they must be as <see cref="OutcomeColumns.Clear"/> leaves them.</summary>
    internal static void ReturnColumns(MapperColumns columns)
    {
        lock (FreeColumns)
        {
            if (FreeColumns.Count < ArraysPerSize)
            {
                FreeColumns.Push(columns);
            }
        }
    }

    /// <summary>
    /// The idle timer's callback: trims once no call has run for <see cref="IdleTime"/>; a call that ended since the
    /// timer was set (its callback may run late, after a later call set it again) sets it for the rest of that time.
    /// </summary>
    private static void TrimIdle()
    {
        lock (Gate)
        {
            if (_calls > 0)
            {
                return;
            }

            var left = (long)IdleTime.TotalMilliseconds - (Environment.TickCount64 - _lastExit);
            if (left > 0)
            {
                IdleTimer.Change(TimeSpan.FromMilliseconds(left), Timeout.InfiniteTimeSpan);
                return;
            }

            LetGo();
        }
    }

    /// <summary>Replaces the pools by empty ones and drops the mapper work spaces; called under <see cref="Gate"/> with no call running.</summary>
    private static void LetGo()
    {
        Volatile.Write(ref _pools, new Pools());
        Volatile.Write(ref _zeros, []);
        lock (FreeColumns)
        {
            FreeColumns.Clear();
        }
    }

    private static Timer NewIdleTimer()
    {
        // Not flowing the execution context of whichever call created it, and never keeping the process alive.
        using (ExecutionContext.SuppressFlow())
        {
            return new Timer(static _ => TrimIdle(), null, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>The two array pools, replaced as a pair when trimmed.</summary>
    private sealed class Pools
    {
        internal ArrayPool<byte> Bytes { get; } = ArrayPool<byte>.Create(MaxPooledLength, ArraysPerSize);

        internal ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(MaxPooledLength, ArraysPerSize);
    }
}

/// <summary>A <see cref="BatchMapper"/>'s work space: a slice's columns, row states and dictionary entries (about 500 KB).</summary>
internal sealed class MapperColumns
{
    internal OutcomeColumns Columns { get; } = new(BatchMapper.SliceRows);

    internal byte[] State { get; } = new byte[BatchMapper.SliceRows];

    internal int[] Entries { get; } = new int[BatchMapper.SliceRows];
}
