using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.OutcomeFiles;

namespace CxScoring.Arrow;

/// <summary>
/// The columns of an outcome file found in an Arrow schema by name (case-insensitive, as the CSV header), with their
/// types checked once: identifiers as utf8 or dictionary&lt;integer, utf8&gt;, numbers as float64, instants as
/// timestamp (any unit) or int64 nanoseconds since the Unix epoch. Immutable.
/// </summary>
internal sealed class OutcomeSchema
{
    internal const string Customer = OutcomeFields.Customer;
    internal const string Touchpoint = OutcomeFields.Touchpoint;
    internal const string Measure = OutcomeFields.Measure;
    internal const string Value = OutcomeFields.Value;
    internal const string ObservedAt = OutcomeFields.ObservedAt;
    internal const string Segment = OutcomeFields.Segment;
    internal const string PromisedLevel = OutcomeFields.PromisedLevel;
    internal const string PromisedBy = OutcomeFields.PromisedBy;
    internal const string RequestedAt = OutcomeFields.RequestedAt;
    internal const string PerceivedRating = OutcomeFields.PerceivedRating;

    private OutcomeSchema()
    {
    }

    /// <summary>Gets the customer column, or −1 in a record batch whose reader left it out (see <see cref="Bind"/>).</summary>
    internal int CustomerColumn { get; private init; }

    internal int TouchpointColumn { get; private init; }

    internal int MeasureColumn { get; private init; }

    internal int ObservedAtColumn { get; private init; }

    /// <summary>Gets the value column, or −1 when the file has none (deadline records only).</summary>
    internal int ValueColumn { get; private init; }

    internal int SegmentColumn { get; private init; }

    internal int PromisedLevelColumn { get; private init; }

    internal int PromisedByColumn { get; private init; }

    internal int RequestedAtColumn { get; private init; }

    internal int PerceivedRatingColumn { get; private init; }

