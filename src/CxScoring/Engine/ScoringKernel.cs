using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Engine;

/// <summary>
/// The engine's inner loop. Cells the plan marks fast (a promise always in force, an expectation, a valid zone) are
/// scored inline with the arithmetic of <see cref="GapCalculator"/>; everything else takes the plan's general path,
/// which is the reference semantics step for step.
/// </summary>
internal static class ScoringKernel
{
    /// <summary>Rows per call to <see cref="ScorecardBuilder.Reserve(long)"/>, well under the fixed-point flush limit.</summary>
    private const int Chunk = 1 << 24;

    internal static void Run<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        for (var from = start; from < end; from += Chunk)
        {
            var to = (int)Math.Min((long)from + Chunk, end);
            sink.Reserve(to - from);
            RunChunk(plan, sink, source, from, to, indexBase, onRejected);
        }
    }

    /// <summary>Rows scored before their results are added to the scorecard in one go.</summary>
    private const int Block = 1024;

    // Called once per batch: compile it optimized at once instead of running the loop in on-stack-replaced tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunChunk<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var touchpoints = (uint)plan.TouchpointCount;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        ref var fastCells = ref MemoryMarshal.GetArrayDataReference(plan.FastCells);
        ref var limits = ref MemoryMarshal.GetArrayDataReference(plan.MeasureLimits);
        var byPeriod = sink.ByPeriod;
        var byCustomer = sink.ByCustomer;
        Span<int> groups = stackalloc int[Block];
        Span<double> scores = stackalloc double[Block];
        Span<int> kept = stackalloc int[Block];
        Span<int> rows = stackalloc int[Block];
        Span<long> observed = stackalloc long[byPeriod ? Block : 0];
        Span<long> customers = stackalloc long[byCustomer ? Block : 0];
        ref var group0 = ref MemoryMarshal.GetReference(groups);
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        ref var kept0 = ref MemoryMarshal.GetReference(kept);
        ref var row0 = ref MemoryMarshal.GetReference(rows);
        for (var from = start; from < end; from += Block)
        {
            var to = Math.Min(from + Block, end);
            var n = 0;
            for (var i = from; i < to; i++)
            {
                var t = source.Touchpoint(i);
                var m = source.Measure(i);
                var s = source.Segment(i);
                if ((uint)t < touchpoints && (uint)m < (uint)measures && (uint)(s + 1) < (uint)slots && source.Flags(i) == 0)
                {
                    ref readonly var cell = ref Unsafe.Add(ref fastCells, (((t * measures) + m) * slots) + s + 1);
                    var k = cell.SignedInverseScale;
                    if (!double.IsNaN(k))
                    {
                        ref readonly var limit = ref Unsafe.Add(ref limits, m);
                        var delivered = source.Value(i);
                        if (limit.Flags != 0 || !(delivered >= limit.Low && delivered <= limit.High && double.IsFinite(delivered)))
                        {
                            if (!Screen(sink, limit, ref delivered, indexBase + i, onRejected))
                            {
                                continue;
                            }
                        }

                        // GapCalculator.ScoreOf without branches: min(MSA, 0) + max(MSS, 0), clamped to [−1, 1] (see ScoreOf).
                        var adequacy = double.MinNative((delivered - cell.Adequate) * k, 0.0);
                        var superiority = double.MaxNative((delivered - cell.Desired) * k, 0.0);
                        Unsafe.Add(ref group0, n) = (t * slots) + s + 1;
                        Unsafe.Add(ref score0, n) = double.MaxNative(double.MinNative(adequacy + superiority, 1.0), -1.0);
                        Unsafe.Add(ref kept0, n) = (delivered - cell.Promised) * k >= 0 ? 1 : 0;
                        Unsafe.Add(ref row0, n) = i;
                        n++;
                        continue;
                    }
                }

                if (General(plan, sink, source, i, indexBase, onRejected, out var group, out var score, out var isKept))
                {
                    Unsafe.Add(ref group0, n) = group;
                    Unsafe.Add(ref score0, n) = score;
                    Unsafe.Add(ref kept0, n) = isKept;
                    Unsafe.Add(ref row0, n) = i;
                    n++;
                }
            }

            if (byPeriod)
            {
                for (var j = 0; j < n; j++)
                {
                    observed[j] = source.Observed(rows[j]);
                }
            }

            if (byCustomer)
            {
                for (var j = 0; j < n; j++)
                {
                    customers[j] = source.Customer(rows[j]);
                }
            }

            sink.AddBlock(groups[..n], scores[..n], kept[..n], observed[..(byPeriod ? n : 0)], customers[..(byCustomer ? n : 0)]);
        }
    }

    /// <summary>The fast path's checks beyond a finite value in range, in the order of the general path: refuses the outcome (false) or maps the value of a nearer-to-target measure to its distance.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Screen(ScorecardBuilder sink, in MeasureLimits limit, ref double delivered, long index, RejectionHandler? onRejected)
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
    private static bool General<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int i, long indexBase, RejectionHandler? onRejected, out int group, out double score, out int kept)
        where TSource : IRowSource, allows ref struct
    {
        var t = source.Touchpoint(i);
        var s = source.Segment(i);
        if (!plan.TryResolve(t, source.Measure(i), s, source.Flags(i), source.Value(i), source.Observed(i), source.Promised(i), source.Requested(i),
                out var cellIndex, out var delivered, out var promised, out var adequate, out var desired, out var reason))
        {
            Reject(sink, reason, indexBase + i, onRejected);
            group = kept = 0;
            score = 0;
            return false;
        }

        ref readonly var cell = ref plan.Cells[cellIndex];
        var adequacy = cell.Sign * (delivered - adequate) * cell.InverseScale;
        var superiority = cell.Sign * (delivered - desired) * cell.InverseScale;
        var promiseGap = cell.Sign * (delivered - promised) * cell.InverseScale;
        group = (t * plan.SegmentSlots) + s + 1;
        score = GapCalculator.ScoreOf(adequacy, superiority);
        kept = promiseGap >= 0 ? 1 : 0;
        return true;
    }

    /// <summary>
    /// <see cref="GapCalculator.ScoreOf(double, double)"/> without branches, for zones that are not inverted
    /// (superiority ≤ adequacy): min(MSA, 0) + max(MSS, 0) is MSA below, MSS above and +0 within, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ScoreOf(double adequacy, double superiority)
        => Math.Clamp(Math.Min(adequacy, 0.0) + Math.Max(superiority, 0.0), -1.0, 1.0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Reject(ScorecardBuilder sink, RejectionReason reason, long index, RejectionHandler? onRejected)
    {
        sink.Reject(reason);
        onRejected?.Invoke(index, reason);
    }
}
