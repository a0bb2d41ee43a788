using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CxScoring.Plans;

namespace CxScoring.Kernels;

/// <summary>Where the kernel reads outcome fields from; implemented by ref structs over spans so the JIT specialises the kernel for each.</summary>
internal interface IRowSource
{
    int Touchpoint(int i);

    int Measure(int i);

    int Segment(int i);

    int Flags(int i);

    double Value(int i);

    long Observed(int i);

    long Customer(int i);

    long Promised(int i);

    long Requested(int i);

    /// <summary>Gets a value indicating whether some row may carry a perceived rating: when not, the ratings' side pass is skipped.</summary>
    bool MayHaveRatings { get; }

    /// <summary>Gets the perceived rating of a row, NaN for none; read only when <see cref="MayHaveRatings"/>.</summary>
    double Rating(int i);

    /// <summary>Gets the touchpoints of rows i to i + 3.</summary>
    Vector128<int> Touchpoints4(int i);

    /// <summary>Gets the measures of rows i to i + 3.</summary>
    Vector128<int> Measures4(int i);

    /// <summary>Gets the segments of rows i to i + 3.</summary>
    Vector128<int> Segments4(int i);

    /// <summary>Gets the values of rows i to i + 3.</summary>
    Vector256<double> Values4(int i);

    /// <summary>Gets a value indicating whether rows i to i + 3 carry no per-outcome promise or request instant.</summary>
    bool NoFlags4(int i);

    /// <summary>Gets the touchpoints of rows i to i + 7.</summary>
    Vector256<int> Touchpoints8(int i);

    /// <summary>Gets the measures of rows i to i + 7.</summary>
    Vector256<int> Measures8(int i);

    /// <summary>Gets the segments of rows i to i + 7.</summary>
    Vector256<int> Segments8(int i);

    /// <summary>Gets the flags of rows i to i + 7.</summary>
    Vector256<int> Flags8(int i);

    /// <summary>Gets the values of rows i to i + 7.</summary>
    Vector512<double> Values8(int i);

    /// <summary>Gets the observation instants (Unix nanoseconds) of rows i to i + 7.</summary>
    Vector512<long> Observed8(int i);
}

