using System.Runtime.CompilerServices;
using CxScoring.Model;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Reads outcomes from CSV (RFC 4180: a header row, then one record per row; fields may be quoted). Columns are
/// mapped by their header name, case-insensitively, never by position; unknown columns are ignored. Field names and
/// forms are documented in <c>docs/outcome-format.md</c>.
/// </summary>
/// <remarks>
/// A malformed record is reported with the line it starts on and its field, counted in <see cref="Report"/>, and then
/// either thrown (<see cref="MalformedRecordPolicy.FailFast"/>) or skipped (<see cref="MalformedRecordPolicy.CollectAndContinue"/>).
/// A header that lacks a required column, repeats one, or has no <c>value</c> column and neither <c>promisedBy</c>
/// nor <c>requestedAt</c> makes the file unreadable and always throws, with the messages of <see cref="CsvOutcomeRecordParser"/>
/// (a header that looks separated by another delimiter says so).
/// Memory stays bounded by <see cref="OutcomeReaderOptions.MaxRecordLength"/>. A reader reads once, leaves its
/// text reader open and is not thread-safe.
/// </remarks>
public sealed class CsvOutcomeReader
{
    private readonly TextReader _text;
    private readonly OutcomeReaderOptions _options;
    private readonly CsvRecordParser _parser;
    private string?[]? _columns;
    private bool _started;

    /// <summary>Initializes a new instance of the <see cref="CsvOutcomeReader"/> class.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="options">How to treat malformed records and which delimiter to use; <see cref="OutcomeReaderOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public CsvOutcomeReader(TextReader text, OutcomeReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
        options?.Validate(nameof(options));
        _options = options ?? OutcomeReaderOptions.Default;
        _parser = new CsvRecordParser(_options.CsvDelimiter, _options.MaxRecordLength);
        Report = new OutcomeReadReport(_options.MaxErrorsKept);
    }

    /// <summary>Gets the counts and malformed records of this reader so far.</summary>
    public OutcomeReadReport Report { get; }

    /// <summary>Gets the 1-based line of the file on which the record last read starts, as an editor numbers lines (a quoted field may span lines, so it can differ from the record's number).</summary>
    /// <value>While an outcome is being enumerated, the line of that outcome's record; 0 before the header is read.</value>
    public long Line => _parser.RecordLine;

    /// <summary>Reads the outcomes one by one without blocking.</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The outcomes of the well-formed records, in file order.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the reader has been read already.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown when the header is unusable (even with <see cref="MalformedRecordPolicy.CollectAndContinue"/>), or, with the fail-fast policy, at the first malformed record.</exception>
    public async IAsyncEnumerable<Outcome> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Start();
        while (true)
        {
            var status = _parser.Next();
            if (status == CsvStatus.NeedData)
            {
                _parser.Commit(await _text.ReadAsync(_parser.FreeSpace(), cancellationToken).ConfigureAwait(false));
                continue;
            }

            if (status == CsvStatus.End)
            {
                yield break;
            }

            if (Handle(status, out var outcome))
            {
                yield return outcome;
            }
        }
    }

    /// <summary>Reads the outcomes one by one.</summary>
    /// <returns>The outcomes of the well-formed records, in file order.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the reader has been read already.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown when the header is unusable (even with <see cref="MalformedRecordPolicy.CollectAndContinue"/>), or, with the fail-fast policy, at the first malformed record.</exception>
    public IEnumerable<Outcome> ReadAll()
    {
        Start();
        return Iterate();

        IEnumerable<Outcome> Iterate()
        {
            while (true)
            {
                var status = _parser.Next();
                if (status == CsvStatus.NeedData)
                {
                    _parser.Commit(_text.Read(_parser.FreeSpace().Span));
                    continue;
                }

                if (status == CsvStatus.End)
                {
                    yield break;
                }

                if (Handle(status, out var outcome))
                {
                    yield return outcome;
                }
            }
        }
    }

    private void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("This reader has been read already; create a new reader for each pass over the data.");
        }

        _started = true;
    }

    private bool Handle(CsvStatus status, out Outcome outcome)
    {
        outcome = default;
        var line = _parser.RecordLine;
        if (status == CsvStatus.Record && _parser.Fields is [{ Length: 0 }])
        {
            Report.CountBlank();
            return false;
        }

        if (_columns is null)
        {
            ReadHeader(status, line);
            return false;
        }

        if (status == CsvStatus.Malformed)
        {
            Report.CountMalformed(new MalformedRecord(line, null, _parser.Error!), _options);
            return false;
        }

        var values = _parser.Fields;
        if (values.Count != _columns.Length)
        {
            Report.CountMalformed(new MalformedRecord(line, null, $"the record has {values.Count} fields; the header has {_columns.Length}."), _options);
            return false;
        }

        var fields = default(OutcomeFields);
        for (var i = 0; i < values.Count; i++)
        {
            if (_columns[i] is { } name && fields.SetText(name, values[i].Trim()) is { } error)
            {
                Report.CountMalformed(new MalformedRecord(line, name, error), _options);
                return false;
            }
        }

        if (fields.TryBuild(_options.Model, out outcome, out var field, out var message))
        {
            Report.CountRead();
            return true;
        }

        Report.CountMalformed(new MalformedRecord(line, field, message), _options);
        return false;
    }

    private void ReadHeader(CsvStatus status, long line)
    {
        if (status == CsvStatus.Malformed)
        {
            throw new MalformedOutcomeException(new MalformedRecord(line, null, $"the header row is malformed: {_parser.Error}"));
        }

        _columns = CsvHeader.Map(_parser.Fields, string.Join(_options.CsvDelimiter, _parser.Fields), _options.CsvDelimiter, line);
    }
}
