using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CxScoring.Parquet;

/// <summary>
/// A Parquet file as row groups that workers decode on their own, each with its own <see cref="FileReader"/>: only
/// the outcome columns are decoded, and utf8 identifier columns are read as dictionaries (the file's own dictionary
/// pages), so that they map to plan indices once per dictionary.
/// </summary>
internal sealed class ParquetSource : ColumnarSource
{
    private readonly string _path;
    private readonly int[] _columns;
    private readonly int[] _dictionaryColumns;
    private readonly int _customerColumn;
    private readonly int[] _optionalColumns;

    private ParquetSource(string path, Schema schema, int units, int[] columns, int[] dictionaryColumns, int customerColumn, int[] optionalColumns)
    {
        _path = path;
        Name = System.IO.Path.GetFileName(path);
        Schema = schema;
        Units = units;
        _columns = columns;
        _dictionaryColumns = dictionaryColumns;
        _customerColumn = customerColumn;
        _optionalColumns = optionalColumns;
    }

    internal override string Name { get; }

    internal override string Kind => "a Parquet file";

    internal override Schema Schema { get; }

    internal override int Units { get; }

    internal static ParquetSource Open(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        try
        {
            using var probe = new FileReader(path);
            var fields = probe.Schema.FieldsList;
            var columns = new List<int>();
            var dictionaries = new List<int>();
            var customer = -1;
            var optional = new List<int>();
            var hasValue = false;
            for (var i = 0; i < fields.Count; i++)
            {
                if (!OutcomeSchema.IsKnown(fields[i].Name))
                {
                    continue;
                }

                if (fields[i].Name.Equals(OutcomeSchema.Customer, StringComparison.OrdinalIgnoreCase))
                {
                    customer = i;
                }
                else if (fields[i].Name.Equals(OutcomeSchema.Value, StringComparison.OrdinalIgnoreCase))
                {
                    hasValue = true;
                }
                else if (IsOptional(fields[i].Name))
                {
                    optional.Add(i);
                }

                columns.Add(i);
                if (fields[i].DataType is StringType && IsDimension(fields[i].Name))
                {
                    dictionaries.Add(i);
                }
            }

            using var reader = new RowGroupReader(path, [.. dictionaries], [], -1, []);
            var all = reader.File.Schema.FieldsList;
            var builder = new Schema.Builder();
            foreach (var column in columns)
            {
                builder.Field(all[column]);
            }

            return new ParquetSource(path, builder.Build(), reader.File.NumRowGroups, [.. columns], [.. dictionaries], customer, hasValue ? [.. optional] : []);
        }
        catch (Exception ex) when (ex is ParquetException or IOException && ex is not FileNotFoundException)
        {
            throw new ColumnarFormatException($"{name} is not readable as a Parquet file: {ex.Message}", ex);
        }
    }

    /// <summary>Whether a column is one of the optional fields, left out of a row group where it holds only nulls (the file has a value column, so the batch stays readable without them).</summary>
    private static bool IsOptional(string name)
        => name.Equals(OutcomeSchema.Segment, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.PromisedLevel, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.PromisedBy, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.RequestedAt, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.PerceivedRating, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a column holds few distinct identifiers, worth reading as a dictionary.</summary>
    private static bool IsDimension(string name)
        => name.Equals(OutcomeSchema.Touchpoint, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Measure, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Segment, StringComparison.OrdinalIgnoreCase);

    internal override IUnitReader OpenReader(bool customers) => new RowGroupReader(_path, _dictionaryColumns, _columns, customers ? -1 : _customerColumn, _optionalColumns);

    public override void Dispose()
    {
        // Each worker's reader is its own.
    }

    /// <summary>
    /// One worker's reader; the native reader uses its properties as long as it lives, so they are kept with it. When
    /// the customers themselves are not needed, a row group's customer column is not decoded if its statistics show
    /// that it has no null and that its least value is not empty (the empty string is the least of all, so no customer
    /// is empty): the column would only have been checked for missing customers. An optional column whose statistics
    /// count as many nulls as the row group has rows is not decoded either: a column of nulls only is as good as absent.
    /// </summary>
    private sealed class RowGroupReader : IUnitReader
    {
        private readonly ArrowReaderProperties _properties;
        private readonly int[] _columns;
        private readonly int _customerField;
        private readonly int[] _optionalFields;
        private readonly List<int> _read = [];

        internal RowGroupReader(string path, int[] dictionaryColumns, int[] columns, int customerField, int[] optionalFields)
        {
            _properties = ArrowReaderProperties.GetDefault();

            // Pre-buffering hands each row group's reads to Arrow's shared I/O thread pool and waits for them: for a
            // local file, a thread hand-off per row group and nothing gained; the worker reads its own columns.
            _properties.PreBuffer = false;
            _columns = columns;
            _customerField = customerField;
            _optionalFields = optionalFields;
            try
            {
                foreach (var column in dictionaryColumns)
                {
                    _properties.SetReadDictionary(column, true);
                }

                File = new FileReader(path, arrowProperties: _properties);
            }
            catch
            {
                _properties.Dispose();
                throw;
            }
        }

        internal FileReader File { get; }

        public IEnumerable<RecordBatch> Read(int unit)
        {
            using var batches = File.GetRecordBatchReader([unit], ColumnsToRead(unit));
            while (true)
            {
                // Called on a worker thread (never one with a synchronization context); the decoding is native and synchronous.
                var batch = batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult();
                if (batch is null)
                {
                    yield break;
                }

                yield return batch;
            }
        }

        /// <summary>The outcome columns of a row group less those its statistics show need not be decoded.</summary>
        private int[] ColumnsToRead(int unit)
        {
            if (_customerField < 0 && _optionalFields.Length == 0)
            {
                return _columns;
            }

            using var rowGroup = File.ParquetReader.RowGroup(unit);
            var metadata = rowGroup.MetaData;
            _read.Clear();
            foreach (var field in _columns)
            {
                if ((field == _customerField && NoMissingCustomer(metadata, field))
                    || (System.Array.IndexOf(_optionalFields, field) >= 0 && OnlyNulls(metadata, field)))
                {
                    continue;
                }

                _read.Add(field);
            }

            return [.. _read];
        }

        /// <summary>Whether the statistics show that no customer is null or empty.</summary>
        private bool NoMissingCustomer(RowGroupMetaData metadata, int field)
        {
            using var chunk = metadata.GetColumnChunkMetaData(File.SchemaManifest.SchemaFields[field].ColumnIndex);
            if (!chunk.IsStatsSet)
            {
                return false;
            }

            using var statistics = chunk.Statistics;
            return statistics is Statistics<ByteArray> { HasMinMax: true, NullCount: 0 } strings && strings.Min.Length > 0;
        }

        /// <summary>Whether the statistics count a null in every row (a file without a null count never shows it).</summary>
        private bool OnlyNulls(RowGroupMetaData metadata, int field)
        {
            using var chunk = metadata.GetColumnChunkMetaData(File.SchemaManifest.SchemaFields[field].ColumnIndex);
            if (!chunk.IsStatsSet)
            {
                return false;
            }

            using var statistics = chunk.Statistics;
            return statistics is not null && statistics.NullCount == metadata.NumRows;
        }

        public void Dispose()
        {
            File.Dispose();
            _properties.Dispose();
        }
    }
}