/// <summary>Rows as an array of structs.</summary>
internal readonly ref struct RowSpanSource : IRowSource
{
    private readonly ref OutcomeRow _first;

    internal RowSpanSource(ReadOnlySpan<OutcomeRow> rows) => _first = ref MemoryMarshal.GetReference(rows);

    /// <summary>Gets a value indicating whether some row may carry a rating: rows hold their own, so the side pass looks at each.</summary>
    public bool MayHaveRatings => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Rating(int i) => Unsafe.Add(ref _first, i).PerceivedRating;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Touchpoint(int i) => Unsafe.Add(ref _first, i).TouchpointIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Measure(int i) => Unsafe.Add(ref _first, i).MeasureIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Segment(int i) => Unsafe.Add(ref _first, i).SegmentIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Flags(int i) => Unsafe.Add(ref _first, i).Flags;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int i) => Unsafe.Add(ref _first, i).Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Observed(int i) => Unsafe.Add(ref _first, i).ObservedAtNanoseconds;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Customer(int i) => Unsafe.Add(ref _first, i).CustomerKey;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Promised(int i) => Unsafe.Add(ref _first, i).RawPromised;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Requested(int i) => Unsafe.Add(ref _first, i).RequestedAtNanoseconds;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Touchpoints4(int i) => Vector128.Create(Touchpoint(i), Touchpoint(i + 1), Touchpoint(i + 2), Touchpoint(i + 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Measures4(int i) => Vector128.Create(Measure(i), Measure(i + 1), Measure(i + 2), Measure(i + 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Segments4(int i) => Vector128.Create(Segment(i), Segment(i + 1), Segment(i + 2), Segment(i + 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Values4(int i) => Vector256.Create(Value(i), Value(i + 1), Value(i + 2), Value(i + 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NoFlags4(int i) => (Flags(i) | Flags(i + 1) | Flags(i + 2) | Flags(i + 3)) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Touchpoints8(int i) => Vector256.Create(Touchpoints4(i), Touchpoints4(i + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Measures8(int i) => Vector256.Create(Measures4(i), Measures4(i + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Segments8(int i) => Vector256.Create(Segments4(i), Segments4(i + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Flags8(int i) => Vector256.Create(Flags(i), Flags(i + 1), Flags(i + 2), Flags(i + 3), Flags(i + 4), Flags(i + 5), Flags(i + 6), Flags(i + 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Values8(int i) => Vector512.Create(Values4(i), Values4(i + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<long> Observed8(int i) => Vector512.Create(Observed(i), Observed(i + 1), Observed(i + 2), Observed(i + 3), Observed(i + 4), Observed(i + 5), Observed(i + 6), Observed(i + 7));
}

/// <summary>Rows as a structure of arrays; the caller guarantees every column is at least as long as the rows read.</summary>
internal readonly ref struct ColumnSource : IRowSource
{
    private static readonly long[] NoLongs = [0];
    private static readonly int[] NoFlags = [0];
    private static readonly double[] NoRatings = [double.NaN];

    private readonly ref int _touchpoints;
    private readonly ref int _measures;
    private readonly ref int _segments;
    private readonly ref double _values;
    private readonly ref long _observed;
    private readonly ref long _customers;
    private readonly ref int _flags;
    private readonly ref long _promised;
    private readonly ref long _requested;
    private readonly ref double _ratings;
    private readonly int _optionalStride;
    private readonly bool _mayHaveRatings;

    internal ColumnSource(OutcomeColumns columns)
    {
        _touchpoints = ref MemoryMarshal.GetReference(columns.Touchpoints);
        _measures = ref MemoryMarshal.GetReference(columns.Measures);
        _segments = ref MemoryMarshal.GetReference(columns.Segments);
        _values = ref MemoryMarshal.GetReference(columns.Values);
        _observed = ref MemoryMarshal.GetReference(columns.ObservedAt);
        _customers = ref MemoryMarshal.GetReference(columns.CustomerKeys);
        _optionalStride = columns.HasOptional ? 1 : 0;
        _flags = ref MemoryMarshal.GetArrayDataReference(columns.FlagColumn ?? NoFlags);
        _promised = ref MemoryMarshal.GetArrayDataReference(columns.PromisedColumn ?? NoLongs);
        _requested = ref MemoryMarshal.GetArrayDataReference(columns.RequestedColumn ?? NoLongs);
        var ratings = columns.RatingColumn;
        _mayHaveRatings = ratings is not null;
        _ratings = ref MemoryMarshal.GetArrayDataReference(ratings ?? NoRatings);
    }

    /// <summary>Rows whose columns are views of memory the engine does not own (a decoded Arrow batch, say): no per-outcome promises.</summary>
    /// <remarks>Every span is at least as long as the rows read; <paramref name="customers"/> is read only by per-customer scorecards and may then be empty otherwise.</remarks>
    internal ColumnSource(ReadOnlySpan<int> touchpoints, ReadOnlySpan<int> measures, ReadOnlySpan<int> segments, ReadOnlySpan<double> values, ReadOnlySpan<long> observed, ReadOnlySpan<long> customers)
    {
        _touchpoints = ref MemoryMarshal.GetReference(touchpoints);
        _measures = ref MemoryMarshal.GetReference(measures);
        _segments = ref MemoryMarshal.GetReference(segments);
        _values = ref MemoryMarshal.GetReference(values);
        _observed = ref MemoryMarshal.GetReference(observed);
        _customers = ref MemoryMarshal.GetReference(customers.IsEmpty ? NoLongs : customers);
        _optionalStride = 0;
        _flags = ref MemoryMarshal.GetArrayDataReference(NoFlags);
        _promised = ref MemoryMarshal.GetArrayDataReference(NoLongs);
        _requested = ref MemoryMarshal.GetArrayDataReference(NoLongs);
        _ratings = ref MemoryMarshal.GetArrayDataReference(NoRatings);
        _mayHaveRatings = false;
    }

    /// <summary>Gets a value indicating whether the batch has a rating column: the one check a batch without ratings costs.</summary>
    public bool MayHaveRatings => _mayHaveRatings;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Rating(int i) => Unsafe.Add(ref _ratings, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Touchpoint(int i) => Unsafe.Add(ref _touchpoints, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Measure(int i) => Unsafe.Add(ref _measures, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Segment(int i) => Unsafe.Add(ref _segments, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Flags(int i) => Unsafe.Add(ref _flags, i * _optionalStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int i) => Unsafe.Add(ref _values, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Observed(int i) => Unsafe.Add(ref _observed, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Customer(int i) => Unsafe.Add(ref _customers, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Promised(int i) => Unsafe.Add(ref _promised, i * _optionalStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Requested(int i) => Unsafe.Add(ref _requested, i * _optionalStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Touchpoints4(int i) => Vector128.LoadUnsafe(ref _touchpoints, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Measures4(int i) => Vector128.LoadUnsafe(ref _measures, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<int> Segments4(int i) => Vector128.LoadUnsafe(ref _segments, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Values4(int i) => Vector256.LoadUnsafe(ref _values, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NoFlags4(int i) => _optionalStride == 0 || Vector128.LoadUnsafe(ref _flags, (nuint)i) == Vector128<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Touchpoints8(int i) => Vector256.LoadUnsafe(ref _touchpoints, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Measures8(int i) => Vector256.LoadUnsafe(ref _measures, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Segments8(int i) => Vector256.LoadUnsafe(ref _segments, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Flags8(int i) => _optionalStride == 0 ? Vector256<int>.Zero : Vector256.LoadUnsafe(ref _flags, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Values8(int i) => Vector512.LoadUnsafe(ref _values, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<long> Observed8(int i) => Vector512.LoadUnsafe(ref _observed, (nuint)i);
}
