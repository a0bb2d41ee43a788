using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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

/// <summary>
/// Takes each moment of a journey as the journey fold reads it, with its touchpoint, so that a later per-customer step
/// (the cascade count) gets what it needs of the moments without reading them again.
/// </summary>
internal interface IMomentRows
{
    /// <summary>Takes the journey's moment <paramref name="index"/> (0, 1, … in the journey's order).</summary>
    /// <param name="index">The moment's place in the journey.</param>
    /// <param name="time">Its instant, in nanoseconds since the Unix epoch.</param>
    /// <param name="touchpoint">Its touchpoint.</param>
    /// <param name="score">Its score.</param>
    void Add(int index, long time, int touchpoint, double score);
}

/// <summary>Takes no moment (the fold alone).</summary>
internal struct NoMomentRows : IMomentRows
{
    /// <inheritdoc/>
    public readonly void Add(int index, long time, int touchpoint, double score)
    {
    }
}

/// <summary>What the per-customer step needs of a scored row, 32 bytes: the customer (by the hash of its key), the instant, the score and the plan cell (touchpoint, measure, segment).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct JourneyMoment(ulong customerHash, long time, double score, int cell)
{
    /// <summary>The multiplier of the customer key's Fibonacci hash (odd, so the hash is one-to-one with the key).</summary>
    internal const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    /// <summary>The inverse of <see cref="Fibonacci"/> modulo 2⁶⁴: a key is its hash times it.</summary>
    internal const ulong InverseFibonacci = 0xF1DE83E19937733DUL;

    /// <summary>The customer key times <see cref="Fibonacci"/> (modulo 2⁶⁴).</summary>
    internal readonly ulong CustomerHash = customerHash;

    /// <summary>When the outcome was observed, in nanoseconds since the Unix epoch.</summary>
    internal readonly long Time = time;

    /// <summary>The row's score, as <see cref="RowGapKernel"/> gave it.</summary>
    internal readonly double Score = score;

    /// <summary>The plan cell of (touchpoint, measure, segment) (<see cref="ScoringPlan"/>'s cell index; <see cref="CellDecoder"/> splits it).</summary>
    internal readonly int Cell = cell;

    /// <summary>Gets the customer (<see cref="OutcomeRow.CustomerKey"/>), from its hash.</summary>
    internal long CustomerKey => unchecked((long)(CustomerHash * InverseFibonacci));

    /// <summary>The hash of a customer key.</summary>
    /// <param name="customerKey">The key.</param>
    /// <returns>The key times <see cref="Fibonacci"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Hash(long customerKey) => unchecked((ulong)customerKey * Fibonacci);
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

/// <summary>Which layout <see cref="CustomerRows.Build"/> stores the moments in.</summary>
internal enum MomentLayout
{
    /// <summary>24-byte moments when the span of the rows' instants and the plan's cells allow, else 32-byte ones.</summary>
    Auto,

    /// <summary>32-byte moments (<see cref="JourneyMoment"/>) whatever the data (in tests, to reach the fallback).</summary>
    Wide,
}

/// <summary>
/// A moment as the partitions store it when the data allow, 24 bytes: the customer key's hash
/// (<see cref="JourneyMoment.CustomerHash"/>), the instant relative to the pass's earliest instant shifted left with the
/// plan cell in the bits it frees, and the score.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct PackedMoment(ulong hash, ulong timeAndCell, double score)
{
    /// <summary>The customer key's hash (<see cref="JourneyMoment.CustomerHash"/>).</summary>
    internal readonly ulong Hash = hash;

    /// <summary>(Instant − base) · 2^cell bits + plan cell.</summary>
    internal readonly ulong TimeAndCell = timeAndCell;

    /// <summary>The row's score, as <see cref="RowGapKernel"/> gave it.</summary>
    internal readonly double Score = score;
}

/// <summary>
/// The columnar front of the journey passes over <see cref="OutcomeRow"/>s, in O(n), as a partitioned aggregation:
/// the rows are counted per partition (the top bits of a hash of the customer key), then every row is scored once with
/// the row kernel (<see cref="RowGapKernel"/>; rejections counted by reason) and its moment written into its partition,
/// in row order. <see cref="Visit"/> then takes one partition at a time, small enough to stay in cache: its moments are
/// grouped with a counting sort by the next bits of the hash (buckets of mostly one customer each; a bucket that
/// customers share is split by hash), in row order within a customer, as <see cref="JourneyMoment"/>s.
/// </summary>
/// <remarks>
/// The partitions hold 24-byte moments (<see cref="PackedMoment"/>) when the span of the rows' instants, in nanoseconds,
/// times the number of plan cells rounded up to a power of two is below 2⁶⁴ (about 584 years for one cell, 73 years
/// for eight), else 32-byte ones (<see cref="JourneyMoment"/>); both give the same moments, bit for bit.
/// Memory: 24 (or 32) bytes per row for the moments and 8 bytes per partition; while a partition is visited, 32 bytes
/// (its grouped copy) and 4 bytes (the buckets met) per moment of the largest partition, 4 bytes per bucket (eight
/// per moment of it, at most 2¹⁵), and for a bucket customers share, 44 bytes per moment of it (its split). The
/// moments live in memory the instance owns
/// (<see cref="MomentMemory{T}"/>: on Linux, native memory advised to use transparent huge pages), released by
/// <see cref="Dispose"/>, which the pass calls when it ends. Not thread-safe.
/// </remarks>
internal sealed class CustomerRows : IDisposable
{
    /// <summary>Rows scored before their moments are written to their partitions (and before <see cref="IScoredRowSink.EndBlock"/>).</summary>
    internal const int Block = 1024;

    /// <summary>The most partition bits: 2¹⁰ partitions, so that the scatter writes to few enough places at once.</summary>
    private const int MaxPartitionBits = 10;

    /// <summary>The moments a partition aims at, so that its moments and buckets stay in a core's cache.</summary>
    internal const int MomentsPerPartition = 8192;

    /// <summary>The most buckets of a partition's counting sort by customer (<c>int</c> counts: 128 KB).</summary>
    private const int MaxBuckets = 1 << 15;

    /// <summary>How far past a moment written to its partition the scatter fetches the partition's next line, in bytes.</summary>
    private const int ScatterAhead = 128;

    private readonly MomentMemory<JourneyMoment>? _wide;
    private readonly MomentMemory<PackedMoment>? _packed;
    private readonly Packing _packing;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _bits;

    private CustomerRows(MomentMemory<JourneyMoment>? wide, MomentMemory<PackedMoment>? packed, Packing packing, int[] starts, int[] ends, int bits, long scored, long[] rejected)
    {
        _wide = wide;
        _packed = packed;
        _packing = packing;
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

    /// <summary>Gets a value indicating whether the partitions hold 24-byte moments (<see cref="PackedMoment"/>).</summary>
    internal bool IsPacked => _packed is not null;

    /// <summary>Gets a value indicating whether the moments live in native memory advised to use huge pages (<see cref="MomentMemory{T}.IsNative"/>).</summary>
    internal bool IsNative => _packed?.IsNative ?? _wide!.IsNative;

    /// <summary>
    /// Hands each customer's scored moments to <paramref name="visitor"/>, partition by partition and, within a
    /// partition, customer by customer in no meaningful order (that of the buckets of their hashes first met).
    /// </summary>
    /// <exception cref="ObjectDisposedException">Thrown after <see cref="Dispose"/>.</exception>
    internal void Visit<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IJourneyVisitor
    {
        if (_packed is { } packed)
        {
            Group(packed.Span, _packing, ref visitor);
        }
        else
        {
            Group(_wide!.Span, default(Wide), ref visitor);
        }
    }

    /// <summary>Releases the moments' memory; <see cref="Visit"/> then throws. Safe to call more than once.</summary>
    public void Dispose()
    {
        _packed?.Dispose();
        _wide?.Dispose();
    }

    /// <summary>Scores the rows, hands each scored row to <paramref name="sink"/> and partitions the scored rows' moments by customer.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="sink">Takes each scored row, in row order.</param>
    /// <param name="momentsPerPartition">The moments a partition aims at (<see cref="MomentsPerPartition"/>; smaller in tests, to reach many partitions with few rows).</param>
    /// <param name="layout">The moments' layout (<see cref="MomentLayout.Auto"/>; <see cref="MomentLayout.Wide"/> in tests, to reach the fallback).</param>
    /// <param name="nativeBytes">The smallest moments array taken from native memory (<see cref="MomentMemory{T}.NativeBytes"/>; 0 in tests, to reach it with few rows).</param>
    /// <returns>The partitioned moments; the caller disposes of them when the pass ends.</returns>
    internal static CustomerRows Build<TSink>(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, ref TSink sink, int momentsPerPartition = MomentsPerPartition, MomentLayout layout = MomentLayout.Auto, long nativeBytes = MomentMemory<PackedMoment>.NativeBytes)
        where TSink : struct, IScoredRowSink
    {
        Debug.Assert(momentsPerPartition > 0, "A partition holds at least one moment.");
        var bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(rows.Length / momentsPerPartition, 1)), 0, MaxPartitionBits);
        var partitions = 1 << bits;
        var shift = 64 - bits;
        ref var first = ref MemoryMarshal.GetReference(rows);

        // Pass 0: rows per partition (rejected rows included: an upper bound of each partition's moments), and the
        // earliest and latest instants, which say whether the moments fit in 24 bytes.
        var starts = new int[partitions];
        var ends = new int[partitions];
        var earliest = long.MaxValue;
        var latest = long.MinValue;
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref Unsafe.Add(ref first, i);
            var time = row.ObservedAtNanoseconds;
            earliest = Math.Min(earliest, time);
            latest = Math.Max(latest, time);
            ends[(int)((JourneyMoment.Hash(row.CustomerKey) >> shift) & (ulong)(partitions - 1))]++;
        }

        var sum = 0;
        for (var p = 0; p < partitions; p++)
        {
            var count = ends[p];
            starts[p] = ends[p] = sum;
            sum += count;
        }

        // Pass 1 (row order): score a block, then write its moments to their partitions. The moments array is not
        // cleared: only the moments written are ever read (each partition's [start, end)).
        var cellBits = CellBits(plan.TouchpointCount * plan.MeasureCount * plan.SegmentSlots);
        var span = unchecked((ulong)latest - (ulong)earliest);
        if (layout == MomentLayout.Auto && rows.Length > 0 && (cellBits == 0 || span >> (64 - cellBits) == 0))
        {
            var packing = new Packing(earliest, cellBits);
            var packed = MomentMemory<PackedMoment>.Allocate(rows.Length, nativeBytes);
            try
            {
                var (scored, rejected) = Fill(plan, rows, ref sink, packed.Span, packing, ends, shift);
                return new CustomerRows(null, packed, packing, starts, ends, bits, scored, rejected);
            }
            catch
            {
                packed.Dispose();
                throw;
            }
        }
        else
        {
            var wide = MomentMemory<JourneyMoment>.Allocate(rows.Length, nativeBytes);
            try
            {
                var (scored, rejected) = Fill(plan, rows, ref sink, wide.Span, default(Wide), ends, shift);
                return new CustomerRows(wide, null, default, starts, ends, bits, scored, rejected);
            }
            catch
            {
                wide.Dispose();
                throw;
            }
        }
    }

    /// <summary>The bits that hold a plan cell index below <paramref name="cells"/>.</summary>
    private static int CellBits(int cells) => cells <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(cells - 1));

    /// <summary>Pass 1: scores every row, hands the scored ones to the sink and writes their moments, a block at a time, to the end of their partitions.</summary>
    private static (long Scored, long[] Rejected) Fill<TSink, TMoment, TLayout>(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, ref TSink sink, Span<TMoment> moments, TLayout layout, int[] ends, int shift)
        where TSink : struct, IScoredRowSink
        where TMoment : unmanaged
        where TLayout : struct, IMomentLayout<TMoment>
    {
        var rejected = new long[FixedPoint.ReasonCount];
        var mask = (ulong)(ends.Length - 1);
        ref var first = ref MemoryMarshal.GetReference(rows);
        Span<TMoment> block = stackalloc TMoment[Block];
        Span<ulong> hashes = stackalloc ulong[Block];
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
                var hash = JourneyMoment.Hash(row.CustomerKey);
                hashes[n] = hash;
                block[n++] = layout.Pack(hash, row.ObservedAtNanoseconds, score, (((row.TouchpointIndex * measures) + row.MeasureIndex) * slots) + row.SegmentIndex + 1);
            }

            Scatter(block[..n], hashes, moments, ends, shift, mask);

            sink.EndBlock();
            scored += n;
        }

        return (scored, rejected);
    }

    /// <summary>
    /// Writes a block's moments to the ends of their partitions. The moments of 1,024 partitions go to as many places in
    /// memory, too many for the processor's prefetchers to follow: each write fetches the line <see cref="ScatterAhead"/>
    /// bytes past it in the same partition, so that the partition's next lines are in cache when its moments reach them.
    /// </summary>
    private static unsafe void Scatter<TMoment>(ReadOnlySpan<TMoment> block, ReadOnlySpan<ulong> hashes, Span<TMoment> moments, int[] ends, int shift, ulong mask)
        where TMoment : unmanaged
    {
        ref var end = ref MemoryMarshal.GetArrayDataReference(ends);
        ref var hash = ref MemoryMarshal.GetReference(hashes);
        fixed (TMoment* target = moments)
        {
            for (var j = 0; j < block.Length; j++)
            {
                ref var at = ref Unsafe.Add(ref end, (nint)((Unsafe.Add(ref hash, j) >> shift) & mask));
                var place = target + at++;
                *place = block[j];
                if (Sse.IsSupported)
                {
                    // A prefetch never faults, so the line may lie past the moments' end.
                    Sse.Prefetch0((byte*)place + ScatterAhead);
                }
            }
        }
    }

    private void Group<TVisitor, TMoment, TLayout>(Span<TMoment> all, TLayout layout, ref TVisitor visitor)
        where TVisitor : struct, IJourneyVisitor
        where TMoment : struct
        where TLayout : struct, IMomentLayout<TMoment>
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

        var buckets = BucketsFor(largest);
        var next = new int[buckets];
        var used = new int[Math.Min(largest, buckets) + 1];
        var grouped = new JourneyMoment[largest];
        var mixed = new MixedBuckets();
        var expected = largest;
        ref var nextOf = ref MemoryMarshal.GetArrayDataReference(next);
        ref var usedAt = ref MemoryMarshal.GetArrayDataReference(used);
        ref var groupedAt = ref MemoryMarshal.GetArrayDataReference(grouped);
        for (var p = 0; p < _ends.Length; p++)
        {
            var moments = all.Slice(_starts[p], _ends[p] - _starts[p]);
            var n = moments.Length;
            if (n == 0)
            {
                continue;
            }

            // A counting sort by the hash's next bits after the partition's (buckets: about eight per customer of the
            // partition before, by the moments for the first; at most MaxBuckets), stable, so each bucket holds its
            // moments in row order: mostly one customer's, since the bits are the key's Fibonacci hash. No probe and
            // no branch per moment: each bucket met is listed when its count leaves 0, and the buckets are laid out,
            // visited and cleared in the order they were met.
            var shift = 64 - BitOperations.Log2((uint)BucketsFor(Math.Min(n, expected)));
            ref var first = ref MemoryMarshal.GetReference(moments);
            var met = 0;
            for (var i = 0; i < n; i++)
            {
                var bucket = (nint)((layout.Hash(Unsafe.Add(ref first, i)) << _bits) >> shift);
                ref var count = ref Unsafe.Add(ref nextOf, bucket);
                Unsafe.Add(ref usedAt, met) = (int)bucket;
                met += count == 0 ? 1 : 0;
                count++;
            }

            // Prefix sums in the order met, then the scatter within the partition (in cache): each count becomes its
            // bucket's next place, and at the end the end of its moments.
            var sum = 0;
            for (var k = 0; k < met; k++)
            {
                ref var count = ref Unsafe.Add(ref nextOf, Unsafe.Add(ref usedAt, k));
                var c = count;
                count = sum;
                sum += c;
            }

            for (var i = 0; i < n; i++)
            {
                ref readonly var moment = ref Unsafe.Add(ref first, i);
                ref var place = ref Unsafe.Add(ref nextOf, (nint)((layout.Hash(moment) << _bits) >> shift));
                Unsafe.Add(ref groupedAt, place++) = layout.Unpack(moment);
            }

            // A bucket of one customer is its journey; one that two customers' hashes share is split (rare).
            var customers = 0;
            var start = 0;
            for (var k = 0; k < met; k++)
            {
                ref var count = ref Unsafe.Add(ref nextOf, Unsafe.Add(ref usedAt, k));
                var end = count;
                count = 0;
                var journey = grouped.AsSpan(start, end - start);
                if (OneCustomer(journey))
                {
                    visitor.Visit(journey);
                    customers++;
                }
                else
                {
                    customers += mixed.Visit(journey, ref visitor);
                }

                start = end;
            }

            expected = customers;
        }
    }

    /// <summary>The buckets of a partition's counting sort for about <paramref name="customers"/> customers: eight per customer, a power of two from 16 to <see cref="MaxBuckets"/>.</summary>
    private static int BucketsFor(int customers) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(8L * customers, 16, MaxBuckets));

    /// <summary>Whether a bucket's moments are all one customer's (no branch per moment).</summary>
    private static bool OneCustomer(ReadOnlySpan<JourneyMoment> journey)
    {
        var hash = journey[0].CustomerHash;
        ulong other = 0;
        for (var i = 1; i < journey.Length; i++)
        {
            other |= journey[i].CustomerHash ^ hash;
        }

        return other == 0;
    }

    /// <summary>Splits the buckets that more than one customer's hashes share into journeys: by hash, then by place (row order), in O(m log m) for m moments.</summary>
    private sealed class MixedBuckets
    {
        private ulong[] _hashes = new ulong[64];
        private int[] _places = new int[64];
        private JourneyMoment[] _moments = new JourneyMoment[64];

        /// <summary>Hands each customer's moments in <paramref name="bucket"/> to <paramref name="visitor"/>, in row order.</summary>
        /// <returns>The customers.</returns>
        internal int Visit<TVisitor>(ReadOnlySpan<JourneyMoment> bucket, ref TVisitor visitor)
            where TVisitor : struct, IJourneyVisitor
        {
            var m = bucket.Length;
            if (m > _hashes.Length)
            {
                var size = (int)BitOperations.RoundUpToPowerOf2((uint)m);
                _hashes = new ulong[size];
                _places = new int[size];
                _moments = new JourneyMoment[size];
            }

            var hashes = _hashes.AsSpan(0, m);
            var places = _places.AsSpan(0, m);
            for (var i = 0; i < m; i++)
            {
                hashes[i] = bucket[i].CustomerHash;
                places[i] = i;
            }

            // Sorted by hash, the places of one hash in any order: each run of one hash is then put back in row order.
            hashes.Sort(places);
            var moments = _moments.AsSpan(0, m);
            var customers = 0;
            for (var from = 0; from < m;)
            {
                var to = from + 1;
                while (to < m && hashes[to] == hashes[from])
                {
                    to++;
                }

                places[from..to].Sort();
                for (var i = from; i < to; i++)
                {
                    moments[i] = bucket[places[i]];
                }

                visitor.Visit(moments[from..to]);
                customers++;
                from = to;
            }

            return customers;
        }
    }

    /// <summary>How a layout writes and reads a moment.</summary>
    private interface IMomentLayout<TMoment>
        where TMoment : struct
    {
        /// <summary>A scored row's moment.</summary>
        TMoment Pack(ulong hash, long time, double score, int cell);

        /// <summary>The customer key's hash (<see cref="JourneyMoment.CustomerHash"/>).</summary>
        ulong Hash(in TMoment moment);

        /// <summary>The moment as the visitors take it.</summary>
        JourneyMoment Unpack(in TMoment moment);
    }

    /// <summary>32-byte moments, as they are.</summary>
    private readonly struct Wide : IMomentLayout<JourneyMoment>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public JourneyMoment Pack(ulong hash, long time, double score, int cell) => new(hash, time, score, cell);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Hash(in JourneyMoment moment) => moment.CustomerHash;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public JourneyMoment Unpack(in JourneyMoment moment) => moment;
    }

    /// <summary>24-byte moments: the instant relative to the pass's earliest, the cell in the low bits it leaves.</summary>
    private readonly struct Packing(long earliest, int cellBits) : IMomentLayout<PackedMoment>
    {
        private readonly long _earliest = earliest;
        private readonly int _cellBits = cellBits;
        private readonly ulong _cellMask = (1UL << cellBits) - 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public PackedMoment Pack(ulong hash, long time, double score, int cell)
        {
            Debug.Assert((uint)cell <= _cellMask, "The cell fits its bits.");
            return new(hash, unchecked(((ulong)time - (ulong)_earliest) << _cellBits) | (uint)cell, score);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Hash(in PackedMoment moment) => moment.Hash;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public JourneyMoment Unpack(in PackedMoment moment)
            => new(moment.Hash, unchecked(_earliest + (long)(moment.TimeAndCell >> _cellBits)), moment.Score, (int)(moment.TimeAndCell & _cellMask));
    }
}
