using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Arrow;

/// <summary>
/// One thread's step from Arrow record batches to scored <see cref="OutcomeColumns"/>: each column is read whole
/// (dictionary columns through a map from dictionary entry to plan index, made once per dictionary; plain utf8 columns
/// looked up by their bytes, no string made), then one pass files malformed rows with their row number and moves the
/// good ones together. Used by one thread at a time.
/// </summary>
internal sealed class BatchMapper
{
    /// <summary>Rows per scored slice: small enough that the engine scores it on this thread.</summary>
    internal const int SliceRows = 8192;

    /// <summary>Marks a required identifier that is null or empty: the row is malformed.</summary>
    private const int Missing = int.MinValue;

    private const long MissingCustomer = long.MinValue;
    private const long UnassignedCustomer = long.MinValue + 1;

    private const byte Good = 0;
    private const byte ObservedMissing = 1;
    private const byte OutOfRange = 2;

    private readonly ScoringEngine _engine;
    private readonly PlanIds _ids;
    private readonly string _source;
    private OutcomeSchema _schema;
    private Schema _boundTo;
    private readonly MapperColumns _workSpace = WorkerBuffers.RentColumns();
    private readonly OutcomeColumns _columns;
    private readonly byte[] _state;
    private readonly int[] _entries;
    private readonly Utf8CustomerKeys? _customers;
    private readonly OutcomeRowsHandler? _rows;
    private OutcomeRow[]? _handed;
    private DictionaryMap _touchpointMap;
    private DictionaryMap _measureMap;
    private DictionaryMap _segmentMap;
    private DictionaryMap _customerMap;

    internal BatchMapper(ScoringEngine engine, PlanIds ids, OutcomeSchema schema, Schema boundTo, string source, ScorecardBuilder builder, OutcomeRowsHandler? rows = null)
    {
        _rows = rows;
        _engine = engine;
        _ids = ids;
        _schema = schema;
        _boundTo = boundTo;
        _source = source;
        Builder = builder;
        _columns = _workSpace.Columns;
        _state = _workSpace.State;
        _entries = _workSpace.Entries;
        _customers = builder.Options.ByCustomer || rows is not null ? new Utf8CustomerKeys(builder.Customers) : null;
    }

    internal ScorecardBuilder Builder { get; }

    /// <summary>
    /// Gives the work space back for a later mapper (of this file or another); called once every batch has been
    /// processed without a failure (a slice stopped by an exception may leave its columns other than as
    /// <see cref="OutcomeColumns.Clear"/> leaves them, so a mapper that failed is left to the collector). The mapper is
    /// not used after.
    /// </summary>
    internal void Release() => WorkerBuffers.ReturnColumns(_workSpace);

    /// <summary>Scores one record batch; malformed rows go to <paramref name="result"/> with their row number counted from <paramref name="firstRow"/> (1-based).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Process(RecordBatch batch, long firstRow, UnitResult result)
    {
        if (!ReferenceEquals(batch.Schema, _boundTo))
        {
            // The file's columns (checked when the file was opened), or those a reader read for this unit: all of
            // them, or fewer when its statistics showed that the customer column has no null or empty customer or an
            // optional column holds only nulls.
            _schema = OutcomeSchema.Bind(batch.Schema, _source, customerChecked: true);
            _boundTo = batch.Schema;
        }

        var length = batch.Length;
        var inPlace = CanScoreInPlace(batch);
        for (var start = 0; start < length; start += SliceRows)
        {
            var count = Math.Min(SliceRows, length - start);
            if (!inPlace || !TryScoreInPlace(batch, start, count, result))
            {
                Slice(batch, start, count, firstRow + start, result);
            }
        }
    }

