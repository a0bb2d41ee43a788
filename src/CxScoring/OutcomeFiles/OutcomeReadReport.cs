namespace CxScoring.OutcomeFiles;

/// <summary>
/// What an outcome reader has read so far: records seen, read and malformed (<see cref="Read"/> +
/// <see cref="Malformed"/> = <see cref="Records"/>), blank lines skipped, and the first malformed records.
/// </summary>
/// <remarks>The reader updates it while it reads; read it from the reading thread, or after reading has finished.</remarks>
public sealed class OutcomeReadReport
{
    private readonly List<MalformedRecord> _errors = [];
    private readonly int _maxErrorsKept;

    internal OutcomeReadReport(int maxErrorsKept) => _maxErrorsKept = maxErrorsKept;

    /// <summary>Gets the number of records seen (an NDJSON line that is not blank; a CSV row after the header).</summary>
    public long Records { get; private set; }

    /// <summary>Gets the number of records read into outcomes.</summary>
    public long Read { get; private set; }

    /// <summary>Gets the number of malformed records.</summary>
    public long Malformed { get; private set; }

    /// <summary>Gets the number of blank lines skipped; they hold no record.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Gets the first malformed records, up to <see cref="OutcomeReaderOptions.MaxErrorsKept"/>, in file order.</summary>
    public IReadOnlyList<MalformedRecord> Errors => _errors;

    /// <summary>Gets a value indicating whether more records were malformed than <see cref="Errors"/> holds.</summary>
    public bool ErrorsTruncated => Malformed > _errors.Count;

    internal void CountBlank() => BlankLines++;

    /// <summary>Counts records read and blank lines skipped in bulk (a chunk read elsewhere); malformed records still go one by one through <see cref="CountMalformed"/>.</summary>
    internal void Count(long read, long blankLines)
    {
        Records += read;
        Read += read;
        BlankLines += blankLines;
    }

    internal void CountRead()
    {
        Records++;
        Read++;
    }

    internal void CountMalformed(MalformedRecord record, OutcomeReaderOptions options)
    {
        Records++;
        Malformed++;
        if (_errors.Count < _maxErrorsKept)
        {
            _errors.Add(record);
        }

        options.OnMalformed?.Invoke(record);
        if (options.Policy == MalformedRecordPolicy.FailFast)
        {
            throw new MalformedOutcomeException(record);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Records} records: {Read} read, {Malformed} malformed; {BlankLines} blank lines";
}
