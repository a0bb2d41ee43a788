using System.Runtime.CompilerServices;
using System.Text;
using CxScoring.Model;
using CxScoring.Text;
using NodaTime;

namespace CxScoring.OutcomeFiles;

/// <summary>An instant field of a record: absent, in the engine's range (nanoseconds), or outside it (the instant itself).</summary>
internal struct InstantField
{
    internal const byte Absent = 0;
    internal const byte Nanoseconds = 1;
    internal const byte OutOfRange = 2;

    internal byte State;
    internal long Value;
    internal Instant Instant;

    internal readonly bool IsPresent => State != Absent;

    internal readonly Instant ToInstant() => State == Nanoseconds ? UnixTime.FromNanoseconds(Value) : Instant;

    internal static InstantField From(Instant? instant)
    {
        if (instant is not { } value)
        {
            return default;
        }

        return UnixTime.Holds(value)
            ? new InstantField { State = Nanoseconds, Value = UnixTime.ToNanoseconds(value) }
            : new InstantField { State = OutOfRange, Instant = value };
    }
}

/// <summary>
/// The fields of one UTF-8 record as the fast path reads them. Every setter returns <see langword="false"/> when the
/// fast path cannot decide (an error, or a rare form); the caller then reads the record by the reference rules of
/// <see cref="OutcomeFields"/>, which also word the error.
/// </summary>
internal ref struct RecordFields
{
    internal const int CustomerField = 0;
    internal const int TouchpointField = 1;
    internal const int MeasureField = 2;
    internal const int ValueField = 3;
    internal const int ObservedAtField = 4;
    internal const int SegmentField = 5;
    internal const int PromisedLevelField = 6;
    internal const int PromisedByField = 7;
    internal const int RequestedAtField = 8;
    internal const int PerceivedRatingField = 9;

    internal ReadOnlySpan<byte> Customer;
    internal ReadOnlySpan<byte> Touchpoint;
    internal ReadOnlySpan<byte> Measure;
    internal ReadOnlySpan<byte> Segment;
    internal double Value;
    internal bool HasValue;
    internal InstantField Observed;
    internal InstantField PromisedBy;
    internal InstantField Requested;
    internal double PromisedLevel;
    internal bool HasPromisedLevel;
    internal double Rating;
    internal bool HasRating;

    /// <summary>Sets a field from its (trimmed, ASCII) text; empty text leaves it absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool SetText(int field, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        switch (field)
        {
            case CustomerField:
                Customer = text;
                return true;
            case TouchpointField:
                Touchpoint = text;
                return true;
            case MeasureField:
                Measure = text;
                return true;
            case SegmentField:
                Segment = text;
                return true;
            case ValueField:
                HasValue = TryNumberOrDuration(text, out Value);
                return HasValue;
            case PromisedLevelField:
                HasPromisedLevel = TryNumberOrDuration(text, out PromisedLevel);
                return HasPromisedLevel;
            case PerceivedRatingField:
                HasRating = Utf8Numbers.TryParseFinite(text, out Rating);
                return HasRating;
            case ObservedAtField:
                return TryInstant(text, out Observed);
            case PromisedByField:
                return TryInstant(text, out PromisedBy);
            default:
                return TryInstant(text, out Requested);
        }
    }

    /// <summary>As <see cref="SetText"/>, for a field of plain text followed by the rest of that text: a value of up to eight bytes is read as one word (<see cref="Utf8Numbers.TryParseShortDecimal"/>).</summary>
    /// <param name="field">The field.</param>
    /// <param name="rest">The text from the field's first byte on.</param>
    /// <param name="length">The field's length.</param>
    /// <returns><see langword="false"/> when the fast path cannot decide, as for <see cref="SetText"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool SetPlain(int field, ReadOnlySpan<byte> rest, int length)
    {
        if (field == ValueField && Utf8Numbers.TryParseShortDecimal(rest, length, out Value))
        {
            HasValue = true;
            return true;
        }

        return SetText(field, rest[..length]);
    }

    /// <summary>Sets a numeric field from a JSON number; <see langword="false"/> for a field that takes no number.</summary>
    internal bool SetNumber(int field, double value)
    {
        switch (field)
        {
            case ValueField:
                Value = value;
                HasValue = true;
                return true;
            case PromisedLevelField:
                PromisedLevel = value;
                HasPromisedLevel = true;
                return true;
            case PerceivedRatingField:
                Rating = value;
                HasRating = true;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Checks what <see cref="OutcomeFields.TryBuild"/> and the <see cref="Outcome"/> constructor check; <see langword="false"/> when the record is not well-formed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly bool IsComplete()
        => Observed.IsPresent
           && (HasValue || PromisedBy.IsPresent || Requested.IsPresent)
           && IsAsciiId(Customer) && IsAsciiId(Touchpoint) && IsAsciiId(Measure)
           && (Segment.IsEmpty || IsAsciiId(Segment));

    /// <summary>As <see cref="IsComplete"/>, for fields of plain text (<see cref="CsvSeparators"/>), whose identifiers hold valid characters only: their lengths are checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly bool IsCompletePlain()
        => Observed.IsPresent
           && (HasValue || PromisedBy.IsPresent || Requested.IsPresent)
           && (uint)(Customer.Length - 1) < Ids.MaxLength && (uint)(Touchpoint.Length - 1) < Ids.MaxLength && (uint)(Measure.Length - 1) < Ids.MaxLength
           && Segment.Length <= Ids.MaxLength;

    /// <summary>Reads the fields of an outcome the reference rules built, encoding its identifiers into <paramref name="scratch"/>.</summary>
    internal static RecordFields From(Outcome outcome, byte[] scratch)
    {
        var fields = default(RecordFields);
        var used = 0;
        fields.Customer = Encode(outcome.CustomerId, scratch, ref used);
        fields.Touchpoint = Encode(outcome.TouchpointId, scratch, ref used);
        fields.Measure = Encode(outcome.MeasureId, scratch, ref used);
        fields.Segment = outcome.SegmentId is { } segment ? Encode(segment, scratch, ref used) : default;
        fields.Value = outcome.Value;
        fields.HasValue = true;
        fields.Observed = InstantField.From(outcome.ObservedAt);
        fields.PromisedBy = InstantField.From(outcome.PromisedBy);
        fields.Requested = InstantField.From(outcome.RequestedAt);
        fields.HasPromisedLevel = outcome.PromisedLevel.HasValue;
        fields.PromisedLevel = outcome.PromisedLevel.GetValueOrDefault();
        fields.HasRating = outcome.PerceivedRating.HasValue;
        fields.Rating = outcome.PerceivedRating.GetValueOrDefault();
        return fields;
    }

    /// <summary>The scratch bytes <see cref="From"/> needs at most: four identifiers of up to <see cref="Ids.MaxLength"/> UTF-16 characters.</summary>
    internal static int ScratchLength => 4 * Ids.MaxLength * 3;

    /// <summary>Whether the text is a valid identifier, when it is ASCII: 1 to 128 characters, none of them white space or control.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAsciiId(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty || id.Length > Ids.MaxLength)
        {
            return false;
        }

        foreach (var b in id)
        {
            if (b <= (byte)' ' || b >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> Encode(string text, byte[] scratch, scoped ref int used)
    {
        var count = Encoding.UTF8.GetBytes(text, scratch.AsSpan(used));
        var span = new ReadOnlySpan<byte>(scratch, used, count);
        used += count;
        return span;
    }

    private static bool TryNumberOrDuration(ReadOnlySpan<byte> text, out double value)
    {
        if (Utf8Numbers.TryParseFinite(text, out value))
        {
            return true;
        }

        return text.Length <= 80 && IsoDuration.TryParseSeconds(Encoding.UTF8.GetString(text), out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryInstant(ReadOnlySpan<byte> text, out InstantField value)
    {
        value = default;
        if (Utf8Instants.TryParseUtcFast(text, out var nanoseconds))
        {
            value.State = InstantField.Nanoseconds;
            value.Value = nanoseconds;
            return true;
        }

        if (!Utf8Instants.TryParseGeneral(text, out var instant))
        {
            return false;
        }

        value = InstantField.From(instant);
        return true;
    }
}
