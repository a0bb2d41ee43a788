using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Kernels;

/// <summary>
/// The engine's kernel for large batches on AVX-512 hardware: each chunk of rows is grouped by plan cell with a
/// counting sort (one pass files each row under its cell and counts the cells, one moves the values into runs), then
/// every cell's values are scored as one run with the cell's levels in registers and their sums, minimum, maximum and
/// promise-kept count in registers too. An aggregate is written once per run instead of once per row, and no row looks
/// up its cell's levels.
/// </summary>
/// <remarks>
/// <para>
/// The arithmetic is that of <see cref="ScoringKernel"/>'s fast path and of <see cref="BlockTerms"/>, operation for
/// operation, so that scorecards are identical bit for bit whichever kernel ran. Rows that are not plainly fast (an
/// index out of range, per-outcome promise or request instants, a value out of range or not finite, a measure with a
/// target or yes/no values, a cell the plan does not mark fast) are scored by <see cref="ScoringKernel"/> in their
/// original order after the runs; fast rows are never refused, so refusals reach the <see cref="RejectionHandler"/> in
/// index order as on every other path.
/// </para>
/// <para>
/// With calendar periods, each fast row's day slot is filed next to its value and the runs add each row's terms to its
/// day on the way. With many cells, the counting sort has two steps: rows are first counted and moved by
/// blocks of 128 cells (a few hundred counters and write streams, which stay in cache), then each block is grouped by
/// cell in a buffer that stays in cache and scored at once, so its aggregates and histograms are touched together.
/// Per-customer scorecards, and those with touchpoint × day cells, take <see cref="ScoringKernel"/>: customers, and a
/// chunk's touchpoint-days, are too many for runs to pay.
/// </para>
/// </remarks>
internal static class CellRunKernel
{
    /// <summary>The least average run of rows per cell worth grouping for; below it the row kernel is faster.</summary>
    internal const int MinAverageRun = 32;

    /// <summary>The fewest rows a chunk groups (less one vector): long runs make the per-run work negligible.</summary>
    internal const int MinChunk = 1 << 17;

    /// <summary>The most rows a chunk groups (scratch rented for the call: 12 bytes a row, 20 with days; 11 grouped by blocks, 21 with days, and buffers for the largest block).</summary>
    internal const int MaxChunk = (1 << 20) - 8;

    /// <summary>Gets the rows per chunk to group a batch of <paramref name="rows"/> rows in, or 0 when the row kernel should score it.</summary>
    internal static int ChunkRowsFor(ScoringPlan plan, ScoreAccumulator sink, int rows)
    {
        if (!Avx512F.IsSupported || !Avx512DQ.IsSupported || sink.ByCustomer || sink.ByTouchpointPeriod)
        {
            return 0;
        }

        // 32 rows a cell rounded down to a power of two (smaller chunks keep many cells' runs in cache), less one vector,
        // so that the scratch padded by a vector is a whole ArrayPool bucket. Grouped by blocks first, many cells' runs
        // are moved within the cache whatever the chunk, so there the chunk is twice as long (longer runs).
        var perCell = InBlocks(plan, sink) ? 2 * MinAverageRun : MinAverageRun;
        var chunk = (1L << BitOperations.Log2((ulong)Math.Max(MinChunk, (long)plan.FastCells.Length * perCell))) - 8;
        return chunk > MaxChunk || rows < chunk / 2 ? 0 : (int)chunk;
    }

