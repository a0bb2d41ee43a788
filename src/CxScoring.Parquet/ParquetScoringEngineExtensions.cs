using CxScoring.Arrow;
using CxScoring.OutcomeFiles;

namespace CxScoring.Parquet;

/// <summary>
/// Scores Parquet files with a <see cref="ScoringEngine"/>: row groups are decoded (by ParquetSharp, into Arrow record
/// batches, identifier columns kept as dictionaries) and scored in parallel, each thread into its own scorecard,
/// merged exactly. The result equals scoring the same outcomes written as CSV with
/// <see cref="ScoringEngine.ScoreFileAsync"/>.
/// </summary>
/// <remarks>The methods are thread-safe; the columns are described in docs/columnar-format.md.</remarks>
public static class ParquetScoringEngineExtensions
{
    /// <summary>
    /// Reads a Parquet file (<c>.parquet</c>) and scores it, its row groups on up to
    /// <see cref="FileScoringOptions.MaxDegreeOfParallelism"/> threads. Malformed rows are counted with their 1-based
    /// row number as the line (<see cref="MalformedRecord.Line"/>): read + malformed = rows; identifiers the plan does
    /// not know are rejected by the engine: scored + rejected = read.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">The malformed-row policy, scorecard and threading options; <see cref="FileScoringOptions.Default"/> when omitted. <see cref="FileScoringOptions.Format"/>, <see cref="FileScoringOptions.ChunkBytes"/>, <see cref="OutcomeReaderOptions.CsvDelimiter"/> and <see cref="OutcomeReaderOptions.MaxRecordLength"/> do not apply.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty or its extension names another format (<c>.csv</c>, <c>.ndjson</c>, <c>.jsonl</c>, <c>.json</c>, <c>.arrow</c>, <c>.arrows</c>, <c>.feather</c>), or a property of <paramref name="options"/> is invalid. Other extensions are accepted.</exception>
    /// <exception cref="FileNotFoundException">Thrown when the file does not exist.</exception>
    /// <exception cref="ColumnarFormatException">Thrown when a required column is missing or of a type not accepted (the message names it and the type found), or the file is not a readable Parquet file.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed row in file order.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Task<FileScoringResult> ScoreParquetFileAsync(this ScoringEngine engine, string path, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
        => ScoreAsync(engine, path, options, cancellationToken, rows: null);

    /// <summary>
    /// Scores a Parquet file as <see cref="ScoreParquetFileAsync"/> does, on one thread, and hands every row given to
    /// the engine to <paramref name="rows"/>, in file order: what an analysis over the engine's rows (such as
    /// <see cref="Journeys.Costs.NonComplianceCostAnalysis"/>) needs, without reading the file twice. Malformed rows and
    /// rows with an instant outside the engine's range (refused as <see cref="Gaps.RejectionReason.InstantOutOfRange"/>)
    /// are not handed over; every other row is, scored or refused by the plan.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="path">The file.</param>
    /// <param name="rows">Receives the rows; customers are keyed by <see cref="Scorecards.ScorecardOptions.Customers"/> of <see cref="FileScoringOptions.Scorecard"/> (a directory of its own when not set), so that rows of several files share keys when they share a directory.</param>
    /// <param name="options">As for <see cref="ScoreParquetFileAsync"/>; <see cref="FileScoringOptions.MaxDegreeOfParallelism"/> does not apply.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report, equal to those of <see cref="ScoreParquetFileAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="engine"/> or <paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown as by <see cref="ScoreParquetFileAsync"/>.</exception>
    /// <exception cref="FileNotFoundException">Thrown when the file does not exist.</exception>
    /// <exception cref="ColumnarFormatException">Thrown as by <see cref="ScoreParquetFileAsync"/>.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed row in file order.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static async Task<FileScoringResult> ScoreParquetFileWithRowsAsync(this ScoringEngine engine, string path, OutcomeRowsHandler rows, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return await ScoreAsync(engine, path, options, cancellationToken, rows).ConfigureAwait(false);
    }

    private static async Task<FileScoringResult> ScoreAsync(ScoringEngine engine, string path, FileScoringOptions? options, CancellationToken cancellationToken, OutcomeRowsHandler? rows)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= FileScoringOptions.Default;
        ColumnarIngest.Validate(options, nameof(options));
        if (OtherFormat(path) is { } other)
        {
            throw new ArgumentException($"Cannot read '{Path.GetFileName(path)}' as Parquet: its extension says {other}. Parquet files are named .parquet.", nameof(path));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        return await ColumnarIngest.RunAsync(engine, async () => await Task.Run(() => ParquetSource.Open(path), cancellationToken).ConfigureAwait(false), options, cancellationToken, rows).ConfigureAwait(false);
    }

    /// <summary>The format a file name's extension names when it is another outcome format than Parquet; <see langword="null"/> otherwise.</summary>
    internal static string? OtherFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "CSV",
        ".ndjson" or ".jsonl" or ".json" => "NDJSON",
        ".arrow" or ".arrows" or ".feather" => "Arrow",
        _ => null,
    };
}
