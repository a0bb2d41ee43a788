using CxScoring.OutcomeFiles;

namespace CxScoring.Arrow;

/// <summary>
/// Scores Arrow IPC files with a <see cref="ScoringEngine"/>: columns are read whole into the engine's column batches
/// (dictionary-encoded identifiers mapped to plan indices once per dictionary, plain utf8 ones looked up by their
/// bytes without making a string), record batches are scored in parallel, each thread into its own scorecard, merged
/// exactly. The result equals scoring the same outcomes written as CSV with <see cref="ScoringEngine.ScoreFileAsync"/>.
/// </summary>
/// <remarks>The methods are thread-safe; the columns are described in docs/columnar-format.md.</remarks>
public static class ArrowScoringEngineExtensions
{
    /// <summary>
    /// Reads an Arrow IPC file (<c>.arrow</c>, <c>.feather</c>: the file format, its record batches scored on up to
    /// <see cref="FileScoringOptions.MaxDegreeOfParallelism"/> threads; <c>.arrows</c>: the stream format, on one
    /// thread) and scores it. Malformed rows (a required field null or empty, a value that is null without a deadline
    /// or not finite) are counted with their 1-based row number as the line (<see cref="MalformedRecord.Line"/>):
    /// read + malformed = rows; identifiers the plan does not know are rejected by the engine: scored + rejected = read.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">The malformed-row policy, scorecard and threading options; <see cref="FileScoringOptions.Default"/> when omitted. <see cref="FileScoringOptions.Format"/>, <see cref="FileScoringOptions.ChunkBytes"/>, <see cref="OutcomeReaderOptions.CsvDelimiter"/> and <see cref="OutcomeReaderOptions.MaxRecordLength"/> do not apply.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty or its extension names another format (<c>.csv</c>, <c>.ndjson</c>, <c>.jsonl</c>, <c>.json</c>, <c>.parquet</c>), or a property of <paramref name="options"/> is invalid. Other extensions are accepted: the IPC file and stream formats are told apart by their first bytes.</exception>
    /// <exception cref="FileNotFoundException">Thrown when the file does not exist.</exception>
    /// <exception cref="ColumnarFormatException">Thrown when a required column is missing or of a type not accepted (the message names it and the type found), or the file is not a readable Arrow IPC file.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed row in file order.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Task<FileScoringResult> ScoreArrowFileAsync(this ScoringEngine engine, string path, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
        => ScoreAsync(engine, path, options, cancellationToken, rows: null);

    private static async Task<FileScoringResult> ScoreAsync(ScoringEngine engine, string path, FileScoringOptions? options, CancellationToken cancellationToken, OutcomeRowsHandler? rows)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= FileScoringOptions.Default;
        options.Validate(nameof(options));
        if (OtherFormat(path) is { } other)
        {
            throw new ArgumentException($"Cannot read '{Path.GetFileName(path)}' as Arrow: its extension says {other}. Arrow IPC files are named .arrow or .feather (file format) or .arrows (stream format).", nameof(path));
        }

        return await ColumnarIngest.RunAsync(engine, async () => await ArrowIpcSource.OpenFileAsync(path, cancellationToken).ConfigureAwait(false), options, cancellationToken, rows).ConfigureAwait(false);
    }

    /// <summary>
    /// Scores an Arrow IPC file as <see cref="ScoreArrowFileAsync"/> does, on one thread, and hands every row given to
    /// the engine to <paramref name="rows"/>, in file order: what an analysis over the engine's rows (such as
    /// <see cref="Journeys.Costs.NonComplianceCostAnalysis"/>) needs, without reading the file twice. Malformed rows and
    /// rows with an instant outside the engine's range (refused as <see cref="Gaps.RejectionReason.InstantOutOfRange"/>)
    /// are not handed over; every other row is, scored or refused by the plan.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="path">The file.</param>
    /// <param name="rows">Receives the rows; customers are keyed by <see cref="Scorecards.ScorecardOptions.Customers"/> of <see cref="FileScoringOptions.Scorecard"/> (a directory of its own when not set), so that rows of several files share keys when they share a directory.</param>
    /// <param name="options">As for <see cref="ScoreArrowFileAsync"/>; <see cref="FileScoringOptions.MaxDegreeOfParallelism"/> does not apply.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report, equal to those of <see cref="ScoreArrowFileAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="engine"/> or <paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown as by <see cref="ScoreArrowFileAsync"/>.</exception>
    /// <exception cref="FileNotFoundException">Thrown when the file does not exist.</exception>
    /// <exception cref="ColumnarFormatException">Thrown as by <see cref="ScoreArrowFileAsync"/>.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed row.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static async Task<FileScoringResult> ScoreArrowFileWithRowsAsync(this ScoringEngine engine, string path, OutcomeRowsHandler rows, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return await ScoreAsync(engine, path, options, cancellationToken, rows).ConfigureAwait(false);
    }

    /// <summary>Reads outcomes from an Arrow IPC stream (the streaming format) and scores them on one thread, as <see cref="ScoreArrowFileAsync"/> does; the stream is left open.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="stream">The stream, read to its end.</param>
    /// <param name="options">The malformed-row policy and scorecard options; <see cref="FileScoringOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="engine"/> or <paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid.</exception>
    /// <exception cref="ColumnarFormatException">Thrown when a required column is missing or of a type not accepted, or the stream is not a readable Arrow IPC stream.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed row.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static async Task<FileScoringResult> ScoreArrowStreamAsync(this ScoringEngine engine, Stream stream, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= FileScoringOptions.Default;
        options.Validate(nameof(options));
        return await ColumnarIngest.RunAsync(engine, async () => await ArrowIpcSource.OpenStreamAsync(stream, "the stream", owned: null, cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The format a file name's extension names when it is another outcome format than Arrow; <see langword="null"/> otherwise.</summary>
    internal static string? OtherFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "CSV",
        ".ndjson" or ".jsonl" or ".json" => "NDJSON",
        ".parquet" => "Parquet",
        _ => null,
    };
}
