using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using NodaTime;

namespace CxScoring.Arrow;

/// <summary>
/// Lays outcomes out as Arrow record batches in the columnar outcome schema: <c>customer</c> utf8, <c>touchpoint</c>,
/// <c>measure</c> and <c>segment</c> dictionary&lt;int32, utf8&gt; (one dictionary for the whole file, from a
/// <see cref="Vocabulary"/>; with narrow indices, the narrowest of int8, int16 and int32 that indexes the column's
/// dictionary) or utf8, numbers float64, instants timestamp[ns, UTC]. Not thread-safe.
/// </summary>
internal sealed class OutcomeBatchBuilder
{
    private static readonly TimestampType Instants = new(Apache.Arrow.Types.TimeUnit.Nanosecond, "UTC");
    private static readonly DictionaryType Ids = new(Int32Type.Default, StringType.Default, false);

    private readonly Vocabulary? _vocabulary;
    private readonly DictionaryType _touchpoints = Ids;
    private readonly DictionaryType _measures = Ids;
    private readonly DictionaryType _segments = Ids;
    private readonly int _batchRows;
    private Columns _columns;
    private long _index;

    /// <param name="options">The batch size.</param>
    /// <param name="vocabulary">The file's dictionaries, complete; <see langword="null"/> for plain utf8 identifier columns.</param>
    /// <param name="narrowIndices">Whether each dictionary column's indices are of the narrowest type its dictionary allows (an Arrow IPC file reads fewer bytes a row), not int32.</param>
    internal OutcomeBatchBuilder(ColumnarWriterOptions options, Vocabulary? vocabulary, bool narrowIndices)
    {
        _vocabulary = vocabulary;
        _batchRows = options.BatchRows;
        if (vocabulary is not null)
        {
            vocabulary.Freeze();
            if (narrowIndices)
            {
                _touchpoints = IdsFor(vocabulary.Touchpoints.Count);
                _measures = IdsFor(vocabulary.Measures.Count);
                _segments = IdsFor(vocabulary.Segments.Count);
            }
        }

        Schema = vocabulary is null ? SchemaFor(false) : SchemaFor(_touchpoints, _measures, _segments);

        _columns = new Columns(vocabulary is not null);
    }

    internal Schema Schema { get; }

    internal int Count { get; private set; }

    internal bool IsFull => Count >= _batchRows;

    internal static Schema SchemaFor(bool dictionaries)
        => dictionaries ? SchemaFor(Ids, Ids, Ids) : SchemaFor(StringType.Default, StringType.Default, StringType.Default);

    /// <summary>The dictionary type whose signed indices are the narrowest that number <paramref name="entries"/> entries (int8 up to 128, int16 up to 32,768, else int32).</summary>
    internal static DictionaryType IdsFor(int entries)
        => entries <= sbyte.MaxValue + 1 ? new DictionaryType(Int8Type.Default, StringType.Default, false)
            : entries <= short.MaxValue + 1 ? new DictionaryType(Int16Type.Default, StringType.Default, false)
            : Ids;

    private static Schema SchemaFor(IArrowType touchpoint, IArrowType measure, IArrowType segment)
    {
        return new Schema.Builder()
            .Field(f => f.Name(OutcomeSchema.Customer).DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name(OutcomeSchema.Touchpoint).DataType(touchpoint).Nullable(false))
            .Field(f => f.Name(OutcomeSchema.Measure).DataType(measure).Nullable(false))
            .Field(f => f.Name(OutcomeSchema.Value).DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name(OutcomeSchema.ObservedAt).DataType(Instants).Nullable(false))
            .Field(f => f.Name(OutcomeSchema.Segment).DataType(segment).Nullable(true))
            .Field(f => f.Name(OutcomeSchema.PromisedLevel).DataType(DoubleType.Default).Nullable(true))
            .Field(f => f.Name(OutcomeSchema.PromisedBy).DataType(Instants).Nullable(true))
            .Field(f => f.Name(OutcomeSchema.RequestedAt).DataType(Instants).Nullable(true))
            .Field(f => f.Name(OutcomeSchema.PerceivedRating).DataType(DoubleType.Default).Nullable(true))
            .Build();
    }

