using Apache.Arrow;
using Apache.Arrow.Ipc;
using CxScoring.Model;
using CxScoring.OutcomeFiles;

namespace CxScoring.Arrow;

/// <summary>
/// Writes outcomes as an Arrow IPC file (the file format, <c>.arrow</c>) in the columnar outcome schema, so that a
/// data set converted once is scored many times with
/// <see cref="ArrowScoringEngineExtensions.ScoreArrowFileAsync"/>: <c>customer</c> utf8; <c>touchpoint</c>,
/// <c>measure</c> and <c>segment</c> dictionary&lt;int8, utf8&gt;, dictionary&lt;int16, utf8&gt; or
/// dictionary&lt;int32, utf8&gt;, the narrowest index type the column's dictionary allows (or utf8); <c>value</c>, <c>promisedLevel</c>,
/// <c>perceivedRating</c> float64; <c>observedAt</c>, <c>promisedBy</c>, <c>requestedAt</c> timestamp[ns, UTC].
/// Values are written as held (time measures in seconds), absent optional fields as nulls.
/// </summary>
/// <remarks>The methods are thread-safe; each call writes its own destination.</remarks>
public static class ArrowOutcomeWriter
{
    /// <summary>Writes outcomes to a stream as an Arrow IPC file; the list is gone through twice (its identifiers first, for the dictionaries).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="destination">The stream, left open.</param>
    /// <param name="options">The batch size and encoding; <see cref="ColumnarWriterOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="outcomes"/> or <paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an outcome is the default value, has a number that is not finite or an instant outside timestamp[ns] (1677-09-21 to 2262-04-11); the message gives its index. Also when a property of <paramref name="options"/> is invalid.</exception>
    public static void Write(IReadOnlyList<Outcome> outcomes, Stream destination, ColumnarWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= ColumnarWriterOptions.Default;
        options.Validate(nameof(options));
        ColumnarWriting.Write(outcomes, options, narrowIndices: true, schema => new ArrowFileSink(destination, schema));
    }

    /// <summary>Writes the outcomes of a CSV or NDJSON file (format from its extension: <c>.csv</c>, <c>.ndjson</c>, <c>.jsonl</c>) as an Arrow IPC file; the source is read twice (its identifiers first). Malformed records are left out and reported, as the readers report them.</summary>
    /// <param name="outcomesPath">The CSV or NDJSON file.</param>
    /// <param name="destinationPath">The Arrow file to create or overwrite; removed again when writing fails.</param>
    /// <param name="reader">How the source is read (the malformed-record policy; the model for time measures not in seconds); malformed records are collected and skipped when omitted.</param>
    /// <param name="options">The batch size and encoding; <see cref="ColumnarWriterOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The source's read report: records read (and written) and malformed.</returns>
    /// <exception cref="ArgumentException">Thrown when a path is empty, the source's extension is not known, or a property of an options argument is invalid; or, naming <c>outcomesPath</c>, when an outcome read cannot be written (an instant outside timestamp[ns], 1677-09-21 to 2262-04-11): the message gives its line, and no destination file is left.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, for the first malformed record.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Task<OutcomeReadReport> WriteFileAsync(string outcomesPath, string destinationPath, OutcomeReaderOptions? reader = null, ColumnarWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcomesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        reader ??= new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue };
        reader.Validate(nameof(reader));
        options ??= ColumnarWriterOptions.Default;
        options.Validate(nameof(options));
        return ColumnarWriting.WriteFileAsync(outcomesPath, destinationPath, reader, options, narrowIndices: true, static (stream, schema) => new ArrowFileSink(stream, schema), cancellationToken);
    }

    private sealed class ArrowFileSink : IBatchSink
    {
        private readonly ArrowFileWriter _writer;

        internal ArrowFileSink(Stream destination, Schema schema)
        {
            _writer = new ArrowFileWriter(destination, schema, leaveOpen: true);
            _writer.WriteStart();
        }

        public void Write(RecordBatch batch) => _writer.WriteRecordBatch(batch);

        public void Finish() => _writer.WriteEnd();

        public void Dispose() => _writer.Dispose();
    }
}
