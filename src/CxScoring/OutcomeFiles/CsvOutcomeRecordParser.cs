using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Parses one CSV outcome record at a time from UTF-8 bytes into a <see cref="Utf8OutcomeRecord"/>, by the rules and
/// with the error messages of <see cref="CsvOutcomeReader"/>: columns mapped by header name, fields trimmed, empty
/// fields absent, numbers or ISO-8601 durations, ISO-8601 instants. For packages that read outcomes from other
/// sources and do not want to re-serialise them.
/// </summary>
/// <remarks>
/// <para>The header is checked once, when the parser is made: a missing required column, a column named twice, or a
/// missing <c>value</c> column when neither <c>promisedBy</c> nor <c>requestedAt</c> is there (no record could be read)
/// fails with <see cref="MalformedOutcomeException"/>; a header that looks separated by another delimiter says so.</para>
/// <para>Well-formed ASCII records are read without allocating; records with quotes, non-ASCII text, durations or
/// errors take the reference path of <see cref="CsvOutcomeReader"/>. An instance is not thread-safe: use one per thread.</para>
/// </remarks>
public sealed class CsvOutcomeRecordParser
{
    private readonly string?[] _columns;
    private readonly int[] _fieldOfColumn;
    private readonly byte _delimiter;
    private readonly int _maxLength;
    private readonly byte[] _scratch = new byte[RecordFields.ScratchLength];
    private CsvRecordParser? _reference;
    private SearchValues<byte>? _plain;
    private bool _plainMade;

