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
    private const int Block = 256;

    // Called once per batch: compile it optimized at once instead of running the loop in on-stack-replaced tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunChunk<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var touchpoints = (uint)plan.TouchpointCount;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        ref var cells = ref MemoryMarshal.GetArrayDataReference(plan.Cells);
        var scored = new ScoredBlock(stackalloc int[Block], stackalloc double[Block], stackalloc int[Block], stackalloc long[Block], stackalloc long[Block]);
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
                    ref readonly var cell = ref Unsafe.Add(ref cells, (((t * measures) + m) * slots) + s + 1);
                    if ((cell.Flags & PlanCell.FastFlag) != 0)
                    {
                        var v = source.Value(i);
                        if (!double.IsFinite(v))
                        {
                            Reject(sink, RejectionReason.NonFiniteValue, indexBase + i, onRejected);
                            continue;
                        }

                        if (!(v >= cell.Low && v <= cell.High) || ((cell.Flags & PlanCell.YesNoFlag) != 0 && v != 0 && v != 1))
                        {
                            Reject(sink, RejectionReason.ValueOutOfRange, indexBase + i, onRejected);
                            continue;
                        }

                        var delivered = (cell.Flags & PlanCell.TargetFlag) != 0 ? Math.Abs(v - cell.Target) : v;
                        var k = cell.SignedInverseScale;
                        scored.Groups[n] = (t * slots) + s + 1;
                        scored.Scores[n] = ScoreOf((delivered - cell.Adequate) * k, (delivered - cell.Desired) * k);
                        scored.Kept[n] = (delivered - cell.Promised) * k >= 0 ? 1 : 0;
                        scored.Observed[n] = source.Observed(i);
                        scored.Customers[n] = source.Customer(i);
                        n++;
                        continue;
                    }
                }

                if (General(plan, sink, source, i, indexBase, onRejected, out var group, out var score, out var kept))
                {
                    scored.Groups[n] = group;
                    scored.Scores[n] = score;
                    scored.Kept[n] = kept;
                    scored.Observed[n] = source.Observed(i);
                    scored.Customers[n] = source.Customer(i);
                    n++;
                }
            }

            sink.AddBlock(scored.Groups[..n], scored.Scores[..n], scored.Kept[..n], scored.Observed[..n], scored.Customers[..n]);
        }
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

    /// <summary>The scratch columns of one block of scored rows, on the stack.</summary>
    private readonly ref struct ScoredBlock(Span<int> groups, Span<double> scores, Span<int> kept, Span<long> observed, Span<long> customers)
    {
        internal readonly Span<int> Groups = groups;
        internal readonly Span<double> Scores = scores;
        internal readonly Span<int> Kept = kept;
        internal readonly Span<long> Observed = observed;
        internal readonly Span<long> Customers = customers;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Reject(ScorecardBuilder sink, RejectionReason reason, long index, RejectionHandler? onRejected)
    {
        sink.Reject(reason);
        onRejected?.Invoke(index, reason);
    }
}