    /// <summary>
    /// Whether a batch's slices may be scored from its own buffers: no per-customer scorecard, a value column without
    /// nulls, identifiers and instants without nulls, and no per-outcome promise or rating in the batch (those columns
    /// absent or all null). Each slice is then checked for what a batch cannot tell (an empty or unknown-to-the-file
    /// identifier, a number that is not finite, an instant outside the engine's range) by <see cref="TryScoreInPlace"/>.
    /// </summary>
    private bool CanScoreInPlace(RecordBatch batch)
    {
        if (_customers is not null || _schema.ValueColumn < 0 || batch.Column(_schema.ValueColumn).NullCount > 0)
        {
            return false;
        }

        if (batch.Column(_schema.TouchpointColumn).NullCount > 0 || batch.Column(_schema.MeasureColumn).NullCount > 0
            || batch.Column(_schema.ObservedAtColumn).NullCount > 0
            || (_schema.CustomerColumn >= 0 && batch.Column(_schema.CustomerColumn).NullCount > 0))
        {
            return false;
        }

        return AllNull(batch, _schema.PromisedLevelColumn) && AllNull(batch, _schema.PromisedByColumn)
            && AllNull(batch, _schema.RequestedAtColumn) && AllNull(batch, _schema.PerceivedRatingColumn);
    }

    /// <summary>Whether a column is absent from the batch or holds only nulls.</summary>
    private static bool AllNull(RecordBatch batch, int column)
        => column < 0 || batch.Column(column).NullCount == batch.Length;

    /// <summary>
    /// Scores a slice from the batch's buffers when every row of it is well formed: the value column and (nanosecond)
    /// instants are the engine's columns as they are; identifiers are mapped to plan indices (through the
    /// per-dictionary map) into this mapper's columns. The engine gets the same rows as <see cref="Slice"/> would give
    /// it, so the scorecard is the same bit for bit.
    /// </summary>
    /// <returns><see langword="false"/>, having scored nothing, when a row of the slice needs the row-by-row path.</returns>
    private bool TryScoreInPlace(RecordBatch batch, int start, int count, UnitResult result)
    {
        var values = ((DoubleArray)batch.Column(_schema.ValueColumn)).Values.Slice(start, count);
        if (!AllFinite(values) || (_schema.CustomerColumn >= 0 && !NoEmptyCustomer(batch.Column(_schema.CustomerColumn), start, count)))
        {
            return false;
        }

        var touchpoints = _columns.Touchpoints[..count];
        var measures = _columns.Measures[..count];
        MapIds(batch.Column(_schema.TouchpointColumn), start, touchpoints, _ids.Touchpoints, ref _touchpointMap, required: true);
        MapIds(batch.Column(_schema.MeasureColumn), start, measures, _ids.Measures, ref _measureMap, required: true);
        if (touchpoints.Contains(Missing) || measures.Contains(Missing))
        {
            return false;
        }

        var observedColumn = batch.Column(_schema.ObservedAtColumn);
        ReadOnlySpan<long> observed = ((PrimitiveArray<long>)observedColumn).Values.Slice(start, count);
        var factor = Factor(observedColumn.Data.DataType);
        if (factor != 1)
        {
            var converted = _columns.ObservedAt[..count];
            for (var j = 0; j < observed.Length; j++)
            {
                if (!ToNanoseconds(observed[j], factor, out converted[j]))
                {
                    return false;
                }
            }

            observed = converted;
        }

        var segmentColumn = _schema.SegmentColumn >= 0 ? batch.Column(_schema.SegmentColumn) : null;
        var mapSegments = segmentColumn is not null && segmentColumn.NullCount < batch.Length;
        var segments = _columns.Segments[..count];
        if (mapSegments)
        {
            MapIds(segmentColumn!, start, segments, _ids.Segments, ref _segmentMap, required: false);
        }

        result.Read += count;
        _engine.ScoreViews(new ColumnSource(touchpoints, measures, segments, values, observed, default), count, Builder);
        if (mapSegments)
        {
            // The row-by-row path expects the column as Clear() leaves it.
            segments.Fill(OutcomeRow.NoSegment);
        }

        return true;
    }

    /// <summary>Whether no customer of a slice is empty (the caller has checked the column has no nulls).</summary>
    private bool NoEmptyCustomer(IArrowArray column, int start, int count)
    {
        if (column is StringArray strings)
        {
            // An empty string is an offset equal to the next one.
            var offsets = strings.ValueOffsets.Slice(start, count + 1);
            return NoEqualNeighbours(offsets);
        }

        var dictionary = (DictionaryArray)column;
        var entries = _customerMap.ForCustomers(dictionary.Dictionary);
        var keyed = _entries.AsSpan(0, count);
        Gather(dictionary.Indices, start, keyed, entries, Missing);
        return !keyed.Contains(Missing);
    }