    /// <summary>Initializes a new instance of the <see cref="CsvOutcomeRecordParser"/> class from the file's header row.</summary>
    /// <param name="utf8Header">The header record, without its line break; a leading byte-order mark is skipped.</param>
    /// <param name="options">The delimiter and record length limit; <see cref="OutcomeReaderOptions.Default"/> when omitted.</param>
    /// <param name="headerLine">The header's 1-based line, for error messages.</param>
    /// <exception cref="MalformedOutcomeException">Thrown when the header is malformed, names a column twice or lacks a required column.</exception>
    /// <exception cref="ArgumentException">Thrown when the delimiter is not ASCII.</exception>
    public CsvOutcomeRecordParser(ReadOnlySpan<byte> utf8Header, OutcomeReaderOptions? options = null, long headerLine = 1)
    {
        options ??= OutcomeReaderOptions.Default;
        if (options.CsvDelimiter > 0x7F)
        {
            throw new ArgumentException($"The CSV delimiter '{options.CsvDelimiter}' is not ASCII; this parser reads ASCII delimiters only.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(headerLine, 1);
        _delimiter = (byte)options.CsvDelimiter;
        _maxLength = options.MaxRecordLength;
        if (utf8Header.StartsWith("\uFEFF"u8))
        {
            utf8Header = utf8Header[3..];
        }

        var header = Encoding.UTF8.GetString(utf8Header);
        if (!TryReadReference(header, terminated: true, out var fields, out var error))
        {
            throw new MalformedOutcomeException(new MalformedRecord(headerLine, null, $"the header row is malformed: {error}"));
        }

        _columns = CsvHeader.Map(fields, header, options.CsvDelimiter, headerLine);
        _fieldOfColumn = new int[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            _fieldOfColumn[i] = _columns[i] is { } name ? Array.IndexOf(OutcomeFields.Names, name) : -1;
        }
    }

    /// <summary>Gets the number of columns the header names.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Parses one record.</summary>
    /// <param name="utf8Record">The record without its line break (a quoted field may hold line breaks); not blank (see <see cref="IsBlank"/>).</param>
    /// <param name="line">The 1-based line the record starts on, for the error.</param>
    /// <param name="record">The record, when it is well-formed.</param>
    /// <param name="error">What is wrong with it, when it is not.</param>
    /// <returns><see langword="true"/> when the record was read.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="line"/> is less than 1.</exception>
    public bool TryParse(ReadOnlySpan<byte> utf8Record, long line, out Utf8OutcomeRecord record, [NotNullWhen(false)] out MalformedRecord? error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        return TryParse(utf8Record, line, terminated: true, quoted: utf8Record.IndexOf((byte)'"') >= 0, out record, out error);
    }

    /// <summary>Whether a record is a blank line, as <see cref="CsvOutcomeReader"/> counts them: nothing, or one quoted empty field.</summary>
    /// <param name="utf8Record">The record without its line break.</param>
    /// <returns><see langword="true"/> when the record holds no field.</returns>
    public static bool IsBlank(ReadOnlySpan<byte> utf8Record) => utf8Record.IsEmpty || utf8Record.SequenceEqual("\"\""u8);

    /// <summary>Parses one record; <paramref name="terminated"/> says whether a line break followed it (it counts towards the length limit), <paramref name="quoted"/> whether it holds a quote (the scanner that found it knows; such records take the reference path).</summary>
    internal bool TryParse(ReadOnlySpan<byte> utf8Record, long line, bool terminated, bool quoted, out Utf8OutcomeRecord record, [NotNullWhen(false)] out MalformedRecord? error)
    {
        if (!quoted && TryParseFast(utf8Record, out var fields))
        {
            record = new Utf8OutcomeRecord(fields);
            error = null;
            return true;
        }

        return TryParseReference(utf8Record, line, terminated, out record, out error);
    }

    /// <summary>Gets the bytes plain records hold with this parser's delimiter (<see cref="CsvSeparators.PlainBytes"/>), or <see langword="null"/> when its delimiter allows no plain records.</summary>
    internal SearchValues<byte>? PlainBytes
    {
        get
        {
            if (!_plainMade)
            {
                _plain = CsvSeparators.PlainBytes(_delimiter);
                _plainMade = true;
            }

            return _plain;
        }
    }

    /// <summary>
    /// Reads the plain record that starts at <paramref name="start"/> (see <see cref="CsvSeparators"/>), taking its
    /// separators from <paramref name="separators"/>, which it leaves at the next record's first separator whatever
    /// it returns.
    /// </summary>
    /// <param name="text">Plain records, each ending with a line feed.</param>
    /// <param name="separators">The separators of <paramref name="text"/>, next the first one of this record.</param>
    /// <param name="start">The record's first byte.</param>
    /// <param name="end">The end of the record's content: its line break (LF, or the CR of CR LF).</param>
    /// <param name="next">The next record's first byte.</param>
    /// <param name="fields">The fields, when the record was read.</param>
    /// <returns><see langword="false"/> when the record is blank, malformed or in a rare form: read it with <see cref="TryParse(ReadOnlySpan{byte}, long, bool, bool, out Utf8OutcomeRecord, out MalformedRecord?)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryParsePlain(ReadOnlySpan<byte> text, ref CsvSeparators separators, int start, out int end, out int next, out RecordFields fields)
    {
        fields = default;
        var columns = _fieldOfColumn;
        var recordStart = start;
        var column = 0;
        var ok = true;
        while (true)
        {
            var at = separators.Next();
            var lineFeed = text[at] == (byte)'\n';

            // In plain text a CR stands only right before an LF: it ends the last field.
            var fieldEnd = lineFeed && at > start && text[at - 1] == (byte)'\r' ? at - 1 : at;
            if (column < columns.Length)
            {
                var index = columns[column];
                if (index >= 0 && ok)
                {
                    ok = fields.SetPlain(index, text[start..], fieldEnd - start);
                }
            }

            column++;
            if (lineFeed)
            {
                end = fieldEnd;
                next = at + 1;
                break;
            }

            start = at + 1;
        }

        return ok && column == columns.Length && end - recordStart < _maxLength && fields.IsCompletePlain();
    }

    /// <summary>Reads quote-free records of ASCII fields that are all well-formed; anything else is left to the reference path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryParseFast(ReadOnlySpan<byte> text, out RecordFields fields)
    {
        fields = default;
        if (text.Length >= _maxLength)
        {
            return false;
        }

        var columns = _fieldOfColumn;
        var column = 0;
        while (true)
        {
            var end = text.IndexOf(_delimiter);
            var field = end < 0 ? text : text[..end];
            if (column >= columns.Length)
            {
                return false;
            }

            var index = columns[column++];
            if (index >= 0 && !fields.SetText(index, Trim(field)))
            {
                return false;
            }

            if (end < 0)
            {
                break;
            }

            text = text[(end + 1)..];
        }

        return column == columns.Length && fields.IsComplete();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        // ASCII white space as string.Trim sees it; a non-ASCII edge keeps the field, whose id or number check then fails over to the reference path.
        var start = 0;
        var end = field.Length;
        while (start < end && IsAsciiWhiteSpace(field[start]))
        {
            start++;
        }

        while (end > start && IsAsciiWhiteSpace(field[end - 1]))
        {
            end--;
        }

        return field[start..end];

        static bool IsAsciiWhiteSpace(byte b) => b == (byte)' ' || (uint)(b - '\t') <= '\r' - '\t';
    }

    private bool TryParseReference(ReadOnlySpan<byte> utf8Record, long line, bool terminated, out Utf8OutcomeRecord record, [NotNullWhen(false)] out MalformedRecord? error)
    {
        record = default;
        if (!TryReadReference(Encoding.UTF8.GetString(utf8Record), terminated, out var values, out var message))
        {
            error = new MalformedRecord(line, null, message);
            return false;
        }

        if (values.Count != _columns.Length)
        {
            error = new MalformedRecord(line, null, $"the record has {values.Count} fields; the header has {_columns.Length}.");
            return false;
        }

        var fields = default(OutcomeFields);
        for (var i = 0; i < values.Count; i++)
        {
            if (_columns[i] is { } name && fields.SetText(name, values[i].Trim()) is { } fieldError)
            {
                error = new MalformedRecord(line, name, fieldError);
                return false;
            }
        }

        if (!fields.TryBuild(null, out var outcome, out var faulty, out message))
        {
            error = new MalformedRecord(line, faulty, message);
            return false;
        }

        record = new Utf8OutcomeRecord(RecordFields.From(outcome, _scratch));
        error = null;
        return true;
    }

    /// <summary>Splits one record's text by <see cref="CsvRecordParser"/> itself, so that fields and errors are the reference's.</summary>
    private bool TryReadReference(string text, bool terminated, out IReadOnlyList<string> fields, out string error)
    {
        // One parser for all records: it starts each record afresh after the line break or end it was fed.
        var parser = _reference ??= new CsvRecordParser((char)_delimiter, _maxLength);
        var input = terminated ? text + "\n" : text;
        var position = 0;
        while (true)
        {
            var status = parser.Next();
            if (status == CsvStatus.NeedData)
            {
                var space = parser.FreeSpace().Span;
                var count = Math.Min(space.Length, input.Length - position);
                input.AsSpan(position, count).CopyTo(space);
                position += count;
                parser.Commit(count);
                continue;
            }

            fields = parser.Fields;
            error = parser.Error ?? string.Empty;
            return status == CsvStatus.Record;
        }
    }
}
