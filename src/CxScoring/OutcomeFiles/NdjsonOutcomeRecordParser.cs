using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CxScoring.Text;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Parses one NDJSON outcome line at a time from UTF-8 bytes into a <see cref="Utf8OutcomeRecord"/>, by the rules and
/// with the error messages of <see cref="NdjsonOutcomeReader"/>. For packages that read outcomes from other sources
/// and do not want to re-serialise them.
/// </summary>
/// <remarks>
/// Lines of one flat ASCII object with plain strings (no escapes), plain decimal numbers and nulls are read without
/// allocating; anything else (escapes, exponents, nested values, errors) takes the reference path of
/// <see cref="NdjsonOutcomeReader"/>. An instance is not thread-safe: use one per thread.
/// </remarks>
public sealed class NdjsonOutcomeRecordParser
{
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> NumberBytes = SearchValues.Create("0123456789.eE+-"u8);
    private readonly int _maxLength;
    private readonly byte[] _scratch = new byte[RecordFields.ScratchLength];

    /// <summary>Initializes a new instance of the <see cref="NdjsonOutcomeRecordParser"/> class.</summary>
    /// <param name="options">The line length limit; <see cref="OutcomeReaderOptions.Default"/> when omitted.</param>
    public NdjsonOutcomeRecordParser(OutcomeReaderOptions? options = null)
        => _maxLength = (options ?? OutcomeReaderOptions.Default).MaxRecordLength;

    /// <summary>Whether a line is blank (only spaces and tabs), as <see cref="NdjsonOutcomeReader"/> counts them.</summary>
    /// <param name="utf8Line">The line without its line break.</param>
    /// <returns><see langword="true"/> when the line holds no record.</returns>
    public static bool IsBlank(ReadOnlySpan<byte> utf8Line) => utf8Line.Trim(" \t"u8).IsEmpty;

    /// <summary>Parses one line.</summary>
    /// <param name="utf8Line">The line without its line break (and without the byte-order mark of a first line); not blank (see <see cref="IsBlank"/>).</param>
    /// <param name="line">The 1-based line number, for the error.</param>
    /// <param name="record">The record, when the line is well-formed.</param>
    /// <param name="error">What is wrong with it, when it is not.</param>
    /// <returns><see langword="true"/> when the line was read.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="line"/> is less than 1.</exception>
    public bool TryParse(ReadOnlySpan<byte> utf8Line, long line, out Utf8OutcomeRecord record, [NotNullWhen(false)] out MalformedRecord? error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        if (utf8Line.Length > _maxLength)
        {
            record = default;
            error = TooLong(line, _maxLength);
            return false;
        }

        return TryParseChecked(utf8Line, line, out record, out error);
    }

    internal static MalformedRecord TooLong(long line, int maxLength) => new(line, null, $"the line is longer than the limit of {maxLength} bytes.");

