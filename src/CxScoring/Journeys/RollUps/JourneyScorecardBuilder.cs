using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// Journeys on the engine's path: scores <see cref="OutcomeRow"/>s with a <see cref="ScoringPlan"/> (no allocation per
/// outcome), keeps one fixed-size state per customer (<see cref="OutcomeRow.CustomerKey"/>) and builds a
/// <see cref="JourneyScorecard"/>: the distribution of every roll-up over customers, in total and per segment, owning
/// unit and month. Rows may arrive in any order and in any split: builders fed with parts of a stream and merged
/// (<see cref="Merge(JourneyScorecardBuilder)"/>) build the same scorecard, bit for bit, as one builder fed with all of it.
/// </summary>
/// <remarks>
/// <para>Memory: 144 bytes of state per customer plus the customer index (about 24 bytes per customer), whatever the
/// number of outcomes: about 170 MB for a million customers. A journey is all of a customer's outcomes fed to the
/// builder; to bound a journey in time, feed one builder per window (for example per quarter) and let it go after
/// <see cref="Build"/>, or <see cref="Forget(long)"/> customers who have left.</para>
/// <para>Order: mean, weighted mean, best, weakest link, dispersion and the peak are order-free. The end (of peak-end),
/// the recency weights and the segment need the time of each moment, not the order of arrival: the end is the last
/// moment by journey order (instant, then stage, touchpoint and measure identifiers, then the larger score), kept as
/// a maximum, so it is the same in any arrival order; recency weights are counted back from a fixed
/// <see cref="JourneyScorecardOptions.AsOf"/> instead of from the latest moment, which gives the same mean (a common
/// factor cancels) without knowing the latest moment in advance. Expectation dynamics depend on the order of
/// moments in time and are not streamed here (see <see cref="Dynamics.ExpectationTracker"/>, fed in journey order).</para>
/// <para>Dispersion here is the population standard deviation of the moments (Σx and Σx² per customer); the batch
/// <see cref="JourneyRollUp.Dispersion"/> is that of per-touchpoint means, which needs state per touchpoint.</para>
/// <para>A builder is not thread-safe: give each thread its own and merge them. The scorecards it builds are immutable.</para>
/// </remarks>
public sealed class JourneyScorecardBuilder
{
    private const int KeyTouchpointShift = 16;
    private const int KeyStageShift = 44;

    private readonly Dictionary<long, int> _index = [];
    private readonly long[] _rejected = new long[FixedPoint.ReasonCount];
    private readonly long[] _touchpointWeight;
    private readonly long[] _touchpointKey;
    private readonly long[] _measureKey;
    private readonly ulong[] _touchpointOwners;
    private readonly CellFold[] _cells;
    private readonly long _asOf;
    private readonly double _halfLifeNanoseconds;
    private CustomerJourneyState[] _states = new CustomerJourneyState[16];
    private int _count;
    private long _scored;

    /// <summary>Initializes a new instance of the <see cref="JourneyScorecardBuilder"/> class.</summary>
    /// <param name="plan">The plan that scores the rows.</param>
    /// <param name="options">The options; <see cref="JourneyScorecardOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public JourneyScorecardBuilder(ScoringPlan plan, JourneyScorecardOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        Options = options ?? JourneyScorecardOptions.Default;
        var model = plan.Model;
        var maxWeight = 0.0;
        foreach (var t in model.Touchpoints)
        {
            maxWeight = Math.Max(maxWeight, t.Weight);
        }

