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
}

/// <summary>Receives each customer's scored rows (<see cref="CustomerRows.Visit"/>).</summary>
internal interface IJourneyVisitor
{
    /// <summary>Takes one customer's scored rows, in row order.</summary>
    /// <param name="journey">The rows.</param>
    void Visit(ReadOnlySpan<OutcomeRow> journey);
}

/// <summary>A sink that takes nothing.</summary>
internal struct NoScoredRowSink : IScoredRowSink
{
    /// <inheritdoc/>
    public readonly void Add(in OutcomeRow row, double score, double adequacy, double promiseGap, int versionCell)
    {
    }
}

/// <summary>
/// The columnar front of the journey passes over <see cref="OutcomeRow"/>s, in O(n): every row scored once with the
/// row kernel (<see cref="RowGapKernel"/>; rejections counted by reason), customer keys turned into dense ordinals
/// (0, 1, … in the order customers are first met among the scored rows) by an open-addressing table, and the scored
/// rows' indices grouped by customer with a counting sort (a histogram, prefix sums and a scatter), in row order
/// within a customer.
/// </summary>
/// <remarks>
/// Memory: 4 bytes per row for the ordinals, 4 bytes per scored row for the grouped indices, 16 bytes per slot of the
/// key table (12 bytes a slot: at first the row count / 4 slots, and between 2 and 4 slots per customer once it has grown) and 8 bytes per
/// customer for the counts and offsets. Not thread-safe.
/// </remarks>
internal sealed class CustomerRows
{
    /// <summary>Rows scored, or journeys gathered, before the next step takes them.</summary>
    private const int Block = 1024;

    private readonly int[] _starts;
    private readonly int[] _order;

    private CustomerRows(int customers, int[] starts, int[] order, long[] rejected)
    {
        CustomerCount = customers;
        _starts = starts;
        _order = order;
        Rejected = rejected;
    }

    /// <summary>Gets the number of customers with at least one scored row.</summary>
    internal int CustomerCount { get; }

    /// <summary>Gets the number of rows scored.</summary>
    internal long Scored => _order.Length;

    /// <summary>Gets the rows rejected, indexed by <see cref="RejectionReason"/>.</summary>
    internal long[] Rejected { get; }

    /// <summary>Gets the largest number of scored rows of one customer.</summary>
    internal int LongestJourney
    {
        get
        {
            var longest = 0;
            for (var c = 0; c < CustomerCount; c++)
            {
                longest = Math.Max(longest, _starts[c + 1] - _starts[c]);
            }

            return longest;
        }
    }

    /// <summary>
    /// Hands each customer's scored rows to <paramref name="visitor"/>, customer by customer in ordinal order: the rows
    /// of several customers at a time are first copied together (loads that overlap one another), then visited from
    /// the copy.
    /// </summary>
    internal void Visit<TVisitor>(ReadOnlySpan<OutcomeRow> rows, ref TVisitor visitor)
        where TVisitor : struct, IJourneyVisitor
    {
        var buffer = new OutcomeRow[Math.Max(Block, LongestJourney)];
        ref var source = ref MemoryMarshal.GetReference(rows);
        for (var customer = 0; customer < CustomerCount;)
        {
            var start = _starts[customer];
            var last = customer + 1;
            while (last < CustomerCount && _starts[last + 1] - start <= buffer.Length)
            {
                last++;
            }

            var end = _starts[last];
            for (var k = start; k < end; k++)
            {
                buffer[k - start] = Unsafe.Add(ref source, _order[k]);
            }

            for (; customer < last; customer++)
            {
                visitor.Visit(buffer.AsSpan(_starts[customer] - start, _starts[customer + 1] - _starts[customer]));
            }
        }
    }

