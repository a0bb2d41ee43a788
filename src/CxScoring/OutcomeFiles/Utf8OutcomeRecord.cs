using System.Diagnostics.CodeAnalysis;
using System.Text;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// One well-formed outcome record as read from UTF-8 text by <see cref="CsvOutcomeRecordParser"/> or
/// <see cref="NdjsonOutcomeRecordParser"/>: identifiers as UTF-8 spans (no string is made), numbers and instants
/// parsed. It holds what <see cref="ToOutcome"/> would give, field for field.
/// </summary>
/// <remarks>
/// The spans point into the parsed text or into the parser's buffer: use the record before the parser reads the next
/// one and while the text is unchanged. This type is a stack-only value; it is not shared between threads.
/// </remarks>
public readonly ref struct Utf8OutcomeRecord
{
    private readonly RecordFields _fields;

    internal Utf8OutcomeRecord(RecordFields fields) => _fields = fields;

    /// <summary>Gets the customer identifier, UTF-8.</summary>
    public ReadOnlySpan<byte> CustomerId => _fields.Customer;

    /// <summary>Gets the touchpoint identifier, UTF-8.</summary>
    public ReadOnlySpan<byte> TouchpointId => _fields.Touchpoint;

    /// <summary>Gets the measure identifier, UTF-8.</summary>
    public ReadOnlySpan<byte> MeasureId => _fields.Measure;

    /// <summary>Gets the segment identifier, UTF-8.</summary>
    /// <value>The identifier, or an empty span when the record carries no segment.</value>
    public ReadOnlySpan<byte> SegmentId => _fields.Segment;

    /// <summary>Gets the delivered value, in the measure's unit (durations in seconds).</summary>
    /// <value>The value, or 0 for a deadline record that gives none.</value>
    public double Value => _fields.HasValue ? _fields.Value : 0;

    /// <summary>Gets when the outcome was observed.</summary>
    public Instant ObservedAt => _fields.Observed.ToInstant();

    /// <summary>Gets the level promised for this outcome alone.</summary>
    /// <value>The level, or <see langword="null"/>.</value>
    public double? PromisedLevel => _fields.HasPromisedLevel ? _fields.PromisedLevel : null;

    /// <summary>Gets the deadline promised for this outcome alone.</summary>
    /// <value>The deadline, or <see langword="null"/>.</value>
    public Instant? PromisedBy => _fields.PromisedBy.IsPresent ? _fields.PromisedBy.ToInstant() : null;

    /// <summary>Gets when the request was made.</summary>
    /// <value>The instant, or <see langword="null"/>.</value>
    public Instant? RequestedAt => _fields.Requested.IsPresent ? _fields.Requested.ToInstant() : null;

    /// <summary>Gets the customer's own rating.</summary>
    /// <value>The rating, or <see langword="null"/>.</value>
    public double? PerceivedRating => _fields.HasRating ? _fields.Rating : null;

    [UnscopedRef]
    internal ref readonly RecordFields Fields => ref _fields;

    /// <summary>Makes the model-level outcome of this record (allocating its identifier strings).</summary>
    /// <returns>The outcome the existing readers give for the same record.</returns>
    public Outcome ToOutcome()
        => new(
            Encoding.UTF8.GetString(CustomerId),
            Encoding.UTF8.GetString(TouchpointId),
            Encoding.UTF8.GetString(MeasureId),
            Value,
            ObservedAt,
            SegmentId.IsEmpty ? null : Encoding.UTF8.GetString(SegmentId),
            PromisedLevel,
            PromisedBy,
            RequestedAt,
            PerceivedRating);
}