    /// <summary>Parses a line already known to be within the length limit.</summary>
    internal bool TryParseChecked(ReadOnlySpan<byte> utf8Line, long line, out Utf8OutcomeRecord record, [NotNullWhen(false)] out MalformedRecord? error)
    {
        if (TryParseFast(utf8Line, out var fields))
        {
            record = new Utf8OutcomeRecord(fields);
            error = null;
            return true;
        }

        if (NdjsonOutcomeReader.TryParse(utf8Line, null, out var outcome, out var field, out var message))
        {
            record = new Utf8OutcomeRecord(RecordFields.From(outcome, _scratch));
            error = null;
            return true;
        }

        record = default;
        error = new MalformedRecord(line, field, message);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseFast(ReadOnlySpan<byte> s, out RecordFields fields)
    {
        fields = default;
        if (!System.Text.Ascii.IsValid(s))
        {
            return false;
        }

        var seen = 0;
        var i = SkipWhiteSpace(s, 0);
        if (i >= s.Length || s[i] != (byte)'{')
        {
            return false;
        }

        i = SkipWhiteSpace(s, i + 1);
        while (true)
        {
            if (i >= s.Length || s[i] != (byte)'"')
            {
                return false;
            }

            var keyEnd = s[(i + 1)..].IndexOfAny(StringEnds);
            if (keyEnd < 0 || s[i + 1 + keyEnd] != (byte)'"')
            {
                return false;
            }

            var field = FieldOf(s.Slice(i + 1, keyEnd));
            i = SkipWhiteSpace(s, i + keyEnd + 2);
            if (i >= s.Length || s[i] != (byte)':')
            {
                return false;
            }

            i = SkipWhiteSpace(s, i + 1);
            if (i >= s.Length)
            {
                return false;
            }

            if (field >= 0)
            {
                if ((seen & (1 << field)) != 0)
                {
                    return false;
                }

                seen |= 1 << field;
            }

            var c = s[i];
            if (c == (byte)'"')
            {
                var end = s[(i + 1)..].IndexOfAny(StringEnds);
                if (end < 0 || s[i + 1 + end] != (byte)'"')
                {
                    return false;
                }

                var text = s.Slice(i + 1, end);
                if (text.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || (field >= 0 && !fields.SetText(field, text)))
                {
                    return false;
                }

                i += end + 2;
            }
            else if (c == (byte)'n')
            {
                if (!s[i..].StartsWith("null"u8))
                {
                    return false;
                }

                i += 4;
            }
            else if (c == (byte)'-' || (uint)(c - '0') <= 9)
            {
                var end = s[i..].IndexOfAnyExcept(NumberBytes);
                var token = end < 0 ? s[i..] : s.Slice(i, end);
                if (!TryJsonPlainNumber(token, out var number) || (field >= 0 && !fields.SetNumber(field, number)))
                {
                    return false;
                }

                i += token.Length;
            }
            else if (field < 0 && s[i..].StartsWith("true"u8))
            {
                i += 4;
            }
            else if (field < 0 && s[i..].StartsWith("false"u8))
            {
                i += 5;
            }
            else
            {
                return false;
            }

            i = SkipWhiteSpace(s, i);
            if (i >= s.Length)
            {
                return false;
            }

            if (s[i] == (byte)',')
            {
                i = SkipWhiteSpace(s, i + 1);
                continue;
            }

            if (s[i] != (byte)'}')
            {
                return false;
            }

            break;
        }

        return SkipWhiteSpace(s, i + 1) == s.Length && fields.IsComplete();
    }

    /// <summary>A JSON number without exponent and with at most 15 digits: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c>.</summary>
    private static bool TryJsonPlainNumber(ReadOnlySpan<byte> token, out double value)
    {
        var digits = token.Length > 0 && token[0] == (byte)'-' ? token[1..] : token;
        if (digits.Length > 1 && digits[0] == (byte)'0' && digits[1] != (byte)'.')
        {
            value = 0;
            return false;
        }

        return Utf8Numbers.TryParsePlainDecimal(token, allowPlus: false, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FieldOf(ReadOnlySpan<byte> key)
    {
        // The names of OutcomeFields.Names, in its order; case-sensitive, as the reference path matches them.
        return key.Length switch
        {
            5 when key.SequenceEqual("value"u8) => RecordFields.ValueField,
            7 when key.SequenceEqual("measure"u8) => RecordFields.MeasureField,
            7 when key.SequenceEqual("segment"u8) => RecordFields.SegmentField,
            8 when key.SequenceEqual("customer"u8) => RecordFields.CustomerField,
            10 when key.SequenceEqual("touchpoint"u8) => RecordFields.TouchpointField,
            10 when key.SequenceEqual("observedAt"u8) => RecordFields.ObservedAtField,
            10 when key.SequenceEqual("promisedBy"u8) => RecordFields.PromisedByField,
            11 when key.SequenceEqual("requestedAt"u8) => RecordFields.RequestedAtField,
            13 when key.SequenceEqual("promisedLevel"u8) => RecordFields.PromisedLevelField,
            15 when key.SequenceEqual("perceivedRating"u8) => RecordFields.PerceivedRatingField,
            _ => -1,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhiteSpace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
