using System.Runtime.CompilerServices;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The distributions of a <see cref="JourneyScorecard"/>, fed one customer state at a time: each journey's roll-ups
/// go to the group of its (segment, owning units, month) and the groups are added into the total, per segment, per
/// owner and per month at the end. Every sum is exact (integer counts and fixed-point sums, histograms, minimum and
/// maximum), so the scorecard is the same, bit for bit, as adding every journey to each of its cells directly, in
/// any order.
/// </summary>
/// <remarks>Not thread-safe: one per build.</remarks>
internal sealed class JourneyScorecardSums
{
    private readonly JourneyScorecardBuilder _shape;
    private readonly MonthOrdinals _months;
    private readonly GroupTable _groups = new();
    private readonly bool _hasRecency;
    private readonly double[] _values = new double[JourneyAggregate.KindCount];

    /// <summary>Initializes a new instance of the <see cref="JourneyScorecardSums"/> class.</summary>
    /// <param name="shape">The builder whose plan, options and owning units the scorecard follows.</param>
    internal JourneyScorecardSums(JourneyScorecardBuilder shape)
    {
        _shape = shape;
        _months = new MonthOrdinals(shape.Options.TimeZone);
        _hasRecency = shape.Options.AsOf is not null;
    }

    /// <summary>Adds one customer's journey.</summary>
    /// <param name="state">The journey's state (at least one moment).</param>
    internal void Add(in CustomerJourneyState state)
    {
        state.RollUps(_values, _shape.Options.RollUps);
        AddRolledUp(state, _values);
    }

    /// <summary>Adds one customer's journey whose roll-ups the caller has computed with <see cref="CustomerJourneyState.RollUps"/>.</summary>
    internal void AddRolledUp(in CustomerJourneyState state, ReadOnlySpan<double> values)
    {
        _groups.Find(state.EndSegment, _months.Of(state.EndTime), state.Owners).Add(state.Count, values, _hasRecency);
    }

    /// <summary>Builds the scorecard.</summary>
    /// <param name="scored">The number of scored rows.</param>
    /// <param name="rejected">The rejected rows per reason.</param>
    internal JourneyScorecard ToScorecard(long scored, long[] rejected)
    {
        var plan = _shape.Plan;
        var owners = _shape.OwnerUnits;
        var total = new JourneyAggregate.AggregateSums();
        var noSegment = new JourneyAggregate.AggregateSums();
        var segments = new JourneyAggregate.AggregateSums?[plan.SegmentCount];
        var byOwnerSums = new JourneyAggregate.AggregateSums?[owners.Length];
        var byMonthSums = new SortedDictionary<int, JourneyAggregate.AggregateSums>();
        for (var g = 0; g < _groups.Count; g++)
        {
            var key = _groups.KeyAt(g);
            var group = _groups.SumsAt(g).ToAggregate();
            total.Add(group);
            (key.Segment == Plans.OutcomeRow.NoSegment ? noSegment : segments[key.Segment] ??= new()).Add(group);
            for (var bits = key.Owners; bits != 0; bits &= bits - 1)
            {
                (byOwnerSums[System.Numerics.BitOperations.TrailingZeroCount(bits)] ??= new()).Add(group);
            }

            if (!byMonthSums.TryGetValue(key.Month, out var month))
            {
                month = new();
                byMonthSums.Add(key.Month, month);
            }

            month.Add(group);
        }

        var bySegment = new SortedDictionary<string, JourneyAggregate>(StringComparer.Ordinal);
        for (var s = 0; s < segments.Length; s++)
        {
            if (segments[s] is { } sums)
            {
                bySegment.Add(plan.Model.Segments[s].Id, sums.ToAggregate());
            }
        }

        var byOwner = new SortedDictionary<string, JourneyAggregate>(StringComparer.Ordinal);
        for (var o = 0; o < byOwnerSums.Length; o++)
        {
            if (byOwnerSums[o] is { } sums)
            {
                byOwner.Add(owners[o], sums.ToAggregate());
            }
        }

        var byMonth = new SortedDictionary<NodaTime.LocalDate, JourneyAggregate>();
        foreach (var (month, sums) in byMonthSums)
        {
            byMonth.Add(MonthOrdinals.ToDate(month), sums.ToAggregate());
        }

        return new JourneyScorecard(plan, scored, [.. rejected], total.ToAggregate(), bySegment, noSegment.ToAggregate(), byOwner, byMonth);
    }

    private readonly record struct GroupKey(int Segment, int Month, ulong Owners);

    /// <summary>
    /// The groups met, found by open addressing on a multiplicative hash of (segment, month, owners): one probe of a
    /// 24-byte slot (segment · 2³² + month, the owners, the group's index) in the usual case, at most
    /// half full, instead of a dictionary's hashing and comparison of the three fields through their comparers.
    /// </summary>
    private sealed class GroupTable
    {
        private Slot[] _slots = new Slot[64];
        private GroupKey[] _keys = new GroupKey[16];
        private JourneyAggregate.AggregateSums[] _sums = new JourneyAggregate.AggregateSums[16];
        private int _count;
        private int _shift = 64 - 6;

        internal int Count => _count;

        internal GroupKey KeyAt(int index) => _keys[index];

        internal JourneyAggregate.AggregateSums SumsAt(int index) => _sums[index];

        internal JourneyAggregate.AggregateSums Find(int segment, int month, ulong owners)
        {
            var packed = ((ulong)(uint)segment << 32) | (uint)month;
            var slots = _slots;
            var mask = slots.Length - 1;
            for (var i = Hash(packed, owners, _shift); ; i = (i + 1) & mask)
            {
                ref var slot = ref slots[i];
                if (slot.Index == 0)
                {
                    return Add(ref slot, packed, owners, segment, month);
                }

                if (slot.Packed == packed && slot.Owners == owners)
                {
                    return _sums[slot.Index - 1];
                }
            }
        }

        private static int Hash(ulong packed, ulong owners, int shift)
            => (int)(((packed * 0x9E3779B97F4A7C15UL) ^ (owners * 0xC2B2AE3D27D4EB4FUL)) * 0x9E3779B97F4A7C15UL >> shift);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private JourneyAggregate.AggregateSums Add(ref Slot slot, ulong packed, ulong owners, int segment, int month)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _sums, _count * 2);
            }

            var sums = new JourneyAggregate.AggregateSums();
            _keys[_count] = new GroupKey(segment, month, owners);
            _sums[_count] = sums;
            slot = new Slot(packed, owners, ++_count);
            if (_count * 2 > _slots.Length)
            {
                Rehash();
            }

            return sums;
        }

        private void Rehash()
        {
            var slots = new Slot[_slots.Length * 2];
            _shift--;
            var mask = slots.Length - 1;
            for (var g = 0; g < _count; g++)
            {
                var key = _keys[g];
                var packed = ((ulong)(uint)key.Segment << 32) | (uint)key.Month;
                var i = Hash(packed, key.Owners, _shift);
                while (slots[i].Index != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = new Slot(packed, key.Owners, g + 1);
            }

            _slots = slots;
        }

        /// <summary>A slot: the packed segment and month, the owners and the group's index + 1 (0 for an empty slot).</summary>
        private readonly struct Slot(ulong packed, ulong owners, int index)
        {
            public readonly ulong Packed = packed;
            public readonly ulong Owners = owners;
            public readonly int Index = index;
        }
    }
}
