using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxScoring.Kernels;

/// <summary>
/// The vector steps of the journey pass's pairwise cascade count (<c>Journeys/Cascades/CascadeCounter</c>): whether
/// two rows of a short journey share an instant, and which contact touchpoints follow a row within the window. Both
/// compare four rows at a time where vectors are accelerated, without early exits, so that the loops' lengths depend
/// only on the journey's length; equal, bit for bit, to their row-by-row forms (the scalar paths below). And the order
/// of a short journey's moments by instant (<see cref="TryOrderByInstant"/>), in which the journey pass folds and
/// counts it.
/// </summary>
internal static class ContactKernel
{
    /// <summary>
    /// The contact columns of the first <paramref name="count"/> rows at contact touchpoints that are strictly later
    /// than <paramref name="time"/> and at most <paramref name="window"/> after it, as a bit mask. Four rows at a time
    /// where vectors are accelerated, the lanes past <paramref name="count"/> masked off (the buffers hold at least
    /// <paramref name="count"/> rounded up to a multiple of four), so that a journey of up to four such rows, the usual
    /// case, takes one step whose exit is predictable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Followers(ReadOnlySpan<long> contactTimes, ReadOnlySpan<ulong> contactBits, int count, long time, ulong window)
    {
        Debug.Assert(contactTimes.Length >= ((count + 3) & ~3) && contactBits.Length >= ((count + 3) & ~3), "The buffers hold whole vectors.");
        if (Vector256.IsHardwareAccelerated)
        {
            ref var times = ref MemoryMarshal.GetReference(contactTimes);
            ref var bits = ref MemoryMarshal.GetReference(contactBits);
            var at = Vector256.Create(time);
            var windowLanes = Vector256.Create(window);
            var lanes = Vector256.Create(0L, 1, 2, 3);
            var end = Vector256.Create((long)count);
            var any = Vector256<ulong>.Zero;
            for (var k = 0; k < count; k += 4)
            {
                var later = Vector256.LoadUnsafe(ref times, (nuint)k);
                var hit = Vector256.GreaterThan(later, at) & Vector256.LessThan(lanes + Vector256.Create((long)k), end);
                any |= Vector256.LoadUnsafe(ref bits, (nuint)k) & hit.AsUInt64() & Vector256.LessThanOrEqual((later - at).AsUInt64(), windowLanes);
            }

            return any.GetElement(0) | any.GetElement(1) | any.GetElement(2) | any.GetElement(3);
        }

        return FollowersScalar(contactTimes, contactBits, count, time, window);
    }

    /// <summary><see cref="Followers"/> row by row, where vectors are not accelerated (and as the tests' check of that path).</summary>
    internal static ulong FollowersScalar(ReadOnlySpan<long> contactTimes, ReadOnlySpan<ulong> contactBits, int count, long time, ulong window)
    {
        ulong followers = 0;
        for (var k = 0; k < count; k++)
        {
            var later = contactTimes[k];
            var hit = (later > time) & ((ulong)(later - time) <= window);
            followers |= contactBits[k] & (0UL - (hit ? 1UL : 0UL));
        }

        return followers;
    }

