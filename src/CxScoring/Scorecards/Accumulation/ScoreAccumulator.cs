using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Plans;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// The accumulator contract every kernel writes to: fixed-point sums per touchpoint × segment cell, per local day and,
/// when asked, per customer, and counts of scored and rejected outcomes. A <see cref="ScorecardBuilder"/> owns one and
/// turns it into a <see cref="Scorecard"/>; kernels see only this type.
/// </summary>
/// <remarks>
/// Invariants (asserted in debug builds): every outcome is counted once, as scored or as rejected; at most
/// <see cref="FixedPoint.FlushLimit"/> outcomes are added between flushes of the 64-bit sums (callers reserve before
/// adding); day slots map one-to-one to local days. Not thread-safe: each worker thread gets its own accumulator
/// (<see cref="RentWorkers"/>) and <see cref="TakeFrom"/> merges them exactly.
/// </remarks>
internal sealed class ScoreAccumulator
{
    private const int DayWindow = 4096;
    private const int MaxDayWindow = 1 << 16;

    private readonly AggregateTable _cells;
    private readonly AggregateTable _days = new(64);
    private readonly AggregateTable _customers = new(16);
    private readonly AggregateTable _touchpointDays = new(16);
    private readonly List<int[]?> _touchpointDaySlots = [];
    private readonly int[]? _touchpointOf;
    private readonly int _touchpoints;
    private readonly Dictionary<long, int> _customerSlots = [];
    private readonly Dictionary<int, int> _farDays = [];
    private readonly long[] _rejections = new long[FixedPoint.ReasonCount];
    private readonly FeltTable _felt;
    private readonly bool _byCustomer;
    private readonly bool _byPeriod;
    private readonly CalendarIndex? _calendar;
    private int[] _daySlots = [];
    private long[] _terms = [];
    private int[] _slots = [];
    private int[] _touchpointSlots = [];
    private int _dayBase;
    private long _pending;
    private ScoreAccumulator[] _workers = [];
    private RatingTable? _ratings;

    /// <summary>Initializes a new instance of the <see cref="ScoreAccumulator"/> class.</summary>
    /// <param name="felt">The plan's felt-value table.</param>
    /// <param name="cells">The number of touchpoint × segment cells.</param>
    /// <param name="calendar">The calendar of the scorecard's zone, or <see langword="null"/> without periods.</param>
    /// <param name="byCustomer">Whether to aggregate per customer.</param>
    /// <param name="touchpointOf">With touchpoint × day cells, the touchpoint of each cell; otherwise <see langword="null"/>.</param>
    /// <param name="touchpoints">The number of touchpoints.</param>
    internal ScoreAccumulator(FeltTable felt, int cells, CalendarIndex? calendar, bool byCustomer, int[]? touchpointOf = null, int touchpoints = 0)
    {
        Debug.Assert(touchpointOf is null || (calendar is not null && touchpointOf.Length == cells), "Touchpoint days need the calendar and a touchpoint per cell.");
        _touchpointOf = touchpointOf;
        _touchpoints = touchpoints;
        _felt = felt;
        _calendar = calendar;
        _byPeriod = calendar is not null;
        _byCustomer = byCustomer;
        _cells = new AggregateTable(cells);
        _cells.EnsureCount(cells);
    }

    /// <summary>Gets the calendar shared by all accumulators of the scorecard's time zone, or null without periods.</summary>
    internal CalendarIndex? Calendar => _calendar;

    /// <summary>Gets a value indicating whether outcomes are aggregated per customer.</summary>
    internal bool ByCustomer => _byCustomer;

    /// <summary>Gets a value indicating whether outcomes are aggregated per local day.</summary>
    internal bool ByPeriod => _byPeriod;

    /// <summary>Gets a value indicating whether outcomes are aggregated per touchpoint and local day.</summary>
    internal bool ByTouchpointPeriod => _touchpointOf is not null;

    /// <summary>Gets the touchpoint × day aggregates.</summary>
    internal AggregateTable TouchpointDayTable => _touchpointDays;

    /// <summary>Gets the number of outcomes scored so far.</summary>
    internal long Scored { get; private set; }

    /// <summary>Gets the number of outcomes rejected so far.</summary>
    internal long Rejected { get; private set; }

    /// <summary>Gets the felt-value table the sums are computed with.</summary>
    internal FeltTable Felt => _felt;

    /// <summary>Gets the touchpoint × segment aggregates, for kernels that add whole runs of outcomes at once.</summary>
    internal AggregateTable CellTable => _cells;

