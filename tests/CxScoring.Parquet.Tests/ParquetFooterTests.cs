using CxScoring.Arrow;
using CxScoring.Arrow.Tests.TestSupport;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CxScoring.Parquet.Tests;

/// <summary>
/// The column statistics read from the footer by our own parse: they agree with the native library's on files it
/// writes (with and without statistics), a missing null count or least value counts as unknown, and a null count
/// outside the chunk's values is an error naming the file, the row group and the column.
/// </summary>
public sealed class ParquetFooterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Statistics_FileWrittenByTheNativeLibrary_AgreeWithItsOwn(bool statistics)
    {
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 300)
            .Select(i => new ColumnarRow(i % 7 == 0 && i < 100 ? "" : $"c{i % 17}", i % 50 == 0 ? null : "bill", "amount", i * 0.5, 1_740_000_000_000_000_000 + (i * 1_000_000_000L), i < 128 ? null : "gold", i % 3 == 0 ? null : 2.5, null, null))
            .ToArray();
        var file = new ColumnarCase(rows, 64, Dictionary: false, Threads: 1, ByCustomer: false, Seed: 1);
        var path = temp.Path("statistics.parquet");
        var batches = file.ToBatches().ToList();
        var builder = new WriterPropertiesBuilder();
        if (!statistics)
        {
            builder.DisableStatistics();
        }

        using (var properties = builder.Build())
        using (var writer = new FileWriter(path, batches[0].Schema, properties))
        {
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch, batch.Length);
            }

            writer.Close();
        }

        builder.Dispose();
        var footer = ParquetFooter.Read(path)!;
        using var reader = new ParquetFileReader(path);
        Assert.Equal(reader.FileMetaData.NumRowGroups, footer.RowGroups);
        var seen = 0;
        for (var group = 0; group < footer.RowGroups; group++)
        {
            using var rowGroup = reader.RowGroup(group);
            Assert.Equal(rowGroup.MetaData.NumRows, footer.Rows(group));
            for (var leaf = 0; leaf < reader.FileMetaData.NumColumns; leaf++)
            {
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(leaf);
                var ours = footer.Statistics(group, leaf);
                if (!chunk.IsStatsSet)
                {
                    Assert.Equal(ChunkStatistics.None, ours);
                    continue;
                }

                using var native = chunk.Statistics!;
                Assert.Equal(native.NullCount, ours.NullCount);
                if (native is Statistics<ByteArray> { HasMinMax: true } strings)
                {
                    Assert.Equal(strings.Min.Length, ours.MinLength);
                }

                seen++;
            }
        }

        Assert.Equal(statistics, seen > 0);
    }

    [Fact]
    public void Parse_StatisticsGiven_KeepsNullCountAndLeastValueLength()
    {
        var footer = ParquetFooter.Parse(Footer(rows: 10, nullCount: 3, min: "abc"), DataEnd);
        Assert.Equal(new ChunkStatistics(0, -1), footer.Statistics(0, 0));
        Assert.Equal(new ChunkStatistics(3, 3), footer.Statistics(1, 0));
        Assert.Equal(ChunkStatistics.None, footer.Statistics(1, 1));
        Assert.Equal(10, footer.Chunk(0, 0)!.Value.Values);
    }

    [Fact]
    public void Parse_NoStatistics_LeavesThemUnknown()
    {
        Assert.Equal(ChunkStatistics.None, ParquetFooter.Parse(Footer(rows: 10, statistics: false), DataEnd).Statistics(1, 0));
    }

    [Fact]
    public void Parse_NoNullCountAndOnlyTheOlderMin_LeavesThemUnknown()
    {
        // A null count missing is not 0, and the older min field (in a signed byte order for some writers) is not used.
        var footer = ParquetFooter.Parse(Footer(rows: 10, nullCount: null, min: null, legacyMin: "a"), DataEnd);
        Assert.Equal(new ChunkStatistics(null, -1), footer.Statistics(1, 0));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(11L)]
    [InlineData(long.MinValue)]
    public void Read_NullCountOutsideTheChunk_NamesFileRowGroupAndColumn(long nullCount)
    {
        using var temp = new TempFiles();
        var path = temp.Path("corrupt.parquet");
        var footer = Footer(rows: 10, nullCount: nullCount, min: "abc");
        var bytes = new List<byte>("PAR1"u8.ToArray());
        bytes.AddRange(new byte[DataEnd - 4]);
        bytes.AddRange(footer);
        bytes.AddRange(BitConverter.GetBytes(footer.Length));
        bytes.AddRange("PAR1"u8.ToArray());
        File.WriteAllBytes(path, [.. bytes]);

        var ex = Assert.Throws<ColumnarFormatException>(() => ParquetFooter.Read(path));
        Assert.Equal(
            $"corrupt.parquet is not readable as a Parquet file: row group 1 (counted from 0), column 'customer': statistics: a null count of {nullCount} in a chunk of 10 values.",
            ex.Message);
    }

    [Fact]
    public void Parse_StatisticsNotAStruct_IsMalformedMetadata()
    {
        // Field 12 of the column metadata holding an i64: the footer is not read (the native reader then reads, and reports, the file).
        Assert.Throws<InvalidDataException>(() => ParquetFooter.Parse(Footer(rows: 10, nullCount: 1, statisticsAsI64: true), DataEnd));
    }

    private const long DataEnd = 1_000;

    /// <summary>
    /// A <c>FileMetaData</c> of two row groups of <paramref name="rows"/> rows, each one column chunk ('customer') at
    /// byte 4; the second row group's chunk has the statistics given (the first has a null count of 0).
    /// </summary>
    private static byte[] Footer(long rows, long? nullCount = 0, string? min = null, string? legacyMin = null, bool statistics = true, bool statisticsAsI64 = false)
    {
        var w = new ThriftWriter();
        w.Field(4, ThriftCompactReader.List);
        w.ListHeader(2, ThriftCompactReader.Struct);
        for (var group = 0; group < 2; group++)
        {
            w.Begin();
            w.Field(1, ThriftCompactReader.List);
            w.ListHeader(1, ThriftCompactReader.Struct);
            w.Begin();
            w.Field(3, ThriftCompactReader.Struct);
            w.Begin();
            w.Field(2, ThriftCompactReader.List);
            w.ListHeader(1, ThriftCompactReader.I32);
            w.Varint(0);
            w.Field(3, ThriftCompactReader.List);
            w.ListHeader(1, ThriftCompactReader.Binary);
            w.Binary("customer");
            w.Field(4, ThriftCompactReader.I32);
            w.Varint(0);
            w.Field(5, ThriftCompactReader.I64);
            w.Varint(rows);
            w.Field(7, ThriftCompactReader.I64);
            w.Varint(100);
            w.Field(9, ThriftCompactReader.I64);
            w.Varint(4);
            if (group == 0)
            {
                w.Field(12, ThriftCompactReader.Struct);
                w.Begin();
                w.Field(3, ThriftCompactReader.I64);
                w.Varint(0);
                w.End();
            }
            else if (statisticsAsI64)
            {
                w.Field(12, ThriftCompactReader.I64);
                w.Varint(1);
            }
            else if (statistics)
            {
                w.Field(12, ThriftCompactReader.Struct);
                w.Begin();
                if (legacyMin is not null)
                {
                    w.Field(2, ThriftCompactReader.Binary);
                    w.Binary(legacyMin);
                }

                if (nullCount is { } nulls)
                {
                    w.Field(3, ThriftCompactReader.I64);
                    w.Varint(nulls);
                }

                if (min is not null)
                {
                    w.Field(6, ThriftCompactReader.Binary);
                    w.Binary(min);
                }

                w.End();
            }

            w.End(); // ColumnMetaData
            w.End(); // ColumnChunk
            w.Field(3, ThriftCompactReader.I64);
            w.Varint(rows);
            w.End(); // RowGroup
        }

        w.End(); // FileMetaData
        return w.ToArray();
    }

    /// <summary>Thrift compact protocol, only what the footers above need (field ids that grow by at most 15).</summary>
    private sealed class ThriftWriter
    {
        private readonly List<byte> _bytes = [];
        private readonly Stack<short> _last = new();
        private short _field;

        public void Field(short id, byte type)
        {
            _bytes.Add((byte)(((id - _field) << 4) | type));
            _field = id;
        }

        public void ListHeader(int count, byte element) => _bytes.Add((byte)((count << 4) | element));

        public void Begin()
        {
            _last.Push(_field);
            _field = 0;
        }

        public void End()
        {
            _bytes.Add(ThriftCompactReader.Stop);
            _field = _last.Count > 0 ? _last.Pop() : (short)0;
        }

        /// <summary>A zigzag varint (i32, i64).</summary>
        public void Varint(long value)
        {
            var zigzag = (ulong)((value << 1) ^ (value >> 63));
            while (zigzag >= 0x80)
            {
                _bytes.Add((byte)(zigzag | 0x80));
                zigzag >>= 7;
            }

            _bytes.Add((byte)zigzag);
        }

        public void Binary(string value)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            _bytes.Add((byte)bytes.Length);
            _bytes.AddRange(bytes);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
