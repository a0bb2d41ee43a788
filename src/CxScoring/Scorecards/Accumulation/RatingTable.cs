using System.Diagnostics;
using CxScoring.Gaps;
using CxScoring.Plans;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// The customer's own ratings carried on delivered outcomes (<see cref="Model.Measure.RatedBy"/>), scored in a side
/// pass after the kernel: each rating is scored as an outcome of the perceived measure at the outcome's touchpoint,
/// segment and instant, and added to this table's own fixed-point aggregates per promise-version cell of the perceived
/// measure; the pair (delivered zone, perceived zone) is counted per delivered plan cell in a 3 × 3 agreement table.
/// </summary>
/// <remarks>
/// Ratings have their own accounting, apart from the outcomes': every rating seen is counted once, as scored or as
/// rejected with a <see cref="RejectionReason"/> (that of the outcome when the outcome itself was refused, else that of
/// the rating against the perceived measure). Counts are integers and the sums fixed-point, so merging workers is exact
/// in any order. Not thread-safe: each worker accumulator owns one.
/// </remarks>
internal sealed class RatingTable
{
    /// <summary>The zones, in <see cref="Zone"/> order.</summary>
    internal const int Zones = 3;

    /// <summary>The cells of one agreement table: delivered zone × perceived zone.</summary>
    internal const int AgreementCells = Zones * Zones;

    private const int Block = 256;

    private readonly FeltTable _felt;
    private readonly AggregateTable _cells;
    private readonly long[] _agreement;
    private readonly long[] _rejections = new long[FixedPoint.ReasonCount];
    private readonly int[] _slots = new int[Block];
    private readonly double[] _scores = new double[Block];
    private readonly long[] _kept = new long[Block];
    private readonly double[] _promiseGaps = new double[Block];
    private readonly double[] _settingGaps = new double[Block];
    private readonly long[] _terms = new long[Block * BlockTerms.Columns];
    private int _buffered;
    private long _pending;

    /// <summary>Initializes a new instance of the <see cref="RatingTable"/> class.</summary>
    /// <param name="felt">The plan's felt-value table.</param>
    /// <param name="versionCells">The number of promise-version cells of the plan.</param>
    /// <param name="planCells">The number of plan cells (touchpoint × measure × segment slot).</param>
    internal RatingTable(FeltTable felt, int versionCells, int planCells)
    {
        _felt = felt;
        _cells = new AggregateTable(versionCells);
        _cells.EnsureCount(versionCells);
        _agreement = new long[planCells * AgreementCells];
    }

    /// <summary>Gets the perceived aggregates fed by ratings, per promise-version cell (after <see cref="Flush"/>).</summary>
    internal AggregateTable CellTable => _cells;

    /// <summary>Gets the agreement counts: per plan cell of the delivered measure, <see cref="AgreementCells"/> counts indexed by delivered zone × 3 + perceived zone.</summary>
    internal ReadOnlySpan<long> Agreement => _agreement;

    /// <summary>Gets the number of ratings scored.</summary>
    internal long Scored { get; private set; }

    /// <summary>Gets the number of ratings rejected.</summary>
    internal long Rejected { get; private set; }

    internal long[] RejectionCounts() => [.. _rejections];

