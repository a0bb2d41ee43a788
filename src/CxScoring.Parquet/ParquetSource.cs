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

    private ParquetSource(string path, Schema schema, int units, int[] columns, int[] dictionaryColumns)
    {
        _path = path;
        Name = System.IO.Path.GetFileName(path);
        Schema = schema;
        Units = units;
        _columns = columns;
        _dictionaryColumns = dictionaryColumns;
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
            for (var i = 0; i < fields.Count; i++)
            {
                if (!OutcomeSchema.IsKnown(fields[i].Name))
                {
                    continue;
                }

                columns.Add(i);
                if (fields[i].DataType is StringType && !fields[i].Name.Equals(OutcomeSchema.Customer, StringComparison.OrdinalIgnoreCase))
                {
                    dictionaries.Add(i);
                }
            }

            using var reader = Reader(path, [.. dictionaries]);
            var all = reader.Schema.FieldsList;
            var builder = new Schema.Builder();
            foreach (var column in columns)
            {
                builder.Field(all[column]);
            }

            return new ParquetSource(path, builder.Build(), reader.NumRowGroups, [.. columns], [.. dictionaries]);
        }
        catch (Exception ex) when (ex is ParquetException or IOException && ex is not FileNotFoundException)
        {
            throw new ColumnarFormatException($"{name} is not readable as a Parquet file: {ex.Message}", ex);
        }
    }

    internal override IUnitReader OpenReader() => new RowGroupReader(Reader(_path, _dictionaryColumns), _columns);

    public override void Dispose()
    {
        // Each worker's reader is its own.
    }

    private static FileReader Reader(string path, int[] dictionaryColumns)
    {
        using var properties = ArrowReaderProperties.GetDefault();
        foreach (var column in dictionaryColumns)
        {
            properties.SetReadDictionary(column, true);
        }

        return new FileReader(path, arrowProperties: properties);
    }

    private sealed class RowGroupReader(FileReader reader, int[] columns) : IUnitReader
    {
        public IEnumerable<RecordBatch> Read(int unit)
        {
            using var batches = reader.GetRecordBatchReader([unit], columns);
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

        public void Dispose() => reader.Dispose();
    }
}