    /// <summary>Gets the day aggregates, for kernels that add whole runs of outcomes at once.</summary>
    internal AggregateTable DayTable => _days;

    /// <summary>Gets the customer aggregates.</summary>
    internal AggregateTable CustomerTable => _customers;

    /// <summary>Gets the ratings scored beside the outcomes, or <see langword="null"/> while no rating on an outcome of a rated measure was seen.</summary>
    internal RatingTable? Ratings => _ratings;

    /// <summary>
    /// The call site of the ratings' side pass: scores the rating carried on one outcome of a rated measure
    /// (<see cref="Model.Measure.RatedBy"/>) into <see cref="Ratings"/>. The kernel has counted the outcome itself.
    /// </summary>
    internal void AddRating(ScoringPlan plan, int touchpoint, int measure, int segment, int flags, double value, long observed, long rawPromised, long requested, double rating)
    {
        _ratings ??= new RatingTable(_felt, _cells.Count, plan.Cells.Length);
        _ratings.Add(plan, touchpoint, measure, segment, flags, value, observed, rawPromised, requested, rating);
    }

    /// <summary>Ends a side pass: adds the ratings still buffered to their fixed-point aggregates.</summary>
    internal void FlushRatings() => _ratings?.Flush();

    /// <summary>Gets the slot in <see cref="DayTable"/> of the local day of an instant (nanoseconds since the Unix epoch), adding it when new; only with periods on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int DaySlotOf(long observed)
    {
        Debug.Assert(_calendar is not null, "Day slots exist only with periods on.");
        return DaySlot(_calendar.DayOf(observed));
    }

    /// <summary>Counts outcomes a kernel added to <see cref="CellTable"/> itself.</summary>
    internal void AddScored(long count)
    {
        Debug.Assert(count >= 0, "A kernel cannot remove outcomes.");
        Scored += count;
    }

    /// <summary>Gets each local day with outcomes (days since the ISO epoch) and its slot in <see cref="DayTable"/>.</summary>
    internal IEnumerable<KeyValuePair<int, int>> DaySlots()
    {
        for (var offset = 0; offset < _daySlots.Length; offset++)
        {
            if (_daySlots[offset] >= 0)
            {
                yield return new(_dayBase + offset, _daySlots[offset]);
            }
        }

        foreach (var pair in _farDays)
        {
            yield return pair;
        }
    }

    /// <summary>Gets each touchpoint and local day with outcomes (days since the ISO epoch) and its slot in <see cref="TouchpointDayTable"/>.</summary>
    internal IEnumerable<(int Day, int Touchpoint, int Slot)> TouchpointDaySlots()
    {
        foreach (var (day, daySlot) in DaySlots())
        {
            if (daySlot < _touchpointDaySlots.Count && _touchpointDaySlots[daySlot] is { } slots)
            {
                for (var t = 0; t < slots.Length; t++)
                {
                    if (slots[t] >= 0)
                    {
                        yield return (day, t, slots[t]);
                    }
                }
            }
        }
    }

    /// <summary>Gets each customer key with outcomes and its slot in <see cref="CustomerTable"/>.</summary>
    internal IEnumerable<KeyValuePair<long, int>> CustomerSlots() => _customerSlots;

    /// <summary>Counts one refused outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Reject(RejectionReason reason)
    {
        _rejections[(int)reason]++;
        Rejected++;
    }

    internal long[] RejectionCounts() => [.. _rejections];

    /// <summary>Makes room for <paramref name="rows"/> more outcomes in the 64-bit sums (at most <see cref="FixedPoint.FlushLimit"/>).</summary>
    internal void Reserve(long rows)
    {
        Debug.Assert(rows >= 0 && rows <= FixedPoint.FlushLimit, "A reservation is at most the flush limit.");
        if (_pending + rows > FixedPoint.FlushLimit)
        {
            _cells.Flush();
            _days.Flush();
            _customers.Flush();
            _touchpointDays.Flush();
            _pending = 0;
        }

        _pending += rows;
    }

