using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CxScoring.Plans;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// The fixed-point terms a block of scores adds to each of its aggregates, as seven columns of n values: score,
/// score², felt value, felt value² (each times 2³², truncated), the histogram bin, and the promise-gap and setting-gap
/// terms (<see cref="FixedPoint.GapTerm"/>). Computed eight or four scores at
/// a time with 512-bit or 256-bit vectors where the hardware has them; the vector and scalar paths perform the same IEEE operations in
/// the same order, so the terms are identical bit for bit.
/// </summary>
internal static class BlockTerms
{
    /// <summary>The number of columns.</summary>
    internal const int Columns = 7;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Compute(FeltTable felt, ReadOnlySpan<double> scores, ReadOnlySpan<double> promiseGaps, ReadOnlySpan<double> settingGaps, Span<long> terms)
    {
        var n = scores.Length;
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        ref var promise0 = ref MemoryMarshal.GetReference(promiseGaps[..n]);
        ref var setting0 = ref MemoryMarshal.GetReference(settingGaps[..n]);
        ref var sums = ref MemoryMarshal.GetReference(terms);
        ref var table = ref MemoryMarshal.GetArrayDataReference(felt.Values);
        var j = 0;
        if (Avx512F.IsSupported && Avx512DQ.IsSupported)
        {
            var one = Vector512.Create(FixedPoint.One);
            Span<long> offsets = stackalloc long[8];
            ref var offset0 = ref MemoryMarshal.GetReference(offsets);
            for (; j <= n - 8; j += 8)
            {
                var s = Vector512.LoadUnsafe(ref score0, (nuint)j);
                var negative = Vector512.LessThan(s, Vector512<double>.Zero);
                var positive = Vector512.GreaterThan(s, Vector512<double>.Zero);
                Vector512.ConvertToInt64Native(s * one).StoreUnsafe(ref sums, (nuint)j);
                Vector512.ConvertToInt64Native(s * s * one).StoreUnsafe(ref sums, (nuint)(n + j));

                var f = Felt8(ref table, s, negative, ref offset0);
                Vector512.ConvertToInt64Native(f * one).StoreUnsafe(ref sums, (nuint)((2 * n) + j));
                Vector512.ConvertToInt64Native(f * f * one).StoreUnsafe(ref sums, (nuint)((3 * n) + j));
                Bin8(s, negative, positive).StoreUnsafe(ref sums, (nuint)((4 * n) + j));
                GapTerms8(Vector512.LoadUnsafe(ref promise0, (nuint)j)).StoreUnsafe(ref sums, (nuint)((5 * n) + j));
                GapTerms8(Vector512.LoadUnsafe(ref setting0, (nuint)j)).StoreUnsafe(ref sums, (nuint)((6 * n) + j));
            }
        }

        if (Avx2.IsSupported)
        {
            var one = Vector256.Create(FixedPoint.One);
            var steps = Vector256.Create((double)FeltTable.Steps);
            var lastStep = Vector256.Create((long)FeltTable.Steps);
            var stride = Vector256.Create((long)FeltTable.Stride);
            var binsPerSide = Vector256.Create(32.0);
            var lastBin = Vector256.Create(31L);
            var aboveFirst = Vector256.Create(33L);
            var zeroBin = Vector256.Create((long)FixedPoint.ZeroBin);
            for (; j <= n - 4; j += 4)
            {
                var s = Vector256.LoadUnsafe(ref score0, (nuint)j);
                var negative = Vector256.LessThan(s, Vector256<double>.Zero);
                var positive = Vector256.GreaterThan(s, Vector256<double>.Zero);
                Vector256.ConvertToInt64Native(s * one).StoreUnsafe(ref sums, (nuint)j);
                Vector256.ConvertToInt64Native(s * s * one).StoreUnsafe(ref sums, (nuint)(n + j));

                var a = Vector256.Abs(s) * steps;
                var i = Vector256.Min(Vector256.ConvertToInt64Native(a), lastStep);
                var fraction = a - Vector256.ConvertToDouble(i);
                var at = i + (negative.AsInt64() & stride);
                var p0 = Vector128.LoadUnsafe(ref table, (nuint)at.GetElement(0));
                var p1 = Vector128.LoadUnsafe(ref table, (nuint)at.GetElement(1));
                var p2 = Vector128.LoadUnsafe(ref table, (nuint)at.GetElement(2));
                var p3 = Vector128.LoadUnsafe(ref table, (nuint)at.GetElement(3));
                var even = Vector256.Create(p0, p2);
                var odd = Vector256.Create(p1, p3);
                var start = Avx.UnpackLow(even, odd);
                var next = Avx.UnpackHigh(even, odd);
                var f = start + ((next - start) * fraction);
                Vector256.ConvertToInt64Native(f * one).StoreUnsafe(ref sums, (nuint)((2 * n) + j));
                Vector256.ConvertToInt64Native(f * f * one).StoreUnsafe(ref sums, (nuint)((3 * n) + j));

                var below = Vector256.Min(Vector256.ConvertToInt64Native((s + Vector256<double>.One) * binsPerSide), lastBin);
                var above = aboveFirst + Vector256.Min(Vector256.ConvertToInt64Native(s * binsPerSide), lastBin);
                var bin = Vector256.ConditionalSelect(negative.AsInt64(), below, Vector256.ConditionalSelect(positive.AsInt64(), above, zeroBin));
                bin.StoreUnsafe(ref sums, (nuint)((4 * n) + j));
                GapTerms4(Vector256.LoadUnsafe(ref promise0, (nuint)j)).StoreUnsafe(ref sums, (nuint)((5 * n) + j));
                GapTerms4(Vector256.LoadUnsafe(ref setting0, (nuint)j)).StoreUnsafe(ref sums, (nuint)((6 * n) + j));
            }
        }

        for (; j < n; j++)
        {
            var score = Unsafe.Add(ref score0, j);
            var f = felt.Normalised(score);
            Unsafe.Add(ref sums, j) = double.ConvertToIntegerNative<long>(score * FixedPoint.One);
            Unsafe.Add(ref sums, n + j) = double.ConvertToIntegerNative<long>(score * score * FixedPoint.One);
            Unsafe.Add(ref sums, (2 * n) + j) = double.ConvertToIntegerNative<long>(f * FixedPoint.One);
            Unsafe.Add(ref sums, (3 * n) + j) = double.ConvertToIntegerNative<long>(f * f * FixedPoint.One);
            Unsafe.Add(ref sums, (4 * n) + j) = FixedPoint.BinOf(score);
            Unsafe.Add(ref sums, (5 * n) + j) = FixedPoint.GapTerm(Unsafe.Add(ref promise0, j));
            Unsafe.Add(ref sums, (6 * n) + j) = FixedPoint.GapTerm(Unsafe.Add(ref setting0, j));
        }
    }