    /// <summary>Adds one outcome.</summary>
    /// <exception cref="ArgumentException">Thrown when the outcome is the default value, a number is not finite, or an instant is outside timestamp[ns]; the message gives its index.</exception>
    internal void Add(in Outcome outcome)
    {
        var index = _index++;
        long observed;
        long? promisedBy;
        long? requestedAt;
        try
        {
            // Everything that can refuse the outcome is checked before a column is appended to.
            NdjsonOutcomeWriter.CheckWritable(outcome);
            observed = Nanoseconds(outcome.ObservedAt, OutcomeSchema.ObservedAt);
            promisedBy = outcome.PromisedBy is { } by ? Nanoseconds(by, OutcomeSchema.PromisedBy) : null;
            requestedAt = outcome.RequestedAt is { } at ? Nanoseconds(at, OutcomeSchema.RequestedAt) : null;
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Outcome #{index} cannot be written: {ex.Message}", "outcomes", ex);
        }

        var c = _columns;
        c.Customer.Append(outcome.CustomerId);
        Id(c.Touchpoint, c.TouchpointIndex, _vocabulary?.Touchpoint(outcome.TouchpointId), outcome.TouchpointId);
        Id(c.Measure, c.MeasureIndex, _vocabulary?.Measure(outcome.MeasureId), outcome.MeasureId);
        if (outcome.SegmentId is { Length: > 0 } segment)
        {
            Id(c.Segment, c.SegmentIndex, _vocabulary?.Segment(segment), segment);
        }
        else
        {
            c.Segment?.AppendNull();
            c.SegmentIndex?.AppendNull();
        }

        c.Value.Append(outcome.Value);
        c.ObservedAt.Append(observed);
        Optional(c.PromisedLevel, outcome.PromisedLevel);
        Optional(c.PromisedBy, promisedBy);
        Optional(c.RequestedAt, requestedAt);
        Optional(c.PerceivedRating, outcome.PerceivedRating);
        Count++;
    }

    /// <summary>Builds the outcomes added since the last call into a record batch and starts a new one.</summary>
    internal RecordBatch Build()
    {
        var c = _columns;
        var length = Count;
        // Each batch gets its own copy of the file's dictionaries, so that disposing a batch frees only its own memory.
        static IArrowArray Ids(DictionaryType type, StringArray.Builder? plain, Int32Array.Builder? indices, Vocabulary.IdList? dictionary)
            => plain is not null ? plain.Build() : new DictionaryArray(type, Narrow(type.IndexType, indices!.Build()), dictionary!.ToArray());

        var batch = new RecordBatch(
            Schema,
            [
                c.Customer.Build(),
                Ids(_touchpoints, c.Touchpoint, c.TouchpointIndex, _vocabulary?.Touchpoints),
                Ids(_measures, c.Measure, c.MeasureIndex, _vocabulary?.Measures),
                c.Value.Build(),
                Timestamps(c.ObservedAt),
                Ids(_segments, c.Segment, c.SegmentIndex, _vocabulary?.Segments),
                c.PromisedLevel.Build(),
                Timestamps(c.PromisedBy),
                Timestamps(c.RequestedAt),
                c.PerceivedRating.Build(),
            ],
            length);
        _columns = new Columns(_vocabulary is not null);
        Count = 0;
        return batch;
    }

    /// <summary>The indices as an array of <paramref name="type"/> (every index fits it: the type was chosen for the dictionary's size), nulls kept.</summary>
    private static IArrowArray Narrow(IArrowType type, Int32Array indices)
    {
        switch (type)
        {
            case Int8Type:
                var bytes = new Int8Array.Builder().Reserve(indices.Length);
                for (var i = 0; i < indices.Length; i++)
                {
                    bytes.Append(indices.GetValue(i) is { } index ? (sbyte)index : null);
                }

                indices.Dispose();
                return bytes.Build();
            case Int16Type:
                var shorts = new Int16Array.Builder().Reserve(indices.Length);
                for (var i = 0; i < indices.Length; i++)
                {
                    shorts.Append(indices.GetValue(i) is { } index ? (short)index : null);
                }

                indices.Dispose();
                return shorts.Build();
            default:
                return indices;
        }
    }

