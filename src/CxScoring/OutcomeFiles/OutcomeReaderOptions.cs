using CxScoring.Model;

namespace CxScoring.OutcomeFiles;

/// <summary>How an outcome reader treats malformed records and how much it reads at most.</summary>
/// <remarks>Set the properties before handing the options to a reader; a reader reads them once. The properties are init-only, so an instance is thread-safe to share; the <see cref="OnMalformed"/> callback runs on the reading thread.</remarks>
public sealed class OutcomeReaderOptions
{
    private readonly int _maxRecordLength = 1024 * 1024;
    private readonly int _maxErrorsKept = 1000;
    private readonly char _csvDelimiter = ',';

    /// <summary>Gets the default options: fail fast, records up to 1 MiB.</summary>
    public static OutcomeReaderOptions Default { get; } = new();

    /// <summary>Gets what the reader does with a malformed record.</summary>
    /// <value>The default value is <see cref="MalformedRecordPolicy.FailFast"/>.</value>
    public MalformedRecordPolicy Policy { get; init; } = MalformedRecordPolicy.FailFast;

    /// <summary>Gets a callback invoked for every malformed record, before the reader throws or goes on.</summary>
    /// <value>The default value is <see langword="null"/> (no callback).</value>
    public Action<MalformedRecord>? OnMalformed { get; init; }

    /// <summary>Gets the longest record accepted: bytes of an NDJSON line, characters of a CSV record. Longer records are malformed and skipped without being held in memory.</summary>
    /// <value>The default value is 1 MiB (1,048,576).</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to less than 64 or more than 256 MiB.</exception>
    public int MaxRecordLength
    {
        get => _maxRecordLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 64);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256 * 1024 * 1024);
            _maxRecordLength = value;
        }
    }

    /// <summary>Gets how many malformed records <see cref="OutcomeReadReport.Errors"/> keeps; all of them are counted and passed to <see cref="OnMalformed"/>.</summary>
    /// <value>The default value is 1000.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to a negative number.</exception>
    public int MaxErrorsKept
    {
        get => _maxErrorsKept;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxErrorsKept = value;
        }
    }

    /// <summary>Gets the model whose time measures state the unit of plain numbers (<see cref="Measure.TimeUnit"/>).</summary>
    /// <value>The default value is <see langword="null"/>: plain numbers are read as they are, which for time measures
    /// means seconds. Set it when a time measure of the model states a unit other than seconds, so that a
    /// <c>value</c> or <c>promisedLevel</c> of <c>70</c> for a measure in minutes is read as 4,200 seconds.
    /// ISO-8601 duration strings (<c>"PT70M"</c>) are read the same either way. Records of measures the model does
    /// not define are read as they are and refused when scored.</value>
    public ScoringModel? Model { get; init; }

    /// <summary>Gets the CSV field delimiter.</summary>
    /// <value>The default value is <c>','</c>.</value>
    /// <exception cref="ArgumentException">Thrown when set to a quote, a line break or a letter or digit.</exception>
    public char CsvDelimiter
    {
        get => _csvDelimiter;
        init
        {
            if (value is '"' or '\r' or '\n' || char.IsLetterOrDigit(value))
            {
                throw new ArgumentException($"'{value}' cannot delimit CSV fields; use ',', ';', '\\t' or '|'.", nameof(value));
            }

            _csvDelimiter = value;
        }
    }
}