    /// <summary>The fixed-point terms of eight gaps, as <see cref="FixedPoint.GapTerm(double)"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<long> GapTerms8(Vector512<double> gaps)
    {
        var limit = Vector512.Create(FixedPoint.GapLimit);
        return Vector512.ConvertToInt64Native(Vector512.MinNative(Vector512.MaxNative(gaps, -limit), limit) * Vector512.Create(FixedPoint.GapOne));
    }

    /// <summary>The fixed-point terms of four gaps, as <see cref="FixedPoint.GapTerm(double)"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> GapTerms4(Vector256<double> gaps)
    {
        var limit = Vector256.Create(FixedPoint.GapLimit);
        return Vector256.ConvertToInt64Native(Vector256.MinNative(Vector256.MaxNative(gaps, -limit), limit) * Vector256.Create(FixedPoint.GapOne));
    }

    /// <summary>
    /// The felt value of eight scores from the table, interpolated; <paramref name="offsets"/> is scratch for eight
    /// longs. Shared by this class and the engine's cell-run kernel so that both perform the same operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Felt8(ref double table, Vector512<double> s, Vector512<double> negative, ref long offsets)
    {
        var a = Vector512.Abs(s) * Vector512.Create((double)FeltTable.Steps);
        var i = Vector512.Min(Vector512.ConvertToInt64Native(a), Vector512.Create((long)FeltTable.Steps));
        var fraction = a - Vector512.ConvertToDouble(i);
        (i + (negative.AsInt64() & Vector512.Create((long)FeltTable.Stride))).StoreUnsafe(ref offsets);
        var even = Vector512.Create(
            Vector256.Create(Pair(ref table, offsets), Pair(ref table, Unsafe.Add(ref offsets, 2))),
            Vector256.Create(Pair(ref table, Unsafe.Add(ref offsets, 4)), Pair(ref table, Unsafe.Add(ref offsets, 6))));
        var odd = Vector512.Create(
            Vector256.Create(Pair(ref table, Unsafe.Add(ref offsets, 1)), Pair(ref table, Unsafe.Add(ref offsets, 3))),
            Vector256.Create(Pair(ref table, Unsafe.Add(ref offsets, 5)), Pair(ref table, Unsafe.Add(ref offsets, 7))));
        var start = Avx512F.UnpackLow(even, odd);
        var next = Avx512F.UnpackHigh(even, odd);
        return start + ((next - start) * fraction);
    }