    private static TimestampArray Timestamps(Int64Array.Builder builder)
    {
        var raw = builder.Build();
        return new TimestampArray(new ArrayData(Instants, raw.Length, raw.NullCount, 0, raw.Data.Buffers));
    }

    private static void Id(StringArray.Builder? plain, Int32Array.Builder? indices, int? index, string id)
    {
        if (plain is not null)
        {
            plain.Append(id);
        }
        else
        {
            indices!.Append(index!.Value);
        }
    }

    private static void Optional(DoubleArray.Builder builder, double? value)
    {
        if (value is { } v)
        {
            builder.Append(v);
        }
        else
        {
            builder.AppendNull();
        }
    }

    private static void Optional(Int64Array.Builder builder, long? value)
    {
        if (value is { } v)
        {
            builder.Append(v);
        }
        else
        {
            builder.AppendNull();
        }
    }

    private static long Nanoseconds(Instant instant, string field)
    {
        if (!UnixTime.Holds(instant))
        {
            throw new ArgumentException($"{field} {instant} is outside timestamp[ns] ({UnixTime.MinValue} to {UnixTime.MaxValue}).");
        }

        return UnixTime.ToNanoseconds(instant);
    }

    private sealed class Columns(bool dictionaries)
    {
        internal StringArray.Builder Customer { get; } = new();

        internal StringArray.Builder? Touchpoint { get; } = dictionaries ? null : new();

        internal Int32Array.Builder? TouchpointIndex { get; } = dictionaries ? new() : null;

        internal StringArray.Builder? Measure { get; } = dictionaries ? null : new();

        internal Int32Array.Builder? MeasureIndex { get; } = dictionaries ? new() : null;

        internal StringArray.Builder? Segment { get; } = dictionaries ? null : new();

        internal Int32Array.Builder? SegmentIndex { get; } = dictionaries ? new() : null;

        internal DoubleArray.Builder Value { get; } = new();

        internal Int64Array.Builder ObservedAt { get; } = new();

        internal DoubleArray.Builder PromisedLevel { get; } = new();

        internal Int64Array.Builder PromisedBy { get; } = new();

        internal Int64Array.Builder RequestedAt { get; } = new();

        internal DoubleArray.Builder PerceivedRating { get; } = new();
    }
}

/// <summary>The touchpoint, measure and segment identifiers of a set of outcomes in order of first appearance: the dictionaries of a file.</summary>
internal sealed class Vocabulary
{
    internal IdList Touchpoints { get; } = new();

    internal IdList Measures { get; } = new();

    internal IdList Segments { get; } = new();

    internal void Add(in Outcome outcome)
    {
        if (outcome.CustomerId is null)
        {
            // The default value: the writer refuses it with its index.
            return;
        }

        Touchpoints.IndexOf(outcome.TouchpointId);
        Measures.IndexOf(outcome.MeasureId);
        if (outcome.SegmentId is { Length: > 0 } segment)
        {
            Segments.IndexOf(segment);
        }
    }

    internal void Freeze() => Touchpoints.Frozen = Measures.Frozen = Segments.Frozen = true;

    internal int Touchpoint(string id) => Touchpoints.IndexOf(id);

    internal int Measure(string id) => Measures.IndexOf(id);

    internal int Segment(string id) => Segments.IndexOf(id);

    internal sealed class IdList
    {
        private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];

        /// <summary>Gets the number of identifiers.</summary>
        internal int Count => _ids.Count;

        /// <summary>Gets or sets a value indicating whether the list is closed: its dictionary has been written, so a new identifier is an error.</summary>
        internal bool Frozen { get; set; }

        internal int IndexOf(string id)
        {
            if (!_indices.TryGetValue(id, out var index))
            {
                if (Frozen)
                {
                    throw new InvalidOperationException($"The outcomes changed while they were written: '{id}' was not there when the file's dictionaries were made.");
                }

                index = _ids.Count;
                _indices.Add(id, index);
                _ids.Add(id);
            }

            return index;
        }

        internal StringArray ToArray() => new StringArray.Builder().AppendRange(_ids).Build();
    }
}