    /// <summary>Scores the rows, hands each scored row to <paramref name="sink"/> and groups the scored rows by customer.</summary>
    internal static CustomerRows Build<TSink>(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, ref TSink sink)
        where TSink : struct, IScoredRowSink
    {
        var rejected = new long[FixedPoint.ReasonCount];
        var ordinals = new int[rows.Length];
        var keys = new CustomerOrdinalTable(rows.Length / 4);
        var counts = new int[Math.Clamp(rows.Length / 8, 16, 1 << 20)];
        var scored = 0;
        Span<long> blockKeys = stackalloc long[Block];
        Span<int> blockRows = stackalloc int[Block];
        ref var first = ref MemoryMarshal.GetReference(rows);
        for (var from = 0; from < rows.Length; from += Block)
        {
            // Score a block, then look its customers up: the lookups miss the cache, and kept apart from the scores'
            // unpredictable branches they overlap one another.
            var to = Math.Min(from + Block, rows.Length);
            var n = 0;
            for (var i = from; i < to; i++)
            {
                ref readonly var row = ref Unsafe.Add(ref first, i);
                if (!RowGapKernel.TryScore(plan, row, out var score, out var adequacy, out var promiseGap, out var versionCell, out var reason))
                {
                    rejected[(int)reason]++;
                    ordinals[i] = -1;
                    continue;
                }

                sink.Add(row, score, adequacy, promiseGap, versionCell);
                blockKeys[n] = row.CustomerKey;
                blockRows[n++] = i;
            }

            var tableKeys = keys.Keys;
            var tableOrdinals = keys.Ordinals;
            var shift = keys.Shift;
            for (var j = 0; j < n; j++)
            {
                var key = blockKeys[j];
                var mask = tableKeys.Length - 1;
                var slot = CustomerOrdinalTable.SlotOf(key, shift);
                int ordinal;
                while (true)
                {
                    var found = tableOrdinals[slot];
                    if (found == 0)
                    {
                        ordinal = keys.Add(slot, key);
                        if (ordinal == counts.Length)
                        {
                            Array.Resize(ref counts, counts.Length * 2);
                        }

                        (tableKeys, tableOrdinals, shift) = (keys.Keys, keys.Ordinals, keys.Shift);
                        break;
                    }

                    if (tableKeys[slot] == key)
                    {
                        ordinal = found - 1;
                        break;
                    }

                    slot = (slot + 1) & mask;
                }

                ordinals[blockRows[j]] = ordinal;
                counts[ordinal]++;
            }

            scored += n;
        }


        // Prefix sums, then the scatter: the counts become each customer's next free place.
        var customers = keys.Count;
        var starts = new int[customers + 1];
        var sum = 0;
        for (var c = 0; c < customers; c++)
        {
            starts[c] = sum;
            var count = counts[c];
            counts[c] = sum;
            sum += count;
        }

        starts[customers] = sum;
        Debug.Assert(sum == scored, "Every scored row belongs to one customer.");
        var order = new int[scored];
        for (var i = 0; i < ordinals.Length; i++)
        {
            var ordinal = ordinals[i];
            if (ordinal >= 0)
            {
                order[counts[ordinal]++] = i;
            }
        }

        return new CustomerRows(customers, starts, order, rejected);
    }

    /// <summary>Customer keys to dense ordinals: open addressing with linear probing, at most half full (keys and ordinals + 1 in two arrays; 0 marks a free slot).</summary>
    private sealed class CustomerOrdinalTable
    {
        private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

        internal CustomerOrdinalTable(int expected)
        {
            var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expected, 64, 1 << 30));
            Keys = new long[capacity];
            Ordinals = new int[capacity];
            Shift = 64 - BitOperations.Log2((uint)capacity);
        }

        internal long[] Keys { get; private set; }

        internal int[] Ordinals { get; private set; }

        internal int Shift { get; private set; }

        internal int Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int SlotOf(long key, int shift) => (int)(unchecked((ulong)key * Fibonacci) >> shift);

        /// <summary>Adds a key at a free slot found by the caller, and gives its ordinal.</summary>
        internal int Add(int slot, long key)
        {
            var ordinal = Count++;
            Keys[slot] = key;
            Ordinals[slot] = ordinal + 1;
            if (Count > Keys.Length / 2)
            {
                Grow();
            }

            return ordinal;
        }

        private void Grow()
        {
            var keys = Keys;
            var ordinals = Ordinals;
            Keys = new long[keys.Length * 2];
            Ordinals = new int[keys.Length * 2];
            Shift--;
            var mask = Keys.Length - 1;
            for (var i = 0; i < keys.Length; i++)
            {
                if (ordinals[i] != 0)
                {
                    var slot = SlotOf(keys[i], Shift);
                    while (Ordinals[slot] != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    Keys[slot] = keys[i];
                    Ordinals[slot] = ordinals[i];
                }
            }
        }
    }
}
