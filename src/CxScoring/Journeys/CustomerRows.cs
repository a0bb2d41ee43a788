using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Journeys;

/// <summary>Receives each scored row of a <see cref="CustomerRows"/> pass, in row order.</summary>
internal interface IScoredRowSink
{
    /// <summary>Takes one scored row.</summary>
    /// <param name="row">The row.</param>
    /// <param name="score">Its score.</param>
    /// <param name="adequacy">Its unclamped adequacy gap.</param>
    /// <param name="promiseGap">Its promise gap.</param>
    /// <param name="versionCell">Its promise-version cell.</param>
    void Add(in OutcomeRow row, double score, double adequacy, double promiseGap, int versionCell);

    /// <summary>Ends a block of rows: called after at most <see cref="CustomerRows.Block"/> calls to <see cref="Add"/>, and after the last row.</summary>
    void EndBlock();
}

/// <summary>Receives each customer's scored moments (<see cref="CustomerRows.Visit"/>).</summary>
internal interface IJourneyVisitor
{
    /// <summary>Takes one customer's scored moments, in row order.</summary>
    /// <param name="journey">The moments.</param>
    void Visit(ReadOnlySpan<JourneyMoment> journey);
}

/// <summary>What the per-customer step needs of a scored row, 32 bytes: the customer, the instant, the score and the plan cell (touchpoint, measure, segment).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct JourneyMoment(long customerKey, long time, double score, int cell)
{
    /// <summary>The customer (<see cref="OutcomeRow.CustomerKey"/>).</summary>
    internal readonly long CustomerKey = customerKey;

    /// <summary>When the outcome was observed, in nanoseconds since the Unix epoch.</summary>
    internal readonly long Time = time;

    /// <summary>The row's score, as <see cref="RowGapKernel"/> gave it.</summary>
    internal readonly double Score = score;

    /// <summary>The plan cell of (touchpoint, measure, segment) (<see cref="ScoringPlan"/>'s cell index; <see cref="CellDecoder"/> splits it).</summary>
    internal readonly int Cell = cell;
}

/// <summary>A plan cell index back to its touchpoint, measure and segment, by table.</summary>
internal sealed class CellDecoder
{
    private readonly int[] _touchpoint;
    private readonly int[] _measure;
    private readonly int[] _segment;

    /// <summary>Initializes a new instance of the <see cref="CellDecoder"/> class.</summary>
    /// <param name="plan">The plan.</param>
    internal CellDecoder(ScoringPlan plan)
    {
        var slots = plan.SegmentSlots;
        var measures = plan.MeasureCount;
        var cells = plan.TouchpointCount * measures * slots;
        _touchpoint = new int[cells];
        _measure = new int[cells];
        _segment = new int[cells];
        for (var c = 0; c < cells; c++)
        {
            _segment[c] = (c % slots) - 1;
            _measure[c] = c / slots % measures;
            _touchpoint[c] = c / slots / measures;
        }
    }

    /// <summary>Gets the touchpoint of a cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The touchpoint index.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Touchpoint(int cell) => _touchpoint[cell];

    /// <summary>Gets the measure of a cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The measure index.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Measure(int cell) => _measure[cell];

    /// <summary>Gets the segment of a cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The segment index, or <see cref="OutcomeRow.NoSegment"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Segment(int cell) => _segment[cell];
}

/// <summary>A sink that takes nothing.</summary>
internal struct NoScoredRowSink : IScoredRowSink
{
    /// <inheritdoc/>
    public readonly void Add(in OutcomeRow row, double score, double adequacy, double promiseGap, int versionCell)
    {
    }

    /// <inheritdoc/>
    public readonly void EndBlock()
    {
    }
}

/// <summary>
/// The columnar front of the journey passes over <see cref="OutcomeRow"/>s, in O(n), as a partitioned aggregation:
/// the rows are counted per partition (the top bits of a hash of the customer key), then every row is scored once with
/// the row kernel (<see cref="RowGapKernel"/>; rejections counted by reason) and its <see cref="JourneyMoment"/> written
/// into its partition, in row order. <see cref="Visit"/> then takes one partition at a time, small enough to stay in
/// cache: its customers get local ordinals from a small open-addressing table and its moments are grouped by customer
/// with a counting sort, in row order within a customer.
/// </summary>
/// <remarks>
/// Memory: 32 bytes per row for the moments and 4 bytes per partition; while a partition is visited, 36 bytes per
/// moment of the largest partition and 12 to 24 bytes per table slot (two slots per moment of it, rounded up to a power
/// of two). Not thread-safe.
/// </remarks>
internal sealed class CustomerRows
{
    /// <summary>Rows scored before their moments are written to their partitions (and before <see cref="IScoredRowSink.EndBlock"/>).</summary>
    internal const int Block = 1024;

    /// <summary>The most partition bits: 2¹⁰ partitions, so that the scatter writes to few enough places at once.</summary>
    private const int MaxPartitionBits = 10;

    /// <summary>The moments a partition aims at, so that its moments and table stay in a core's cache.</summary>
    internal const int MomentsPerPartition = 8192;

    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private readonly JourneyMoment[] _moments;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _bits;

    private CustomerRows(JourneyMoment[] moments, int[] starts, int[] ends, int bits, long scored, long[] rejected)
    {
        _moments = moments;
        _starts = starts;
        _ends = ends;
        _bits = bits;
        Scored = scored;
        Rejected = rejected;
    }

    /// <summary>Gets the number of rows scored.</summary>
    internal long Scored { get; }

    /// <summary>Gets the rows rejected, indexed by <see cref="RejectionReason"/>.</summary>
    internal long[] Rejected { get; }

    /// <summary>Gets the number of partitions.</summary>
    internal int PartitionCount => _ends.Length;

