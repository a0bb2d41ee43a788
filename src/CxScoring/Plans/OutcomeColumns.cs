using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CxScoring.Plans;

/// <summary>
/// A batch of outcomes as a structure of arrays, for the engine's columnar path: fill the column spans (or call
/// <see cref="Add(in OutcomeRow)"/>), set <see cref="Count"/>, score, <see cref="Clear"/> and fill again. The
/// optional per-outcome promises live in columns allocated on first use.
/// </summary>
/// <remarks>
/// Columns are read from index 0 to <see cref="Count"/> − 1. <see cref="Segments"/> starts filled with
/// <see cref="OutcomeRow.NoSegment"/> and <see cref="CustomerKeys"/> with 0; <see cref="Clear"/> restores both.
/// Instances are not thread-safe; do not change a batch while the engine scores it.
/// </remarks>
public sealed class OutcomeColumns
{
    private readonly int[] _touchpoints;
    private readonly int[] _measures;
    private readonly int[] _segments;
    private readonly double[] _values;
    private readonly long[] _observed;
    private readonly long[] _customers;
    private int[]? _flags;
    private long[]? _promised;
    private long[]? _requested;
    private double[]? _ratings;
    private bool _rated;
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="OutcomeColumns"/> class.</summary>
    /// <param name="capacity">The most outcomes the batch holds.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="capacity"/> is negative.</exception>
    public OutcomeColumns(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _touchpoints = new int[capacity];
        _measures = new int[capacity];
        _segments = new int[capacity];
        _values = new double[capacity];
        _observed = new long[capacity];
        _customers = new long[capacity];
        _segments.AsSpan().Fill(OutcomeRow.NoSegment);
    }

    private OutcomeColumns(int capacity, bool pooled)
    {
        Debug.Assert(pooled, "Only Rent uses this constructor.");
        Capacity = capacity;
        _touchpoints = ArrayPool<int>.Shared.Rent(capacity);
        _measures = ArrayPool<int>.Shared.Rent(capacity);
        _segments = ArrayPool<int>.Shared.Rent(capacity);
        _values = ArrayPool<double>.Shared.Rent(capacity);
        _observed = ArrayPool<long>.Shared.Rent(capacity);
        _customers = ArrayPool<long>.Shared.Rent(capacity);
    }

