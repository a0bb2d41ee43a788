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

    private static void RunChunk<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var touchpoints = (uint)plan.TouchpointCount;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        ref var cells = ref MemoryMarshal.GetArrayDataReference(plan.Cells);
        for (var i = start; i < end; i++)
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
                    var adequacy = (delivered - cell.Adequate) * cell.SignedInverseScale;
                    var superiority = (delivered - cell.Desired) * cell.SignedInverseScale;
                    var promiseGap = (delivered - cell.Promised) * cell.SignedInverseScale;
                    sink.Add((t * slots) + s + 1, source.Observed(i), source.Customer(i), GapCalculator.ScoreOf(adequacy, superiority), promiseGap >= 0);
                    continue;
                }
            }

            General(plan, sink, source, i, indexBase, onRejected);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void General<TSource>(ScoringPlan plan, ScorecardBuilder sink, scoped in TSource source, int i, long indexBase, RejectionHandler? onRejected)
        where TSource : IRowSource, allows ref struct
    {
        var t = source.Touchpoint(i);
        var s = source.Segment(i);
        if (!plan.TryResolve(t, source.Measure(i), s, source.Flags(i), source.Value(i), source.Observed(i), source.Promised(i), source.Requested(i),
                out var cellIndex, out var delivered, out var promised, out var adequate, out var desired, out var reason))
        {
            Reject(sink, reason, indexBase + i, onRejected);
            return;
        }

        ref readonly var cell = ref plan.Cells[cellIndex];
        var adequacy = cell.Sign * (delivered - adequate) * cell.InverseScale;
        var superiority = cell.Sign * (delivered - desired) * cell.InverseScale;
        var promiseGap = cell.Sign * (delivered - promised) * cell.InverseScale;
        sink.Add((t * plan.SegmentSlots) + s + 1, source.Observed(i), source.Customer(i), GapCalculator.ScoreOf(adequacy, superiority), promiseGap >= 0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Reject(ScorecardBuilder sink, RejectionReason reason, long index, RejectionHandler? onRejected)
    {
        sink.Reject(reason);
        onRejected?.Invoke(index, reason);
    }
}