    /// <summary>Adds a block of scored outcomes to their touchpoint × segment groups, their days and, when asked, their customers.</summary>
    /// <param name="groups">The touchpoint × segment group of each outcome.</param>
    /// <param name="scores">The scores.</param>
    /// <param name="kept">1 where the promise was kept, else 0.</param>
    /// <param name="promiseGaps">The promise gaps (unclamped).</param>
    /// <param name="settingGaps">The setting gaps (unclamped).</param>
    /// <param name="observed">The observation instants, in nanoseconds since the Unix epoch.</param>
    /// <param name="customers">The customer keys.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBlock(ReadOnlySpan<int> groups, ReadOnlySpan<double> scores, ReadOnlySpan<long> kept, ReadOnlySpan<double> promiseGaps, ReadOnlySpan<double> settingGaps, ReadOnlySpan<long> observed, ReadOnlySpan<long> customers)
    {
        var n = scores.Length;
        if (n == 0)
        {
            return;
        }

        Debug.Assert(groups.Length >= n && kept.Length >= n, "Every scored outcome has a group and a kept flag.");
        Debug.Assert(promiseGaps.Length >= n && settingGaps.Length >= n, "Every scored outcome has its promise and setting gaps.");
        AssertKept(kept[..n], promiseGaps[..n]);
        Debug.Assert(!_byPeriod || observed.Length >= n, "With periods every outcome has its instant.");
        Debug.Assert(!_byCustomer || customers.Length >= n, "Per customer every outcome has its customer.");

        if (_terms.Length < n * BlockTerms.Columns)
        {
            _terms = new long[n * BlockTerms.Columns];
        }

        // Scratch kept in the builder: a stack buffer would be cleared on every call.
        var terms = _terms.AsSpan(0, n * BlockTerms.Columns);
        BlockTerms.Compute(_felt, scores, promiseGaps, settingGaps, terms);
        AddTo(_cells, groups, scores, kept, terms);
        if (_byPeriod || _byCustomer)
        {
            if (_slots.Length < n)
            {
                _slots = new int[n];
            }

            var slots = _slots.AsSpan(0, n);
            if (_byPeriod)
            {
                var calendar = _calendar!;
                for (var j = 0; j < n; j++)
                {
                    slots[j] = DaySlot(calendar.DayOf(observed[j]));
                }

                AddTo(_days, slots, scores, kept, terms);
                if (_touchpointOf is { } touchpointOf)
                {
                    if (_touchpointSlots.Length < n)
                    {
                        _touchpointSlots = new int[n];
                    }

                    var touchpointSlots = _touchpointSlots.AsSpan(0, n);
                    for (var j = 0; j < n; j++)
                    {
                        touchpointSlots[j] = TouchpointDaySlot(slots[j], touchpointOf[groups[j]]);
                    }

                    AddTo(_touchpointDays, touchpointSlots, scores, kept, terms);
                }
            }

            if (_byCustomer)
            {
                for (var j = 0; j < n; j++)
                {
                    slots[j] = CustomerSlot(customers[j]);
                }

                AddTo(_customers, slots, scores, kept, terms);
            }
        }

        Scored += n;
    }

    /// <summary>Gets empty accumulators for parallel workers, sharing this accumulator's felt table and calendar.</summary>
    internal ScoreAccumulator[] RentWorkers(int count)
    {
        if (_workers.Length < count)
        {
            var workers = new ScoreAccumulator[count];
            for (var i = 0; i < count; i++)
            {
                workers[i] = i < _workers.Length ? _workers[i] : new ScoreAccumulator(_felt, _cells.Count, _calendar, _byCustomer, _touchpointOf, _touchpoints);
            }

            _workers = workers;
        }

        return _workers;
    }

    /// <summary>Adds everything another accumulator holds, then clears it.</summary>
    internal void TakeFrom(ScoreAccumulator other)
    {
        Debug.Assert(other != this && other._felt == _felt && other._cells.Count == _cells.Count, "Only a worker of the same plan is merged.");
        Debug.Assert(other._calendar == _calendar && other._byCustomer == _byCustomer && other._touchpointOf == _touchpointOf, "A worker groups as its owner does.");
        Reserve(other._pending);
        foreach (var (day, touchpoint, slot) in other.TouchpointDaySlots())
        {
            _touchpointDays.AddFrom(other._touchpointDays, slot, TouchpointDaySlot(DaySlot(day), touchpoint));
        }

        for (var i = 0; i < _cells.Count; i++)
        {
            if (other._cells.Any(i))
            {
                _cells.AddFrom(other._cells, i, i);
            }
        }

        for (var offset = 0; offset < other._daySlots.Length; offset++)
        {
            if (other._daySlots[offset] >= 0)
            {
                _days.AddFrom(other._days, other._daySlots[offset], DaySlot(other._dayBase + offset));
            }
        }

        foreach (var (day, slot) in other._farDays)
        {
            _days.AddFrom(other._days, slot, DaySlot(day));
        }

        foreach (var (key, slot) in other._customerSlots)
        {
            _customers.AddFrom(other._customers, slot, CustomerSlot(key));
        }

        for (var i = 0; i < _rejections.Length; i++)
        {
            _rejections[i] += other._rejections[i];
        }

        if (other._ratings is { } ratings)
        {
            _ratings ??= new RatingTable(_felt, _cells.Count, ratings.Agreement.Length / RatingTable.AgreementCells);
            _ratings.TakeFrom(ratings);
        }

        Scored += other.Scored;
        Rejected += other.Rejected;
        other.Clear();
    }

