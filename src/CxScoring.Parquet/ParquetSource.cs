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

    private ParquetSource(string path, Schema schema, int units, int[] columns, int[] dictionaryColumns, int customerColumn)
    {
        _path = path;
        Name = System.IO.Path.GetFileName(path);
        Schema = schema;
        Units = units;
        _columns = columns;
        _dictionaryColumns = dictionaryColumns;
        _customerColumn = customerColumn;
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

                columns.Add(i);
                if (fields[i].DataType is StringType && IsDimension(fields[i].Name))
                {
                    dictionaries.Add(i);
                }
            }

            using var reader = new RowGroupReader(path, [.. dictionaries], [], -1);
            var all = reader.File.Schema.FieldsList;
            var builder = new Schema.Builder();
            foreach (var column in columns)
            {
                builder.Field(all[column]);
            }

            return new ParquetSource(path, builder.Build(), reader.File.NumRowGroups, [.. columns], [.. dictionaries], customer);
        }
        catch (Exception ex) when (ex is ParquetException or IOException && ex is not FileNotFoundException)
        {
            throw new ColumnarFormatException($"{name} is not readable as a Parquet file: {ex.Message}", ex);
        }
    }

    /// <summary>Whether a column holds few distinct identifiers, worth reading as a dictionary.</summary>
    private static bool IsDimension(string name)
        => name.Equals(OutcomeSchema.Touchpoint, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Measure, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Segment, StringComparison.OrdinalIgnoreCase);

    internal override IUnitReader OpenReader(bool customers) => new RowGroupReader(_path, _dictionaryColumns, _columns, customers ? -1 : _customerColumn);

    public override void Dispose()
    {
        // Each worker's reader is its own.
    }

    /// <summary>
    /// One worker's reader; the native reader uses its properties as long as it lives, so they are kept with it. When
    /// the customers themselves are not needed, a row group's customer column is not decoded if its statistics show
    /// that it has no null and that its least value is not empty (the empty string is the least of all, so no customer
    /// is empty): the column would only have been checked for missing customers.
    /// </summary>
    private sealed class RowGroupReader : IUnitReader
    {
        private readonly ArrowReaderProperties _properties;
        private readonly int[] _columns;
        private readonly int[] _withoutCustomer;
        private readonly int _customerField;

        internal RowGroupReader(string path, int[] dictionaryColumns, int[] columns, int customerField)
        {
            _properties = ArrowReaderProperties.GetDefault();
            _columns = columns;
            _customerField = customerField;
            _withoutCustomer = System.Array.FindAll(columns, column => column != customerField);
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
            using var batches = File.GetRecordBatchReader([unit], NoMissingCustomer(unit) ? _withoutCustomer : _columns);
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

        /// <summary>Whether the row group's statistics show that no customer is null or empty, when the customers are not needed.</summary>
        private bool NoMissingCustomer(int unit)
        {
            if (_customerField < 0)
            {
                return false;
            }

            var column = File.SchemaManifest.SchemaFields[_customerField].ColumnIndex;
            using var rowGroup = File.ParquetReader.RowGroup(unit);
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(column);
            if (!chunk.IsStatsSet)
            {
                return false;
            }

            using var statistics = chunk.Statistics;
            return statistics is Statistics<ByteArray> { HasMinMax: true, NullCount: 0 } strings && strings.Min.Length > 0;
        }

        public void Dispose()
        {
            File.Dispose();
            _properties.Dispose();
        }
    }
}
