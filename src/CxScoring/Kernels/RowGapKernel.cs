using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Plans;

namespace CxScoring.Kernels;

/// <summary>
/// One row's score, adequacy, promise gap and promise-version cell, for the journey passes: the row kernel's fast
/// path (a cell's levels resolved once at compile time, the same operations as <see cref="ScoringKernel"/>) and the
/// plan's general path for every other row. Equal, bit for bit, to the same fields of
/// <see cref="ScoringPlan.TryScore(in OutcomeRow, out GapResult, out RejectionReason)"/>, without the felt value and
/// the instant conversions that the journey figures do not use.
/// </summary>
internal static class RowGapKernel
{
    /// <summary>Scores one row, or says why it cannot be scored.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="row">The row.</param>
    /// <param name="score">The disconfirmation score (<see cref="GapResult.Score"/>).</param>
    /// <param name="adequacy">The unclamped adequacy gap (<see cref="GapResult.Adequacy"/>).</param>
    /// <param name="promiseGap">The promise gap (<see cref="GapResult.PromiseGap"/>).</param>
    /// <param name="versionCell">The promise-version cell (the promise in force is <c>plan.VersionCellPromise[versionCell]</c>).</param>
    /// <param name="reason">Why the row was rejected, when it was.</param>
    /// <returns><see langword="true"/> when the row was scored.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryScore(ScoringPlan plan, in OutcomeRow row, out double score, out double adequacy, out double promiseGap, out int versionCell, out RejectionReason reason)
    {
        var t = row.TouchpointIndex;
        var m = row.MeasureIndex;
        var s = row.SegmentIndex;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        if ((uint)t < (uint)plan.TouchpointCount && (uint)m < (uint)measures && (uint)(s + 1) < (uint)slots && row.Flags == 0)
        {
            var index = (((t * measures) + m) * slots) + s + 1;
            ref readonly var cell = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plan.FastCells), index);
            var k = cell.SignedInverseScale;
            if (!double.IsNaN(k))
            {
                ref readonly var limit = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(plan.MeasureLimits), m);
                var delivered = row.Value;
                if (limit.Flags != 0 || !(delivered >= limit.Low && delivered <= limit.High && double.IsFinite(delivered)))
                {
                    if (!Screen(limit, ref delivered, out reason))
                    {
                        score = adequacy = promiseGap = 0;
                        versionCell = 0;
                        return false;
                    }
                }

                // sign · (a − b) · (1/scale) = (a − b) · (sign/scale), bit for bit, since the sign is ±1 (GapCalculator);
                // the score without branches as in ScoringKernel: for a zone that is not inverted (a fast cell's),
                // min(MSA, 0) + max(MSS, 0) clamped to [−1, 1] is MSA below, MSS above and +0 within, bit for bit.
                adequacy = (delivered - cell.Adequate) * k;
                promiseGap = (delivered - cell.Promised) * k;
                var superiority = double.MaxNative((delivered - cell.Desired) * k, 0.0);
                score = double.MaxNative(double.MinNative(double.MinNative(adequacy, 0.0) + superiority, 1.0), -1.0);
                versionCell = index;
                reason = default;
                return true;
            }
        }

        return General(plan, row, out score, out adequacy, out promiseGap, out versionCell, out reason);
    }

    /// <summary>The fast path's checks beyond a finite value in range, in the order of the general path (as <see cref="ScoringKernel"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Screen(in MeasureLimits limit, ref double delivered, out RejectionReason reason)
    {
        var v = delivered;
        if (!double.IsFinite(v))
        {
            reason = RejectionReason.NonFiniteValue;
            return false;
        }

        if (!(v >= limit.Low && v <= limit.High) || ((limit.Flags & PlanCell.YesNoFlag) != 0 && v != 0 && v != 1))
        {
            reason = RejectionReason.ValueOutOfRange;
            return false;
        }

        delivered = (limit.Flags & PlanCell.TargetFlag) != 0 ? Math.Abs(v - limit.Target) : v;
        reason = default;
        return true;
    }

    /// <summary>The plan's general path, with <see cref="GapCalculator"/>'s operations in its order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool General(ScoringPlan plan, in OutcomeRow row, out double score, out double adequacy, out double promiseGap, out int versionCell, out RejectionReason reason)
    {
        if (!plan.TryResolve(row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex, row.Flags, row.Value, row.ObservedAtNanoseconds, row.RawPromised, row.RequestedAtNanoseconds,
                out var cellIndex, out versionCell, out var delivered, out var promised, out var adequate, out var desired, out reason))
        {
            score = adequacy = promiseGap = 0;
            return false;
        }

        ref readonly var cell = ref plan.Cells[cellIndex];
        promiseGap = cell.Sign * (delivered - promised) * cell.InverseScale;
        adequacy = cell.Sign * (delivered - adequate) * cell.InverseScale;
        score = GapCalculator.ScoreOf(adequacy, cell.Sign * (delivered - desired) * cell.InverseScale);
        return true;
    }
}