    private void Clear()
    {
        _cells.Clear();
        _days.Clear();
        _customers.Clear();
        _touchpointDays.Clear();
        _touchpointDays.ResetCount();
        _touchpointDaySlots.Clear();
        _customerSlots.Clear();
        _farDays.Clear();
        _days.ResetCount();
        _customers.ResetCount();
        _daySlots.AsSpan().Fill(-1);
        Array.Clear(_rejections);
        Scored = Rejected = _pending = 0;
    }

    /// <summary>Adds each outcome's terms (<see cref="BlockTerms"/>) to the aggregate of its slot: one read-modify-write per sum, one histogram bin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddTo(AggregateTable table, ReadOnlySpan<int> slots, ReadOnlySpan<double> scores, ReadOnlySpan<long> kept, ReadOnlySpan<long> terms)
    {
        var n = scores.Length;
        AssertScored(table, slots, scores, kept, terms);
        ref var items = ref MemoryMarshal.GetArrayDataReference(table.Items);
        ref var histogram = ref MemoryMarshal.GetArrayDataReference(table.Histogram);
        ref var sums = ref MemoryMarshal.GetReference(terms);
        ref var squares = ref Unsafe.Add(ref sums, n);
        ref var felt = ref Unsafe.Add(ref sums, 2 * n);
        ref var feltSquares = ref Unsafe.Add(ref sums, 3 * n);
        ref var bins = ref Unsafe.Add(ref sums, 4 * n);
        ref var promiseGaps = ref Unsafe.Add(ref sums, 5 * n);
        ref var settingGaps = ref Unsafe.Add(ref sums, 6 * n);
        ref var slot0 = ref MemoryMarshal.GetReference(slots[..n]);
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        ref var kept0 = ref MemoryMarshal.GetReference(kept[..n]);
        for (var j = 0; j < n; j++)
        {
            var slot = Unsafe.Add(ref slot0, j);
            var score = Unsafe.Add(ref score0, j);
            var q = Unsafe.Add(ref sums, j);
            ref var a = ref Unsafe.Add(ref items, slot);

            // SumBelow follows SumAbove: negative terms go to SumBelow.
            Unsafe.Add(ref a.SumAbove, (int)((ulong)q >> 63)) += q;
            a.SumSquares += Unsafe.Add(ref squares, j);
            a.Felt += Unsafe.Add(ref felt, j);
            a.FeltSquares += Unsafe.Add(ref feltSquares, j);
            var k = Unsafe.Add(ref kept0, j);
            var promiseGap = Unsafe.Add(ref promiseGaps, j);
            a.Kept += k;
            a.PromiseGap += promiseGap;
            a.SettingGap += Unsafe.Add(ref settingGaps, j);

            // Broken (k = 0): the mask k − 1 is all ones. Below the zone: the score's sign bit (never −0).
            a.BrokenGap += promiseGap & (k - 1);
            a.KeptBelow += k & (long)(BitConverter.DoubleToUInt64Bits(score) >> 63);

            // Scores are never NaN nor −0 (GapCalculator.ScoreOf and the kernel's branch-free form give +0 within the
            // zone), so a comparison finds the same minimum and maximum as Math.Min and Math.Max in any order, and
            // stores only when the extreme moves.
            if (score < a.Min)
            {
                a.Min = score;
            }

            if (score > a.Max)
            {
                a.Max = score;
            }

            Unsafe.Add(ref histogram, (slot * FixedPoint.Bins) + (int)Unsafe.Add(ref bins, j))++;
        }
    }

