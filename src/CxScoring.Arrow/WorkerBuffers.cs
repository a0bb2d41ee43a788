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
/// <see cref="ArraysPerSize"/> mapper column sets.
/// </para>
/// </remarks>
internal static class WorkerBuffers
{
    /// <summary>The most elements of an array kept by the pools (2^27: 128 MiB of bytes).</summary>
    internal const int MaxPooledLength = 1 << 27;

    /// <summary>The most arrays of one size (and mapper column sets) kept: enough for the workers of a few files scored at once.</summary>
    internal const int ArraysPerSize = 16;

    private static readonly Stack<MapperColumns> FreeColumns = new();

    /// <summary>Gets the pool of byte buffers: read buffers of record batches and row groups, decoded pages and columns.</summary>
    internal static ArrayPool<byte> Bytes { get; } = ArrayPool<byte>.Create(MaxPooledLength, ArraysPerSize);

    /// <summary>Gets the pool of <see cref="int"/> buffers: definition levels and dictionary indices.</summary>
    internal static ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(MaxPooledLength, ArraysPerSize);

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
            Return(pool, ref array);
            array = pool.Rent((int)Math.Min(System.Array.MaxLength, Math.Max(length, 2L * array.Length)));
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
}

/// <summary>A <see cref="BatchMapper"/>'s work space: a slice's columns, row states and dictionary entries (about 500 KB).</summary>
internal sealed class MapperColumns
{
    internal OutcomeColumns Columns { get; } = new(BatchMapper.SliceRows);

    internal byte[] State { get; } = new byte[BatchMapper.SliceRows];

    internal int[] Entries { get; } = new int[BatchMapper.SliceRows];
}
