using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CxScoring.Parquet;

/// <summary>
/// A Parquet file as row groups that workers decode on their own: only the outcome columns are decoded, and utf8
/// identifier columns are read as dictionaries (the file's own dictionary pages), so that they map to plan indices
/// once per dictionary. A row group whose chunks are all in the encodings and codecs the package's writer uses is
/// decoded by the worker's <see cref="PageDecoder"/> from the file's bytes; any other row group (or every row group of
/// a file whose columns it does not read) by the worker's ParquetSharp <see cref="FileReader"/>, opened only when such
/// a row group comes. The file is opened once before the workers start: one native reader for the Arrow schema (the
/// dictionary columns' types are made from it, as the Arrow reader makes them) on the calling thread and, at the same
/// time on a pool thread, the footer, parsed here, for the chunks and their statistics.
/// </summary>
internal sealed class ParquetSource : ColumnarSource
{
    private readonly string _path;
    private readonly int[] _columns;
    private readonly int[] _dictionaryColumns;
    private readonly int _customerColumn;
    private readonly int[] _optionalColumns;
    private readonly int[] _leaves;
    private readonly ParquetFooter? _footer;
    private readonly DecodedColumn[]? _decoded;
    private readonly int _observedColumn;
    private readonly int[] _ownColumns;

    private ParquetSource(string path, Schema schema, int units, int[] columns, int[] dictionaryColumns, int customerColumn, int[] optionalColumns, int[] leaves, ParquetFooter? footer, DecodedColumn[]? decoded, int observedColumn, int[] ownColumns)
    {
        _observedColumn = observedColumn;
        _ownColumns = ownColumns;
        _leaves = leaves;
        _footer = footer;
        _decoded = decoded;
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

        // The footer is read and parsed on a pool thread while the native reader opens the file and gives its schema
        // (each of the order of a millisecond, serial work before any worker starts).
        var footerRead = Task.Run(() => ParquetFooter.Read(path));
        try
        {
            using var probe = new FileReader(path);
            var fields = probe.Schema.FieldsList;
            var columns = new List<int>();
            var dictionaries = new List<int>();
            var customer = -1;
            var observed = -1;
            var optional = new List<int>();
            var own = new List<int>();
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
                else if (fields[i].Name.Equals(OutcomeSchema.ObservedAt, StringComparison.OrdinalIgnoreCase))
                {
                    observed = i;
                }
                else if (IsOptional(fields[i].Name))
                {
                    optional.Add(i);
                    if (OutcomeSchema.IsPerOutcome(fields[i].Name))
                    {
                        own.Add(i);
                    }
                }

                columns.Add(i);
                if (fields[i].DataType is StringType && IsDimension(fields[i].Name))
                {
                    dictionaries.Add(i);
                }
            }

            // The Arrow reader reads a utf8 column asked for as a dictionary as dictionary<int32, utf8>, the field
            // otherwise as it is: the schema is made so, without a second native reader.
            var builder = new Schema.Builder();
            foreach (var column in columns)
            {
                var field = fields[column];
                builder.Field(dictionaries.Contains(column)
                    ? new Field(field.Name, new DictionaryType(Int32Type.Default, StringType.Default, false), field.IsNullable, field.Metadata)
                    : field);
            }

            // The Parquet leaf of each field whose statistics are looked at (-1 for others), found once here: each
            // read of SchemaManifest.SchemaFields makes its fields anew, with their native handles.
            var manifest = probe.SchemaManifest.SchemaFields;
            var leaves = new int[manifest.Count];
            for (var field = 0; field < leaves.Length; field++)
            {
                leaves[field] = field == customer || field == observed || optional.Contains(field) ? manifest[field].ColumnIndex : -1;
            }

            var decoded = Decodable(probe, columns);
            var footer = footerRead.GetAwaiter().GetResult();
            if (footer is not null && footer.RowGroups != probe.NumRowGroups)
            {
                footer = null;
            }

            // The observedAt values may be left undecoded (zeros given) only in nanoseconds, where every instant is in
            // the engine's range, and only in a file whose per-outcome columns can be left out of a row group.
            var nanoseconds = decoded is not null && observed >= 0
                && OutcomeSchema.InNanoseconds(decoded[columns.IndexOf(observed)].Field.DataType);
            return new ParquetSource(path, builder.Build(), probe.NumRowGroups, [.. columns], [.. dictionaries], customer, hasValue ? [.. optional] : [], leaves, footer, footer is null ? null : decoded, nanoseconds && hasValue ? observed : -1, [.. own]);
        }
        catch (Exception ex) when (ex is ParquetException or IOException && ex is not FileNotFoundException)
        {
            throw new ColumnarFormatException($"{name} is not readable as a Parquet file: {NativeMessage(ex.Message)}", ex);
        }
        finally
        {
            // When the native reader failed first, the footer's read is still waited for (it rents from the workers'
            // pool, which the call holds only until it returns) and its own failure is not reported: the native
            // reader's is, as when the footer was read after it.
            if (!footerRead.IsCompleted)
            {
                ((IAsyncResult)footerRead).AsyncWaitHandle.WaitOne();
            }

            _ = footerRead.Exception;
        }
    }

    /// <summary>
    /// The native library's own words from a ParquetSharp exception message, which wraps them in the mangled name of
    /// the C++ exception type (<c>N7parquet22ParquetStatusExceptionE (message: 'IOError: …')</c>); other messages as
    /// they are.
    /// </summary>
    /// <param name="message">The exception's message.</param>
    /// <returns>The text a reader of the error needs.</returns>
    internal static string NativeMessage(string message)
    {
        const string Opening = "(message: '";
        var start = message.IndexOf(Opening, StringComparison.Ordinal);
        var end = message.LastIndexOf("')", StringComparison.Ordinal);
        return start >= 0 && end > start + Opening.Length
            ? message[(start + Opening.Length)..end].Trim()
            : message.Trim();
    }

    /// <summary>
    /// The columns as <see cref="PageDecoder"/> reads them, or <see langword="null"/> when one of them is not a flat
    /// column it reads exactly as the Arrow reader would (an identifier that is not a utf8 byte array, a number that is
    /// not a double, an instant whose Arrow unit is not the Parquet column's, a nested or repeated column): such a file
    /// is read through the Arrow reader, which also reports a column of the wrong type.
    /// </summary>
    private static DecodedColumn[]? Decodable(FileReader file, List<int> columns)
    {
        var decoded = new DecodedColumn[columns.Count];
        var fields = file.Schema.FieldsList;
        var metadata = file.ParquetReader.FileMetaData;
        for (var i = 0; i < columns.Count; i++)
        {
            var field = fields[columns[i]];
            var manifest = file.SchemaManifest.SchemaFields[columns[i]];
            if (manifest.Children.Count != 0 || manifest.ColumnIndex < 0)
            {
                return null;
            }

            var descriptor = metadata.Schema.Column(manifest.ColumnIndex);
            if (descriptor.MaxRepetitionLevel != 0 || descriptor.MaxDefinitionLevel > 1)
            {
                return null;
            }

            using var logical = descriptor.LogicalType;
            DecodedKind? kind = (descriptor.PhysicalType, field.DataType) switch
            {
                (PhysicalType.ByteArray, StringType or DictionaryType { ValueType: StringType }) when logical is StringLogicalType => DecodedKind.Identifiers,
                (PhysicalType.Double, DoubleType) => DecodedKind.Double,
                (PhysicalType.Int64, TimestampType timestamp) when SameUnit(logical, timestamp.Unit) => DecodedKind.Int64,
                (PhysicalType.Int64, Int64Type) when logical is NoneLogicalType or IntLogicalType { BitWidth: 64, IsSigned: true } => DecodedKind.Int64,
                _ => null,
            };
            if (kind is not { } known)
            {
                return null;
            }

            var type = PageDecoder.ArrowType(known, field.DataType);
            decoded[i] = new DecodedColumn(manifest.ColumnIndex, known, new Field(field.Name, type, nullable: true), descriptor.MaxDefinitionLevel == 1);
        }

        return decoded;
    }

    /// <summary>Whether a Parquet timestamp column is in the Arrow field's unit (the Arrow reader converts seconds, stored as milliseconds, back to seconds).</summary>
    private static bool SameUnit(LogicalType logical, Apache.Arrow.Types.TimeUnit unit)
        => logical is TimestampLogicalType timestamp && (timestamp.TimeUnit, unit) switch
        {
            (ParquetSharp.TimeUnit.Millis, Apache.Arrow.Types.TimeUnit.Millisecond) => true,
            (ParquetSharp.TimeUnit.Micros, Apache.Arrow.Types.TimeUnit.Microsecond) => true,
            (ParquetSharp.TimeUnit.Nanos, Apache.Arrow.Types.TimeUnit.Nanosecond) => true,
            _ => false,
        };

    /// <summary>Whether a column is one of the optional fields, left out of a row group where it holds only nulls (the file has a value column, so the batch stays readable without them).</summary>
    private static bool IsOptional(string name)
        => name.Equals(OutcomeSchema.Segment, StringComparison.OrdinalIgnoreCase) || OutcomeSchema.IsPerOutcome(name);

    /// <summary>Whether a column holds few distinct identifiers, worth reading as a dictionary.</summary>
    private static bool IsDimension(string name)
        => name.Equals(OutcomeSchema.Touchpoint, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Measure, StringComparison.OrdinalIgnoreCase)
           || name.Equals(OutcomeSchema.Segment, StringComparison.OrdinalIgnoreCase);

    internal override IUnitReader OpenReader(bool customers, bool instants)
        => new RowGroupReader(_path, _dictionaryColumns, _columns, customers ? -1 : _customerColumn, _optionalColumns, _leaves, _footer, _decoded, instants ? -1 : _observedColumn, _ownColumns);

    /// <summary>Whether the page decoder reads a row group's outcome columns (as the footer shows them; a page in another encoding still sends it to the Arrow reader).</summary>
    internal bool IsDecoded(int unit)
    {
        if (_footer is null || _decoded is null)
        {
            return false;
        }

        using var decoder = new PageDecoder(_path, _footer, _decoded);
        var all = new int[_decoded.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return decoder.CanDecode(unit, all);
    }

    public override void Dispose()
    {
        // Each worker's reader is its own.
    }

    /// <summary>
    /// One worker's reader; the native reader uses its properties as long as it lives, so they are kept with it, and
    /// both are made when the first row group the page decoder does not read comes (or for statistics the footer did
    /// not give, when it could not be parsed). When the customers themselves are not needed, a row group's customer
    /// column is not decoded if its statistics show that it has no null and that its least value is not empty (the
    /// empty string is the least of all, so no customer is empty): the column would only have been checked for missing
    /// customers. An optional column whose statistics count as many nulls as the row group has rows is not decoded
    /// either: a column of nulls only is as good as absent.
    /// </summary>
    private sealed class RowGroupReader : IUnitReader
    {
        private readonly string _path;
        private readonly int[] _dictionaryColumns;
        private readonly int[] _columns;
        private readonly int _customerField;
        private readonly int[] _optionalFields;
        private readonly int[] _leaves;
        private readonly ParquetFooter? _footer;
        private readonly List<int> _read = [];
        private readonly List<int> _positions = [];
        private readonly PageDecoder? _decoder;
        private readonly int _observedField;
        private readonly int[] _ownFields;
        private ArrowReaderProperties? _properties;
        private FileReader? _file;

        internal RowGroupReader(string path, int[] dictionaryColumns, int[] columns, int customerField, int[] optionalFields, int[] leaves, ParquetFooter? footer, DecodedColumn[]? decoded, int observedField, int[] ownFields)
        {
            _observedField = observedField;
            _ownFields = ownFields;
            _path = path;
            _dictionaryColumns = dictionaryColumns;
            _columns = columns;
            _customerField = customerField;
            _optionalFields = optionalFields;
            _leaves = leaves;
            _footer = footer;
            _decoder = footer is null || decoded is null ? null : new PageDecoder(path, footer, decoded);
        }

        /// <summary>Gets the worker's native reader, opened on first use.</summary>
        private FileReader File => _file ?? Open();

        private FileReader Open()
        {
            var properties = ArrowReaderProperties.GetDefault();
            try
            {
                // Pre-buffering hands each row group's reads to Arrow's shared I/O thread pool and waits for them:
                // for a local file, a thread hand-off per row group and nothing gained; the worker reads its own columns.
                properties.PreBuffer = false;
                foreach (var column in _dictionaryColumns)
                {
                    properties.SetReadDictionary(column, true);
                }

                _file = new FileReader(_path, arrowProperties: properties);
                _properties = properties;
                return _file;
            }
            catch
            {
                properties.Dispose();
                throw;
            }
        }

        public IEnumerable<RecordBatch> Read(int unit)
        {
            var columns = ColumnsToRead(unit);
            if (_decoder is not null)
            {
                _positions.Clear();
                foreach (var field in columns)
                {
                    _positions.Add(System.Array.IndexOf(_columns, field));
                }

                // Decoded whole before it is handed on: a page in an encoding not decoded here sends the row group to the Arrow reader.
                var zeroed = InstantsUnread(unit, columns) ? System.Array.IndexOf(_columns, _observedField) : -1;
                if (_decoder.CanDecode(unit, _positions) && _decoder.Decode(unit, _positions, zeroed) is { } decoded)
                {
                    yield return decoded;
                    yield break;
                }
            }

            foreach (var batch in ReadArrow(unit, columns))
            {
                yield return batch;
            }
        }

        /// <summary>Reads a row group through ParquetSharp's Arrow reader (a file or row group the page decoder does not read).</summary>
        private IEnumerable<RecordBatch> ReadArrow(int unit, int[] columns)
        {
            using var batches = File.GetRecordBatchReader([unit], columns);
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

        /// <summary>
        /// Whether a row group's <c>observedAt</c> values are left undecoded (zeros given in their place): the scorecard
        /// reads no instant (the core's <c>ScoringPlan.ReadsObservedInstants</c>), the column is in nanoseconds, its
        /// statistics count no null, and no per-outcome promise, deadline or rating column is decoded for the row group
        /// (each holds only nulls there).
        /// </summary>
        private bool InstantsUnread(int unit, int[] columns)
        {
            if (_observedField < 0 || _footer is null || _footer.Statistics(unit, _leaves[_observedField]).NullCount != 0)
            {
                return false;
            }

            foreach (var field in _ownFields)
            {
                if (System.Array.IndexOf(columns, field) >= 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The outcome columns of a row group less those its statistics show need not be decoded.</summary>
        private int[] ColumnsToRead(int unit)
        {
            if (_customerField < 0 && _optionalFields.Length == 0)
            {
                return _columns;
            }

            _read.Clear();
            if (_footer is not null)
            {
                var rows = _footer.Rows(unit);
                foreach (var field in _columns)
                {
                    var statistics = _footer.Statistics(unit, _leaves[field]);
                    if ((field == _customerField && statistics is { NullCount: 0, MinLength: > 0 })
                        || (System.Array.IndexOf(_optionalFields, field) >= 0 && rows >= 0 && statistics.NullCount == rows))
                    {
                        continue;
                    }

                    _read.Add(field);
                }

                return [.. _read];
            }

            using var rowGroup = File.ParquetReader.RowGroup(unit);
            var metadata = rowGroup.MetaData;
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
            using var chunk = metadata.GetColumnChunkMetaData(_leaves[field]);
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
            using var chunk = metadata.GetColumnChunkMetaData(_leaves[field]);
            if (!chunk.IsStatsSet)
            {
                return false;
            }

            using var statistics = chunk.Statistics;
            return statistics is not null && statistics.NullCount == metadata.NumRows;
        }

        public void Dispose()
        {
            _decoder?.Dispose();
            _file?.Dispose();
            _properties?.Dispose();
        }
    }
}
