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
/// With calendar periods, each fast row's day slot is filed next to its value, the runs also write out each row's score
/// and promise-kept mask, and a second counting sort groups those by day, each day then being added as one run too.
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

    /// <summary>The most rows a chunk groups (scratch rented for the call: 12 bytes a row, 48 with days).</summary>
    internal const int MaxChunk = (1 << 20) - 8;

    /// <summary>Gets the rows per chunk to group a batch of <paramref name="rows"/> rows in, or 0 when the row kernel should score it.</summary>
    internal static int ChunkRowsFor(ScoringPlan plan, ScoreAccumulator sink, int rows)
    {
        if (!Avx512F.IsSupported || !Avx512DQ.IsSupported || sink.ByCustomer || sink.ByTouchpointPeriod)
        {
            return 0;
        }

        // 32 rows a cell rounded down to a power of two (smaller chunks keep many cells' runs in cache), less one vector,
        // so that the scratch padded by a vector is a whole ArrayPool bucket.
        var chunk = (1L << BitOperations.Log2((ulong)Math.Max(MinChunk, (long)plan.FastCells.Length * MinAverageRun))) - 8;
        return chunk > MaxChunk || rows < chunk / 2 ? 0 : (int)chunk;
    }

    /// <summary>Scores rows <paramref name="start"/> to <paramref name="end"/> in chunks of <paramref name="chunk"/> rows.</summary>
    internal static void Run<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int start, int end, long indexBase, RejectionHandler? onRejected, int chunk)
        where TSource : IRowSource, allows ref struct
    {
        var scratch = new Scratch(plan.FastCells.Length, chunk, sink.ByPeriod);
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
    /// Five passes: key each row by its plan cell (<see cref="KeyRows"/>); score the slow rows through the row kernel
    /// (<see cref="ScoreSlowRows"/>); turn the cell counts into run bounds (<see cref="RunBounds"/>); move each value into
    /// its cell's run (<see cref="MoveValues"/>, or <see cref="MoveWithDays"/> with periods); score each run
    /// (<see cref="AddRuns"/>) and, with periods, regroup the scores by day (<see cref="AddDays"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool RunChunk<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int from, int to, long indexBase, RejectionHandler? onRejected, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var n = to - from;
        var cells = plan.FastCells.Length;
        Debug.Assert(n > 0 && n <= scratch.Keys.Length, "A chunk fits its scratch.");
        var slow = KeyRows(plan, source, from, n, ref scratch);
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

        RunBounds(cells, ref scratch);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.Keys);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(scratch.Counts);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        var byPeriod = sink.ByPeriod;
        if (byPeriod)
        {
            MoveWithDays(sink, source, from, n, cells, ref keys, ref counts, ref values, ref scratch);
        }
        else
        {
            MoveValues(source, from, n, ref keys, ref counts, ref values);
        }

        AssertRunsFilled(cells, n, ref scratch);
        AddRuns(plan, sink.CellTable, byPeriod, ref scratch);
        if (byPeriod)
        {
            AddDays(plan.Felt, sink.DayTable, scratch.Starts[cells], ref scratch);
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
                key = Vector256.Create(
                    Unsafe.Add(ref runKeys, key.GetElement(0)), Unsafe.Add(ref runKeys, key.GetElement(1)), Unsafe.Add(ref runKeys, key.GetElement(2)), Unsafe.Add(ref runKeys, key.GetElement(3)),
                    Unsafe.Add(ref runKeys, key.GetElement(4)), Unsafe.Add(ref runKeys, key.GetElement(5)), Unsafe.Add(ref runKeys, key.GetElement(6)), Unsafe.Add(ref runKeys, key.GetElement(7)));
            }

            key.StoreUnsafe(ref keys, (nuint)i);
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 1))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 2))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 3))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 4))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 5))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 6))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref keys, i + 7))++;
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

    /// <summary>Scores the chunk's slow rows, in index order, through the row kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScoreSlowRows<TSource>(ScoringPlan plan, ScoreAccumulator sink, scoped in TSource source, int from, int n, int slow, long indexBase, RejectionHandler? onRejected, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        var cells = plan.FastCells.Length;
        var keys = scratch.Keys;
        var list = ArrayPool<int>.Shared.Rent(slow);
        try
        {
            var count = 0;
            for (var r = 0; r < n; r++)
            {
                if (keys[r] == cells)
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

    /// <summary>Pass 4: scores each fast cell's run into its aggregate; with periods, keeps each fast row's score, promise-kept mask and gap terms for pass 5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRuns(ScoringPlan plan, AggregateTable table, bool byPeriod, ref Scratch scratch)
    {
        var cells = plan.FastCells.Length;
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
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
                AddRun<Yes>(plan.Felt, plan.FastCells[c], scratch.Values.AsSpan(first, length), table, c, ref scratch.Scores![first], ref scratch.Kept![first], ref scratch.PromiseTerms![first], ref scratch.SettingTerms![first]);
            }
            else
            {
                AddRun<No>(plan.Felt, plan.FastCells[c], scratch.Values.AsSpan(first, length), table, c, ref Unsafe.NullRef<double>(), ref Unsafe.NullRef<long>(), ref Unsafe.NullRef<long>(), ref Unsafe.NullRef<long>());
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
    /// Pass 3 with calendar periods: also files each fast row's day slot next to its value and counts the days. The day
    /// slot of each whole hour that falls on one local day is remembered for the call, so most rows cost one read.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MoveWithDays<TSource>(ScoreAccumulator sink, scoped in TSource source, int from, int n, int cells, ref int keys, ref int counts, ref double values, ref Scratch scratch)
        where TSource : IRowSource, allows ref struct
    {
        ref var daySlots = ref MemoryMarshal.GetArrayDataReference(scratch.DaySlots!);
        scratch.ClearDayCounts(sink.DayTable.Count);
        var dayCounts = scratch.DayCounts!;
        var first = 0;
        while (first < n - 1 && Unsafe.Add(ref keys, first) == cells)
        {
            first++;
        }

        var hours = scratch.HourSlots(CalendarIndex.HourOf(source.Observed(from + first)));
        ref var hour0 = ref MemoryMarshal.GetArrayDataReference(hours);
        var hourBase = scratch.HourBase;
        for (var j = 0; j < n; j++)
        {
            var k = Unsafe.Add(ref keys, j);
            var at = Unsafe.Add(ref counts, k)++;
            Unsafe.Add(ref values, at) = source.Value(from + j);
            if (k != cells)
            {
                var observed = source.Observed(from + j);
                var offset = CalendarIndex.HourOf(observed) - hourBase;
                var day = offset < Scratch.HourWindow ? Unsafe.Add(ref hour0, (nint)offset) : -1;
                if (day < 0)
                {
                    day = NewHourSlot(sink, hours, offset, observed);
                }

                if ((uint)day >= (uint)dayCounts.Length)
                {
                    dayCounts = scratch.GrowDayCounts(day);
                }

                Unsafe.Add(ref daySlots, at) = day;
                dayCounts[day]++;
            }
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

    /// <summary>Groups the first <paramref name="fast"/> scores (the fast rows, in cell order) by day and adds each day's run to its aggregate.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddDays(FeltTable felt, AggregateTable days, int fast, ref Scratch scratch)
    {
        var dayCounts = scratch.DayCounts!;
        var dayStarts = scratch.DayStarts(days.Count + 1);
        var slots = days.Count;
        var sum = 0;
        for (var d = 0; d < slots; d++)
        {
            dayStarts[d] = sum;
            sum += dayCounts[d];
            dayCounts[d] = dayStarts[d];
        }

        dayStarts[slots] = sum;
        ref var daySlots = ref MemoryMarshal.GetArrayDataReference(scratch.DaySlots!);
        ref var scores = ref MemoryMarshal.GetArrayDataReference(scratch.Scores!);
        ref var kept = ref MemoryMarshal.GetArrayDataReference(scratch.Kept!);
        ref var dayScores = ref MemoryMarshal.GetArrayDataReference(scratch.DayScores!);
        ref var dayKept = ref MemoryMarshal.GetArrayDataReference(scratch.DayKept!);
        ref var promiseTerms = ref MemoryMarshal.GetArrayDataReference(scratch.PromiseTerms!);
        ref var settingTerms = ref MemoryMarshal.GetArrayDataReference(scratch.SettingTerms!);
        ref var dayPromiseTerms = ref MemoryMarshal.GetArrayDataReference(scratch.DayPromiseTerms!);
        ref var daySettingTerms = ref MemoryMarshal.GetArrayDataReference(scratch.DaySettingTerms!);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(dayCounts);
        for (var p = 0; p < fast; p++)
        {
            var at = Unsafe.Add(ref ends, Unsafe.Add(ref daySlots, p))++;
            Unsafe.Add(ref dayScores, at) = Unsafe.Add(ref scores, p);
            Unsafe.Add(ref dayKept, at) = Unsafe.Add(ref kept, p);
            Unsafe.Add(ref dayPromiseTerms, at) = Unsafe.Add(ref promiseTerms, p);
            Unsafe.Add(ref daySettingTerms, at) = Unsafe.Add(ref settingTerms, p);
        }

        for (var d = 0; d < slots; d++)
        {
            var first = dayStarts[d];
            var length = dayStarts[d + 1] - first;
            if (length != 0)
            {
                AddScoredRun(felt, scratch.DayScores.AsSpan(first, length), scratch.DayKept.AsSpan(first, length + 8), scratch.DayPromiseTerms.AsSpan(first, length + 8), scratch.DaySettingTerms.AsSpan(first, length + 8), days, d);
            }
        }
    }

    /// <summary>
    /// Scores one cell's run of values and adds it to the aggregate of <paramref name="group"/>; when
    /// <typeparamref name="TStore"/> is <see cref="Yes"/>, also writes each value's score, promise-kept mask (all bits or none) and
    /// gap terms at <paramref name="scoreOut"/>, <paramref name="keptOut"/>, <paramref name="promiseOut"/> and
    /// <paramref name="settingOut"/>, which have room for the run and one vector more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRun<TStore>(FeltTable felt, in FastCell cell, ReadOnlySpan<double> run, AggregateTable table, int group, ref double scoreOut, ref long keptOut, ref long promiseOut, ref long settingOut)
        where TStore : struct, IChoice
    {
        var levels = new RunLevels(cell);

        // The setting gap is the cell's own: one term for the whole run, as the row kernel computes it per row.
        var setting = Vector512.Create(FixedPoint.GapTerm((cell.Promised - cell.Adequate) * cell.SignedInverseScale));
        ref var tableValues = ref MemoryMarshal.GetArrayDataReference(felt.Values);
        ref var histogram = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Histogram), group * FixedPoint.Bins);
        var sums = new RunSums { Min = Vector512.Create(double.PositiveInfinity), Max = Vector512.Create(double.NegativeInfinity) };
        Span<long> scratch = stackalloc long[16];
        ref var offsets = ref MemoryMarshal.GetReference(scratch);
        ref var value0 = ref MemoryMarshal.GetReference(run);
        var n = run.Length;
        var j = 0;
        for (; j <= n - 8; j += 8)
        {
            var (s, kept, promiseGap) = Score(levels, Vector512.LoadUnsafe(ref value0, (nuint)j));
            var promise = BlockTerms.GapTerms8(promiseGap);
            if (TStore.IsYes)
            {
                s.StoreUnsafe(ref scoreOut, (nuint)j);
                kept.StoreUnsafe(ref keptOut, (nuint)j);
                promise.StoreUnsafe(ref promiseOut, (nuint)j);
                setting.StoreUnsafe(ref settingOut, (nuint)j);
            }

            AddTerms(ref sums, s, kept, promise, setting, Vector512<long>.AllBitsSet, 8, ref tableValues, ref histogram, ref offsets);
        }

        if (j < n)
        {
            // The last vector reads past the run (the scratch is padded): those lanes score the adequate level and count nothing.
            var live = Vector512.LessThan(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(n - j)));
            var (s, kept, promiseGap) = Score(levels, Vector512.ConditionalSelect(live.AsDouble(), Vector512.LoadUnsafe(ref value0, (nuint)j), levels.Adequate));
            kept &= live;
            var promise = BlockTerms.GapTerms8(promiseGap) & live;
            var lastSetting = setting & live;
            if (TStore.IsYes)
            {
                s.StoreUnsafe(ref scoreOut, (nuint)j);
                kept.StoreUnsafe(ref keptOut, (nuint)j);
                promise.StoreUnsafe(ref promiseOut, (nuint)j);
                lastSetting.StoreUnsafe(ref settingOut, (nuint)j);
            }

            AddTerms(ref sums, s, kept, promise, lastSetting, live, n - j, ref tableValues, ref histogram, ref offsets);
        }

        Commit(sums, table, group);
    }

    /// <summary>Adds a run of scores already computed (and their promise-kept masks and gap terms) to aggregate <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScoredRun(FeltTable felt, ReadOnlySpan<double> scores, ReadOnlySpan<long> keptMasks, ReadOnlySpan<long> promiseTerms, ReadOnlySpan<long> settingTerms, AggregateTable table, int slot)
    {
        ref var tableValues = ref MemoryMarshal.GetArrayDataReference(felt.Values);
        ref var histogram = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Histogram), slot * FixedPoint.Bins);
        var sums = new RunSums { Min = Vector512.Create(double.PositiveInfinity), Max = Vector512.Create(double.NegativeInfinity) };
        Span<long> scratch = stackalloc long[16];
        ref var offsets = ref MemoryMarshal.GetReference(scratch);
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        ref var kept0 = ref MemoryMarshal.GetReference(keptMasks);
        ref var promise0 = ref MemoryMarshal.GetReference(promiseTerms);
        ref var setting0 = ref MemoryMarshal.GetReference(settingTerms);
        var n = scores.Length; // keptMasks and the terms have room for one vector more
        var j = 0;
        for (; j <= n - 8; j += 8)
        {
            AddTerms(ref sums, Vector512.LoadUnsafe(ref score0, (nuint)j), Vector512.LoadUnsafe(ref kept0, (nuint)j), Vector512.LoadUnsafe(ref promise0, (nuint)j), Vector512.LoadUnsafe(ref setting0, (nuint)j), Vector512<long>.AllBitsSet, 8, ref tableValues, ref histogram, ref offsets);
        }

        if (j < n)
        {
            var live = Vector512.LessThan(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(n - j)));
            var s = Vector512.ConditionalSelect(live.AsDouble(), Vector512.LoadUnsafe(ref score0, (nuint)j), Vector512<double>.Zero);
            AddTerms(ref sums, s, Vector512.LoadUnsafe(ref kept0, (nuint)j) & live, Vector512.LoadUnsafe(ref promise0, (nuint)j) & live, Vector512.LoadUnsafe(ref setting0, (nuint)j) & live, live, n - j, ref tableValues, ref histogram, ref offsets);
        }

        Commit(sums, table, slot);
    }

    /// <summary>Adds a run's sums to aggregate <paramref name="index"/> of <paramref name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Commit(RunSums sums, AggregateTable table, int index)
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
        accum.SettingGap += Vector512.Sum(sums.SettingGap);
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
    /// run's sums and histogram, with their gap terms (zero in lanes that do not count).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms(ref RunSums sums, Vector512<double> s, Vector512<long> kept, Vector512<long> promise, Vector512<long> setting, Vector512<long> live, int count, ref double tableValues, ref int histogram, ref long offsets)
    {
        // count is a constant 8 for whole vectors once inlined, so the masks below fold away there.
        var masked = count != 8;
        var one = Vector512.Create(FixedPoint.One);
        sums.Kept += BitOperations.PopCount(kept.ExtractMostSignificantBits());

        // As BlockTerms, lane by lane.
        var negative = Vector512.LessThan(s, Vector512<double>.Zero);
        var positive = Vector512.GreaterThan(s, Vector512<double>.Zero);
        sums.KeptBelow += BitOperations.PopCount((kept & negative.AsInt64()).ExtractMostSignificantBits());
        sums.PromiseGap += promise;
        sums.SettingGap += setting;
        sums.BrokenGap += Vector512.AndNot(promise, kept);
        var q = Vector512.ConvertToInt64Native(s * one);
        var squares = Vector512.ConvertToInt64Native(s * s * one);
        var f = BlockTerms.Felt8(ref tableValues, s, negative, ref offsets);
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
        sums.Above += Vector512.AndNot(q, sign);
        sums.Below += q & sign;
        sums.Squares += squares;
        sums.Felt += felt;
        sums.FeltSquares += feltSquares;
        sums.Min = Vector512.MinNative(sums.Min, low);
        sums.Max = Vector512.MaxNative(sums.Max, high);
        var bin = BlockTerms.Bin8(s, negative, positive);
        ref var bins = ref Unsafe.Add(ref offsets, 8);
        bin.StoreUnsafe(ref bins);
        if (count == 8)
        {
            Unsafe.Add(ref histogram, (nint)bins)++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 1))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 2))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 3))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 4))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 5))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 6))++;
            Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, 7))++;
        }
        else
        {
            for (var l = 0; l < count; l++)
            {
                Unsafe.Add(ref histogram, (nint)Unsafe.Add(ref bins, l))++;
            }
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

    /// <summary>The running sums of one run, lane by lane.</summary>
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
        internal Vector512<long> SettingGap;
        internal Vector512<long> BrokenGap;
        internal long Kept;
        internal long KeptBelow;
    }

    /// <summary>The kernel's scratch for one call, rented from <see cref="ArrayPool{T}"/> and returned at its end.</summary>
    private struct Scratch
    {
        internal int[] Keys;
        internal double[] Values;
        internal int[] Counts;
        internal int[] Starts;
        internal int[]? DaySlots;
        internal double[]? Scores;
        internal long[]? Kept;
        internal double[]? DayScores;
        internal long[]? DayKept;
        internal long[]? PromiseTerms;
        internal long[]? SettingTerms;
        internal long[]? DayPromiseTerms;
        internal long[]? DaySettingTerms;
        internal int[]? DayCounts;
        internal ulong HourBase;
        private int[]? _dayStarts;
        private int[]? _hourSlots;

        /// <summary>The hours (about 22 months) whose day slots a call remembers, around the first it meets.</summary>
        internal const int HourWindow = 1 << 14;

        internal Scratch(int cells, int chunk, bool byPeriod)
        {
            Keys = ArrayPool<int>.Shared.Rent(chunk);
            Values = ArrayPool<double>.Shared.Rent(chunk + 8);
            Counts = ArrayPool<int>.Shared.Rent(cells + 1);
            Starts = ArrayPool<int>.Shared.Rent(cells + 2);
            if (byPeriod)
            {
                DaySlots = ArrayPool<int>.Shared.Rent(chunk);
                Scores = ArrayPool<double>.Shared.Rent(chunk + 8);
                Kept = ArrayPool<long>.Shared.Rent(chunk + 8);
                DayScores = ArrayPool<double>.Shared.Rent(chunk + 8);
                DayKept = ArrayPool<long>.Shared.Rent(chunk + 8);
                PromiseTerms = ArrayPool<long>.Shared.Rent(chunk + 8);
                SettingTerms = ArrayPool<long>.Shared.Rent(chunk + 8);
                DayPromiseTerms = ArrayPool<long>.Shared.Rent(chunk + 8);
                DaySettingTerms = ArrayPool<long>.Shared.Rent(chunk + 8);
            }
        }

        /// <summary>Makes the day counts zero for at least <paramref name="slots"/> day slots.</summary>
        internal void ClearDayCounts(int slots) => Array.Clear(AtLeast(ref DayCounts, Math.Max(slots, 256)));

        /// <summary>Makes room for day slot <paramref name="slot"/>, keeping the counts so far.</summary>
        internal int[] GrowDayCounts(int slot)
        {
            var grown = ArrayPool<int>.Shared.Rent(Math.Max(slot + 1, DayCounts!.Length * 2));
            Array.Clear(grown);
            DayCounts.CopyTo(grown, 0);
            ArrayPool<int>.Shared.Return(DayCounts);
            DayCounts = grown;
            return grown;
        }

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

        /// <summary>Gets room for <paramref name="length"/> day starts.</summary>
        internal int[] DayStarts(int length) => AtLeast(ref _dayStarts, length);

        internal readonly void Return()
        {
            ArrayPool<int>.Shared.Return(Keys);
            ArrayPool<double>.Shared.Return(Values);
            ArrayPool<int>.Shared.Return(Counts);
            ArrayPool<int>.Shared.Return(Starts);
            ReturnIfRented(DaySlots);
            ReturnIfRented(Scores);
            ReturnIfRented(Kept);
            ReturnIfRented(DayScores);
            ReturnIfRented(DayKept);
            ReturnIfRented(PromiseTerms);
            ReturnIfRented(SettingTerms);
            ReturnIfRented(DayPromiseTerms);
            ReturnIfRented(DaySettingTerms);
            ReturnIfRented(DayCounts);
            ReturnIfRented(_dayStarts);
            ReturnIfRented(_hourSlots);
        }

        /// <summary>Gets <paramref name="array"/>, swapped for a longer rented one (contents not kept) when shorter than <paramref name="length"/>.</summary>
        private static int[] AtLeast(ref int[]? array, int length)
        {
            if (array is null || array.Length < length)
            {
                ReturnIfRented(array);
                array = ArrayPool<int>.Shared.Rent(length);
            }

            return array;
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