    /// <summary>Gets the most outcomes the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Gets or sets the number of outcomes in the batch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the value set is negative or above <see cref="Capacity"/>.</exception>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _count = value;
        }
    }

    /// <summary>Gets the touchpoint index column.</summary>
    public Span<int> Touchpoints => _touchpoints;

    /// <summary>Gets the measure index column.</summary>
    public Span<int> Measures => _measures;

    /// <summary>Gets the segment index column (<see cref="OutcomeRow.NoSegment"/> for none).</summary>
    public Span<int> Segments => _segments;

    /// <summary>Gets the delivered value column.</summary>
    public Span<double> Values => _values;

    /// <summary>Gets the observation instant column, in nanoseconds since the Unix epoch.</summary>
    public Span<long> ObservedAt => _observed;

    /// <summary>Gets the customer key column.</summary>
    public Span<long> CustomerKeys => _customers;

    /// <summary>Gets the perceived rating column (<see cref="OutcomeRow.PerceivedRating"/>; NaN for none), allocated
    /// filled with NaN on first use. Getting it marks the batch as carrying ratings until <see cref="Clear"/>.</summary>
    public Span<double> PerceivedRatings
    {
        get
        {
            EnsureRatings();
            _rated = true;
            return _ratings;
        }
    }

    internal bool HasOptional => _flags is not null;

    /// <summary>Gets the rating column when the batch may carry ratings, else <see langword="null"/>: the one check a batch without ratings costs.</summary>
    internal double[]? RatingColumn => _rated ? _ratings : null;

    /// <summary>Appends one outcome.</summary>
    /// <param name="row">The outcome.</param>
    /// <exception cref="InvalidOperationException">Thrown when the batch is full.</exception>
    public void Add(in OutcomeRow row)
    {
        if (_count == Capacity)
        {
            throw new InvalidOperationException($"The batch is full: it holds {Capacity} outcomes. Score it and call Clear() before adding more.");
        }

        var i = _count++;
        _touchpoints[i] = row.TouchpointIndex;
        _measures[i] = row.MeasureIndex;
        _segments[i] = row.SegmentIndex;
        _values[i] = row.Value;
        _observed[i] = row.ObservedAtNanoseconds;
        _customers[i] = row.CustomerKey;
        if (row.Flags != 0 || _flags is not null)
        {
            EnsureOptional();
            _flags![i] = row.Flags;
            _promised![i] = row.RawPromised;
            _requested![i] = row.RequestedAtNanoseconds;
        }

        if (row.HasPerceivedRating)
        {
            EnsureRatings();
            _rated = true;
            _ratings[i] = row.PerceivedRating;
        }
        else if (_ratings is not null)
        {
            _ratings[i] = double.NaN;
        }
    }

    /// <summary>Appends one outcome without per-outcome promises to a batch the caller knows has room.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void Append(int touchpoint, int measure, int segment, double value, long observedAt, long customerKey)
    {
        var i = _count;
        _touchpoints[i] = touchpoint;
        _measures[i] = measure;
        _segments[i] = segment;
        _values[i] = value;
        _observed[i] = observedAt;
        _customers[i] = customerKey;
        _count = i + 1;
    }

    /// <summary>Gets one outcome of the batch as a row.</summary>
    /// <param name="index">The outcome's index.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public OutcomeRow GetRow(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        var row = new OutcomeRow(_touchpoints[index], _measures[index], _values[index], _observed[index], _segments[index], _customers[index]);
        var flags = Flags(index);
        if ((flags & OutcomeRow.HasPromisedLevelFlag) != 0)
        {
            row = row.WithPromisedLevel(BitConverter.Int64BitsToDouble(_promised![index]));
        }

        if ((flags & OutcomeRow.HasPromisedByFlag) != 0)
        {
            row = row.WithPromisedBy(_promised![index]);
        }

        if ((flags & OutcomeRow.HasRequestedAtFlag) != 0)
        {
            row = row.WithRequestedAt(_requested![index]);
        }

        if (_ratings is not null)
        {
            row = row.WithPerceivedRating(_ratings[index]);
        }

        return row;
    }

    /// <summary>Gives one outcome its own promised level.</summary>
    /// <param name="index">The outcome's index.</param>
    /// <param name="level">The promised level.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="index"/> is outside the capacity.</exception>
    public void SetPromisedLevel(int index, double level)
    {
        RequireIndex(index);
        _flags![index] = (_flags[index] & ~OutcomeRow.HasPromisedByFlag) | OutcomeRow.HasPromisedLevelFlag;
        _promised![index] = BitConverter.DoubleToInt64Bits(level);
    }

    /// <summary>Gives one outcome its own deadline.</summary>
    /// <param name="index">The outcome's index.</param>
    /// <param name="deadlineNanoseconds">The deadline, in nanoseconds since the Unix epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="index"/> is outside the capacity.</exception>
    public void SetPromisedBy(int index, long deadlineNanoseconds)
    {
        RequireIndex(index);
        _flags![index] = (_flags[index] & ~OutcomeRow.HasPromisedLevelFlag) | OutcomeRow.HasPromisedByFlag;
        _promised![index] = deadlineNanoseconds;
    }

    /// <summary>Gives one outcome the instant its request was made.</summary>
    /// <param name="index">The outcome's index.</param>
    /// <param name="requestedAtNanoseconds">The request instant, in nanoseconds since the Unix epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="index"/> is outside the capacity.</exception>
    public void SetRequestedAt(int index, long requestedAtNanoseconds)
    {
        RequireIndex(index);
        _flags![index] |= OutcomeRow.HasRequestedAtFlag;
        _requested![index] = requestedAtNanoseconds;
    }

    /// <summary>Gives one outcome the customer's own rating of it.</summary>
    /// <param name="index">The outcome's index.</param>
    /// <param name="rating">The rating; NaN for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="index"/> is outside the capacity.</exception>
    public void SetPerceivedRating(int index, double rating)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        PerceivedRatings[index] = rating;
    }

    /// <summary>Empties the batch for reuse: <see cref="Count"/> 0, segments none, customer keys 0, no per-outcome promises, no ratings.</summary>
    public void Clear()
    {
        if (_rated)
        {
            _ratings!.AsSpan().Fill(double.NaN);
            _rated = false;
        }

        _segments.AsSpan(0, _count).Fill(OutcomeRow.NoSegment);
        _customers.AsSpan(0, _count).Clear();
        _flags?.AsSpan(0, _count).Clear();
        _count = 0;
    }

    /// <summary>
    /// Rents a scratch batch whose main columns come from the shared array pool (uninitialised: fill it with
    /// <see cref="Fill"/> only) and go back with <see cref="ReturnRented"/>, so that repeated analyses do not
    /// allocate and fault in fresh memory for every call.
    /// </summary>
    internal static OutcomeColumns Rent(int capacity) => new(capacity, pooled: true);

    /// <summary>Returns the main columns of a batch from <see cref="Rent"/> to the shared pool; the batch must not be used after.</summary>
    internal void ReturnRented()
    {
        ArrayPool<int>.Shared.Return(_touchpoints);
        ArrayPool<int>.Shared.Return(_measures);
        ArrayPool<int>.Shared.Return(_segments);
        ArrayPool<double>.Shared.Return(_values);
        ArrayPool<long>.Shared.Return(_observed);
        ArrayPool<long>.Shared.Return(_customers);
        _count = 0;
    }

    /// <summary>Replaces the batch with rows, at most <see cref="Capacity"/> of them: one transposing pass, without the checks of <see cref="Add(in OutcomeRow)"/>.</summary>
    internal void Fill(ReadOnlySpan<OutcomeRow> rows)
    {
        var n = rows.Length;
        var touchpoints = _touchpoints.AsSpan(0, n);
        var measures = _measures.AsSpan(0, n);
        var segments = _segments.AsSpan(0, n);
        var values = _values.AsSpan(0, n);
        var observed = _observed.AsSpan(0, n);
        var customers = _customers.AsSpan(0, n);
        var flagged = 0;
        var rated = 0L;
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            touchpoints[i] = row.TouchpointIndex;
            measures[i] = row.MeasureIndex;
            segments[i] = row.SegmentIndex;
            values[i] = row.Value;
            observed[i] = row.ObservedAtNanoseconds;
            customers[i] = row.CustomerKey;
            flagged |= row.Flags;
            rated |= row.RawRating;
        }

        if (_rated)
        {
            _ratings!.AsSpan().Fill(double.NaN);
            _rated = false;
        }

        if (rated != 0)
        {
            var ratings = PerceivedRatings;
            for (var i = 0; i < rows.Length; i++)
            {
                ratings[i] = rows[i].PerceivedRating;
            }
        }

        if (flagged != 0 || _flags is not null)
        {
            EnsureOptional();
            var flags = _flags.AsSpan(0, n);
            var promised = _promised.AsSpan(0, n);
            var requested = _requested.AsSpan(0, n);
            for (var i = 0; i < rows.Length; i++)
            {
                ref readonly var row = ref rows[i];
                flags[i] = row.Flags;
                promised[i] = row.RawPromised;
                requested[i] = row.RequestedAtNanoseconds;
            }
        }

        _count = n;
    }

    internal int Flags(int index) => _flags is null ? 0 : _flags[index];

    internal int[]? FlagColumn => _flags;

    internal long[]? PromisedColumn => _promised;

    internal long[]? RequestedColumn => _requested;

    private void RequireIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        EnsureOptional();
    }

    [MemberNotNull(nameof(_ratings))]
    private void EnsureRatings()
    {
        if (_ratings is null)
        {
            _ratings = new double[Capacity];
            _ratings.AsSpan().Fill(double.NaN);
        }
    }

    private void EnsureOptional()
    {
        _flags ??= new int[Capacity];
        _promised ??= new long[Capacity];
        _requested ??= new long[Capacity];
    }
}
