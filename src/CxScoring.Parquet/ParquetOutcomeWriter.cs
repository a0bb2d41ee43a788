using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CxScoring.Parquet;

/// <summary>
/// Writes outcomes as a Parquet file (identifier columns dictionary-encoded and Snappy-compressed, numbers and instants
/// plain and uncompressed, one row group per <see cref="ColumnarWriterOptions.BatchRows"/> outcomes, the Arrow schema stored so that dictionary columns read back as dictionaries) in the columnar outcome
/// schema of <see cref="ArrowOutcomeWriter"/>, so that a data set converted once is scored many times with
/// <see cref="ParquetScoringEngineExtensions.ScoreParquetFileAsync"/>.
/// </summary>
/// <remarks>The methods are thread-safe; each call writes its own destination.</remarks>
public static class ParquetOutcomeWriter
{
    /// <summary>Writes outcomes to a stream as a Parquet file; the list is gone through twice (its identifiers first, for the dictionaries).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="destination">The stream, left open.</param>
    /// <param name="options">The row group size and encoding; <see cref="ColumnarWriterOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="outcomes"/> or <paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an outcome is the default value, has a number that is not finite or an instant outside timestamp[ns] (1677-09-21 to 2262-04-11); the message gives its index. Also when a property of <paramref name="options"/> is invalid.</exception>
    public static void Write(IReadOnlyList<Outcome> outcomes, Stream destination, ColumnarWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= ColumnarWriterOptions.Default;
        options.Validate(nameof(options));
        ColumnarWriting.Write(outcomes, options, narrowIndices: false, schema => new ParquetSink(destination, schema));
    }

    /// <summary>Writes the outcomes of a CSV or NDJSON file (format from its extension: <c>.csv</c>, <c>.ndjson</c>, <c>.jsonl</c>) as a Parquet file; the source is read twice (its identifiers first). Malformed records are left out and reported, as the readers report them.</summary>
    /// <param name="outcomesPath">The CSV or NDJSON file.</param>
    /// <param name="destinationPath">The Parquet file to create or overwrite; removed again when writing fails.</param>
    /// <param name="reader">How the source is read (the malformed-record policy; the model for time measures not in seconds); malformed records are collected and skipped when omitted.</param>
    /// <param name="options">The row group size and encoding; <see cref="ColumnarWriterOptions.Default"/> when omitted.</param>
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
        ColumnarWriting.Validate(reader, nameof(reader));
        options ??= ColumnarWriterOptions.Default;
        options.Validate(nameof(options));
        return ColumnarWriting.WriteFileAsync(outcomesPath, destinationPath, reader, options, narrowIndices: false, static (stream, schema) => new ParquetSink(stream, schema), cancellationToken);
    }

    private sealed class ParquetSink : IBatchSink
    {
        // The native writer uses its properties until it is closed: they live as long as it does.
        private readonly WriterProperties _properties;
        private readonly ArrowWriterProperties _arrowProperties;
        private readonly FileWriter _writer;

        internal ParquetSink(Stream destination, Schema schema)
        {
            _properties = Properties(schema);
            _arrowProperties = new ArrowWriterPropertiesBuilder().StoreSchema().Build();
            _writer = new FileWriter(destination, schema, _properties, _arrowProperties, leaveOpen: true);
        }

        /// <summary>
        /// Identifier columns dictionary-encoded and Snappy-compressed; numbers and instants plain and uncompressed.
        /// Those are nearly all distinct: a dictionary (kept by the native writer while it stays under its page size
        /// limit, as it does for a 65,536-row group of distinct 8-byte values) saves no bytes, and Snappy saves few
        /// on them but was half the cost of reading the file (docs/columnar-format.md).
        /// </summary>
        private static WriterProperties Properties(Schema schema)
        {
            using var builder = new WriterPropertiesBuilder();
            builder.Compression(Compression.Snappy);
            foreach (var field in schema.FieldsList)
            {
                if (field.DataType is not (StringType or DictionaryType))
                {
                    builder.DisableDictionary(field.Name);
                    builder.Compression(field.Name, Compression.Uncompressed);
                }
            }

            return builder.Build();
        }

        public void Write(RecordBatch batch) => _writer.WriteRecordBatch(batch, batch.Length);

        public void Finish() => _writer.Close();

        public void Dispose()
        {
            _writer.Dispose();
            _arrowProperties.Dispose();
            _properties.Dispose();
        }
    }
}