    /// <summary>
    /// As <see cref="Felt8"/>, the same operations, with each lane's table offset taken from its register instead of a
    /// copy stored to memory (the engine's cell-run kernel uses it where that measured faster).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Felt8Registers(ref double table, Vector512<double> s, Vector512<double> negative)
    {
        var a = Vector512.Abs(s) * Vector512.Create((double)FeltTable.Steps);
        var i = Vector512.Min(Vector512.ConvertToInt64Native(a), Vector512.Create((long)FeltTable.Steps));
        var fraction = a - Vector512.ConvertToDouble(i);
        var at = i + (negative.AsInt64() & Vector512.Create((long)FeltTable.Stride));
        var even = Vector512.Create(
            Vector256.Create(Pair(ref table, at.GetElement(0)), Pair(ref table, at.GetElement(2))),
            Vector256.Create(Pair(ref table, at.GetElement(4)), Pair(ref table, at.GetElement(6))));
        var odd = Vector512.Create(
            Vector256.Create(Pair(ref table, at.GetElement(1)), Pair(ref table, at.GetElement(3))),
            Vector256.Create(Pair(ref table, at.GetElement(5)), Pair(ref table, at.GetElement(7))));
        var start = Avx512F.UnpackLow(even, odd);
        var next = Avx512F.UnpackHigh(even, odd);
        return start + ((next - start) * fraction);
    }

    /// <summary>The histogram bins of eight scores (<see cref="FixedPoint.BinOf(double)"/>), given which are negative and which positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<long> Bin8(Vector512<double> s, Vector512<double> negative, Vector512<double> positive)
    {
        var binsPerSide = Vector512.Create(32.0);
        var lastBin = Vector512.Create(31L);
        var below = Vector512.Min(Vector512.ConvertToInt64Native((s + Vector512<double>.One) * binsPerSide), lastBin);
        var above = Vector512.Create(33L) + Vector512.Min(Vector512.ConvertToInt64Native(s * binsPerSide), lastBin);
        return Vector512.ConditionalSelect(negative.AsInt64(), below, Vector512.ConditionalSelect(positive.AsInt64(), above, Vector512.Create((long)FixedPoint.ZeroBin)));
    }

    /// <summary>Loads table nodes <paramref name="at"/> and <paramref name="at"/> + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Pair(ref double table, long at) => Vector128.LoadUnsafe(ref table, (nuint)at);
}