    /// <summary>
    /// Whether two rows of a journey share an instant (rare in time-stamped data: then every row is a contact of its
    /// own). Each row is compared with every row, four at a time where vectors are accelerated, without an early exit:
    /// the loops' lengths depend only on the journey's length, so their exits are predictable; the rows share an
    /// instant when more than the n comparisons of a row with itself are equal.
    /// </summary>
    internal static bool SharesAnInstant(ReadOnlySpan<long> times)
    {
        var n = times.Length;
        if (!Vector256.IsHardwareAccelerated || n < 4)
        {
            return SharesAnInstantScalar(times);
        }

        // The last four rows are read as one vector (overlapping the one before when n is not a multiple of 4), with
        // the lanes already compared masked off.
        ref var first = ref MemoryMarshal.GetReference(times);
        var full = n & ~3;
        var tail = Vector256.LoadUnsafe(ref first, (nuint)(n - 4));
        var tailMask = Vector256.GreaterThanOrEqual(Vector256.Create(0L, 1, 2, 3), Vector256.Create((long)(4 - (n - full))));
        var equal = 0;
        for (var i = 0; i < n; i++)
        {
            var time = Vector256.Create(Unsafe.Add(ref first, i));
            var hits = Vector256<long>.Zero;
            for (var j = 0; j < full; j += 4)
            {
                hits -= Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)j), time);
            }

            hits -= Vector256.Equals(tail, time) & tailMask;
            equal += (int)Vector256.Sum(hits);
        }

        return equal > n;
    }

    /// <summary>The longest journey <see cref="TryOrderByInstant"/> orders.</summary>
    internal const int OrderLimit = 16;

    /// <summary>
    /// The places of a journey's moments ordered by instant, moments of one instant in row order (a stable sort): each
    /// moment's place in the order is the number of moments earlier than it and of moments at its instant before it in
    /// the row order, counted by comparing its instant with every moment's at once (16 instants in two or four
    /// vectors), with no branch on the data. Only for journeys of at most <see cref="OrderLimit"/> moments and where
    /// vectors are accelerated; else <see langword="false"/>, and the journey is taken in row order.
    /// </summary>
    /// <param name="times">The moments' instants, in row order, in a buffer of at least <see cref="OrderLimit"/> (the instants past <paramref name="count"/> are read but not compared).</param>
    /// <param name="count">The journey's moments.</param>
    /// <param name="order">Receives the place in the row order of the moment taken k-th, at k; at least <paramref name="count"/> long.</param>
    /// <returns>Whether the journey was ordered.</returns>
    internal static bool TryOrderByInstant(ReadOnlySpan<long> times, int count, Span<byte> order)
    {
        if (count > OrderLimit || !Vector256.IsHardwareAccelerated)
        {
            return false;
        }

        Debug.Assert(times.Length >= OrderLimit && order.Length >= count, "The instants fill whole vectors and the order holds every moment.");

        // Lanes past the journey's moments are masked off: each moment counts the earlier moments among the first
        // count and the moments at its instant among the places before its own.
        var moments = (1u << count) - 1;
        ref var first = ref MemoryMarshal.GetReference(times);
        ref var place = ref MemoryMarshal.GetReference(order);
        if (Vector512.IsHardwareAccelerated)
        {
            var low = Vector512.LoadUnsafe(ref first);
            var high = Vector512.LoadUnsafe(ref first, 8);
            for (var i = 0; i < count; i++)
            {
                var at = Vector512.Create(Unsafe.Add(ref first, i));
                var earlier = (uint)(Vector512.LessThan(low, at).ExtractMostSignificantBits() | (Vector512.LessThan(high, at).ExtractMostSignificantBits() << 8)) & moments;
                var same = (uint)(Vector512.Equals(low, at).ExtractMostSignificantBits() | (Vector512.Equals(high, at).ExtractMostSignificantBits() << 8)) & ((1u << i) - 1);
                Unsafe.Add(ref place, BitOperations.PopCount(earlier) + BitOperations.PopCount(same)) = (byte)i;
            }
        }
        else
        {
            var a = Vector256.LoadUnsafe(ref first);
            var b = Vector256.LoadUnsafe(ref first, 4);
            var c = Vector256.LoadUnsafe(ref first, 8);
            var d = Vector256.LoadUnsafe(ref first, 12);
            for (var i = 0; i < count; i++)
            {
                var at = Vector256.Create(Unsafe.Add(ref first, i));
                var earlier = (Vector256.LessThan(a, at).ExtractMostSignificantBits() | (Vector256.LessThan(b, at).ExtractMostSignificantBits() << 4)
                    | (Vector256.LessThan(c, at).ExtractMostSignificantBits() << 8) | (Vector256.LessThan(d, at).ExtractMostSignificantBits() << 12)) & moments;
                var same = (Vector256.Equals(a, at).ExtractMostSignificantBits() | (Vector256.Equals(b, at).ExtractMostSignificantBits() << 4)
                    | (Vector256.Equals(c, at).ExtractMostSignificantBits() << 8) | (Vector256.Equals(d, at).ExtractMostSignificantBits() << 12)) & ((1u << i) - 1);
                Unsafe.Add(ref place, BitOperations.PopCount(earlier) + BitOperations.PopCount(same)) = (byte)i;
            }
        }

        return true;
    }

    /// <summary>Whether two rows of a journey ordered by instant share an instant: whether two neighbours do, with no early exit.</summary>
    internal static bool SharesAnInstantInOrder(ReadOnlySpan<long> times)
    {
        var equal = false;
        for (var i = 1; i < times.Length; i++)
        {
            equal |= times[i] == times[i - 1];
        }

        return equal;
    }

    /// <summary><see cref="SharesAnInstant"/> row by row: for fewer than four rows, where vectors are not accelerated, and as the tests' check of that path.</summary>
    internal static bool SharesAnInstantScalar(ReadOnlySpan<long> times)
    {
        for (var i = 1; i < times.Length; i++)
        {
            var time = times[i];
            for (var j = 0; j < i; j++)
            {
                if (times[j] == time)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
