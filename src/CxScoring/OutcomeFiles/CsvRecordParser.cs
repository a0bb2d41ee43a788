using System.Text;

namespace CxScoring.OutcomeFiles;

/// <summary>What <see cref="CsvRecordParser.Next"/> found.</summary>
internal enum CsvStatus
{
    Record,
    Malformed,
    NeedData,
    End,
}

/// <summary>
/// Splits RFC 4180 CSV text into records: fields separated by a delimiter, optionally in double quotes (a quote inside
/// is doubled; a quoted field may span lines), records ending at a line break outside quotes (LF, CR LF or a bare CR,
/// even when a CR LF pair is split between chunks). Characters are fed in
/// chunks; a record longer than the limit is skipped to its end without being held.
/// </summary>
internal sealed class CsvRecordParser
{
    private readonly char _delimiter;
    private readonly int _maxLength;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _length;
    private bool _eof;
    private bool _afterCarriageReturn;
    private State _state;
    private long _line = 1;
    private long _recordLine = 1;
    private int _recordLength;
    private string? _error;

    internal CsvRecordParser(char delimiter, int maxLength)
    {
        _delimiter = delimiter;
        _maxLength = maxLength;
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    internal IReadOnlyList<string> Fields => _fields;

    internal long RecordLine { get; private set; }

    internal string? Error { get; private set; }

    internal Memory<char> FreeSpace()
    {
        _position = 0;
        _length = 0;
        return _buffer;
    }

    internal void Commit(int count)
    {
        _length = count;
        _eof = count == 0;
    }

    internal CsvStatus Next()
    {
        while (_position < _length)
        {
            var c = _buffer[_position++];
            if (_afterCarriageReturn)
            {
                // The line feed of a CR LF pair whose CR already ended the record (possibly in the previous chunk).
                _afterCarriageReturn = false;
                if (c == '\n')
                {
                    continue;
                }
            }

            if (_recordLength == 0)
            {
                _fields.Clear();
                _recordLine = _line;
                _error = null;
            }

            // The line break that ends the record is not part of it; one inside a quoted field is.
            if (!((c == '\n' || c == '\r') && _state != State.Quoted))
            {
                _recordLength++;
                if (_recordLength > _maxLength && _error is null)
                {
                    _error = $"the record is longer than the limit of {_maxLength} characters.";
                }
            }

            if (c == '\n' || (c == '\r' && _state != State.Quoted))
            {
                _line++;
            }

            switch (_state)
            {
                case State.FieldStart when c == '"':
                    _state = State.Quoted;
                    break;
                case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == _delimiter:
                    EndField();
                    break;
                case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == '\n':
                    EndField();
                    return EndRecord();
                case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == '\r':
                    // CR LF, and a bare CR (classic Mac OS line ends), both end the record; a CR is never part of an unquoted field.
                    _afterCarriageReturn = true;
                    EndField();
                    return EndRecord();
                case State.FieldStart or State.Unquoted:
                    if (c == '"' && _error is null)
                    {
                        _error = "a quote inside an unquoted field; quote the whole field and double the quotes inside it.";
                    }

                    Append(c);
                    _state = State.Unquoted;
                    break;
                case State.Quoted when c == '"':
                    _state = State.QuoteInQuoted;
                    break;
                case State.Quoted:
                    Append(c);
                    break;
                case State.QuoteInQuoted when c == '"':
                    Append('"');
                    _state = State.Quoted;
                    break;
                default:
                    _error ??= "characters after the closing quote of a field.";
                    Append(c);
                    break;
            }
        }

        if (!_eof)
        {
            return CsvStatus.NeedData;
        }

        if (_recordLength == 0)
        {
            return CsvStatus.End;
        }

        if (_state == State.Quoted)
        {
            _error ??= "a quoted field is not closed before the end of the file.";
        }

        EndField();
        return EndRecord();
    }

    private void Append(char c)
    {
        if (_error is null)
        {
            _field.Append(c);
        }
    }

    private void EndField()
    {
        if (_error is null)
        {
            _fields.Add(_field.ToString());
        }

        _field.Clear();
        _state = State.FieldStart;
    }

    private CsvStatus EndRecord()
    {
        RecordLine = _recordLine;
        Error = _error;
        _error = null;
        _recordLength = 0;
        _state = State.FieldStart;
        return Error is null ? CsvStatus.Record : CsvStatus.Malformed;
    }
}