    /// <summary>Scores the rating carried on one outcome of a rated measure; the outcome itself is scored by the kernel.</summary>
    internal void Add(ScoringPlan plan, int touchpoint, int measure, int segment, int flags, double value, long observed, long rawPromised, long requested, double rating)
    {
        Debug.Assert((uint)measure < (uint)plan.MeasureCount && plan.MeasureRatedBy[measure] >= 0, "Only ratings on outcomes of a rated measure are scored.");
        if (!plan.TryResolve(touchpoint, measure, segment, flags, value, observed, rawPromised, requested,
                out var deliveredCell, out _, out var delivered, out var promised, out var adequate, out var desired, out var reason))
        {
            Reject(reason);
            return;
        }

        var deliveredZone = ZoneOf(plan.Cells[deliveredCell], delivered, adequate, desired);

        // The rating as an outcome of the perceived measure: its own value, no per-outcome promise (that belongs to
        // the delivered measure), the same request instant for the promise in force.
        if (!plan.TryResolve(touchpoint, plan.MeasureRatedBy[measure], segment, flags & OutcomeRow.HasRequestedAtFlag, rating, observed, 0, requested,
                out var cellIndex, out var versionCell, out delivered, out promised, out adequate, out desired, out reason))
        {
            Reject(reason);
            return;
        }

        // The general path of the kernel, step for step, so that a rating adds what the same value would as an outcome.
        ref readonly var cell = ref plan.Cells[cellIndex];
        var adequacy = cell.Sign * (delivered - adequate) * cell.InverseScale;
        var superiority = cell.Sign * (delivered - desired) * cell.InverseScale;
        var promiseGap = cell.Sign * (delivered - promised) * cell.InverseScale;
        var n = _buffered++;
        _slots[n] = versionCell;
        _scores[n] = GapCalculator.ScoreOf(adequacy, superiority);
        _promiseGaps[n] = promiseGap;
        _settingGaps[n] = cell.Sign * (promised - adequate) * cell.InverseScale;
        _kept[n] = promiseGap >= 0 ? 1 : 0;
        _agreement[(deliveredCell * AgreementCells) + ((int)deliveredZone * Zones) + (int)GapCalculator.ZoneOf(adequacy, superiority)]++;
        Scored++;
        if (_buffered == Block)
        {
            Flush();
        }
    }

    /// <summary>Adds the buffered scored ratings to the fixed-point aggregates.</summary>
    internal void Flush()
    {
        var n = _buffered;
        if (n == 0)
        {
            return;
        }

        if (_pending + n > FixedPoint.FlushLimit)
        {
            _cells.Flush();
            _pending = 0;
        }

        _pending += n;
        var terms = _terms.AsSpan(0, n * BlockTerms.Columns);
        BlockTerms.Compute(_felt, _scores.AsSpan(0, n), _promiseGaps.AsSpan(0, n), _settingGaps.AsSpan(0, n), terms);
        ScoreAccumulator.AddTo(_cells, _slots.AsSpan(0, n), _scores.AsSpan(0, n), _kept.AsSpan(0, n), terms);
        _buffered = 0;
    }

    /// <summary>Adds everything another table holds, then clears it.</summary>
    internal void TakeFrom(RatingTable other)
    {
        Debug.Assert(other._cells.Count == _cells.Count && other._agreement.Length == _agreement.Length, "Only a table of the same plan is merged.");
        Flush();
        other.Flush();
        if (_pending + other._pending > FixedPoint.FlushLimit)
        {
            _cells.Flush();
            _pending = 0;
        }

        _pending += other._pending;
        for (var i = 0; i < _cells.Count; i++)
        {
            if (other._cells.Any(i))
            {
                _cells.AddFrom(other._cells, i, i);
            }
        }

        for (var i = 0; i < _agreement.Length; i++)
        {
            _agreement[i] += other._agreement[i];
        }

        for (var i = 0; i < _rejections.Length; i++)
        {
            _rejections[i] += other._rejections[i];
        }

        Scored += other.Scored;
        Rejected += other.Rejected;
        other.Clear();
    }

    private void Clear()
    {
        _cells.Clear();
        Array.Clear(_agreement);
        Array.Clear(_rejections);
        Scored = Rejected = _pending = 0;
        _buffered = 0;
    }

    private void Reject(RejectionReason reason)
    {
        _rejections[(int)reason]++;
        Rejected++;
    }

    private static Zone ZoneOf(in PlanCell cell, double delivered, double adequate, double desired)
        => GapCalculator.ZoneOf(cell.Sign * (delivered - adequate) * cell.InverseScale, cell.Sign * (delivered - desired) * cell.InverseScale);
}
