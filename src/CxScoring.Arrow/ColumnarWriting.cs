using Apache.Arrow;
using CxScoring.Model;
using CxScoring.OutcomeFiles;

namespace CxScoring.Arrow;

/// <summary>Where the columnar writers put record batches: an Arrow IPC file, a Parquet file.</summary>
internal interface IBatchSink : IDisposable
{
    void Write(RecordBatch batch);

    void Finish();
}

/// <summary>
/// The two steps shared by the Arrow and Parquet writers: the identifiers of the outcomes are gathered first (the
/// dictionaries of the file), then the outcomes are written batch by batch. A list is gone through twice; a CSV or
/// NDJSON file is read twice.
/// </summary>
internal static class ColumnarWriting
{
    /// <summary>Checks reader options for the satellites that have no access to the core's internals.</summary>
    internal static void Validate(OutcomeReaderOptions options, string parameterName) => options.Validate(parameterName);

    /// <param name="outcomes">The outcomes.</param>
    /// <param name="options">The batch size and encoding.</param>
    /// <param name="narrowIndices">Whether dictionary indices are of the narrowest type each dictionary allows (Arrow IPC) rather than int32.</param>
    /// <param name="open">Opens the sink for the schema.</param>
    internal static void Write(IReadOnlyList<Outcome> outcomes, ColumnarWriterOptions options, bool narrowIndices, Func<Schema, IBatchSink> open)
    {
        Vocabulary? vocabulary = null;
        if (options.DictionaryEncoding)
        {
            vocabulary = new Vocabulary();
            for (var i = 0; i < outcomes.Count; i++)
            {
                vocabulary.Add(outcomes[i]);
            }
        }

        var builder = new OutcomeBatchBuilder(options, vocabulary, narrowIndices);
        using var sink = open(builder.Schema);
        for (var i = 0; i < outcomes.Count; i++)
        {
            builder.Add(outcomes[i]);
            if (builder.IsFull)
            {
                Flush(builder, sink);
            }
        }

        if (builder.Count > 0)
        {
            Flush(builder, sink);
        }

        sink.Finish();
    }

    internal static async Task<OutcomeReadReport> WriteFileAsync(string outcomesPath, string destinationPath, OutcomeReaderOptions reader, ColumnarWriterOptions options, bool narrowIndices, Func<Stream, Schema, IBatchSink> open, CancellationToken cancellationToken)
    {
        var csv = IsCsv(outcomesPath, nameof(outcomesPath));
        Vocabulary? vocabulary = null;
        if (options.DictionaryEncoding)
        {
            vocabulary = new Vocabulary();
            using var first = OutcomeFile.Open(outcomesPath, csv, reader);
            await foreach (var outcome in first.Outcomes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                vocabulary.Add(outcome);
            }
        }

        var builder = new OutcomeBatchBuilder(options, vocabulary, narrowIndices);
        var destination = new FileStream(destinationPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            using var source = OutcomeFile.Open(outcomesPath, csv, reader);
            using (var sink = open(destination, builder.Schema))
            {
                await foreach (var outcome in source.Outcomes.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        builder.Add(outcome);
                    }
                    catch (ArgumentException ex) when (ex.InnerException is ArgumentException reason)
                    {
                        throw new ArgumentException($"The outcome at line {source.Line} of '{Path.GetFileName(outcomesPath)}' cannot be written: {reason.Message}", nameof(outcomesPath), ex);
                    }

                    if (builder.IsFull)
                    {
                        Flush(builder, sink);
                    }
                }

                if (builder.Count > 0)
                {
                    Flush(builder, sink);
                }

                sink.Finish();
            }

            await destination.DisposeAsync().ConfigureAwait(false);
            return source.Report;
        }
        catch
        {
            // No half-written file is left behind to be scored later.
            await destination.DisposeAsync().ConfigureAwait(false);
            File.Delete(destinationPath);
            throw;
        }
    }

    private static void Flush(OutcomeBatchBuilder builder, IBatchSink sink)
    {
        using var batch = builder.Build();
        sink.Write(batch);
    }

    private static bool IsCsv(string path, string parameterName)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase) || extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new ArgumentException($"Cannot tell the format of '{Path.GetFileName(path)}' from its extension; name it .csv, .ndjson or .jsonl.", parameterName);
    }

    /// <summary>A CSV or NDJSON file opened with its reader.</summary>
    private sealed class OutcomeFile : IDisposable
    {
        private readonly IDisposable _owned;
        private readonly Func<OutcomeReadReport> _report;

        private readonly Func<long> _line;

        private OutcomeFile(IAsyncEnumerable<Outcome> outcomes, Func<OutcomeReadReport> report, Func<long> line, IDisposable owned)
        {
            Outcomes = outcomes;
            _report = report;
            _line = line;
            _owned = owned;
        }

        /// <summary>Gets the line of the outcome read last.</summary>
        internal long Line => _line();

        internal IAsyncEnumerable<Outcome> Outcomes { get; }

        internal OutcomeReadReport Report => _report();

        internal static OutcomeFile Open(string path, bool csv, OutcomeReaderOptions options)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (csv)
            {
                var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                var reader = new CsvOutcomeReader(text, options);
                return new OutcomeFile(reader.ReadAllAsync(), () => reader.Report, () => reader.Line, text);
            }

            var ndjson = new NdjsonOutcomeReader(stream, options);
            return new OutcomeFile(ndjson.ReadAllAsync(), () => ndjson.Report, () => ndjson.Report.Records + ndjson.Report.BlankLines, stream);
        }

        public void Dispose() => _owned.Dispose();
    }
}