    /// <summary>Scores rows <paramref name="start"/> to <paramref name="end"/> in chunks of <paramref name="chunk"/> rows.</summary>
    internal static void Run<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected, int chunk)
        where TSource : IRowSource, allows ref struct
    {
        var scratch = new Scratch(plan.FastCells.Length, chunk, sink.ByPeriod, InBlocks(plan, sink));
        try
        {
            for (var from = start; from < end;)
            {
                var to = (int)Math.Min((long)from + chunk, end);

                // A short last chunk has short runs: the row kernel is faster there.
                if (to - from < chunk / 4 || !RunChunk(plan, sink, source, from, to, indexBase, onRejected, ref scratch))
                {
                    ScoringKernel.RunRows(plan, sink, source, from, to, indexBase, onRejected);
                }

                from = to;
            }
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>Groups and scores one chunk; false, having changed nothing, when too many of its rows are not plainly fast.</summary>
    /// <remarks>
    /// Five passes: key each row by its plan cell (<see cref="KeyRows{TSource}"/>); score the slow rows through the row kernel
    /// (<see cref="ScoreSlowRows"/>); turn the cell counts into run bounds (<see cref="RunBounds"/>); move each value into
    /// its cell's run (<see cref="MoveValues"/>, or <see cref="MoveWithDays"/> with periods); score each run
    /// (<see cref="AddRuns"/>), with periods adding each row to its day on the way (<see cref="FoldDays"/> at the end).
    /// With many cells, rows are counted and moved by blocks of cells (<see cref="KeyBlocks{TSource, TNarrow}"/>,
    /// <see cref="MoveToBlocks"/> or <see cref="MoveDaysToBlocks"/>), and each block is grouped by cell and scored while it is in cache (<see cref="AddBlocksWithDays"/>, <see cref="AddBlocksWithoutDays"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool RunChunk<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int from, int to, long indexBase, RejectionHandler? onRejected, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var n = to - from;
        var cells = plan.FastCells.Length;
        Debug.Assert(n > 0 && n <= Math.Max(scratch.Keys.Length, scratch.BlockKeys?.Length ?? 0), "A chunk fits its scratch.");
        var inBlocks = InBlocks(plan, sink);
        // With periods, once the call remembers hours (after its first chunk), the day slots are found in pass 1.
        var daysInPass1 = !inBlocks && sink.ByPeriod && scratch.RemembersHours;
        var newDays = false;
        var slow = inBlocks ? (sink.ByPeriod ? KeyBlocks<TSource, No>(plan, source, from, n, ref scratch) : KeyBlocks<TSource, Yes>(plan, source, from, n, ref scratch))
            : daysInPass1 ? KeyRowsWithDays(plan, source, from, n, ref scratch, out newDays)
            : KeyRows(plan, source, from, n, ref scratch);
        if (slow > n / 4)
        {
            return false;
        }

        // The slow rows first, in their order: fast rows are never refused, so refusals still reach the handler in index
        // order; and a handler that throws leaves none of the chunk's fast rows counted, as the row kernel counts no row
        // after the one refused.
        if (slow > 0)
        {
            ScoreSlowRows(plan, sink, source, from, n, slow, indexBase, onRejected, ref scratch);
        }

        if (inBlocks)
        {
            // Block starts, with the total after the last block.
            RunBounds(cells >> BlockBits, ref scratch);

            // The values pinned for the moves' fetches ahead, whose addresses may lie past the array's end (a reference may not).
            fixed (double* ahead = scratch.Values)
            {
                if (sink.ByPeriod)
                {
                    DaySlotsOf(sink, source, from, n, cells, ref scratch);
                    MoveDaysToBlocks(source, from, n, cells, ref scratch, ahead);
                    scratch.ClearDaySums(sink.DayTable.Count);
                    AddBlocksWithDays(plan, sink.CellTable, sink.DayTable, n, ref scratch);
                    FoldDays(sink.DayTable, ref scratch);
                }
                else
                {
                    MoveToBlocks(source, from, n, cells, ref scratch, ahead);
                    AddBlocksWithoutDays(plan, sink.CellTable, n, ref scratch);
                }
            }

            sink.AddScored(n - slow);
            return true;
        }

        RunBounds(cells, ref scratch);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        var byPeriod = sink.ByPeriod;
        if (byPeriod)
        {
            // Days new to the scorecard are added only now, after the slow rows, so that a chunk left to the row kernel
            // or stopped by a handler that throws adds no day.
            if (!daysInPass1)
            {
                DaySlotsOf(sink, source, from, n, cells, ref scratch);
            }
            else if (newDays)
            {
                NewDaySlots(sink, source, from, n, cells, ref scratch);
            }

            MoveWithDays(source, from, n, ref keys, ref counts, ref values, ref scratch);
        }
        else
        {
            MoveValues(source, from, n, ref keys, ref counts, ref values);
        }

        AssertRunsFilled(cells, n, ref scratch);
        if (byPeriod)
        {
            scratch.ClearDaySums(sink.DayTable.Count);
        }

        AddRuns(plan, sink.CellTable, sink.DayTable, byPeriod, ref scratch);
        if (byPeriod)
        {
            FoldDays(sink.DayTable, ref scratch);
        }

        sink.AddScored(n - slow);
        return true;
    }

    /// <summary>Pass 1: files each row under its fast cell, or under the slow bucket (index = number of fast cells) for a row the fast path cannot take, and counts each cell.</summary>
    /// <returns>The number of slow rows.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyRows<TSource>(ScoringPlan plan, scoped in TSource source, int from, int n, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var cells = plan.FastCells.Length;
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var runKeys = ref MemoryMarshal.GetArrayDataReference(plan.RunKeys);
        Array.Clear(scratch.Counts, 0, cells + 1);
        var keyer = new CellKeys(plan);
        var hasSlowCells = plan.HasSlowCells;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var key = keyer.Of8(source, from + i);
            if (hasSlowCells)
            {
                key = RunKeys8(ref runKeys, key);
            }

            key.StoreUnsafe(ref keys, (nuint)i);
            Count8(ref counts, key);
        }

        for (; i < n; i++)
        {
            var key = Unsafe.Add(ref runKeys, keyer.Of(source, from + i));
            Unsafe.Add(ref keys, i) = key;
            Unsafe.Add(ref counts, key)++;
        }

        AssertCounted(cells, n, ref scratch);
        return Unsafe.Add(ref counts, cells);
    }

    /// <summary>
    /// Pass 1 with calendar periods once the call remembers hours: as <see cref="KeyRows{TSource}"/>, and gives
    /// each row its local day slot as <see cref="DaySlotsOf"/> does, eight rows at a time in the same loop (one pass over
    /// the rows instead of two). Rows whose hour is not remembered yet are marked; the caller gives them their day
    /// (<see cref="NewDaySlots"/>) once the chunk's slow rows are scored, so that a chunk that is not kept adds no day.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="source">The rows.</param>
    /// <param name="from">The chunk's first row in the source.</param>
    /// <param name="n">The chunk's rows.</param>
    /// <param name="scratch">The call's scratch: keys, counts and day slots written.</param>
    /// <param name="newDays">Whether some rows are marked.</param>
    /// <returns>The number of slow rows.</returns>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int KeyRowsWithDays<TSource>(ScoringPlan plan, scoped in TSource source, int from, int n, ref Scratch scratch, out bool newDays)
        where TSource : IRowSource, allows ref struct
    {
        var cells = plan.FastCells.Length;
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var runKeys = ref MemoryMarshal.GetArrayDataReference(plan.RunKeys);
        ref var rowDays = ref MemoryMarshal.GetArrayDataReference(scratch.RowDays!);
        var hours = scratch.HourSlots(0);
        var window = new HourWindow(scratch.HourBase);
        Array.Clear(scratch.Counts, 0, cells + 1);
        var keyer = new CellKeys(plan);
        var hasSlowCells = plan.HasSlowCells;
        var unknown8 = Vector256<int>.Zero;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var key = keyer.Of8(source, from + i);
            if (hasSlowCells)
            {
                key = RunKeys8(ref runKeys, key);
            }

            key.StoreUnsafe(ref keys, (nuint)i);
            Count8(ref counts, key);
            var day = window.DaySlots8(source.Observed8(from + i), hours);
            day.StoreUnsafe(ref rowDays, (nuint)i);
            unknown8 |= day;
        }

        var unknown = unknown8.ExtractMostSignificantBits() != 0 ? -1 : 0;
        for (; i < n; i++)
        {
            var key = Unsafe.Add(ref runKeys, keyer.Of(source, from + i));
            Unsafe.Add(ref keys, i) = key;
            Unsafe.Add(ref counts, key)++;
            var day = window.DaySlot(source.Observed(from + i), hours);
            Unsafe.Add(ref rowDays, i) = day;
            unknown |= day;
        }

        AssertCounted(cells, n, ref scratch);
        newDays = unknown < 0;
        return Unsafe.Add(ref counts, cells);
    }

    /// <summary>The run keys of eight plan cells (a slow cell maps to the slow bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> RunKeys8(ref int runKeys, Vector256<int> key)
        => Vector256.Create(
            Unsafe.Add(ref runKeys, key.GetElement(0)), Unsafe.Add(ref runKeys, key.GetElement(1)), Unsafe.Add(ref runKeys, key.GetElement(2)), Unsafe.Add(ref runKeys, key.GetElement(3)),
            Unsafe.Add(ref runKeys, key.GetElement(4)), Unsafe.Add(ref runKeys, key.GetElement(5)), Unsafe.Add(ref runKeys, key.GetElement(6)), Unsafe.Add(ref runKeys, key.GetElement(7)));

    /// <summary>
    /// Counts eight keys taken from the register, not reloaded from the keys just stored: eight narrow loads of a wide
    /// store wait for it (about a quarter faster at 64 touchpoints without periods).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count8(ref int counts, Vector256<int> key)
    {
        Unsafe.Add(ref counts, key.GetElement(0))++;
        Unsafe.Add(ref counts, key.GetElement(1))++;
        Unsafe.Add(ref counts, key.GetElement(2))++;
        Unsafe.Add(ref counts, key.GetElement(3))++;
        Unsafe.Add(ref counts, key.GetElement(4))++;
        Unsafe.Add(ref counts, key.GetElement(5))++;
        Unsafe.Add(ref counts, key.GetElement(6))++;
        Unsafe.Add(ref counts, key.GetElement(7))++;
    }

    /// <summary>
    /// Pass 1 for many cells: files each row under its fast cell, or under the slow bucket (the key after the last cell),
    /// and counts the rows of each block of <see cref="BlockCells"/> keys: a few hundred counters that stay in the first
    /// level of cache, where one per cell would not. Each block is counted by cell in the move (<see cref="MoveToBlocks"/>,
    /// <see cref="MoveDaysToBlocks"/>). Without periods (<typeparamref name="TNarrow"/> <see cref="Yes"/>) the keys are
    /// written in 16 bits (<see cref="Scratch.BlockKeys"/>: a plan grouped by blocks has fewer than 2¹⁵ cells,
    /// <see cref="ChunkRowsFor"/>), half the traffic of 32; with periods in 32 (<see cref="Scratch.Keys"/>), which the day
    /// look-ups read (<see cref="DaySlotsOf"/>).
    /// </summary>
    /// <returns>The number of slow rows.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyBlocks<TSource, TNarrow>(ScoringPlan plan, scoped in TSource source, int from, int n, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
        where TNarrow : struct, IChoice
    {
        var cells = plan.FastCells.Length;
        Debug.Assert(cells <= ushort.MaxValue, "A key fits 16 bits.");
        var bits = BlockBits;
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var narrowKeys = ref MemoryMarshal.GetArrayDataReference(TNarrow.IsYes ? scratch.BlockKeys! : []);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var runKeys = ref MemoryMarshal.GetArrayDataReference(plan.RunKeys);
        Array.Clear(scratch.Counts, 0, (cells >> bits) + 1);
        var keyer = new CellKeys(plan);
        var hasSlowCells = plan.HasSlowCells;
        var slowKey = Vector256.Create(cells);
        var slow = 0;
        var i = 0;
        for (; i <= n - 8; i += 8)
        {
            var key = keyer.Of8(source, from + i);
            if (hasSlowCells)
            {
                key = RunKeys8(ref runKeys, key);
            }

            if (TNarrow.IsYes)
            {
                Avx512F.VL.ConvertToVector128UInt16(key.AsUInt32()).StoreUnsafe(ref narrowKeys, (nuint)i);
            }
            else
            {
                key.StoreUnsafe(ref keys, (nuint)i);
            }

            slow += BitOperations.PopCount(Vector256.Equals(key, slowKey).ExtractMostSignificantBits());
            var block = Vector256.ShiftRightLogical(key, bits);
            Count8(ref counts, block);
        }

        for (; i < n; i++)
        {
            var key = Unsafe.Add(ref runKeys, keyer.Of(source, from + i));
            if (TNarrow.IsYes)
            {
                Unsafe.Add(ref narrowKeys, i) = (ushort)key;
            }
            else
            {
                Unsafe.Add(ref keys, i) = key;
            }

            Unsafe.Add(ref counts, key >> bits)++;
            slow += key == cells ? 1 : 0;
        }

        return slow;
    }

    /// <summary>Scores the chunk's slow rows, in index order, through the row kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScoreSlowRows<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int from, int n, int slow, long indexBase, RejectionHandler? onRejected, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var cells = plan.FastCells.Length;
        var keys = scratch.Keys;
        var narrowKeys = scratch.BlockKeys;
        var list = ArrayPool<int>.Shared.Rent(slow);
        try
        {
            var count = 0;
            for (var r = 0; r < n; r++)
            {
                if ((narrowKeys is null ? keys[r] : narrowKeys[r]) == cells)
                {
                    list[count++] = from + r;
                }
            }

            Debug.Assert(count == slow, "Every slow row is listed once.");
            ScoringKernel.RunListed(plan, sink, source, list.AsSpan(0, count), indexBase, onRejected);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(list);
        }
    }

    /// <summary>Pass 2: where each cell's run starts (<c>Starts</c>, with the total after the slow bucket); counts become running ends, filled by pass 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunBounds(int cells, ref Scratch scratch)
    {
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        var sum = 0;
        for (var c = 0; c <= cells; c++)
        {
            var count = Unsafe.Add(ref counts, c);
            Unsafe.Add(ref starts, c) = sum;
            Unsafe.Add(ref counts, c) = sum;
            sum += count;
        }

        Unsafe.Add(ref starts, cells + 1) = sum;
    }

    /// <summary>Pass 3 without periods: moves each value into its cell's run (and the slow rows' into the slow bucket, where nothing reads them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MoveValues<TSource>(scoped in TSource source, int from, int n, ref int keys, ref int counts, ref double values)
        where TSource : IRowSource, allows ref struct
    {
        var j = 0;
        for (; j <= n - 4; j += 4)
        {
            var k0 = Unsafe.Add(ref keys, j);
            Unsafe.Add(ref values, Unsafe.Add(ref counts, k0)++) = source.Value(from + j);
            var k1 = Unsafe.Add(ref keys, j + 1);
            Unsafe.Add(ref values, Unsafe.Add(ref counts, k1)++) = source.Value(from + j + 1);
            var k2 = Unsafe.Add(ref keys, j + 2);
            Unsafe.Add(ref values, Unsafe.Add(ref counts, k2)++) = source.Value(from + j + 2);
            var k3 = Unsafe.Add(ref keys, j + 3);
            Unsafe.Add(ref values, Unsafe.Add(ref counts, k3)++) = source.Value(from + j + 3);
        }

        for (; j < n; j++)
        {
            var k = Unsafe.Add(ref keys, j);
            Unsafe.Add(ref values, Unsafe.Add(ref counts, k)++) = source.Value(from + j);
        }
    }

    /// <summary>The fewest cells for which a chunk without calendar periods is grouped in two steps, first by blocks of <see cref="BlockCells"/> cells (<see cref="KeyBlocks{TSource, TNarrow}"/>).</summary>
    internal const int BlockMinCells = 1024;

    /// <summary>The cells of a block, in bits.</summary>
    private const int BlockBits = 7;

    /// <summary>The cells of a block of the two-step grouping (at most 256, so that a row's cell within its block is one byte).</summary>
    private const int BlockCells = 1 << BlockBits;

    /// <summary>Gets whether chunks are grouped in two steps: many cells (more with calendar periods).</summary>
    internal static bool InBlocks(ScoringPlan plan, ScoreAccumulator sink) => plan.FastCells.Length >= (sink.ByPeriod ? BlockMinCellsWithDays : BlockMinCells);

    /// <summary>The fewest cells for which a chunk with calendar periods is grouped by blocks of cells (below it the day work, not the grouping, dominates).</summary>
    internal const int BlockMinCellsWithDays = 8192;

    /// <summary>
    /// Pass 3 for many cells, first step: moves each value, with its cell's place in its block (one byte), into its
    /// block of <see cref="BlockCells"/> consecutive cells, in the order of the cells' runs: blocks are few enough for
    /// their write streams to stay in cache, and each block is then grouped by cell within a buffer that stays in cache
    /// too (<see cref="AddBlocksWithoutDays"/>). On the way each cell's rows are counted in 16 bits
    /// (<see cref="Scratch.CellCounts"/>), so that a block need not be counted again (<see cref="BlockBounds"/>), and the
    /// line <see cref="MoveAhead"/> values ahead in each row's block is fetched, so that the block's next lines are in
    /// cache when its stores reach them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MoveToBlocks<TSource>(scoped in TSource source, int from, int n, int cells, ref Scratch scratch, double* ahead)
        where TSource : IRowSource, allows ref struct
    {
        var bits = BlockBits;
        var mask = (1 << bits) - 1;
        var blocks = (cells >> bits) + 1;
        scratch.EnsureBlocks(blocks);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.BlockKeys!);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref var cellCounts = ref FillBlocks(blocks, cells, ref scratch);
        ref var fill = ref MemoryMarshal.GetArrayDataReference(scratch.BlockFill!);
        ref var places = ref MemoryMarshal.GetArrayDataReference(scratch.Places!);
        var j = 0;
        for (; j <= n - 4; j += 4)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref keys, j)));
            var k0 = (int)(word & 0xFFFF);
            var k1 = (int)((word >> 16) & 0xFFFF);
            var k2 = (int)((word >> 32) & 0xFFFF);
            var k3 = (int)(word >> 48);
            Unsafe.Add(ref cellCounts, k0)++;
            Unsafe.Add(ref cellCounts, k1)++;
            Unsafe.Add(ref cellCounts, k2)++;
            Unsafe.Add(ref cellCounts, k3)++;
            var at0 = Unsafe.Add(ref fill, k0 >> bits)++;
            Unsafe.Add(ref values, at0) = source.Value(from + j);
            Unsafe.Add(ref places, at0) = (byte)(k0 & mask);
            FetchAhead(ahead, at0);
            var at1 = Unsafe.Add(ref fill, k1 >> bits)++;
            Unsafe.Add(ref values, at1) = source.Value(from + j + 1);
            Unsafe.Add(ref places, at1) = (byte)(k1 & mask);
            FetchAhead(ahead, at1);
            var at2 = Unsafe.Add(ref fill, k2 >> bits)++;
            Unsafe.Add(ref values, at2) = source.Value(from + j + 2);
            Unsafe.Add(ref places, at2) = (byte)(k2 & mask);
            FetchAhead(ahead, at2);
            var at3 = Unsafe.Add(ref fill, k3 >> bits)++;
            Unsafe.Add(ref values, at3) = source.Value(from + j + 3);
            Unsafe.Add(ref places, at3) = (byte)(k3 & mask);
            FetchAhead(ahead, at3);
        }

        for (; j < n; j++)
        {
            int k = Unsafe.Add(ref keys, j);
            Unsafe.Add(ref cellCounts, k)++;
            var at = Unsafe.Add(ref fill, k >> bits)++;
            Unsafe.Add(ref values, at) = source.Value(from + j);
            Unsafe.Add(ref places, at) = (byte)(k & mask);
        }
    }

    /// <summary>How many values ahead of a row's place in its block the move fetches a line: eight lines.</summary>
    private const int MoveAhead = 64;

    /// <summary>
    /// Fetches the line <see cref="MoveAhead"/> values after <paramref name="at"/>, which the block's stream will write
    /// next (a hint: it never faults, even past the scratch's end; hence a pointer to the pinned values, not a reference).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void FetchAhead(double* values, int at) => Sse.Prefetch0(values + at + MoveAhead);

    /// <summary>Sets each block's first free place to its start, and clears the 16-bit cell counts of the move.</summary>
    /// <returns>A reference to the first cell count.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ushort FillBlocks(int blocks, int cells, ref Scratch scratch)
    {
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        ref var fill = ref MemoryMarshal.GetArrayDataReference(scratch.BlockFill!);
        for (var b = 0; b < blocks; b++)
        {
            Unsafe.Add(ref fill, b) = Unsafe.Add(ref starts, b);
        }

        scratch.CellCounts!.AsSpan(0, cells + 1).Clear();
        return ref MemoryMarshal.GetArrayDataReference(scratch.CellCounts!);
    }

    /// <summary>
    /// Pass 3 for many cells with calendar periods, first step: as <see cref="MoveToBlocks"/> (each cell counted, the
    /// values' lines fetched ahead) from 32-bit keys, and moves each row's day slot (<see cref="DaySlotsOf"/>) next to its value.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MoveDaysToBlocks<TSource>(scoped in TSource source, int from, int n, int cells, ref Scratch scratch, double* ahead)
        where TSource : IRowSource, allows ref struct
    {
        var bits = BlockBits;
        var mask = (1 << bits) - 1;
        var blocks = (cells >> bits) + 1;
        scratch.EnsureBlocks(blocks);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref var cellCounts = ref FillBlocks(blocks, cells, ref scratch);
        ref var fill = ref MemoryMarshal.GetArrayDataReference(scratch.BlockFill!);
        ref var places = ref MemoryMarshal.GetArrayDataReference(scratch.Places!);
        ref var daySlots = ref MemoryMarshal.GetArrayDataReference(scratch.DaySlots!);
        ref var rowDays = ref MemoryMarshal.GetArrayDataReference(scratch.RowDays!);
        var j = 0;
        for (; j <= n - 2; j += 2)
        {
            var k0 = Unsafe.Add(ref keys, j);
            var k1 = Unsafe.Add(ref keys, j + 1);
            Unsafe.Add(ref cellCounts, k0)++;
            Unsafe.Add(ref cellCounts, k1)++;
            var at0 = Unsafe.Add(ref fill, k0 >> bits)++;
            Unsafe.Add(ref values, at0) = source.Value(from + j);
            Unsafe.Add(ref places, at0) = (byte)(k0 & mask);
            Unsafe.Add(ref daySlots, at0) = Unsafe.Add(ref rowDays, j);
            FetchAhead(ahead, at0);
            var at1 = Unsafe.Add(ref fill, k1 >> bits)++;
            Unsafe.Add(ref values, at1) = source.Value(from + j + 1);
            Unsafe.Add(ref places, at1) = (byte)(k1 & mask);
            Unsafe.Add(ref daySlots, at1) = Unsafe.Add(ref rowDays, j + 1);
            FetchAhead(ahead, at1);
        }

        for (; j < n; j++)
        {
            var k = Unsafe.Add(ref keys, j);
            Unsafe.Add(ref cellCounts, k)++;
            var at = Unsafe.Add(ref fill, k >> bits)++;
            Unsafe.Add(ref values, at) = source.Value(from + j);
            Unsafe.Add(ref places, at) = (byte)(k & mask);
            Unsafe.Add(ref daySlots, at) = Unsafe.Add(ref rowDays, j);
        }
    }

    /// <summary>
    /// Pass 3 for many cells with periods, second step, and pass 4: groups each block's values and day slots by cell into
    /// buffers that stay in cache, then scores the block's runs from them (<see cref="AddRun{TDays}"/>, adding each row to
    /// its day), so that a block's values, aggregates and histograms are touched together. The slow bucket (the key after
    /// the last cell) is grouped but not scored. Without periods, <see cref="AddBlocksWithoutDays"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddBlocksWithDays(ScoringPlan plan, AggregateTable table, AggregateTable days, int n, ref Scratch scratch)
    {
        var cells = plan.FastCells.Length;
        var bits = BlockBits;
        var blocks = (cells >> bits) + 1;
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        ref var places = ref MemoryMarshal.GetArrayDataReference(scratch.Places!);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref var daySlots = ref MemoryMarshal.GetArrayDataReference(scratch.DaySlots!);
        ref var cellCounts = ref MemoryMarshal.GetArrayDataReference(scratch.CellCounts!);
        Span<int> bounds = stackalloc int[257];
        Span<int> fill = stackalloc int[256];
        ref var bounds0 = ref MemoryMarshal.GetReference(bounds);
        ref var fill0 = ref MemoryMarshal.GetReference(fill);
        for (var b = 0; b < blocks; b++)
        {
            var firstKey = b << bits;
            var keys = Math.Min(1 << bits, cells + 1 - firstKey);
            var begin = Unsafe.Add(ref starts, b);
            var end = Unsafe.Add(ref starts, b + 1);
            var buffer = scratch.BlockBuffer(end - begin);
            ref var run0 = ref MemoryMarshal.GetArrayDataReference(buffer);
            ref var slot0 = ref MemoryMarshal.GetArrayDataReference(scratch.BlockSlots(end - begin));

            // The block's runs from its cells' counts, then its rows and their day slots moved into them within the buffers.
            BlockBounds(ref Unsafe.Add(ref cellCounts, firstKey), ref Unsafe.Add(ref places, begin), end - begin, keys, ref fill0, ref bounds0);
            for (var p = begin; p < end; p++)
            {
                var at = Unsafe.Add(ref fill0, Unsafe.Add(ref places, p))++;
                Unsafe.Add(ref run0, at) = Unsafe.Add(ref values, p);
                Unsafe.Add(ref slot0, at) = Unsafe.Add(ref daySlots, p);
            }

            var scored = Math.Min(keys, cells - firstKey);
            for (var l = 0; l < scored; l++)
            {
                var first = Unsafe.Add(ref bounds0, l);
                var length = Unsafe.Add(ref bounds0, l + 1) - first;
                if (length != 0)
                {
                    AddRun<Yes>(plan.Felt, plan.FastCells[firstKey + l], buffer.AsSpan(first, length), table, firstKey + l, new DaySink(days, ref Unsafe.Add(ref slot0, first), scratch.DaySums!, scratch.DayHistogram!));
                }
            }
        }

        Debug.Assert(Unsafe.Add(ref starts, blocks) == n, "The blocks cover the chunk.");
    }

    /// <summary>
    /// Pass 4 for many cells without periods, second step: as <see cref="AddBlocksWithDays"/>, each block's rows moved
    /// into its runs by <see cref="MoveBlock"/>, a method of its own whose few pointers stay in registers (inside the
    /// larger loop they were reloaded from the stack on every row).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddBlocksWithoutDays(ScoringPlan plan, AggregateTable table, int n, ref Scratch scratch)
    {
        var cells = plan.FastCells.Length;
        var bits = BlockBits;
        var blocks = (cells >> bits) + 1;
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        ref var places = ref MemoryMarshal.GetArrayDataReference(scratch.Places!);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref var cellCounts = ref MemoryMarshal.GetArrayDataReference(scratch.CellCounts!);
        Span<int> bounds = stackalloc int[257];
        Span<int> fill = stackalloc int[256];
        ref var bounds0 = ref MemoryMarshal.GetReference(bounds);
        ref var fill0 = ref MemoryMarshal.GetReference(fill);
        for (var b = 0; b < blocks; b++)
        {
            var firstKey = b << bits;
            var keys = Math.Min(1 << bits, cells + 1 - firstKey);
            var begin = Unsafe.Add(ref starts, b);
            var end = Unsafe.Add(ref starts, b + 1);
            var buffer = scratch.BlockBuffer(end - begin);
            BlockBounds(ref Unsafe.Add(ref cellCounts, firstKey), ref Unsafe.Add(ref places, begin), end - begin, keys, ref fill0, ref bounds0);
            MoveBlock(ref Unsafe.Add(ref places, begin), ref Unsafe.Add(ref values, begin), end - begin, ref fill0, ref MemoryMarshal.GetArrayDataReference(buffer));
            var scored = Math.Min(keys, cells - firstKey);
            for (var l = 0; l < scored; l++)
            {
                var first = Unsafe.Add(ref bounds0, l);
                var length = Unsafe.Add(ref bounds0, l + 1) - first;
                if (length != 0)
                {
                    AddRun<No>(plan.Felt, plan.FastCells[firstKey + l], buffer.AsSpan(first, length), table, firstKey + l, default);
                }
            }
        }

        Debug.Assert(Unsafe.Add(ref starts, blocks) == n, "The blocks cover the chunk.");
    }

    /// <summary>
    /// Groups one block of <paramref name="rows"/> rows by cell as a block of 2¹⁶ rows or more is grouped (<see cref="BlockBounds"/>):
    /// counts its rows by place (<paramref name="keys"/> places), sets each place's run bounds in <paramref name="bounds"/>
    /// (with the total after the last), and moves each value into its run in <paramref name="run"/> (<see cref="MoveBlock"/>).
    /// </summary>
    internal static void GroupBlock(ref byte places, ref double values, int rows, int keys, ref int fill, ref int bounds, ref double run)
    {
        CountBlock(ref places, rows, keys, ref fill, ref bounds);
        MoveBlock(ref places, ref values, rows, ref fill, ref run);
    }

    /// <summary>
    /// Moves each of a block's <paramref name="rows"/> values into its place's run in <paramref name="run"/>, at the
    /// place's first free position in <paramref name="fill"/> (<see cref="BlockBounds"/>), four places read as one word.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MoveBlock(ref byte places, ref double values, int rows, ref int fill, ref double run)
    {
        var p = 0;
        for (; p <= rows - 4; p += 4)
        {
            var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref places, p));
            Unsafe.Add(ref run, Unsafe.Add(ref fill, (int)(word & 0xFF))++) = Unsafe.Add(ref values, p);
            Unsafe.Add(ref run, Unsafe.Add(ref fill, (int)((word >> 8) & 0xFF))++) = Unsafe.Add(ref values, p + 1);
            Unsafe.Add(ref run, Unsafe.Add(ref fill, (int)((word >> 16) & 0xFF))++) = Unsafe.Add(ref values, p + 2);
            Unsafe.Add(ref run, Unsafe.Add(ref fill, (int)(word >> 24))++) = Unsafe.Add(ref values, p + 3);
        }

        for (; p < rows; p++)
        {
            Unsafe.Add(ref run, Unsafe.Add(ref fill, Unsafe.Add(ref places, p))++) = Unsafe.Add(ref values, p);
        }
    }

    /// <summary>
    /// Sets the run bounds of one block of <paramref name="rows"/> rows and <paramref name="keys"/> places in
    /// <paramref name="bounds"/> (with the total after the last) and each place's first free position in
    /// <paramref name="fill"/>: from its cells' 16-bit counts made in the move, which are exact when the block has fewer
    /// than 2¹⁶ rows (no cell of it can have more), or else by counting the block again (<see cref="CountBlock"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlockBounds(ref ushort cellCounts, ref byte places, int rows, int keys, ref int fill, ref int bounds)
    {
        if (rows > ushort.MaxValue)
        {
            CountBlock(ref places, rows, keys, ref fill, ref bounds);
            return;
        }

        var sum = 0;
        for (var l = 0; l < keys; l++)
        {
            Unsafe.Add(ref bounds, l) = sum;
            Unsafe.Add(ref fill, l) = sum;
            sum += Unsafe.Add(ref cellCounts, l);
        }

        Unsafe.Add(ref bounds, keys) = sum;
        Debug.Assert(sum == rows, "Every row of the block is counted under one of its cells.");
    }

    /// <summary>
    /// Counts one block of <paramref name="rows"/> rows by place (<paramref name="keys"/> places), four places read as
    /// one word, and sets each place's run bounds in <paramref name="bounds"/> (with the total after the last) and its
    /// first free place in <paramref name="fill"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CountBlock(ref byte places, int rows, int keys, ref int fill, ref int bounds)
    {
        MemoryMarshal.CreateSpan(ref fill, keys).Clear();
        var p = 0;
        for (; p <= rows - 4; p += 4)
        {
            var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref places, p));
            Unsafe.Add(ref fill, (int)(word & 0xFF))++;
            Unsafe.Add(ref fill, (int)((word >> 8) & 0xFF))++;
            Unsafe.Add(ref fill, (int)((word >> 16) & 0xFF))++;
            Unsafe.Add(ref fill, (int)(word >> 24))++;
        }

        for (; p < rows; p++)
        {
            Unsafe.Add(ref fill, Unsafe.Add(ref places, p))++;
        }

        var sum = 0;
        for (var l = 0; l < keys; l++)
        {
            var count = Unsafe.Add(ref fill, l);
            Unsafe.Add(ref bounds, l) = sum;
            Unsafe.Add(ref fill, l) = sum;
            sum += count;
        }

        Unsafe.Add(ref bounds, keys) = sum;
        Debug.Assert(sum == rows, "Every row of the block is counted under one of its cells.");
    }

    /// <summary>Pass 4: scores each fast cell's run into its aggregate; with periods, also adds each row's terms to its day (<see cref="AddToDays"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRuns(ScoringPlan plan, AggregateTable table, AggregateTable days, bool byPeriod, ref Scratch scratch)
    {
        var cells = plan.FastCells.Length;
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        var bounds = byPeriod ? ExtremeBounds.Of(days) : default;
        for (var c = 0; c < cells; c++)
        {
            var first = Unsafe.Add(ref starts, c);
            var length = Unsafe.Add(ref starts, c + 1) - first;
            if (length == 0)
            {
                continue;
            }

            if (byPeriod)
            {
                bounds = bounds.Extend(days);
                AddRun<Bounded>(plan.Felt, plan.FastCells[c], scratch.Values.AsSpan(first, length), table, c, new DaySink(days, ref scratch.DaySlots![first], scratch.DaySums!, scratch.DayHistogram!), bounds);
            }
            else
            {
                AddRun<No>(plan.Felt, plan.FastCells[c], scratch.Values.AsSpan(first, length), table, c, default);
            }
        }
    }

    /// <summary>Checks, in debug builds, that pass 1 filed every row under exactly one cell.</summary>
    [Conditional("DEBUG")]
    private static void AssertCounted(int cells, int n, ref Scratch scratch)
    {
        long total = 0;
        for (var c = 0; c <= cells; c++)
        {
            Debug.Assert(scratch.Counts[c] >= 0, "Cell counts are never negative.");
            total += scratch.Counts[c];
        }

        Debug.Assert(total == n, "Every row of the chunk is filed under exactly one cell.");
        for (var r = 0; r < n; r++)
        {
            Debug.Assert((uint)scratch.Keys[r] <= (uint)cells, "A row's key is a fast cell or the slow bucket.");
        }
    }

    /// <summary>Checks, in debug builds, that pass 3 filled each fast cell's run exactly: every running end reached the next run's start.</summary>
    [Conditional("DEBUG")]
    private static void AssertRunsFilled(int cells, int n, ref Scratch scratch)
    {
        for (var c = 0; c < cells; c++)
        {
            Debug.Assert(scratch.Counts[c] == scratch.Starts[c + 1], "Each fast cell's run is filled exactly to the next run's start.");
        }

        Debug.Assert(scratch.Starts[cells + 1] == n, "The runs and the slow bucket cover the chunk.");
    }

    /// <summary>
    /// Before pass 3 with calendar periods: each row's local day slot, in row order (<see cref="Scratch.RowDays"/>). The
    /// day slot of each whole hour that falls on one local day is remembered for the call, so most rows cost one read;
    /// the loop has no call in it (a call kept its counters on the stack, about a third of the chunk's time with days):
    /// rows whose hour is not remembered yet are marked and given their day after it (<see cref="NewDaySlots"/>).
    /// A slow row's slot is not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DaySlotsOf<TSource>(ScoreAccumulator sink, scoped in TSource source, int from, int n, int cells, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        var first = 0;
        while (first < n - 1 && Unsafe.Add(ref keys, first) == cells)
        {
            first++;
        }

        var hours = scratch.HourSlots(CalendarIndex.HourOf(source.Observed(from + first)));
        ref var rowDays = ref MemoryMarshal.GetArrayDataReference(scratch.RowDays!);
        var window = new HourWindow(scratch.HourBase);
        var unknown8 = Vector256<int>.Zero;
        var j = 0;
        for (; j <= n - 8; j += 8)
        {
            var day = window.DaySlots8(source.Observed8(from + j), hours);
            day.StoreUnsafe(ref rowDays, (nuint)j);
            unknown8 |= day;
        }

        var unknown = unknown8.ExtractMostSignificantBits() != 0 ? -1 : 0;
        for (; j < n; j++)
        {
            var day = window.DaySlot(source.Observed(from + j), hours);
            Unsafe.Add(ref rowDays, j) = day;
            unknown |= day;
        }

        if (unknown < 0)
        {
            NewDaySlots(sink, source, from, n, cells, ref scratch);
        }
    }

    /// <summary>
    /// The remembered day slots of instants, from the call's window of <see cref="Scratch.HourWindow"/> hours from
    /// <see cref="Scratch.HourBase"/>: −1 for an instant outside the window or whose hour is not remembered yet.
    /// </summary>
    private readonly struct HourWindow
    {
        private readonly Vector512<long> _start;
        private readonly Vector512<ulong> _length;
        private readonly Vector512<long> _hour;
        private readonly Vector512<double> _perHour;
        private readonly ulong _hourBase;

        internal HourWindow(ulong hourBase)
        {
            _hourBase = hourBase;
            _start = Vector512.Create(unchecked(CalendarIndex.Origin + (long)(hourBase * CalendarIndex.HourNanoseconds)));
            _length = Vector512.Create((ulong)Scratch.HourWindow * CalendarIndex.HourNanoseconds);
            _hour = Vector512.Create(CalendarIndex.HourNanoseconds);
            _perHour = Vector512.Create(1.0 / CalendarIndex.HourNanoseconds);
        }

        /// <summary>
        /// Gets the day slots of eight instants: their hours in the window computed eight at a time (the quotient through
        /// a double, within one of the exact one, corrected by the exact 64-bit remainder, so each hour is
        /// <see cref="CalendarIndex.HourOf"/>'s), then one gather of the eight remembered slots.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal unsafe Vector256<int> DaySlots8(Vector512<long> observed, int[] hours)
        {
            Debug.Assert(hours.Length >= Scratch.HourWindow, "The window's hours are all in the table.");
            // Signed, the instant is not before the window; then the difference, unsigned, is exact.
            var d = observed - _start;
            var inside = Vector512.GreaterThanOrEqual(observed, _start).AsInt64() & Vector512.LessThan(d.AsUInt64(), _length).AsInt64();
            var h = Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(d) * _perHour);
            var r = d - (h * _hour);

            // A comparison is −1 where true: subtracting it adds one, adding it subtracts one.
            h = h - Vector512.GreaterThanOrEqual(r, _hour) + Vector512.LessThan(r, Vector512<long>.Zero);
            h &= inside;
            var hour = Avx512F.ConvertToVector256Int32(h);
            fixed (int* slots = hours)
            {
                // Lanes outside the window read hour 0 and are then set to −1.
                return Avx2.GatherVector256(slots, hour, 4) | ~Avx512F.ConvertToVector256Int32(inside);
            }
        }

        /// <summary>Gets the day slot of one instant.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int DaySlot(long observed, int[] hours)
        {
            var offset = CalendarIndex.HourOf(observed) - _hourBase;
            return offset < Scratch.HourWindow ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(hours), (nint)offset) : -1;
        }
    }

    /// <summary>Gives the fast rows that <see cref="DaySlotsOf"/> marked (slot −1) their day slots, remembering each whole hour that falls on one local day.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NewDaySlots<TSource>(ScoreAccumulator sink, scoped in TSource source, int from, int n, int cells, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var keys = scratch.Keys;
        var rowDays = scratch.RowDays!;
        var hours = scratch.HourSlots(0);
        var hourBase = scratch.HourBase;
        for (var j = 0; j < n; j++)
        {
            if (rowDays[j] >= 0 || keys[j] == cells)
            {
                continue;
            }

            // An earlier row may have remembered this hour since.
            var observed = source.Observed(from + j);
            var offset = CalendarIndex.HourOf(observed) - hourBase;
            var day = offset < Scratch.HourWindow ? hours[offset] : -1;
            rowDays[j] = day >= 0 ? day : NewHourSlot(sink, hours, offset, observed);
        }
    }

    /// <summary>Pass 3 with calendar periods: also moves each row's day slot (<see cref="DaySlotsOf"/>) next to its value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MoveWithDays<TSource>(scoped in TSource source, int from, int n, ref int keys, ref int counts, ref double values, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        ref var daySlots = ref MemoryMarshal.GetArrayDataReference(scratch.DaySlots!);
        ref var rowDays = ref MemoryMarshal.GetArrayDataReference(scratch.RowDays!);
        var j = 0;
        for (; j <= n - 2; j += 2)
        {
            var k0 = Unsafe.Add(ref keys, j);
            var at0 = Unsafe.Add(ref counts, k0)++;
            Unsafe.Add(ref values, at0) = source.Value(from + j);
            Unsafe.Add(ref daySlots, at0) = Unsafe.Add(ref rowDays, j);
            var k1 = Unsafe.Add(ref keys, j + 1);
            var at1 = Unsafe.Add(ref counts, k1)++;
            Unsafe.Add(ref values, at1) = source.Value(from + j + 1);
            Unsafe.Add(ref daySlots, at1) = Unsafe.Add(ref rowDays, j + 1);
        }

        for (; j < n; j++)
        {
            var k = Unsafe.Add(ref keys, j);
            var at = Unsafe.Add(ref counts, k)++;
            Unsafe.Add(ref values, at) = source.Value(from + j);
            Unsafe.Add(ref daySlots, at) = Unsafe.Add(ref rowDays, j);
        }
    }

    /// <summary>The day slot of an instant whose hour is not remembered yet; remembers it when the whole hour falls on one local day.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NewHourSlot(ScoreAccumulator sink, int[] hours, ulong offset, long observed)
    {
        var day = sink.DaySlotOf(observed);
        if (offset < Scratch.HourWindow && sink.Calendar!.IsHourInOneDay(observed))
        {
            hours[offset] = day;
        }

        return day;
    }

    /// <summary>
    /// Adds the chunk's day sums and histograms (<see cref="AddToDays"/>) to the day aggregates: a day's histogram is
    /// the sum of its two rows of bins, its kept count the kept row's total and its kept-below count the kept row's bins
    /// below 0. The minimum and maximum were written there directly.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FoldDays(AggregateTable days, ref Scratch scratch)
    {
        ref var sums = ref MemoryMarshal.GetArrayDataReference(scratch.DaySums!);
        ref var histogram = ref MemoryMarshal.GetArrayDataReference(scratch.DayHistogram!);
        ref var target = ref MemoryMarshal.GetArrayDataReference(days.Histogram);
        var slots = Math.Min(days.Count, scratch.DayHistogram!.Length / DayBins);
        for (var d = 0; d < slots; d++)
        {
            ref var open = ref Unsafe.Add(ref histogram, d * DayBins);
            ref var kept = ref Unsafe.Add(ref open, FixedPoint.Bins);
            ref var to = ref Unsafe.Add(ref target, d * FixedPoint.Bins);
            var keptSum = Vector256<int>.Zero;
            var keptBelow = 0;
            var any = Vector256<int>.Zero;
            for (var b = 0; b < FixedPoint.Bins - 1; b += Vector256<int>.Count)
            {
                var o = Vector256.LoadUnsafe(ref open, (nuint)b);
                var k = Vector256.LoadUnsafe(ref kept, (nuint)b);
                var both = o + k;
                (Vector256.LoadUnsafe(ref to, (nuint)b) + both).StoreUnsafe(ref to, (nuint)b);
                any |= both;
                keptSum += k;
                if (b + Vector256<int>.Count == FixedPoint.ZeroBin)
                {
                    // Bins 0 to 31 hold the scores below 0.
                    keptBelow = Vector256.Sum(keptSum);
                }
            }

            var lastOpen = Unsafe.Add(ref open, FixedPoint.Bins - 1);
            var lastKept = Unsafe.Add(ref kept, FixedPoint.Bins - 1);
            Unsafe.Add(ref to, FixedPoint.Bins - 1) += lastOpen + lastKept;
            if (any == Vector256<int>.Zero && lastOpen + lastKept == 0)
            {
                continue;
            }

            var s = Vector512.LoadUnsafe(ref sums, (nuint)d * DaySumLanes);
            ref var a = ref days.Items[d];
            a.SumAbove += s.GetElement(0);
            a.SumBelow += s.GetElement(1);
            a.SumSquares += s.GetElement(2);
            a.Felt += s.GetElement(3);
            a.FeltSquares += s.GetElement(4);
            a.PromiseGap += s.GetElement(5);
            a.SettingGap += s.GetElement(6);
            a.BrokenGap += s.GetElement(7);
            a.Kept += Vector256.Sum(keptSum) + lastKept;
            a.KeptBelow += keptBelow;
        }
    }

    /// <summary>
    /// Scores one cell's run of values and adds it to the aggregate of <paramref name="group"/>; when
    /// <typeparamref name="TDays"/> is <see cref="Yes"/>, also adds each value's terms to its day through <paramref name="days"/>; when it is <see cref="Bounded"/>, as <see cref="Yes"/> but the days' minimum and maximum are updated only for the rows outside <paramref name="bounds"/>.
    /// Each lane's felt-table offset and histogram bin of a whole vector is taken from its register, not from a copy
    /// stored on the stack and read back lane by lane: those reads made the long runs of few cells without periods run
    /// at two speeds from one process to the next (about 1.7–2.0× apart, with the placement of the code and data),
    /// while the registers run at the faster of the two, or within a few per cent of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRun<TDays>(FeltTable felt, in FastCell cell, ReadOnlySpan<double> run, AggregateTable table, int group, DaySink days, ExtremeBounds bounds = default)
        where TDays : struct, IChoice
    {
        var levels = new RunLevels(cell);
        var minCeiling = Vector512.Create(bounds.MinCeiling);
        var maxFloor = Vector512.Create(bounds.MaxFloor);
        var firstEmpty = Vector256.Create(bounds.FirstEmpty);

        // The setting gap is the cell's own: one term for the whole run, as the row kernel computes it per row; the run
        // adds it n times (an integer product, exactly the sum of n terms).
        var settingTerm = FixedPoint.GapTerm((cell.Promised - cell.Adequate) * cell.SignedInverseScale);
        var setting = Vector512.Create(settingTerm);
        ref var tableValues = ref MemoryMarshal.GetArrayDataReference(felt.Values);
        ref var histogram = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Histogram), group * FixedPoint.Bins);
        var sums = new RunSums { Min = Vector512.Create(double.PositiveInfinity), Max = Vector512.Create(double.NegativeInfinity) };
        Span<long> scratch = stackalloc long[32];
        ref var offsets = ref MemoryMarshal.GetReference(scratch);
        ref var value0 = ref MemoryMarshal.GetReference(run);
        var n = run.Length;
        var j = 0;
        for (; j <= n - 8; j += 8)
        {
            var (s, kept, promiseGap) = Score(levels, Vector512.LoadUnsafe(ref value0, (nuint)j));
            var promise = BlockTerms.GapTerms8(promiseGap);
            AddTerms<TDays>(ref sums, s, kept, promise, setting, Vector512<long>.AllBitsSet, 8, ref tableValues, ref histogram, ref offsets, days, j, minCeiling, maxFloor, firstEmpty);
        }

        if (j < n)
        {
            // The last vector reads past the run (the scratch is padded): those lanes score the adequate level and count nothing.
            var live = Vector512.LessThan(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(n - j)));
            var (s, kept, promiseGap) = Score(levels, Vector512.ConditionalSelect(live.AsDouble(), Vector512.LoadUnsafe(ref value0, (nuint)j), levels.Adequate));
            kept &= live;
            var promise = BlockTerms.GapTerms8(promiseGap) & live;
            AddTerms<TDays>(ref sums, s, kept, promise, setting & live, live, n - j, ref tableValues, ref histogram, ref offsets, days, j, minCeiling, maxFloor, firstEmpty);
        }

        Commit(sums, settingTerm * n, table, group);
    }

    /// <summary>Adds a run's sums, and its setting-gap sum, to aggregate <paramref name="index"/> of <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Commit(RunSums sums, long settingGap, AggregateTable table, int index)
    {
        ref var accum = ref table.Items[index];
        accum.SumAbove += Vector512.Sum(sums.Above);
        accum.SumBelow += Vector512.Sum(sums.Below);
        accum.SumSquares += Vector512.Sum(sums.Squares);
        accum.Felt += Vector512.Sum(sums.Felt);
        accum.FeltSquares += Vector512.Sum(sums.FeltSquares);
        accum.Kept += sums.Kept;
        accum.KeptBelow += sums.KeptBelow;
        accum.PromiseGap += Vector512.Sum(sums.PromiseGap);
        accum.SettingGap += settingGap;
        accum.BrokenGap += Vector512.Sum(sums.BrokenGap);

        // Scores are never NaN nor −0 (see ScoreAccumulator.AddTo): the least and greatest lanes are the run's extremes.
        var min4 = Vector256.MinNative(sums.Min.GetLower(), sums.Min.GetUpper());
        var min2 = Vector128.MinNative(min4.GetLower(), min4.GetUpper());
        var max4 = Vector256.MaxNative(sums.Max.GetLower(), sums.Max.GetUpper());
        var max2 = Vector128.MaxNative(max4.GetLower(), max4.GetUpper());
        var runMin = Math.Min(min2.GetElement(0), min2.GetElement(1));
        var runMax = Math.Max(max2.GetElement(0), max2.GetElement(1));
        if (runMin < accum.Min)
        {
            accum.Min = runMin;
        }

        if (runMax > accum.Max)
        {
            accum.Max = runMax;
        }
    }

    /// <summary>Scores eight values with a cell's levels: the scores, the promise-kept masks and the promise gaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Score, Vector512<long> Kept, Vector512<double> PromiseGap) Score(in RunLevels levels, Vector512<double> v)
    {
        // As ScoringKernel's vector fast path, lane by lane: the same operations in the same order.
        var k = levels.SignedInverseScale;
        var adequacy = Vector512.MinNative((v - levels.Adequate) * k, Vector512<double>.Zero);
        var superiority = Vector512.MaxNative((v - levels.Desired) * k, Vector512<double>.Zero);
        var s = Vector512.MaxNative(Vector512.MinNative(adequacy + superiority, Vector512<double>.One), -Vector512<double>.One);
        var promiseGap = (v - levels.Promised) * k;
        return (s, Vector512.GreaterThanOrEqual(promiseGap, Vector512<double>.Zero).AsInt64(), promiseGap);
    }

    /// <summary>
    /// Adds eight scores, of which the <paramref name="count"/> first (the lanes <paramref name="live"/> marks) count, to a
    /// run's sums and histogram, with their gap terms (zero in lanes that do not count); when <typeparamref name="TDays"/>
    /// is <see cref="Yes"/>, also to the days of rows <paramref name="j"/> to <paramref name="j"/> + 7 of the run;
    /// the lanes of a whole vector are taken from their registers (<see cref="AddRun{TDays}"/>), those of the last, partial one from <paramref name="offsets"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms<TDays>(ref RunSums sums, Vector512<double> s, Vector512<long> kept, Vector512<long> promise, Vector512<long> setting, Vector512<long> live, int count, ref double tableValues, ref int histogram, ref long offsets, DaySink days, int j, Vector512<double> minCeiling, Vector512<double> maxFloor, Vector256<int> firstEmpty)
        where TDays : struct, IChoice
    {
        // count is a constant 8 for whole vectors once inlined, so the masks below fold away there.
        var masked = count != 8;
        var one = Vector512.Create(FixedPoint.One);
        sums.Kept += BitOperations.PopCount(kept.ExtractMostSignificantBits());

        // As BlockTerms, lane by lane.
        var negative = Vector512.LessThan(s, Vector512<double>.Zero);
        var positive = Vector512.GreaterThan(s, Vector512<double>.Zero);
        var keptBelow = kept & negative.AsInt64();
        sums.KeptBelow += BitOperations.PopCount(keptBelow.ExtractMostSignificantBits());
        var broken = Vector512.AndNot(promise, kept);
        sums.PromiseGap += promise;
        sums.BrokenGap += broken;
        var q = Vector512.ConvertToInt64Native(s * one);
        var squares = Vector512.ConvertToInt64Native(s * s * one);
        var f = BlockTerms.Felt8Registers(ref tableValues, s, negative);
        var felt = Vector512.ConvertToInt64Native(f * one);
        var feltSquares = Vector512.ConvertToInt64Native(f * f * one);
        var low = s;
        var high = s;
        if (masked)
        {
            q &= live;
            squares &= live;
            felt &= live;
            feltSquares &= live;
            low = Vector512.ConditionalSelect(live.AsDouble(), s, Vector512.Create(double.PositiveInfinity));
            high = Vector512.ConditionalSelect(live.AsDouble(), s, Vector512.Create(double.NegativeInfinity));
        }

        var sign = Vector512.ShiftRightArithmetic(q, 63);
        var above = Vector512.AndNot(q, sign);
        var below = q & sign;
        sums.Above += above;
        sums.Below += below;
        sums.Squares += squares;
        sums.Felt += felt;
        sums.FeltSquares += feltSquares;
        sums.Min = Vector512.MinNative(sums.Min, low);
        sums.Max = Vector512.MaxNative(sums.Max, high);
        var bin = BlockTerms.Bin8(s, negative, positive);
        if (count == 8)
        {
            Unsafe.Add(ref histogram, (nint)bin.GetElement(0))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(1))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(2))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(3))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(4))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(5))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(6))++;
            Unsafe.Add(ref histogram, (nint)bin.GetElement(7))++;
        }
        else
        {
            ref var bins = ref Unsafe.Add(ref offsets, 8);
            bin.StoreUnsafe(ref bins);
            for (var l = 0; l < count; l++)
            {
                Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, l))++;
            }
        }

        if (TDays.IsYes)
        {
            // Kept and kept-below as one count each half of a long: a chunk holds far fewer than 2³² rows.
            // The day histogram has a second row of bins for kept rows: the kept counts are sums of it.
            var dayBins = bin + (kept & Vector512.Create((long)FixedPoint.Bins));
            AddToDays<TDays>(days, j, count, above, below, squares, felt, feltSquares, promise, setting, broken, dayBins, s, ref offsets, minCeiling, maxFloor, firstEmpty);
        }
    }

    /// <summary>
    /// Adds the terms of eight rows (of which the <paramref name="count"/> first count) to their days: the eight sums of
    /// each row, transposed from the eight term vectors into one vector per row, to the chunk's day sums; the histogram
    /// bin, in the kept row of bins for a kept row (<paramref name="dayBins"/>), to the chunk's day histograms; the
    /// minimum and maximum to the day aggregates themselves. Integer sums and counts do not depend on the order of the rows, nor do a minimum and a
    /// maximum of scores that are never NaN nor −0, so each day ends as the row kernel leaves it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToDays<TDays>(DaySink days, int j, int count, Vector512<long> above, Vector512<long> below, Vector512<long> squares, Vector512<long> felt, Vector512<long> feltSquares, Vector512<long> promise, Vector512<long> setting, Vector512<long> broken, Vector512<long> dayBins, Vector512<double> s, ref long offsets, Vector512<double> minCeiling, Vector512<double> maxFloor, Vector256<int> firstEmpty)
        where TDays : struct, IChoice
    {
        // 8 × 8 transpose: unpack pairs, then 128-bit blocks twice.
        var t0 = Avx512F.UnpackLow(above, below);
        var t1 = Avx512F.UnpackHigh(above, below);
        var t2 = Avx512F.UnpackLow(squares, felt);
        var t3 = Avx512F.UnpackHigh(squares, felt);
        var t4 = Avx512F.UnpackLow(feltSquares, promise);
        var t5 = Avx512F.UnpackHigh(feltSquares, promise);
        var t6 = Avx512F.UnpackLow(setting, broken);
        var t7 = Avx512F.UnpackHigh(setting, broken);
        var u0 = Avx512F.Shuffle4x128(t0, t2, 0x88);
        var u1 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        var u2 = Avx512F.Shuffle4x128(t1, t3, 0x88);
        var u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        var u4 = Avx512F.Shuffle4x128(t4, t6, 0x88);
        var u5 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        var u6 = Avx512F.Shuffle4x128(t5, t7, 0x88);
        var u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);
        ref var slots = ref Unsafe.Add(ref days.Slots, j);
        if (typeof(TDays) == typeof(Bounded) && count == 8)
        {
            // The sums and bins of the eight rows, each row's place in the day histograms (its day's first bin plus
            // its bin) computed for the eight at once; then the minimum and maximum only for the rows that may move
            // them (ExtremeBounds): a score within the bounds, of a day below the first empty one, moves neither.
            var slots8 = Vector256.LoadUnsafe(ref slots);
            var places = (Avx512F.ConvertToVector512Int64(slots8) * DayBins) + dayBins;
            AddSumsToDay(days, Unsafe.Add(ref slots, 0), Avx512F.Shuffle4x128(u0, u4, 0x88), places.GetElement(0));
            AddSumsToDay(days, Unsafe.Add(ref slots, 1), Avx512F.Shuffle4x128(u2, u6, 0x88), places.GetElement(1));
            AddSumsToDay(days, Unsafe.Add(ref slots, 2), Avx512F.Shuffle4x128(u1, u5, 0x88), places.GetElement(2));
            AddSumsToDay(days, Unsafe.Add(ref slots, 3), Avx512F.Shuffle4x128(u3, u7, 0x88), places.GetElement(3));
            AddSumsToDay(days, Unsafe.Add(ref slots, 4), Avx512F.Shuffle4x128(u0, u4, 0xDD), places.GetElement(4));
            AddSumsToDay(days, Unsafe.Add(ref slots, 5), Avx512F.Shuffle4x128(u2, u6, 0xDD), places.GetElement(5));
            AddSumsToDay(days, Unsafe.Add(ref slots, 6), Avx512F.Shuffle4x128(u1, u5, 0xDD), places.GetElement(6));
            AddSumsToDay(days, Unsafe.Add(ref slots, 7), Avx512F.Shuffle4x128(u3, u7, 0xDD), places.GetElement(7));
            var outside = Vector512.LessThan(s, minCeiling) | Vector512.GreaterThan(s, maxFloor);
            var newDay = Vector256.GreaterThanOrEqual(slots8, firstEmpty);
            var moving = (uint)outside.ExtractMostSignificantBits() | newDay.ExtractMostSignificantBits();
            if (moving != 0)
            {
                AddExtremes(days, ref slots, s, moving);
            }

            return;
        }

        if (count == 8)
        {
            // Bins and scores from registers, not reloaded lane by lane from a copy just stored (measured about
            // 1.07–1.19× faster with days).
            AddToDay(days, Unsafe.Add(ref slots, 0), Avx512F.Shuffle4x128(u0, u4, 0x88), dayBins.GetElement(0), s.GetElement(0));
            AddToDay(days, Unsafe.Add(ref slots, 1), Avx512F.Shuffle4x128(u2, u6, 0x88), dayBins.GetElement(1), s.GetElement(1));
            AddToDay(days, Unsafe.Add(ref slots, 2), Avx512F.Shuffle4x128(u1, u5, 0x88), dayBins.GetElement(2), s.GetElement(2));
            AddToDay(days, Unsafe.Add(ref slots, 3), Avx512F.Shuffle4x128(u3, u7, 0x88), dayBins.GetElement(3), s.GetElement(3));
            AddToDay(days, Unsafe.Add(ref slots, 4), Avx512F.Shuffle4x128(u0, u4, 0xDD), dayBins.GetElement(4), s.GetElement(4));
            AddToDay(days, Unsafe.Add(ref slots, 5), Avx512F.Shuffle4x128(u2, u6, 0xDD), dayBins.GetElement(5), s.GetElement(5));
            AddToDay(days, Unsafe.Add(ref slots, 6), Avx512F.Shuffle4x128(u1, u5, 0xDD), dayBins.GetElement(6), s.GetElement(6));
            AddToDay(days, Unsafe.Add(ref slots, 7), Avx512F.Shuffle4x128(u3, u7, 0xDD), dayBins.GetElement(7), s.GetElement(7));
            return;
        }

        ref var bins = ref Unsafe.Add(ref offsets, 16);
        dayBins.StoreUnsafe(ref bins);
        ref var scores = ref Unsafe.As<long, double>(ref Unsafe.Add(ref offsets, 24));
        s.StoreUnsafe(ref scores);

        // The rows in lane order: 0, 1, …, 7 are the shuffles below.
        ReadOnlySpan<Vector512<long>> rows =
        [
            Avx512F.Shuffle4x128(u0, u4, 0x88), Avx512F.Shuffle4x128(u2, u6, 0x88), Avx512F.Shuffle4x128(u1, u5, 0x88), Avx512F.Shuffle4x128(u3, u7, 0x88),
            Avx512F.Shuffle4x128(u0, u4, 0xDD), Avx512F.Shuffle4x128(u2, u6, 0xDD), Avx512F.Shuffle4x128(u1, u5, 0xDD), Avx512F.Shuffle4x128(u3, u7, 0xDD),
        ];
        for (var l = 0; l < count; l++)
        {
            AddToDay(days, Unsafe.Add(ref slots, l), rows[l], Unsafe.Add(ref bins, l), Unsafe.Add(ref scores, l));
        }
    }

    /// <summary>Adds one row's eight sums to day slot <paramref name="day"/> and counts it in its day histogram's bin <paramref name="place"/> (the day's first bin plus the row's bin, in the kept row of bins for a kept row); not its score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSumsToDay(DaySink days, int day, Vector512<long> row, long place)
    {
        ref var sums = ref Unsafe.Add(ref days.Sums, (nint)day * DaySumLanes);
        (Vector512.LoadUnsafe(ref sums) + row).StoreUnsafe(ref sums);
        Unsafe.Add(ref days.Histogram, (nint)place)++;
    }

    /// <summary>
    /// Adds the scores of the rows of <paramref name="moving"/> (one bit a lane) among eight to the minimum and maximum of
    /// their days: the rows whose score is outside the run's <see cref="ExtremeBounds"/> or whose day had no row before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddExtremes(DaySink days, ref int slots, Vector512<double> s, uint moving)
    {
        while (moving != 0)
        {
            var l = BitOperations.TrailingZeroCount(moving);
            moving &= moving - 1;

            // The lane from its register (one permute), not from a copy just stored.
            var score = Avx512F.PermuteVar8x64(s, Vector512.Create((long)l)).ToScalar();
            ref var a = ref Unsafe.Add(ref days.Items, Unsafe.Add(ref slots, l));
            if (score < a.Min)
            {
                a.Min = score;
            }

            if (score > a.Max)
            {
                a.Max = score;
            }
        }
    }

    /// <summary>Adds one row's eight sums, histogram bin (in the kept row of bins for a kept row) and score to day slot <paramref name="day"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToDay(DaySink days, int day, Vector512<long> row, long dayBin, double score)
    {
        ref var sums = ref Unsafe.Add(ref days.Sums, (nint)day * DaySumLanes);
        (Vector512.LoadUnsafe(ref sums) + row).StoreUnsafe(ref sums);
        Unsafe.Add(ref days.Histogram, (day * DayBins) + (nint)dayBin)++;
        ref var a = ref Unsafe.Add(ref days.Items, day);
        if (score < a.Min)
        {
            a.Min = score;
        }

        if (score > a.Max)
        {
            a.Max = score;
        }
    }

    /// <summary>A choice made when the JIT specialises a generic method for a struct, so that it costs nothing at run time.</summary>
    internal interface IChoice
    {
        /// <summary>Gets the choice.</summary>
        static abstract bool IsYes { get; }
    }

    /// <summary>Chooses yes.</summary>
    internal readonly struct Yes : IChoice
    {
        /// <inheritdoc/>
        public static bool IsYes => true;
    }

    /// <summary>
    /// Chooses days (as <see cref="Yes"/>) whose minimum and maximum are updated only for the rows outside the run's
    /// <see cref="ExtremeBounds"/>.
    /// </summary>
    internal readonly struct Bounded : IChoice
    {
        /// <inheritdoc/>
        public static bool IsYes => true;
    }

    /// <summary>Chooses no.</summary>
    internal readonly struct No : IChoice
    {
        /// <inheritdoc/>
        public static bool IsYes => false;
    }

    /// <summary>A fast cell's levels, each in every lane.</summary>
    private readonly struct RunLevels(in FastCell cell)
    {
        internal readonly Vector512<double> Adequate = Vector512.Create(cell.Adequate);
        internal readonly Vector512<double> Desired = Vector512.Create(cell.Desired);
        internal readonly Vector512<double> Promised = Vector512.Create(cell.Promised);
        internal readonly Vector512<double> SignedInverseScale = Vector512.Create(cell.SignedInverseScale);
    }

    /// <summary>The running sums of one run, lane by lane (the setting gap is the cell's own: its sum is a product).</summary>
    private struct RunSums
    {
        internal Vector512<long> Above;
        internal Vector512<long> Below;
        internal Vector512<long> Squares;
        internal Vector512<long> Felt;
        internal Vector512<long> FeltSquares;
        internal Vector512<double> Min;
        internal Vector512<double> Max;
        internal Vector512<long> PromiseGap;
        internal Vector512<long> BrokenGap;
        internal long Kept;
        internal long KeptBelow;
    }

    /// <summary>The lanes of a day's sums in <see cref="Scratch.DaySums"/>: sum above and below 0, squares, felt value, its square, promise gap, setting gap, broken promise gap.</summary>
    private const int DaySumLanes = 8;

    /// <summary>The bins of a day in <see cref="Scratch.DayHistogram"/>: the histogram's bins for rows whose promise was not kept, then for rows whose promise was kept.</summary>
    private const int DayBins = 2 * FixedPoint.Bins;

    /// <summary>Where a run's rows add their terms per day: the rows' day slots from the run's start, the chunk's day sums and histograms with kept rows apart, and the day aggregates' minimum and maximum.</summary>
    private readonly ref struct DaySink
    {
        internal readonly ref int Slots;
        internal readonly ref long Sums;
        internal readonly ref int Histogram;
        internal readonly ref Accum Items;

        internal DaySink(AggregateTable days, ref int slots, long[] sums, int[] histogram)
        {
            Slots = ref slots;
            Sums = ref MemoryMarshal.GetArrayDataReference(sums);
            Histogram = ref MemoryMarshal.GetArrayDataReference(histogram);
            Items = ref MemoryMarshal.GetArrayDataReference(days.Items);
        }
    }

    /// <summary>
    /// Bounds on the minimum and maximum of the days, taken before a chunk's runs (<see cref="AddRuns"/>): every day below
    /// <see cref="FirstEmpty"/> has a minimum of at most <see cref="MinCeiling"/> and a maximum of at least
    /// <see cref="MaxFloor"/>. A day's minimum only falls and its maximum only rises, so the bounds hold for the whole
    /// chunk, and a score within them, of a day below <see cref="FirstEmpty"/>, moves neither extreme of its day: the
    /// runs compare eight scores with the bounds at once and update the extremes only of the rows outside them.
    /// </summary>
    private readonly struct ExtremeBounds
    {
        /// <summary>The greatest minimum of the days below <see cref="FirstEmpty"/>.</summary>
        internal readonly double MinCeiling;

        /// <summary>The least maximum of the days below <see cref="FirstEmpty"/>.</summary>
        internal readonly double MaxFloor;

        /// <summary>The first day slot with no row yet (its minimum +∞), or the number of days.</summary>
        internal readonly int FirstEmpty;

        private ExtremeBounds(double minCeiling, double maxFloor, int firstEmpty)
        {
            MinCeiling = minCeiling;
            MaxFloor = maxFloor;
            FirstEmpty = firstEmpty;
        }

        /// <summary>The bounds of the days of <paramref name="days"/> as they are now.</summary>
        internal static ExtremeBounds Of(AggregateTable days) => new ExtremeBounds(double.NegativeInfinity, double.PositiveInfinity, 0).Extend(days);

        /// <summary>
        /// These bounds widened to the days from <see cref="FirstEmpty"/> on that have rows now, up to the next day with
        /// none: between two runs, so that the days a chunk adds (with time-sorted input, most of its rows) take the
        /// bounds once a run has given them rows.
        /// </summary>
        internal ExtremeBounds Extend(AggregateTable days)
        {
            var d = FirstEmpty;
            var count = days.Count;
            if (d >= count || !(days.Items[d].Min <= days.Items[d].Max))
            {
                return this;
            }

            var minCeiling = MinCeiling;
            var maxFloor = MaxFloor;
            ref var items = ref MemoryMarshal.GetArrayDataReference(days.Items);
            for (; d < count; d++)
            {
                ref readonly var a = ref Unsafe.Add(ref items, d);
                if (!(a.Min <= a.Max))
                {
                    // No row yet (an empty day's extremes are +∞ and −∞): from here on every row takes the update.
                    break;
                }

                minCeiling = Math.Max(minCeiling, a.Min);
                maxFloor = Math.Min(maxFloor, a.Max);
            }

            return new ExtremeBounds(minCeiling, maxFloor, d);
        }
    }

    /// <summary>The kernel's scratch for one call, rented from <see cref="ArrayPool{T}"/> and returned at its end.</summary>
    private struct Scratch
    {
        internal int[] Keys;
        internal double[] Values;
        internal int[] Counts;
        internal int[] Starts;
        internal int[]? DaySlots;

        /// <summary>Per row, in row order, its local day slot (with periods, <see cref="DaySlotsOf"/>).</summary>
        internal int[]? RowDays;

        /// <summary>Per row, its cell's place in its block (with many cells, <see cref="MoveToBlocks"/>).</summary>
        internal byte[]? Places;

        /// <summary>Per row, its key in 16 bits (with many cells and no periods, <see cref="KeyBlocks{TSource, TNarrow}"/>; <see cref="Keys"/> is then empty).</summary>
        internal ushort[]? BlockKeys;

        /// <summary>Per cell, the chunk's rows counted in 16 bits, exact in blocks of fewer than 2¹⁶ rows (with many cells, <see cref="MoveToBlocks"/>).</summary>
        internal ushort[]? CellCounts;

        /// <summary>Per block, where its next row goes (with many cells).</summary>
        internal int[]? BlockFill;
        private double[]? _blockBuffer;
        private int[]? _blockSlots;

        /// <summary>Per day slot, the chunk's <see cref="DaySumLanes"/> sums (added to the day aggregates at the chunk's end).</summary>
        internal long[]? DaySums;

        /// <summary>Per day slot, the chunk's <see cref="DayBins"/> histogram counts: rows whose promise was not kept by bin, then kept rows by bin.</summary>
        internal int[]? DayHistogram;
        internal ulong HourBase;
        private int[]? _hourSlots;

        /// <summary>The hours (about 22 months) whose day slots a call remembers, around the first it meets.</summary>
        internal const int HourWindow = 1 << 14;

        internal Scratch(int cells, int chunk, bool byPeriod, bool inBlocks)
        {
            var narrowKeys = inBlocks && !byPeriod;
            Keys = narrowKeys ? [] : ArrayPool<int>.Shared.Rent(chunk);
            if (narrowKeys)
            {
                BlockKeys = ArrayPool<ushort>.Shared.Rent(chunk);
            }

            if (inBlocks)
            {
                CellCounts = ArrayPool<ushort>.Shared.Rent(cells + 1);
            }

            Values = ArrayPool<double>.Shared.Rent(chunk + 8);
            Counts = ArrayPool<int>.Shared.Rent(cells + 1);
            Starts = ArrayPool<int>.Shared.Rent(cells + 2);
            if (byPeriod)
            {
                DaySlots = ArrayPool<int>.Shared.Rent(chunk + 8);
                RowDays = ArrayPool<int>.Shared.Rent(chunk);
            }
        }

        /// <summary>Rents the per-row places and per-block fill positions for <paramref name="blocks"/> blocks, once per call.</summary>
        internal void EnsureBlocks(int blocks)
        {
            Places ??= ArrayPool<byte>.Shared.Rent(Math.Max(Keys.Length, BlockKeys?.Length ?? 0));
            if (BlockFill is null || BlockFill.Length < blocks)
            {
                ReturnIfRented(BlockFill);
                BlockFill = ArrayPool<int>.Shared.Rent(blocks);
            }
        }

        /// <summary>Gets a buffer for a block of <paramref name="rows"/> rows and one vector more (the last vector of a run reads past it), growing it as needed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal double[] BlockBuffer(int rows)
        {
            var buffer = _blockBuffer;
            return buffer is not null && buffer.Length >= rows + 8 ? buffer : GrowBlockBuffer(rows);
        }

        /// <summary>Gets a buffer for the day slots of a block of <paramref name="rows"/> rows and one vector more, growing it as needed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int[] BlockSlots(int rows)
        {
            var buffer = _blockSlots;
            return buffer is not null && buffer.Length >= rows + 8 ? buffer : GrowBlockSlots(rows);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private int[] GrowBlockSlots(int rows)
        {
            ReturnIfRented(_blockSlots);
            _blockSlots = ArrayPool<int>.Shared.Rent(Math.Max(rows + 8, 1 << 13));
            return _blockSlots;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private double[] GrowBlockBuffer(int rows)
        {
            ReturnIfRented(_blockBuffer);
            _blockBuffer = ArrayPool<double>.Shared.Rent(Math.Max(rows + 8, 1 << 13));
            return _blockBuffer;
        }

        /// <summary>Makes the day sums and counts zero for <paramref name="slots"/> day slots, growing them as needed.</summary>
        internal void ClearDaySums(int slots)
        {
            // Both arrays checked: the pool rounds each up to its own power of two, so the histogram can hold more day
            // slots than the sums (512 slots rent sums for exactly 512 and a histogram for 1,008).
            if (DaySums is null || DayHistogram is null || DaySums.Length < slots * DaySumLanes || DayHistogram.Length < slots * DayBins)
            {
                ReturnIfRented(DaySums);
                ReturnIfRented(DayHistogram);
                var length = Math.Max(slots, 512);
                DaySums = ArrayPool<long>.Shared.Rent(length * DaySumLanes);
                DayHistogram = ArrayPool<int>.Shared.Rent(length * DayBins);
            }

            DaySums!.AsSpan(0, slots * DaySumLanes).Clear();
            DayHistogram.AsSpan(0, slots * DayBins).Clear();
        }

        /// <summary>Gets whether the call remembers hours yet (from its first chunk with periods on).</summary>
        internal readonly bool RemembersHours => _hourSlots is not null;

        /// <summary>Gets the remembered day slot of each hour from <see cref="HourBase"/> (−1 when not yet known), centring the window on <paramref name="hour"/> on first use.</summary>
        internal int[] HourSlots(ulong hour)
        {
            if (_hourSlots is null)
            {
                _hourSlots = ArrayPool<int>.Shared.Rent(HourWindow);
                _hourSlots.AsSpan().Fill(-1);
                HourBase = hour - Math.Min(hour, HourWindow / 2);
            }

            return _hourSlots;
        }

        internal readonly void Return()
        {
            if (Keys.Length != 0)
            {
                ArrayPool<int>.Shared.Return(Keys);
            }

            ArrayPool<double>.Shared.Return(Values);
            ArrayPool<int>.Shared.Return(Counts);
            ArrayPool<int>.Shared.Return(Starts);
            ReturnIfRented(DaySlots);
            ReturnIfRented(RowDays);
            ReturnIfRented(DaySums);
            ReturnIfRented(DayHistogram);
            ReturnIfRented(_hourSlots);
            ReturnIfRented(Places);
            ReturnIfRented(BlockKeys);
            ReturnIfRented(CellCounts);
            ReturnIfRented(BlockFill);
            ReturnIfRented(_blockBuffer);
            ReturnIfRented(_blockSlots);
        }

        private static void ReturnIfRented<T>(T[]? array)
        {
            if (array is not null)
            {
                ArrayPool<T>.Shared.Return(array);
            }
        }
    }

    /// <summary>Each row's cell from its indices, flags and value: the cell index, or the cell count for a row the fast path cannot take.</summary>
    private readonly struct CellKeys
    {
        private readonly Vector512<double> _lows;
        private readonly Vector512<double> _highs;
        private readonly MeasureLimits[] _limits;
        private readonly int _touchpoints;
        private readonly int _measures;
        private readonly int _slots;
        private readonly int _cells;
        private readonly bool _permute;

        internal CellKeys(ScoringPlan plan)
        {
            _limits = plan.MeasureLimits;
            _touchpoints = plan.TouchpointCount;
            _measures = plan.MeasureCount;
            _slots = plan.SegmentSlots;
            _cells = plan.FastCells.Length;
            _permute = _measures <= 8;
            Span<double> lows = stackalloc double[8];
            Span<double> highs = stackalloc double[8];
            for (var m = 0; m < Math.Min(_measures, 8); m++)
            {
                lows[m] = Low(_limits, m);
                highs[m] = High(_limits, m);
            }

            _lows = Vector512.Create(lows);
            _highs = Vector512.Create(highs);
        }

        /// <summary>Gets the cells of rows r to r + 7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal Vector256<int> Of8<TSource>(scoped in TSource source, int r)
            where TSource : IRowSource, allows ref struct
        {
            var t = source.Touchpoints8(r);
            var m = source.Measures8(r);
            var s = source.Segments8(r) + Vector256<int>.One;
            var inRange = Vector256.LessThan(t.AsUInt32(), Vector256.Create((uint)_touchpoints)) & Vector256.LessThan(m.AsUInt32(), Vector256.Create((uint)_measures))
                & Vector256.LessThan(s.AsUInt32(), Vector256.Create((uint)_slots)) & Vector256.Equals(source.Flags8(r), Vector256<int>.Zero).AsUInt32();
            var measure = m & inRange.AsInt32();
            Vector512<double> low;
            Vector512<double> high;
            if (_permute)
            {
                var control = Avx512F.ConvertToVector512Int64(measure);
                low = Avx512F.PermuteVar8x64(_lows, control);
                high = Avx512F.PermuteVar8x64(_highs, control);
            }
            else
            {
                var limits = _limits;
                low = Vector512.Create(
                    Low(limits, measure.GetElement(0)), Low(limits, measure.GetElement(1)), Low(limits, measure.GetElement(2)), Low(limits, measure.GetElement(3)),
                    Low(limits, measure.GetElement(4)), Low(limits, measure.GetElement(5)), Low(limits, measure.GetElement(6)), Low(limits, measure.GetElement(7)));
                high = Vector512.Create(
                    High(limits, measure.GetElement(0)), High(limits, measure.GetElement(1)), High(limits, measure.GetElement(2)), High(limits, measure.GetElement(3)),
                    High(limits, measure.GetElement(4)), High(limits, measure.GetElement(5)), High(limits, measure.GetElement(6)), High(limits, measure.GetElement(7)));
            }

            var v = source.Values8(r);
            var valid = Vector512.GreaterThanOrEqual(v, low) & Vector512.LessThanOrEqual(v, high) & Vector512.Equals(v - v, Vector512<double>.Zero);
            var ok = inRange.AsInt32() & Avx512F.ConvertToVector256Int32(valid.AsInt64());
            var key = (((t * _measures) + m) * _slots) + s;
            return Vector256.ConditionalSelect(ok, key, Vector256.Create(_cells));
        }

        /// <summary>Gets the cell of row r.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int Of<TSource>(scoped in TSource source, int r)
            where TSource : IRowSource, allows ref struct
        {
            var t = source.Touchpoint(r);
            var m = source.Measure(r);
            var s = source.Segment(r) + 1;
            if ((uint)t < (uint)_touchpoints && (uint)m < (uint)_measures && (uint)s < (uint)_slots && source.Flags(r) == 0)
            {
                var v = source.Value(r);
                if (v >= Low(_limits, m) && v <= High(_limits, m) && v - v == 0)
                {
                    return (((t * _measures) + m) * _slots) + s;
                }
            }

            return _cells;
        }

        // A measure with a target or yes/no values takes the row kernel's path: no value passes its range here.
        private static double Low(MeasureLimits[] limits, int m) => limits[m].Flags == 0 ? limits[m].Low : double.PositiveInfinity;

        private static double High(MeasureLimits[] limits, int m) => limits[m].Flags == 0 ? limits[m].High : double.NegativeInfinity;
    }
}