        var touchpointRank = Ranks(model.Touchpoints.Select(t => t.Id));
        var measureRank = Ranks(model.Measures.Select(m => m.Id));
        _touchpointWeight = new long[plan.TouchpointCount];
        _touchpointKey = new long[plan.TouchpointCount];
        _measureKey = new long[plan.MeasureCount];
        _touchpointOwners = new ulong[plan.TouchpointCount];
        var owners = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in model.Touchpoints)
        {
            if (t.Owner is { } owner)
            {
                owners.UnionWith(Model.Owners.SelfAndParents(owner));
            }
        }

        OwnerUnits = owners.Count <= 64 ? [.. owners] : [];
        for (var t = 0; t < plan.TouchpointCount; t++)
        {
            var touchpoint = model.Touchpoints[t];
            _touchpointWeight[t] = (long)(touchpoint.Weight / maxWeight * FixedPoint.One);
            _touchpointKey[t] = ((long)touchpoint.Stage << KeyStageShift) | ((long)touchpointRank[t] << KeyTouchpointShift);
            if (touchpoint.Owner is { } owner && OwnerUnits.Length > 0)
            {
                foreach (var unit in Model.Owners.SelfAndParents(owner))
                {
                    _touchpointOwners[t] |= 1UL << Array.BinarySearch(OwnerUnits, unit, StringComparer.Ordinal);
                }
            }
        }

        for (var m = 0; m < plan.MeasureCount; m++)
        {
            _measureKey[m] = measureRank[m];
        }

        // What a moment of each plan cell adds to a state besides its score and instant, in one place (one lookup per moment).
        _cells = new CellFold[plan.TouchpointCount * plan.MeasureCount * plan.SegmentSlots];
        for (var c = 0; c < _cells.Length; c++)
        {
            var segment = (c % plan.SegmentSlots) - 1;
            var measure = c / plan.SegmentSlots % plan.MeasureCount;
            var t = c / plan.SegmentSlots / plan.MeasureCount;
            _cells[c] = new CellFold(OrderKey(t, measure), _touchpointWeight[t], _touchpointOwners[t], t, measure, segment);
        }

        _asOf = Options.AsOf is { } asOf ? UnixTime.ToNanoseconds(asOf) : long.MinValue;
        _halfLifeNanoseconds = Options.RollUps.HalfLife.TotalNanoseconds;
    }

    /// <summary>Gets the plan that scores the rows.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the options.</summary>
    public JourneyScorecardOptions Options { get; }

    /// <summary>Gets the number of rows received: <see cref="Scored"/> + <see cref="Rejected"/>.</summary>
    public long Received => _scored + Rejected;

    /// <summary>Gets the number of rows scored.</summary>
    public long Scored => _scored;

    /// <summary>Gets the number of rows rejected.</summary>
    public long Rejected => Counts.Sum(_rejected);

    /// <summary>Gets the number of customers with at least one scored outcome.</summary>
    public int CustomerCount => _count;

    /// <summary>Gets the owning units journeys are filed under (each touchpoint's owner and the units above it), in ordinal order; empty when the model has more than 64.</summary>
    internal string[] OwnerUnits { get; }

    /// <summary>Gets the number of rows rejected for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long RejectedBy(RejectionReason reason) => (uint)reason < (uint)_rejected.Length ? _rejected[(int)reason] : 0;

    /// <summary>Scores one row and adds it to its customer's journey, or counts its rejection.</summary>
    /// <param name="row">The row.</param>
    public void Add(in OutcomeRow row)
    {
        if (!RowGapKernel.TryScore(Plan, row, out var score, out _, out _, out _, out var reason))
        {
            _rejected[(int)reason]++;
            return;
        }

        AddScored(row, score);
    }

    /// <summary>Scores rows and adds them to their customers' journeys, counting rejections by reason.</summary>
    /// <param name="rows">The rows, in any order.</param>
    public void Add(ReadOnlySpan<OutcomeRow> rows)
    {
        foreach (ref readonly var row in rows)
        {
            Add(row);
        }
    }

    /// <summary>Adds the state of another builder of the same plan (another part of the stream); exact, so the order of merges does not matter.</summary>
    /// <param name="other">The other builder; it is left unchanged.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="other"/> is this builder, or was made for another plan or with another <see cref="JourneyScorecardOptions.AsOf"/> or half-life.</exception>
    public void Merge(JourneyScorecardBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A builder cannot be merged into itself.", nameof(other));
        }

        if (!ReferenceEquals(other.Plan, Plan) || other.Options.AsOf != Options.AsOf || other.Options.RollUps.HalfLife != Options.RollUps.HalfLife)
        {
            throw new ArgumentException("Only builders of the same plan with the same AsOf and half-life can be merged.", nameof(other));
        }

        _scored += other._scored;
        for (var i = 0; i < _rejected.Length; i++)
        {
            _rejected[i] += other._rejected[i];
        }

        foreach (var (key, slot) in other._index)
        {
            StateOf(key).Add(other._states[slot]);
        }
    }

    /// <summary>Gets one roll-up of a customer's journey so far.</summary>
    /// <param name="customerKey">The customer's key.</param>
    /// <param name="kind">The roll-up.</param>
    /// <param name="value">The roll-up, when the customer has a scored outcome; NaN for <see cref="RollUpKind.RecencyWeighted"/> without <see cref="JourneyScorecardOptions.AsOf"/>.</param>
    /// <returns><see langword="true"/> when the customer has a scored outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="kind"/> is not a roll-up.</exception>
    public bool TryGetRollUp(long customerKey, RollUpKind kind, out double value)
    {
        if ((uint)kind >= (uint)JourneyAggregate.KindCount)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a roll-up.");
        }

        value = double.NaN;
        if (!_index.TryGetValue(customerKey, out var slot))
        {
            return false;
        }

        Span<double> values = stackalloc double[JourneyAggregate.KindCount];
        _states[slot].RollUps(values, Options.RollUps);
        value = kind == RollUpKind.RecencyWeighted && Options.AsOf is null ? double.NaN : values[(int)kind];
        return true;
    }

    /// <summary>Forgets a customer's journey (for example when the customer has left); the outcome counts keep it.</summary>
    /// <param name="customerKey">The customer's key.</param>
    /// <returns><see langword="true"/> when the customer was tracked.</returns>
    public bool Forget(long customerKey)
    {
        if (!_index.Remove(customerKey, out var slot))
        {
            return false;
        }

        // Move the last state into the hole so that states stay dense.
        _count--;
        if (slot != _count)
        {
            var lastKey = _stateKeys[_count];
            _states[slot] = _states[_count];
            _stateKeys[slot] = lastKey;
            _index[lastKey] = slot;
        }

        return true;
    }

    /// <summary>Builds the scorecard of the journeys so far; the builder can go on accumulating.</summary>
    /// <returns>The scorecard.</returns>
    public JourneyScorecard Build()
    {
        var sums = new JourneyScorecardSums(this);
        for (var i = 0; i < _count; i++)
        {
            sums.Add(_states[i]);
        }

        return sums.ToScorecard(_scored, _rejected);
    }

    /// <summary>Gets the customers' states, for analyses on the journeys (revenue at risk), in no particular order.</summary>
    internal ReadOnlySpan<CustomerJourneyState> States => _states.AsSpan(0, _count);

    /// <summary>Gets the customer key of each state in <see cref="States"/>.</summary>
    internal ReadOnlySpan<long> StateKeys => _stateKeys.AsSpan(0, _count);

    /// <summary>Gets the order key (stage, touchpoint rank, measure rank) of a touchpoint and measure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long OrderKey(int touchpoint, int measure) => _touchpointKey[touchpoint] | _measureKey[measure];

    private long[] _stateKeys = new long[16];

    /// <summary>Counts a rejected row (for passes that score the row once for several analyses).</summary>
    internal void CountRejected(RejectionReason reason) => _rejected[(int)reason]++;

    /// <summary>Adds a row scored by the caller with this builder's plan.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddScored(in OutcomeRow row, double score)
    {
        _scored++;
        Fold(ref StateOf(row.CustomerKey), row, score);
    }

    /// <summary>Adds a scored row to a customer's state, one moment at a time (the one pass folds a whole journey at once with <see cref="FoldJourney"/>, to the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Fold(ref CustomerJourneyState state, in OutcomeRow row, double score)
        => Fold(ref state, row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex, row.ObservedAtNanoseconds, score);

    /// <summary>Adds a scored moment, given by its fields, to a customer's state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Fold(ref CustomerJourneyState state, int t, int measure, int segment, long time, double score)
    {
        var recency = _asOf == long.MinValue ? 0 : RecencyWeight(time);
        state.Add(score, time, OrderKey(t, measure), _touchpointWeight[t], recency, t, measure, segment, _touchpointOwners[t]);
    }

    /// <summary>The recency weight of a moment, 2^(−age / half-life) in fixed point, its age counted back from <see cref="JourneyScorecardOptions.AsOf"/> (given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long RecencyWeight(long time)
    {
        var age = Math.Max((double)(_asOf - time), 0.0);
        return (long)(Math.Pow(2, -age / _halfLifeNanoseconds) * FixedPoint.One);
    }

    /// <summary>
    /// Folds one customer's moments into an empty state: the same bits as <see cref="Fold(ref CustomerJourneyState, int, int, int, long, double)"/> on each moment in turn,
    /// with the running sums and extremes in locals, the worst and last moments kept as their place in the journey (their
    /// order key, touchpoint, measure and segment looked up once, at the end) and the peak taken from the least and
    /// largest scores.
    /// </summary>
    /// <param name="journey">The moments, in the order that fold would take them.</param>
    /// <returns>The state.</returns>
    internal CustomerJourneyState FoldJourney(ReadOnlySpan<JourneyMoment> journey)
    {
        var none = default(NoMomentRows);
        return FoldJourney(journey, ref none);
    }

    /// <summary>
    /// Folds one customer's moments into an empty state, as <see cref="FoldJourney(ReadOnlySpan{JourneyMoment})"/>, and
    /// hands each moment with its touchpoint to <paramref name="rows"/> in the same loop (the cascade count's rows), so
    /// that the moments are read once for both.
    /// </summary>
    /// <param name="journey">The moments, in the order that fold would take them.</param>
    /// <param name="rows">Takes each moment, in order.</param>
    /// <returns>The state.</returns>
    internal CustomerJourneyState FoldJourney<TRows>(ReadOnlySpan<JourneyMoment> journey, ref TRows rows)
        where TRows : struct, IMomentRows, allows ref struct
        => _asOf == long.MinValue
            ? FoldJourney<NoRecency, TRows, RowOrder>(journey, default, ref rows)
            : FoldJourney<Recency, TRows, RowOrder>(journey, default, ref rows);

    /// <summary>
    /// Folds one customer's moments, taken in the order <paramref name="order"/> gives (each moment's place in
    /// <paramref name="journey"/>; <see cref="ContactKernel.TryOrderByInstant"/>), into the same bits as
    /// <see cref="FoldJourney(ReadOnlySpan{JourneyMoment})"/>, and hands them to <paramref name="rows"/> in that order.
    /// Taken by instant, the last moment is mostly the one taken last and the worst the first of its score, so that
    /// the fold's branches on them are predictable.
    /// </summary>
    /// <param name="journey">The moments, in row order.</param>
    /// <param name="order">A permutation of the moments' places.</param>
    /// <param name="rows">Takes each moment, in <paramref name="order"/>.</param>
    /// <returns>The state.</returns>
    internal CustomerJourneyState FoldJourney<TRows>(ReadOnlySpan<JourneyMoment> journey, ReadOnlySpan<byte> order, ref TRows rows)
        where TRows : struct, IMomentRows, allows ref struct
        => _asOf == long.MinValue
            ? FoldJourney<NoRecency, TRows, Permuted>(journey, new Permuted(order), ref rows)
            : FoldJourney<Recency, TRows, Permuted>(journey, new Permuted(order), ref rows);

    private CustomerJourneyState FoldJourney<TRecency, TRows, TOrder>(ReadOnlySpan<JourneyMoment> journey, TOrder order, ref TRows rows)
        where TRecency : struct
        where TRows : struct, IMomentRows, allows ref struct
        where TOrder : struct, IMomentOrder, allows ref struct
    {
        var cells = _cells;
        long sum = 0, sumSquares = 0, weightedSum = 0, weightTotal = 0, recencySum = 0, recencyWeight = 0;
        ulong owners = 0;
        var max = double.NegativeInfinity;

        // The worst and the last moment are kept as their place in the journey (−1 before the first): their instant,
        // order key and score are read back from the moment only when a tie needs them, so that few values stay live
        // across the loop.
        var min = double.PositiveInfinity;
        var minTime = long.MaxValue;
        var minAt = -1;
        var endTime = long.MinValue;
        var endAt = -1;
        for (var i = 0; i < journey.Length; i++)
        {
            var at = order.At(i);
            ref readonly var moment = ref journey[at];
            var score = moment.Score;
            var time = moment.Time;
            var cell = moment.Cell;
            ref readonly var c = ref cells[cell];
            rows.Add(i, time, c.Touchpoint, score);
            sum += (long)(score * FixedPoint.One);
            sumSquares += (long)(score * score * FixedPoint.One);
            weightedSum += (long)(score * c.Weight);
            weightTotal += c.Weight;
            if (typeof(TRecency) == typeof(Recency))
            {
                var recency = RecencyWeight(time);
                recencySum += (long)(score * recency);
                recencyWeight += recency;
            }

            max = Math.Max(max, score);

            // The instant is tested before the tie of scores: taken by instant, a later moment is never earlier.
            if (score < min || (time <= minTime && score == min && IsEarlier(journey, cells, minAt, minTime, time, c.Key)))
            {
                min = score;
                minTime = time;
                minAt = at;
            }

            if (time > endTime || (time == endTime && IsLater(journey, cells, endAt, c.Key, score)))
            {
                endTime = time;
                endAt = at;
            }

            owners |= c.Owners;
        }

        var state = CustomerJourneyState.Empty;
        state.Count = journey.Length;
        state.Sum = sum;
        state.SumSquares = sumSquares;
        state.WeightedSum = weightedSum;
        state.WeightTotal = weightTotal;
        state.RecencySum = recencySum;
        state.RecencyWeight = recencyWeight;
        state.Max = max;
        state.Peak = Peak(journey, min, max);
        state.Owners = owners;
        if (minAt >= 0)
        {
            ref readonly var worstMoment = ref journey[minAt];
            ref readonly var worst = ref cells[worstMoment.Cell];
            state.Min = min;
            state.MinTime = minTime;
            state.MinKey = worst.Key;
            state.MinTouchpoint = worst.Touchpoint;
            state.MinMeasure = worst.Measure;
            state.MinSegment = worst.Segment;
        }

        if (endAt >= 0)
        {
            ref readonly var endMoment = ref journey[endAt];
            ref readonly var last = ref cells[endMoment.Cell];
            state.EndTime = endTime;
            state.EndKey = last.Key;
            state.EndScore = endMoment.Score;
            state.EndSegment = last.Segment;
        }

        return state;
    }

    /// <summary>
    /// Whether a moment (its instant and order key) of the worst moment's score and not later than it comes before the
    /// worst moment so far, at <paramref name="minAt"/> and <paramref name="minTime"/> (−1: none yet, then the empty
    /// state's instant and key).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEarlier(ReadOnlySpan<JourneyMoment> journey, CellFold[] cells, int minAt, long minTime, long time, long key)
        => time < minTime || key < (minAt < 0 ? long.MaxValue : cells[journey[minAt].Cell].Key);

    /// <summary>
    /// Whether a moment (its order key and score) comes after the last moment so far, at <paramref name="endAt"/> (−1:
    /// none yet, then the empty state's key and score), among moments of the same instant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLater(ReadOnlySpan<JourneyMoment> journey, CellFold[] cells, int endAt, long key, double score)
    {
        if (endAt < 0)
        {
            return key > long.MinValue || score > double.NegativeInfinity;
        }

        ref readonly var last = ref journey[endAt];
        var lastKey = cells[last.Cell].Key;
        return key > lastKey || (key == lastKey && score > last.Score);
    }

    /// <summary>
    /// The peak of a journey (<see cref="RollUpFormulas.MorePeak"/> over its moments in order) from its least and
    /// largest scores: the moment of largest |score| is the least or the largest, the least when both are as large
    /// (a shortfall wins the tie); when every score is ±0 no later moment beats the first, so the peak is the first
    /// moment's. A NaN score (which <see cref="Math.Max(double, double)"/> carries into the largest) takes the fold
    /// moment by moment.
    /// </summary>
    private static double Peak(ReadOnlySpan<JourneyMoment> journey, double min, double max)
    {
        if (journey.IsEmpty)
        {
            return 0.0;
        }

        if (double.IsNaN(max))
        {
            var peak = journey[0].Score;
            for (var i = 1; i < journey.Length; i++)
            {
                peak = RollUpFormulas.MorePeak(peak, journey[i].Score);
            }

            return peak;
        }

        return min < 0 || max > 0 ? (-min >= max ? min : max) : journey[0].Score;
    }

    private ref CustomerJourneyState StateOf(long customerKey)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, customerKey, out var exists);
        if (!exists)
        {
            if (_count == _states.Length)
            {
                Array.Resize(ref _states, _count * 2);
                Array.Resize(ref _stateKeys, _count * 2);
            }

            slot = _count++;
            _states[slot] = CustomerJourneyState.Empty;
            _stateKeys[slot] = customerKey;
        }

        return ref _states[slot];
    }

    private static int[] Ranks(IEnumerable<string> ids)
    {
        var list = ids.ToArray();
        var order = Enumerable.Range(0, list.Length).OrderBy(i => list[i], StringComparer.Ordinal).ToArray();
        var ranks = new int[list.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    /// <summary>The order a fold takes a journey's moments in.</summary>
    private interface IMomentOrder
    {
        /// <summary>The place in the journey of the moment taken <paramref name="k"/>-th.</summary>
        int At(int k);
    }

    /// <summary>The moments as they lie (row order).</summary>
    private readonly struct RowOrder : IMomentOrder
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int At(int k) => k;
    }

    /// <summary>The moments in a given order of their places.</summary>
    private readonly ref struct Permuted(ReadOnlySpan<byte> order) : IMomentOrder
    {
        private readonly ReadOnlySpan<byte> _order = order;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int At(int k) => _order[k];
    }

    /// <summary>Marks the fold with recency weights (<see cref="JourneyScorecardOptions.AsOf"/> given).</summary>
    private struct Recency;

    /// <summary>Marks the fold without recency weights.</summary>
    private struct NoRecency;

    /// <summary>A plan cell's part of a moment: order key, touchpoint weight and owners, touchpoint, measure and segment.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct CellFold(long key, long weight, ulong owners, int touchpoint, int measure, int segment)
    {
        public readonly long Key = key;
        public readonly long Weight = weight;
        public readonly ulong Owners = owners;
        public readonly int Touchpoint = touchpoint;
        public readonly int Measure = measure;
        public readonly int Segment = segment;
    }
}
