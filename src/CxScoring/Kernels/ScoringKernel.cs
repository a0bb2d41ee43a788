using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Kernels;

/// <summary>
/// The engine's inner loop. Cells the plan marks fast (a promise always in force, an expectation, a valid zone) are
/// scored inline with the arithmetic of <see cref="GapCalculator"/>; everything else takes the plan's general path,
/// which is the reference semantics step for step.
/// </summary>
internal static class ScoringKernel
{
    /// <summary>Rows per call to <see cref="ScoreAccumulator.Reserve(long)"/>, well under the fixed-point flush limit.</summary>
    private const int Chunk = 1 << 24;

    internal static void Run<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var cellRuns = CellRunKernel.ChunkRowsFor(plan, sink, end - start);
        var receivedBefore = sink.Scored + sink.Rejected;
        for (var from = start; from < end; from = (int)Math.Min((long)from + Chunk, end))
        {
            var to = (int)Math.Min((long)from + Chunk, end);
            sink.Reserve(to - from);
            if (cellRuns > 0)
            {
                CellRunKernel.Run(plan, sink, source, from, to, indexBase, onRejected, cellRuns);
            }
            else
            {
                RunRows(plan, sink, source, from, to, indexBase, onRejected);
            }
        }

        Debug.Assert(sink.Scored + sink.Rejected - receivedBefore == end - start, "Every row is counted once, as scored or as rejected.");
        if (plan.HasRatedMeasures && source.MayHaveRatings)
        {
            ScoreRatings(plan, sink, source, start, end);
        }
    }

    /// <summary>
    /// The ratings' side pass, after the kernel: each row of a rated measure (<see cref="Model.Measure.RatedBy"/>) that
    /// carries a rating has it scored against the perceived measure. Ratings are sparse (a survey sample), so this is a
    /// plain loop; the kernels' inner loops never see them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScoreRatings<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int start, int end)
        where TSource : IRowSource, allows ref struct
    {
        var ratedBy = plan.MeasureRatedBy;
        for (var i = start; i < end; i++)
        {
            var rating = source.Rating(i);
            if (double.IsNaN(rating))
            {
                continue;
            }

            var m = source.Measure(i);
            if ((uint)m < (uint)ratedBy.Length && ratedBy[m] >= 0)
            {
                sink.AddRating(plan, source.Touchpoint(i), m, source.Segment(i), source.Flags(i), source.Value(i), source.Observed(i), source.Promised(i), source.Requested(i), rating);
            }
        }

        sink.FlushRatings();
    }

    /// <summary>Rows scored before their results are added to the scorecard in one go.</summary>
    private const int Block = 512;

    // Called once per batch: compile it optimized at once instead of running the loop in on-stack-replaced tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RunRows<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var touchpoints = plan.TouchpointCount;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        ref var fastCells = ref MemoryMarshal.GetArrayDataReference(plan.FastCells);
        ref var limits = ref MemoryMarshal.GetArrayDataReference(plan.MeasureLimits);
        var byPeriod = sink.ByPeriod;
        var byCustomer = sink.ByCustomer;
        Span<int> groups = stackalloc int[Block];
        Span<double> scores = stackalloc double[Block];
        Span<long> kept = stackalloc long[Block];
        Span<int> rows = stackalloc int[Block];
        Span<double> promiseGaps = stackalloc double[Block];
        Span<double> settingGaps = stackalloc double[Block];
        Span<long> observed = stackalloc long[byPeriod ? Block : 0];
        Span<long> customers = stackalloc long[byCustomer ? Block : 0];
        var block = new ScoredBlock(groups, scores, kept, rows, promiseGaps, settingGaps);
        var vectorTouchpoints = Vector128.Create((uint)touchpoints);
        var vectorMeasures = Vector128.Create((uint)measures);
        var vectorSlots = Vector128.Create((uint)slots);
        var lanes = Vector128.Create(0, 1, 2, 3);
        for (var from = start; from < end; from += Block)
        {
            var to = Math.Min(from + Block, end);
            block.Count = 0;
            var i = from;
            if (Avx2.IsSupported)
            {
                // Four rows at a time; a quad with any row off the fast path is scored row by row.
                for (; i <= to - 4; i += 4)
                {
                    var t = source.Touchpoints4(i);
                    var m = source.Measures4(i);
                    var s = source.Segments4(i) + Vector128<int>.One;
                    var inRange = Vector128.LessThan(t.AsUInt32(), vectorTouchpoints) & Vector128.LessThan(m.AsUInt32(), vectorMeasures) & Vector128.LessThan(s.AsUInt32(), vectorSlots);
                    if (inRange != Vector128<uint>.AllBitsSet || !source.NoFlags4(i))
                    {
                        ScoreRows(plan, sink, source, i, i + 4, indexBase, onRejected, ref block);
                        continue;
                    }

                    // A fast cell has one promise version, whose version cell is the plan cell itself.
                    var index = (((t * measures) + m) * slots) + s;
                    Transpose(
                        Load(ref fastCells, index.GetElement(0)), Load(ref fastCells, index.GetElement(1)), Load(ref fastCells, index.GetElement(2)), Load(ref fastCells, index.GetElement(3)),
                        out var adequate, out var desired, out var promised, out var k);
                    Transpose(
                        Load(ref limits, m.GetElement(0)), Load(ref limits, m.GetElement(1)), Load(ref limits, m.GetElement(2)), Load(ref limits, m.GetElement(3)),
                        out var low, out var high, out _, out var flags);
                    var v = source.Values4(i);
                    var fast = Vector256.Equals(k, k) & Vector256.Equals(flags.AsInt64(), Vector256<long>.Zero).AsDouble()
                        & Vector256.GreaterThanOrEqual(v, low) & Vector256.LessThanOrEqual(v, high) & Vector256.Equals(v - v, Vector256<double>.Zero);
                    if (fast.AsInt64() != Vector256<long>.AllBitsSet)
                    {
                        ScoreRows(plan, sink, source, i, i + 4, indexBase, onRejected, ref block);
                        continue;
                    }

                    // As the scalar fast path, lane by lane: the same operations in the same order.
                    var adequacy = Vector256.MinNative((v - adequate) * k, Vector256<double>.Zero);
                    var superiority = Vector256.MaxNative((v - desired) * k, Vector256<double>.Zero);
                    var score = Vector256.MaxNative(Vector256.MinNative(adequacy + superiority, Vector256<double>.One), -Vector256<double>.One);
                    var promiseGap = (v - promised) * k;
                    var isKept = -Vector256.GreaterThanOrEqual(promiseGap, Vector256<double>.Zero).AsInt64();
                    var n = (nuint)block.Count;
                    promiseGap.StoreUnsafe(ref block.PromiseGaps, n);
                    ((promised - adequate) * k).StoreUnsafe(ref block.SettingGaps, n);
                    index.StoreUnsafe(ref block.Groups, n);
                    score.StoreUnsafe(ref block.Scores, n);
                    isKept.StoreUnsafe(ref block.Kept, n);
                    (Vector128.Create(i) + lanes).StoreUnsafe(ref block.Rows, n);
                    block.Count += 4;
                }
            }

            ScoreRows(plan, sink, source, i, to, indexBase, onRejected, ref block);
            AddBlock(sink, source, groups, scores, kept, rows, promiseGaps, settingGaps, observed, customers, block.Count);
        }
    }

    /// <summary>Scores the listed rows, in the order listed, one by one.</summary>
    internal static void RunListed<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, ReadOnlySpan<int> listed, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        Span<int> groups = stackalloc int[Block];
        Span<double> scores = stackalloc double[Block];
        Span<long> kept = stackalloc long[Block];
        Span<int> rows = stackalloc int[Block];
        Span<double> promiseGaps = stackalloc double[Block];
        Span<double> settingGaps = stackalloc double[Block];
        Span<long> observed = stackalloc long[sink.ByPeriod ? Block : 0];
        Span<long> customers = stackalloc long[sink.ByCustomer ? Block : 0];
        var block = new ScoredBlock(groups, scores, kept, rows, promiseGaps, settingGaps);
        foreach (var row in listed)
        {
            ScoreRows(plan, sink, source, row, row + 1, indexBase, onRejected, ref block);
            if (block.Count == Block)
            {
                AddBlock(sink, source, groups, scores, kept, rows, promiseGaps, settingGaps, observed, customers, block.Count);
                block.Count = 0;
            }
        }

        AddBlock(sink, source, groups, scores, kept, rows, promiseGaps, settingGaps, observed, customers, block.Count);
    }

    /// <summary>Adds the first <paramref name="count"/> scored rows of a block to the scorecard, with their days and customers when it asks for them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock<TSource>(ScoreAccumulator sink, scoped in TSource source, Span<int> groups, Span<double> scores, Span<long> kept, Span<int> rows, Span<double> promiseGaps, Span<double> settingGaps, Span<long> observed, Span<long> customers, int count)
        where TSource : IRowSource, allows ref struct
    {
        var byPeriod = sink.ByPeriod;
        var byCustomer = sink.ByCustomer;
        if (byPeriod)
        {
            for (var j = 0; j < count; j++)
            {
                observed[j] = source.Observed(rows[j]);
            }
        }

        if (byCustomer)
        {
            for (var j = 0; j < count; j++)
            {
                customers[j] = source.Customer(rows[j]);
            }
        }

        sink.AddBlock(groups[..count], scores[..count], kept[..count], promiseGaps[..count], settingGaps[..count], observed[..(byPeriod ? count : 0)], customers[..(byCustomer ? count : 0)]);
    }

    /// <summary>Scores rows one by one: fast cells inline, everything else by the general path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScoreRows<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int from, int to, long indexBase, RejectionHandler? onRejected, ref ScoredBlock block)
        where TSource : IRowSource, allows ref struct
    {
        var touchpoints = (uint)plan.TouchpointCount;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        ref var fastCells = ref MemoryMarshal.GetArrayDataReference(plan.FastCells);
        ref var limits = ref MemoryMarshal.GetArrayDataReference(plan.MeasureLimits);
        for (var i = from; i < to; i++)
        {
            var t = source.Touchpoint(i);
            var m = source.Measure(i);
            var s = source.Segment(i);
            int group;
            double score;
            long kept;
            double promiseGap;
            double settingGap;
            if ((uint)t < touchpoints && (uint)m < (uint)measures && (uint)(s + 1) < (uint)slots && source.Flags(i) == 0
                && !double.IsNaN(Unsafe.Add(ref fastCells, (((t * measures) + m) * slots) + s + 1).SignedInverseScale))
            {
                ref readonly var cell = ref Unsafe.Add(ref fastCells, (((t * measures) + m) * slots) + s + 1);
                var k = cell.SignedInverseScale;
                ref readonly var limit = ref Unsafe.Add(ref limits, m);
                var delivered = source.Value(i);
                if (limit.Flags != 0 || !(delivered >= limit.Low && delivered <= limit.High && double.IsFinite(delivered)))
                {
                    if (!Screen(sink, limit, ref delivered, indexBase + i, onRejected))
                    {
                        continue;
                    }
                }

                // GapCalculator.ScoreOf without branches, for zones that are not inverted (superiority ≤ adequacy):
                // min(MSA, 0) + max(MSS, 0), clamped to [−1, 1], is MSA below, MSS above and +0 within, bit for bit.
                var adequacy = double.MinNative((delivered - cell.Adequate) * k, 0.0);
                var superiority = double.MaxNative((delivered - cell.Desired) * k, 0.0);
                group = (((t * measures) + m) * slots) + s + 1;
                score = double.MaxNative(double.MinNative(adequacy + superiority, 1.0), -1.0);
                promiseGap = (delivered - cell.Promised) * k;
                settingGap = (cell.Promised - cell.Adequate) * k;
                kept = promiseGap >= 0 ? 1 : 0;
            }
            else if (!General(plan, sink, source, i, indexBase, onRejected, out group, out score, out kept, out promiseGap, out settingGap))
            {
                continue;
            }

            var n = block.Count++;
            Unsafe.Add(ref block.Groups, n) = group;
            Unsafe.Add(ref block.Scores, n) = score;
            Unsafe.Add(ref block.Kept, n) = kept;
            Unsafe.Add(ref block.Rows, n) = i;
            Unsafe.Add(ref block.PromiseGaps, n) = promiseGap;
            Unsafe.Add(ref block.SettingGaps, n) = settingGap;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load<T>(ref T first, int index)
        where T : struct
        => Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref Unsafe.Add(ref first, index)));

    /// <summary>Transposes four rows of four doubles (four 32-byte structs) into four columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3,
        out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
    {
        var a = Avx.UnpackLow(r0, r1);
        var b = Avx.UnpackHigh(r0, r1);
        var c = Avx.UnpackLow(r2, r3);
        var d = Avx.UnpackHigh(r2, r3);
        c0 = Avx.Permute2x128(a, c, 0x20);
        c1 = Avx.Permute2x128(b, d, 0x20);
        c2 = Avx.Permute2x128(a, c, 0x31);
        c3 = Avx.Permute2x128(b, d, 0x31);
    }

    /// <summary>The scratch columns of one block of scored rows, on the stack.</summary>
    private ref struct ScoredBlock(Span<int> groups, Span<double> scores, Span<long> kept, Span<int> rows, Span<double> promiseGaps, Span<double> settingGaps)
    {
        internal ref double PromiseGaps = ref MemoryMarshal.GetReference(promiseGaps);
        internal ref double SettingGaps = ref MemoryMarshal.GetReference(settingGaps);
        internal ref int Groups = ref MemoryMarshal.GetReference(groups);
        internal ref double Scores = ref MemoryMarshal.GetReference(scores);
        internal ref long Kept = ref MemoryMarshal.GetReference(kept);
        internal ref int Rows = ref MemoryMarshal.GetReference(rows);
        internal int Count;
    }

    /// <summary>The fast path's checks beyond a finite value in range, in the order of the general path: refuses the outcome (false) or maps the value of a nearer-to-target measure to its distance.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Screen(ScoreAccumulator sink, in MeasureLimits limit, ref double delivered, long index, RejectionHandler? onRejected)
    {
        var v = delivered;
        if (!double.IsFinite(v))
        {
            Reject(sink, RejectionReason.NonFiniteValue, index, onRejected);
            return false;
        }

        if (!(v >= limit.Low && v <= limit.High) || ((limit.Flags & PlanCell.YesNoFlag) != 0 && v != 0 && v != 1))
        {
            Reject(sink, RejectionReason.ValueOutOfRange, index, onRejected);
            return false;
        }

        delivered = (limit.Flags & PlanCell.TargetFlag) != 0 ? Math.Abs(v - limit.Target) : v;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool General<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int i, long indexBase, RejectionHandler? onRejected, out int group, out double score, out long kept, out double promiseGap, out double settingGap)
        where TSource : IRowSource, allows ref struct
    {
        var t = source.Touchpoint(i);
        var s = source.Segment(i);
        if (!plan.TryResolve(t, source.Measure(i), s, source.Flags(i), source.Value(i), source.Observed(i), source.Promised(i), source.Requested(i),
                out var cellIndex, out group, out var delivered, out var promised, out var adequate, out var desired, out var reason))
        {
            Reject(sink, reason, indexBase + i, onRejected);
            group = 0;
            kept = 0;
            score = 0;
            promiseGap = settingGap = 0;
            return false;
        }

        ref readonly var cell = ref plan.Cells[cellIndex];
        var adequacy = cell.Sign * (delivered - adequate) * cell.InverseScale;
        var superiority = cell.Sign * (delivered - desired) * cell.InverseScale;
        promiseGap = cell.Sign * (delivered - promised) * cell.InverseScale;
        settingGap = cell.Sign * (promised - adequate) * cell.InverseScale;
        score = GapCalculator.ScoreOf(adequacy, superiority);
        kept = promiseGap >= 0 ? 1 : 0;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Reject(ScoreAccumulator sink, RejectionReason reason, long index, RejectionHandler? onRejected)
    {
        sink.Reject(reason);
        onRejected?.Invoke(index, reason);
    }
}