    /// <summary>
    /// Hands each customer's scored moments to <paramref name="visitor"/>, partition by partition and, within a
    /// partition, customer by customer in the order they were first met.
    /// </summary>
    internal void Visit<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IJourneyVisitor
    {
        var largest = 0;
        for (var p = 0; p < _ends.Length; p++)
        {
            largest = Math.Max(largest, _ends[p] - _starts[p]);
        }

        if (largest == 0)
        {
            return;
        }

        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * largest, 16));
        var tableKeys = new long[capacity];
        var tableOrdinals = new int[capacity];
        var local = new int[largest];
        var offsets = new int[largest + 1];
        var grouped = new JourneyMoment[largest];
        for (var p = 0; p < _ends.Length; p++)
        {
            var moments = _moments.AsSpan(_starts[p], _ends[p] - _starts[p]);
            var n = moments.Length;
            if (n == 0)
            {
                continue;
            }

            // Local ordinals: the partition's customers 0, 1, … in the order first met, from a table at most half full.
            var slotBits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * n, 16)));
            var size = 1 << slotBits;
            var mask = size - 1;
            Array.Clear(tableOrdinals, 0, size);
            var customers = 0;
            for (var i = 0; i < n; i++)
            {
                var key = moments[i].CustomerKey;
                var slot = (int)((unchecked((ulong)key * Fibonacci) << _bits) >> (64 - slotBits));
                int ordinal;
                while (true)
                {
                    var found = tableOrdinals[slot];
                    if (found == 0)
                    {
                        ordinal = customers++;
                        tableKeys[slot] = key;
                        tableOrdinals[slot] = customers;
                        offsets[ordinal] = 0;
                        break;
                    }

                    if (tableKeys[slot] == key)
                    {
                        ordinal = found - 1;
                        break;
                    }

                    slot = (slot + 1) & mask;
                }

                local[i] = ordinal;
                offsets[ordinal]++;
            }

            // Prefix sums, then the scatter within the partition (in cache): the offsets become each customer's next place.
            var sum = 0;
            for (var c = 0; c < customers; c++)
            {
                var count = offsets[c];
                offsets[c] = sum;
                sum += count;
            }

            for (var i = 0; i < n; i++)
            {
                grouped[offsets[local[i]]++] = moments[i];
            }

            // Each offset is now the end of its customer's moments.
            var start = 0;
            for (var c = 0; c < customers; c++)
            {
                var end = offsets[c];
                visitor.Visit(grouped.AsSpan(start, end - start));
                start = end;
            }
        }
    }

    /// <summary>Scores the rows, hands each scored row to <paramref name="sink"/> and partitions the scored rows' moments by customer.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="sink">Takes each scored row, in row order.</param>
    /// <param name="momentsPerPartition">The moments a partition aims at (<see cref="MomentsPerPartition"/>; smaller in tests, to reach many partitions with few rows).</param>
    internal static CustomerRows Build<TSink>(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, ref TSink sink, int momentsPerPartition = MomentsPerPartition)
        where TSink : struct, IScoredRowSink
    {
        Debug.Assert(momentsPerPartition > 0, "A partition holds at least one moment.");
        var rejected = new long[FixedPoint.ReasonCount];
        var bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(rows.Length / momentsPerPartition, 1)), 0, MaxPartitionBits);
        var partitions = 1 << bits;
        var shift = 64 - bits;
        ref var first = ref MemoryMarshal.GetReference(rows);

        // Pass 0: rows per partition (rejected rows included: an upper bound of each partition's moments).
        var starts = new int[partitions];
        var ends = new int[partitions];
        if (bits > 0)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                ends[(int)(unchecked((ulong)Unsafe.Add(ref first, i).CustomerKey * Fibonacci) >> shift)]++;
            }
        }
        else
        {
            ends[0] = rows.Length;
        }

        var sum = 0;
        for (var p = 0; p < partitions; p++)
        {
            var count = ends[p];
            starts[p] = ends[p] = sum;
            sum += count;
        }

        // Pass 1 (row order): score a block, then write its moments to their partitions.
        // Not cleared: only the moments written below are ever read (each partition's [start, end)).
        var moments = GC.AllocateUninitializedArray<JourneyMoment>(rows.Length);
        ref var target = ref MemoryMarshal.GetArrayDataReference(moments);
        Span<JourneyMoment> block = stackalloc JourneyMoment[Block];
        long scored = 0;
        var measures = plan.MeasureCount;
        var slots = plan.SegmentSlots;
        for (var from = 0; from < rows.Length; from += Block)
        {
            var to = Math.Min(from + Block, rows.Length);
            var n = 0;
            for (var i = from; i < to; i++)
            {
                ref readonly var row = ref Unsafe.Add(ref first, i);
                if (!RowGapKernel.TryScore(plan, row, out var score, out var adequacy, out var promiseGap, out var versionCell, out var reason))
                {
                    rejected[(int)reason]++;
                    continue;
                }

                sink.Add(row, score, adequacy, promiseGap, versionCell);
                block[n++] = new JourneyMoment(row.CustomerKey, row.ObservedAtNanoseconds, score, (((row.TouchpointIndex * measures) + row.MeasureIndex) * slots) + row.SegmentIndex + 1);
            }

            if (bits == 0)
            {
                for (var j = 0; j < n; j++)
                {
                    Unsafe.Add(ref target, ends[0]++) = block[j];
                }
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    var p = (int)(unchecked((ulong)block[j].CustomerKey * Fibonacci) >> shift);
                    Unsafe.Add(ref target, ends[p]++) = block[j];
                }
            }

            sink.EndBlock();
            scored += n;
        }

        return new CustomerRows(moments, starts, ends, bits, scored, rejected);
    }
}