    /// <summary>Checks, in debug builds, what <see cref="AddTo"/> relies on: slots in the table, scores in [−1, 1] (never NaN nor −0), kept 0 or 1, bins in range.</summary>
    [Conditional("DEBUG")]
    private static void AssertScored(AggregateTable table, ReadOnlySpan<int> slots, ReadOnlySpan<double> scores, ReadOnlySpan<long> kept, ReadOnlySpan<long> terms)
    {
        var n = scores.Length;
        Debug.Assert(terms.Length >= n * BlockTerms.Columns, "Every outcome has its terms.");
        for (var j = 0; j < n; j++)
        {
            Debug.Assert((uint)slots[j] < (uint)table.Count, "A slot is an aggregate of the table.");
            Debug.Assert(scores[j] is >= -1.0 and <= 1.0, "A score is in [−1, 1] and never NaN.");
            Debug.Assert(!(scores[j] == 0 && double.IsNegative(scores[j])), "A score is never −0: the minimum and maximum compare by value.");
            Debug.Assert(kept[j] is 0 or 1, "Kept is 0 or 1.");
            Debug.Assert((ulong)terms[(4 * n) + j] < FixedPoint.Bins, "A histogram bin is in range.");
            Debug.Assert(Math.Abs(terms[(5 * n) + j]) <= 1L << 32 && Math.Abs(terms[(6 * n) + j]) <= 1L << 32, "A gap term is at most 2³² in magnitude.");
        }
    }

    /// <summary>Checks, in debug builds, that each outcome counts as kept exactly when its promise gap is not negative.</summary>
    [Conditional("DEBUG")]
    private static void AssertKept(ReadOnlySpan<long> kept, ReadOnlySpan<double> promiseGaps)
    {
        for (var j = 0; j < kept.Length; j++)
        {
            Debug.Assert(kept[j] == (promiseGaps[j] >= 0 ? 1 : 0), "Kept means a promise gap of at least 0.");
            Debug.Assert(double.IsFinite(promiseGaps[j]), "A promise gap is finite.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DaySlot(int day)
    {
        var offset = day - _dayBase;
        if ((uint)offset < (uint)_daySlots.Length)
        {
            var slot = _daySlots[offset];
            if (slot >= 0)
            {
                return slot;
            }
        }

        return NewDaySlot(day);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NewDaySlot(int day)
    {
        if (_daySlots.Length == 0)
        {
            _dayBase = day - (DayWindow / 2);
            _daySlots = new int[DayWindow];
            _daySlots.AsSpan().Fill(-1);
        }

        var offset = (long)day - _dayBase;
        if (offset < 0 || offset >= _daySlots.Length)
        {
            var low = Math.Min(_dayBase, (long)day);
            var high = Math.Max((long)_dayBase + _daySlots.Length, (long)day + 1);
            if (high - low > MaxDayWindow)
            {
                if (!_farDays.TryGetValue(day, out var far))
                {
                    far = _days.Append();
                    _farDays.Add(day, far);
                }

                return far;
            }

            var length = (int)Math.Min(MaxDayWindow, Math.Max(high - low, _daySlots.Length * 2L));
            var newBase = offset < 0 ? (int)(high - length) : _dayBase;
            var slots = new int[length];
            slots.AsSpan().Fill(-1);
            _daySlots.CopyTo(slots, _dayBase - newBase);
            _daySlots = slots;
            _dayBase = newBase;
            offset = (long)day - _dayBase;
        }

        if (_daySlots[offset] < 0)
        {
            _daySlots[offset] = _days.Append();
        }

        return _daySlots[offset];
    }

    /// <summary>Gets the slot in <see cref="TouchpointDayTable"/> of a touchpoint on the day of a day slot, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TouchpointDaySlot(int daySlot, int touchpoint)
    {
        if (daySlot < _touchpointDaySlots.Count && _touchpointDaySlots[daySlot] is { } slots && slots[touchpoint] >= 0)
        {
            return slots[touchpoint];
        }

        return NewTouchpointDaySlot(daySlot, touchpoint);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NewTouchpointDaySlot(int daySlot, int touchpoint)
    {
        while (_touchpointDaySlots.Count <= daySlot)
        {
            _touchpointDaySlots.Add(null);
        }

        var slots = _touchpointDaySlots[daySlot];
        if (slots is null)
        {
            slots = new int[_touchpoints];
            slots.AsSpan().Fill(-1);
            _touchpointDaySlots[daySlot] = slots;
        }

        if (slots[touchpoint] < 0)
        {
            slots[touchpoint] = _touchpointDays.Append();
        }

        return slots[touchpoint];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CustomerSlot(long key)
    {
        if (!_customerSlots.TryGetValue(key, out var slot))
        {
            slot = _customers.Append();
            _customerSlots.Add(key, slot);
        }

        return slot;
    }
}