    private static bool NoEqualNeighbours(ReadOnlySpan<int> offsets)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= offsets.Length - 1 - Vector<int>.Count; i += Vector<int>.Count)
            {
                if (Vector.EqualsAny(new Vector<int>(offsets[i..]), new Vector<int>(offsets[(i + 1)..])))
                {
                    return false;
                }
            }
        }

        for (; i < offsets.Length - 1; i++)
        {
            if (offsets[i] == offsets[i + 1])
            {
                return false;
            }
        }

        return true;
    }

    private void Slice(RecordBatch batch, int start, int count, long firstRow, UnitResult result)
    {
        var columns = _columns;
        var state = _state.AsSpan(0, count);
        state.Clear();
        MapIds(batch.Column(_schema.TouchpointColumn), start, columns.Touchpoints[..count], _ids.Touchpoints, ref _touchpointMap, required: true);
        MapIds(batch.Column(_schema.MeasureColumn), start, columns.Measures[..count], _ids.Measures, ref _measureMap, required: true);
        if (!AllNull(batch, _schema.SegmentColumn))
        {
            MapIds(batch.Column(_schema.SegmentColumn), start, columns.Segments[..count], _ids.Segments, ref _segmentMap, required: false);
        }

        var customerColumn = _schema.CustomerColumn >= 0 ? batch.Column(_schema.CustomerColumn) : null;
        if (customerColumn is not null)
        {
            MapCustomers(customerColumn, start, columns.CustomerKeys[..count]);
        }

        ReadInstants(batch.Column(_schema.ObservedAtColumn), start, columns.ObservedAt[..count], state, ObservedMissing);

        var values = _schema.ValueColumn >= 0 ? (DoubleArray)batch.Column(_schema.ValueColumn) : null;
        if (values is not null)
        {
            values.Values.Slice(start, count).CopyTo(columns.Values);
        }

        // A column of nulls only is as good as absent (the writers write absent optional fields so).
        var promisedLevel = AllNull(batch, _schema.PromisedLevelColumn) ? null : (DoubleArray)batch.Column(_schema.PromisedLevelColumn);
        var rating = AllNull(batch, _schema.PerceivedRatingColumn) ? null : (DoubleArray)batch.Column(_schema.PerceivedRatingColumn);
        var promisedBy = AllNull(batch, _schema.PromisedByColumn) ? null : batch.Column(_schema.PromisedByColumn);
        var requestedAt = AllNull(batch, _schema.RequestedAtColumn) ? null : batch.Column(_schema.RequestedAtColumn);
        var optional = promisedLevel is not null || promisedBy is not null || requestedAt is not null;
        var checkValues = values is null || values.NullCount > 0 || rating is not null || !AllFinite(columns.Values[..count]);

        var touchpoints = columns.Touchpoints;
        var measures = columns.Measures;
        var segments = columns.Segments;
        var customers = columns.CustomerKeys;
        var observed = columns.ObservedAt;
        var deltas = columns.Values;
        var kept = 0;
        for (var j = 0; j < count; j++)
        {
            var row = start + j;
            string? field = null;
            string? message = null;
            if (customers[j] == MissingCustomer)
            {
                field = OutcomeSchema.Customer;
            }
            else if (touchpoints[j] == Missing)
            {
                field = OutcomeSchema.Touchpoint;
            }
            else if (measures[j] == Missing)
            {
                field = OutcomeSchema.Measure;
            }
            else if (state[j] == ObservedMissing)
            {
                field = OutcomeSchema.ObservedAt;
            }

            long deadline = 0;
            long requested = 0;
            var hasDeadline = false;
            var hasRequested = false;
            if (field is null && optional)
            {
                if (promisedBy is not null && Instant(promisedBy, row, out deadline, out var inRange))
                {
                    hasDeadline = true;
                    state[j] |= inRange ? Good : OutOfRange;
                }

                if (requestedAt is not null && Instant(requestedAt, row, out requested, out inRange))
                {
                    hasRequested = true;
                    state[j] |= inRange ? Good : OutOfRange;
                }
            }

            if (field is null && checkValues)
            {
                if (values is null || values.IsNull(row))
                {
                    if (!hasDeadline && !hasRequested)
                    {
                        (field, message) = (OutcomeSchema.Value, "missing value; only a deadline record (one with promisedBy or requestedAt) may omit it.");
                    }
                    else
                    {
                        deltas[j] = 0;
                    }
                }
                else if (!double.IsFinite(deltas[j]))
                {
                    (field, message) = (OutcomeSchema.Value, "the number is not finite.");
                }

                if (field is null && rating is not null && !rating.IsNull(row) && !double.IsFinite(rating.Values[row]))
                {
                    (field, message) = (OutcomeSchema.PerceivedRating, "the number is not finite.");
                }
            }

            double level = 0;
            var hasLevel = false;
            if (field is null && promisedLevel is not null && !promisedLevel.IsNull(row))
            {
                level = promisedLevel.Values[row];
                hasLevel = true;
                if (!double.IsFinite(level))
                {
                    (field, message) = (OutcomeSchema.PromisedLevel, "the number is not finite.");
                }
            }

            if (field is not null)
            {
                result.Errors.Add(new RowError(firstRow + j, field, message ?? "missing required field."));
                continue;
            }

            result.Read++;
            if (_customers is { } keys)
            {
                customers[j] = CustomerKey(keys, customerColumn!, row, j);
            }

            if (state[j] != Good)
            {
                ScoringKernel.Reject(Builder.Accumulator, RejectionReason.InstantOutOfRange, 0, null);
                continue;
            }

            if (kept != j)
            {
                touchpoints[kept] = touchpoints[j];
                measures[kept] = measures[j];
                segments[kept] = segments[j];
                customers[kept] = customers[j];
                observed[kept] = observed[j];
                deltas[kept] = deltas[j];
            }

            if (hasLevel)
            {
                columns.SetPromisedLevel(kept, level);
            }

            if (hasDeadline)
            {
                columns.SetPromisedBy(kept, deadline);
            }

            if (hasRequested)
            {
                columns.SetRequestedAt(kept, requested);
            }

            if (rating is not null && !rating.IsNull(row))
            {
                // Finite here: a rating that is not is a malformed record above.
                columns.SetPerceivedRating(kept, rating.Values[row]);
            }

            kept++;
        }

        // Rows dropped above left their segment and customer behind; Clear() resets the whole slice's worth below.
        columns.Count = kept;
        if (kept > 0)
        {
            _engine.ScoreColumns(columns, Builder);
            if (_rows is { } handler)
            {
                Hand(columns, kept, handler);
            }
        }

        columns.Count = count;
        columns.Clear();
    }

    /// <summary>Hands the rows of a slice the engine was given to the caller's handler.</summary>
    private void Hand(OutcomeColumns columns, int count, OutcomeRowsHandler handler)
    {
        var rows = _handed ??= new OutcomeRow[SliceRows];
        for (var i = 0; i < count; i++)
        {
            rows[i] = columns.GetRow(i);
        }

        handler(rows.AsSpan(0, count));
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var limit = new Vector<double>(double.MaxValue);
            var bad = Vector<long>.Zero;
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);

                // |v| <= MaxValue is false for ±Infinity and NaN.
                bad |= ~Vector.LessThanOrEqual(Vector.Abs(v), limit);
            }

            if (bad != Vector<long>.Zero)
            {
                return false;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads an optional instant of one row.</summary>
    /// <returns><see langword="true"/> when the row has one; <paramref name="inRange"/> tells whether it fits the engine's nanoseconds.</returns>
    private static bool Instant(IArrowArray column, int row, out long nanoseconds, out bool inRange)
    {
        if (column.IsNull(row))
        {
            nanoseconds = 0;
            inRange = true;
            return false;
        }

        var raw = ((PrimitiveArray<long>)column).Values[row];
        inRange = ToNanoseconds(raw, Factor(column.Data.DataType), out nanoseconds);
        return true;
    }

    private static long Factor(IArrowType type) => type is TimestampType timestamp
        ? timestamp.Unit switch
        {
            Apache.Arrow.Types.TimeUnit.Second => 1_000_000_000L,
            Apache.Arrow.Types.TimeUnit.Millisecond => 1_000_000L,
            Apache.Arrow.Types.TimeUnit.Microsecond => 1_000L,
            _ => 1L,
        }
        : 1L;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ToNanoseconds(long raw, long factor, out long nanoseconds)
    {
        if (factor == 1)
        {
            nanoseconds = raw;
            return true;
        }

        var high = Math.BigMul(raw, factor, out nanoseconds);
        return high == (nanoseconds >> 63);
    }

    private static void ReadInstants(IArrowArray column, int start, Span<long> target, Span<byte> state, byte missing)
    {
        var raw = ((PrimitiveArray<long>)column).Values.Slice(start, target.Length);
        var factor = Factor(column.Data.DataType);
        if (factor == 1)
        {
            raw.CopyTo(target);
        }
        else
        {
            for (var j = 0; j < raw.Length; j++)
            {
                if (!ToNanoseconds(raw[j], factor, out target[j]))
                {
                    state[j] = OutOfRange;
                }
            }
        }

        if (column.NullCount > 0)
        {
            for (var j = 0; j < target.Length; j++)
            {
                if (column.IsNull(start + j))
                {
                    state[j] = missing;
                }
            }
        }
    }

    private static void MapIds(IArrowArray column, int start, Span<int> target, Utf8IdLookup lookup, ref DictionaryMap cache, bool required)
    {
        var absent = required ? Missing : OutcomeRow.NoSegment;
        if (column is StringArray strings)
        {
            var offsets = strings.ValueOffsets;
            var bytes = strings.Values;
            var nulls = strings.NullCount > 0;
            for (var j = 0; j < target.Length; j++)
            {
                var row = start + j;
                var id = bytes[offsets[row]..offsets[row + 1]];
                if (id.IsEmpty || (nulls && strings.IsNull(row)))
                {
                    target[j] = absent;
                }
                else
                {
                    var index = lookup.Find(id);
                    target[j] = index >= 0 || required ? index : -2;
                }
            }

            return;
        }

        var dictionary = (DictionaryArray)column;
        var map = cache.For(dictionary.Dictionary, required, lookup, absent);
        Gather(dictionary.Indices, start, target, map, absent);
    }

    /// <summary>Marks the rows whose customer is null or empty; keys are given later, to read rows only, in row order.</summary>
    private void MapCustomers(IArrowArray column, int start, Span<long> target)
    {
        if (column is StringArray strings)
        {
            var offsets = strings.ValueOffsets;
            var nulls = strings.NullCount > 0;
            for (var j = 0; j < target.Length; j++)
            {
                var row = start + j;
                target[j] = offsets[row] == offsets[row + 1] || (nulls && strings.IsNull(row)) ? MissingCustomer : 0;
            }

            return;
        }

        var dictionary = (DictionaryArray)column;
        var entries = _customerMap.ForCustomers(dictionary.Dictionary);
        var keyed = _entries.AsSpan(0, target.Length);
        Gather(dictionary.Indices, start, keyed, entries, Missing);
        for (var j = 0; j < target.Length; j++)
        {
            target[j] = keyed[j] == Missing ? MissingCustomer : 0;
        }
    }

    /// <summary>The key of a read row's customer, numbered on first use in row order as the CSV and NDJSON paths number them.</summary>
    private long CustomerKey(Utf8CustomerKeys keys, IArrowArray column, int row, int slot)
    {
        if (column is StringArray strings)
        {
            return keys.KeyOf(strings.GetBytes(row));
        }

        var entry = _entries[slot];
        ref var key = ref _customerMap.Keys![entry];
        if (key == UnassignedCustomer)
        {
            key = keys.KeyOf(((StringArray)((DictionaryArray)column).Dictionary).GetBytes(entry));
        }

        return key;
    }

    private static void Gather(IArrowArray indices, int start, Span<int> target, ReadOnlySpan<int> map, int absent)
    {
        switch (indices)
        {
            case Int32Array a: Gather(a.Values, indices, start, target, map); break;
            case Int16Array a: Gather(a.Values, indices, start, target, map); break;
            case Int8Array a: Gather(a.Values, indices, start, target, map); break;
            case Int64Array a: Gather(a.Values, indices, start, target, map); break;
            case UInt8Array a: Gather(a.Values, indices, start, target, map); break;
            case UInt16Array a: Gather(a.Values, indices, start, target, map); break;
            case UInt32Array a: Gather(a.Values, indices, start, target, map); break;
            default: throw new ColumnarFormatException($"Dictionary indices of type {OutcomeSchema.Describe(indices.Data.DataType)} are not supported.");
        }

        if (indices.NullCount > 0)
        {
            for (var j = 0; j < target.Length; j++)
            {
                if (indices.IsNull(start + j))
                {
                    target[j] = absent;
                }
            }
        }
    }

    private static void Gather<T>(ReadOnlySpan<T> values, IArrowArray indices, int start, Span<int> target, ReadOnlySpan<int> map)
        where T : unmanaged, IBinaryInteger<T>
    {
        var slice = values.Slice(start, target.Length);
        for (var j = 0; j < slice.Length; j++)
        {
            var entry = ulong.CreateTruncating(slice[j]);
            if (entry < (ulong)map.Length)
            {
                target[j] = map[(int)entry];
            }
            else if (indices.IsNull(start + j))
            {
                // A null row's index may hold anything; the caller marks the row.
                target[j] = Missing;
            }
            else
            {
                throw new ColumnarFormatException($"A dictionary index ({entry}) points outside its dictionary of {map.Length} entries: the file is corrupt.");
            }
        }
    }

    /// <summary>
    /// A column's last dictionary and its map to plan indices (or customer keys), made once per dictionary. The arrays
    /// are reused from dictionary to dictionary (a reader that makes a dictionary per row group, as the Parquet page
    /// decoder does, would otherwise allocate a map, and for customers their keys, per row group).
    /// </summary>
    private struct DictionaryMap
    {
        // The dictionary's data, not the array: an IPC reader wraps the same dictionary data in a new array per batch.
        private ArrayData? _dictionary;
        private int[]? _map;
        private int _length;

        internal long[]? Keys;

        internal ReadOnlySpan<int> For(IArrowArray dictionary, bool required, Utf8IdLookup lookup, int absent)
        {
            if (!ReferenceEquals(dictionary.Data, _dictionary))
            {
                var strings = (StringArray)dictionary;
                var map = Reuse(ref _map, strings.Length);
                for (var i = 0; i < strings.Length; i++)
                {
                    var id = strings.GetBytes(i, out var isNull);
                    map[i] = id.IsEmpty || isNull ? absent : lookup.Find(id) is var index and (>= 0) ? index : required ? -1 : -2;
                }

                _length = strings.Length;
                _dictionary = dictionary.Data;
            }

            return _map.AsSpan(0, _length);
        }

        internal ReadOnlySpan<int> ForCustomers(IArrowArray dictionary)
        {
            if (!ReferenceEquals(dictionary.Data, _dictionary))
            {
                var strings = (StringArray)dictionary;
                var map = Reuse(ref _map, strings.Length);
                Reuse(ref Keys, strings.Length).AsSpan(0, strings.Length).Fill(UnassignedCustomer);
                for (var i = 0; i < strings.Length; i++)
                {
                    var id = strings.GetBytes(i, out var isNull);
                    map[i] = id.IsEmpty || isNull ? Missing : i;
                }

                _length = strings.Length;
                _dictionary = dictionary.Data;
            }

            return _map.AsSpan(0, _length);
        }

        private static T[] Reuse<T>(ref T[]? array, int length)
        {
            if (array is null || array.Length < length)
            {
                array = new T[length];
            }

            return array;
        }
    }
}

/// <summary>A malformed row of a unit, its row counted from the unit's first row (1).</summary>
internal readonly record struct RowError(long Row, string Field, string Message);

/// <summary>What a worker read in one unit (a record batch, a row group).</summary>
internal sealed class UnitResult
{
    internal long Read;
    internal long Rows;
    internal List<RowError> Errors = [];
}

/// <summary>The plan's identifiers, looked up by their UTF-8 bytes. Immutable; shared by the workers.</summary>
internal sealed class PlanIds(ScoringPlan plan)
{
    internal Utf8IdLookup Touchpoints { get; } = new(Ids(plan.Model.Touchpoints, static t => t.Id));

    internal Utf8IdLookup Measures { get; } = new(Ids(plan.Model.Measures, static m => m.Id));

    internal Utf8IdLookup Segments { get; } = new(Ids(plan.Model.Segments, static s => s.Id));

    private static string[] Ids<T>(System.Collections.Immutable.ImmutableArray<T> items, Func<T, string> id)
    {
        var ids = new string[items.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = id(items[i]);
        }

        return ids;
    }
}
