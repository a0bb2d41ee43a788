using System.Runtime.InteropServices;

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
    private readonly Dictionary<GroupKey, JourneyAggregate.AggregateSums> _groups = [];
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
        var key = new GroupKey(state.EndSegment, _months.Of(state.EndTime), state.Owners);
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out _);
        (group ??= new()).Add(state.Count, values, _hasRecency);
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
        foreach (var (key, sums) in _groups)
        {
            var group = sums.ToAggregate();
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
}
