using CxScoring.Model;
using CxScoring.OutcomeFiles;

namespace CxScoring;

/// <content>Scoring outcome files straight from their UTF-8 bytes.</content>
public sealed partial class ScoringEngine
{
    /// <summary>
    /// Reads an outcome file (CSV or NDJSON, UTF-8) and scores it: records are parsed straight into columnar batches
    /// (no string per record), in chunks on up to <see cref="FileScoringOptions.MaxDegreeOfParallelism"/> threads,
    /// each scoring into its own scorecard, merged exactly. The result equals reading the file with
    /// <see cref="CsvOutcomeReader"/> or <see cref="NdjsonOutcomeReader"/> and scoring with <see cref="ScoreAsync"/>.
    /// </summary>
    /// <param name="path">The file; its extension gives the format unless <see cref="FileScoringOptions.Format"/> is set.</param>
    /// <param name="options">The format, reader, scorecard and threading options; <see cref="FileScoringOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty, or the format is not set and the extension is not <c>.csv</c>, <c>.ndjson</c> or <c>.jsonl</c>.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown when the CSV header is unusable, or, with the fail-fast policy, for the first malformed record in file order.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<FileScoringResult> ScoreFileAsync(string path, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= FileScoringOptions.Default;
        options.Validate(nameof(options));
        var format = options.Format ?? FormatOf(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await ScoreStreamAsync(stream, format, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads outcomes from a UTF-8 stream (CSV or NDJSON) and scores them, as <see cref="ScoreFileAsync(string, FileScoringOptions?, CancellationToken)"/> does; the stream is left open.</summary>
    /// <param name="utf8">The stream, read to its end; a byte-order mark is allowed.</param>
    /// <param name="format">The stream's format; <see cref="FileScoringOptions.Format"/> is ignored.</param>
    /// <param name="options">The reader, scorecard and threading options; <see cref="FileScoringOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The scorecard and the read report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="format"/> is not defined.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown when the CSV header is unusable, or, with the fail-fast policy, for the first malformed record in file order.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public Task<FileScoringResult> ScoreStreamAsync(Stream utf8, OutcomeFileFormat format, FileScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (format is not (OutcomeFileFormat.Csv or OutcomeFileFormat.Ndjson))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "The format must be Csv or Ndjson.");
        }

        options ??= FileScoringOptions.Default;
        options.Validate(nameof(options));
        var scorecard = options.Scorecard ?? new Scorecards.ScorecardOptions();
        if (HasTimeUnits(Plan.Model))
        {
            // Plain numbers of time measures stated in minutes, hours or days are converted by the readers, which see
            // the model; the byte-level fast path reads seconds only, so such models take the readers' path.
            return ScoreWithReadersAsync(utf8, format, options, scorecard, cancellationToken);
        }

        var threads = scorecard.ByCustomer ? 1 : options.MaxDegreeOfParallelism ?? MaxDegreeOfParallelism;
        return new FileIngest(this, format, options.Reader, scorecard, threads, options.ChunkBytes).RunAsync(utf8, cancellationToken);
    }

    private static bool HasTimeUnits(ScoringModel model)
    {
        foreach (var measure in model.Measures)
        {
            if (measure.TimeUnit != TimeUnit.Seconds)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<FileScoringResult> ScoreWithReadersAsync(Stream utf8, OutcomeFileFormat format, FileScoringOptions options, Scorecards.ScorecardOptions scorecard, CancellationToken cancellationToken)
    {
        var readerOptions = options.Reader.WithModel(Plan.Model);
        var builder = CreateScorecardBuilder(scorecard);
        if (format == OutcomeFileFormat.Csv)
        {
            using var text = new StreamReader(utf8, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
            var reader = new CsvOutcomeReader(text, readerOptions);
            await ScoreAsync(reader.ReadAllAsync(cancellationToken), builder, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new FileScoringResult(builder.Build(), reader.Report, 1);
        }
        else
        {
            var reader = new NdjsonOutcomeReader(utf8, readerOptions);
            await ScoreAsync(reader.ReadAllAsync(cancellationToken), builder, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new FileScoringResult(builder.Build(), reader.Report, 1);
        }
    }

    private static OutcomeFileFormat FormatOf(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return OutcomeFileFormat.Csv;
        }

        if (extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase) || extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return OutcomeFileFormat.Ndjson;
        }

        throw new ArgumentException($"Cannot tell the format of '{Path.GetFileName(path)}' from its extension; name it .csv, .ndjson or .jsonl, or set FileScoringOptions.Format.", nameof(path));
    }
}