    /// <summary>Finds and checks the outcome columns of a schema.</summary>
    /// <param name="schema">The file's schema.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="customerChecked">Whether the customer column may be absent because the reader left it out, having checked from the file's statistics that no row's customer is null or empty (a record batch of a Parquet row group; not a file's schema).</param>
    /// <exception cref="ColumnarFormatException">Thrown when a required column is missing, a column is named twice, or a column has a type that is not accepted.</exception>
    internal static OutcomeSchema Bind(Schema schema, string source, bool customerChecked = false)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schema.FieldsList.Count; i++)
        {
            if (!byName.TryAdd(schema.FieldsList[i].Name, i) && IsKnown(schema.FieldsList[i].Name))
            {
                throw new ColumnarFormatException($"{source}: the column '{schema.FieldsList[i].Name}' is named twice (names are case-insensitive).");
            }
        }

        int Find(string name, Kind kind, bool required)
        {
            if (!byName.TryGetValue(name, out var index))
            {
                if (required)
                {
                    throw new ColumnarFormatException($"{source}: the required column '{name}' is missing; the columns are {Names(schema)}.");
                }

                return -1;
            }

            var type = schema.FieldsList[index].DataType;
            if (!Accepts(kind, type))
            {
                throw new ColumnarFormatException($"{source}: the column '{schema.FieldsList[index].Name}' is {Describe(type)}; it must be {Expected(kind)}.");
            }

            return index;
        }

        var customer = Find(Customer, Kind.Id, required: !customerChecked);
        var touchpoint = Find(Touchpoint, Kind.Id, required: true);
        var measure = Find(Measure, Kind.Id, required: true);
        var observedAt = Find(ObservedAt, Kind.Instant, required: true);
        var promisedBy = Find(PromisedBy, Kind.Instant, required: false);
        var requestedAt = Find(RequestedAt, Kind.Instant, required: false);
        var value = Find(Value, Kind.Number, required: false);
        if (value < 0 && promisedBy < 0 && requestedAt < 0)
        {
            throw new ColumnarFormatException($"{source}: the column '{Value}' is missing and neither '{PromisedBy}' nor '{RequestedAt}' is there, so no row could be read; the columns are {Names(schema)}.");
        }

        return new OutcomeSchema
        {
            CustomerColumn = customer,
            TouchpointColumn = touchpoint,
            MeasureColumn = measure,
            ObservedAtColumn = observedAt,
            ValueColumn = value,
            SegmentColumn = Find(Segment, Kind.Id, required: false),
            PromisedLevelColumn = Find(PromisedLevel, Kind.Number, required: false),
            PromisedByColumn = promisedBy,
            RequestedAtColumn = requestedAt,
            PerceivedRatingColumn = Find(PerceivedRating, Kind.Number, required: false),
        };
    }

    internal static bool IsKnown(string name)
        => name.Equals(Customer, StringComparison.OrdinalIgnoreCase) || name.Equals(Touchpoint, StringComparison.OrdinalIgnoreCase)
           || name.Equals(Measure, StringComparison.OrdinalIgnoreCase) || name.Equals(Value, StringComparison.OrdinalIgnoreCase)
           || name.Equals(ObservedAt, StringComparison.OrdinalIgnoreCase) || name.Equals(Segment, StringComparison.OrdinalIgnoreCase)
           || IsPerOutcome(name);

    /// <summary>Whether a field carries an outcome's own promise, deadline or rating (<c>promisedLevel</c>, <c>promisedBy</c>, <c>requestedAt</c>, <c>perceivedRating</c>): rows with one of them read their instants whatever the scorecard.</summary>
    internal static bool IsPerOutcome(string name)
        => name.Equals(PromisedLevel, StringComparison.OrdinalIgnoreCase) || name.Equals(PromisedBy, StringComparison.OrdinalIgnoreCase)
           || name.Equals(RequestedAt, StringComparison.OrdinalIgnoreCase) || name.Equals(PerceivedRating, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an instant column holds nanoseconds (<c>timestamp[ns]</c> or int64), every one of which is in the engine's range.</summary>
    internal static bool InNanoseconds(IArrowType type) => type is TimestampType { Unit: TimeUnit.Nanosecond } or Int64Type;

    private static bool Accepts(Kind kind, IArrowType type) => kind switch
    {
        Kind.Id => type is StringType || (type is DictionaryType { ValueType: StringType } dictionary && IsIndexType(dictionary.IndexType)),
        Kind.Number => type is DoubleType,
        _ => type is TimestampType or Int64Type,
    };

    private static bool IsIndexType(IArrowType type)
        => type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32;

    private static string Expected(Kind kind) => kind switch
    {
        Kind.Id => "utf8 (string) or dictionary<int8|int16|int32|int64|uint8|uint16|uint32, utf8>",
        Kind.Number => "float64 (double)",
        _ => "timestamp (s, ms, us or ns; UTC) or int64 (nanoseconds since the Unix epoch)",
    };

    /// <summary>Describes an Arrow type as Arrow's own tools print it (<c>int32</c>, <c>timestamp[ms, tz=UTC]</c>, <c>dictionary&lt;int32, utf8&gt;</c>).</summary>
    internal static string Describe(IArrowType type) => type switch
    {
        DictionaryType dictionary => $"dictionary<{Describe(dictionary.IndexType)}, {Describe(dictionary.ValueType)}>",
        TimestampType timestamp => timestamp.Timezone is null ? $"timestamp[{Unit(timestamp.Unit)}]" : $"timestamp[{Unit(timestamp.Unit)}, tz={timestamp.Timezone}]",
        StringType => "utf8",
        LargeStringType => "large_utf8",
        BinaryType => "binary",
        DoubleType => "float64",
        FloatType => "float32",
        HalfFloatType => "float16",
        _ => type.Name,
    };

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    private static string Names(Schema schema)
    {
        var names = new string[schema.FieldsList.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = $"'{schema.FieldsList[i].Name}' ({Describe(schema.FieldsList[i].DataType)})";
        }

        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    private enum Kind
    {
        Id,
        Number,
        Instant,
    }
}
