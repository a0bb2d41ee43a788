using CxScoring.Arrow;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.Tests.TestSupport;
using ParquetSharp;
using ParquetSharp.Arrow;
using static CxScoring.Parquet.Tests.ParquetScoringEngineExtensionsTests;

namespace CxScoring.Parquet.Tests;

/// <summary>
/// Which row groups the page decoder reads, and corrupt files: a bad page header, a page that runs past its column
/// chunk, corrupt Snappy data each give a <see cref="ColumnarFormatException"/> naming the file, the row group and the
/// column. Exactness is stated by the bit-identical-to-CSV properties, which check that the page decoder reads their files.
/// </summary>
public sealed class PageDecoderTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Fact]
    public async Task ScoreParquetFileAsync_ZstdDeltaAndByteStreamSplit_ScoresThroughTheArrowReader()
    {
        // Codecs and encodings the page decoder does not read: every row group goes to ParquetSharp's Arrow reader.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 300)
            .Select(i => new ColumnarRow($"c{i % 17}", i % 50 == 0 ? null : "bill", "amount", i * 0.5, 1_740_000_000_000_000_000 + (i * 1_000_000_000L), i % 3 == 0 ? null : "gold", null, null, null))
            .ToArray();
        var file = new ColumnarCase(rows, 64, Dictionary: false, Threads: 2, ByCustomer: false, Seed: 1);
        var path = temp.Path("zstd.parquet");
        var batches = file.ToBatches().ToList();
        using (var properties = new WriterPropertiesBuilder()
            .Compression(Compression.Zstd)
            .DisableDictionary("observedAt").Encoding("observedAt", ParquetSharp.Encoding.DeltaBinaryPacked)
            .DisableDictionary("value").Encoding("value", ParquetSharp.Encoding.ByteStreamSplit)
            .Build())
        using (var writer = new FileWriter(path, batches[0].Schema, properties))
        {
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch, batch.Length);
            }

            writer.Close();
        }

        using (var source = ParquetSource.Open(path))
        {
            Assert.Equal(5, source.Units);
            Assert.All(Enumerable.Range(0, source.Units), unit => Assert.False(source.IsDecoded(unit)));
        }

        var csv = ScoreCsv(temp, file);
        var parquet = await Engine.ScoreParquetFileAsync(path, Options(file));
        Assert.Equal(csv.Scorecard, parquet.Scorecard);
        Assert.Equal(csv.Report.Read, parquet.Report.Read);
        Assert.Equal(csv.Report.Errors.Select(e => (e.Line - 1, e.Field)), parquet.Report.Errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public async Task ScoreParquetFileAsync_BadPageHeader_NamesFileRowGroupAndColumn()
    {
        using var temp = new TempFiles();
        var (path, chunk) = WritePackageFile(temp, rowGroup: 1);
        var bytes = await File.ReadAllBytesAsync(path);

        // 0xFF is a field header of type 15, which the Thrift compact protocol does not have.
        bytes.AsSpan((int)chunk.Start, 4).Fill(0xFF);
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("outcomes.parquet is not readable as a Parquet file: row group 1 (counted from 0), column 'touchpoint': page at byte", ex.Message, StringComparison.Ordinal);
        Assert.Contains("malformed Thrift metadata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_PageRunsPastItsChunk_NamesFileRowGroupAndColumn()
    {
        using var temp = new TempFiles();
        var (path, chunk) = WritePackageFile(temp, rowGroup: 0, column: "value");
        var bytes = await File.ReadAllBytesAsync(path);

        // The value column's data page (50 plain doubles, more than 63 bytes: a compressed size of two bytes or more).
        // The header starts with type (field 1), uncompressed size (2) and compressed size (3), each an i32 field
        // (0x15) and a zigzag varint: the compressed size is made as large as its bytes allow, far past the chunk.
        var at = (int)chunk.Start;
        Assert.Equal(0x15, bytes[at]);
        at = SkipVarint(bytes, at + 1);
        Assert.Equal(0x15, bytes[at]);
        at = SkipVarint(bytes, at + 1);
        Assert.Equal(0x15, bytes[at]);
        var end = SkipVarint(bytes, at + 1);
        Assert.True(end - at > 2);
        bytes.AsSpan(at + 1, end - at - 2).Fill(0xFE);
        bytes[end - 1] = 0x7E;
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("row group 0 (counted from 0), column 'value'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bytes of the column chunk are left", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ScoreParquetFileAsync_CorruptSnappyPage_NamesFileRowGroupAndColumn(int threads)
    {
        using var temp = new TempFiles();
        var (path, chunk) = WritePackageFile(temp, rowGroup: 2);
        var bytes = await File.ReadAllBytesAsync(path);
        var header = PageHeader.Read(bytes.AsSpan((int)chunk.Start));

        // The dictionary page's Snappy block: its elements overwritten with copies from 255 bytes back, before any byte is written.
        var body = (int)chunk.Start + header.HeaderLength;
        SnappyDecoder.DecompressedLength(bytes.AsSpan(body), out var lengthBytes);
        for (var i = body + lengthBytes; i < body + header.CompressedSize - 1; i += 2)
        {
            bytes[i] = 0x01;
            bytes[i + 1] = 0xFF;
        }

        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = threads }));
        Assert.Contains("row group 2 (counted from 0), column 'touchpoint'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt Snappy data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_SnappyPageClaimingAnotherSize_NamesFileRowGroupAndColumnBeforeGrowingABuffer()
    {
        using var temp = new TempFiles();
        var (path, chunk) = WritePackageFile(temp, rowGroup: 1);
        var bytes = await File.ReadAllBytesAsync(path);

        // The dictionary page header's uncompressed size (field 2, an i32 after the page type) made as large as its
        // bytes allow: far more than the Snappy block states or can expand to, so the page is refused before any
        // buffer is grown for it.
        var at = (int)chunk.Start;
        Assert.Equal(0x15, bytes[at]);
        at = SkipVarint(bytes, at + 1);
        Assert.Equal(0x15, bytes[at]);
        var end = SkipVarint(bytes, at + 1);
        bytes.AsSpan(at + 1, end - at - 2).Fill(0xFE);
        bytes[end - 1] = 0x7E;
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("row group 1 (counted from 0), column 'touchpoint'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("whose header gives", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreParquetFileAsync_DictionaryClaimingMoreEntriesThanItsBytesHold_NamesFileRowGroupAndColumn()
    {
        using var temp = new TempFiles();
        var (path, chunk) = WritePackageFile(temp, rowGroup: 0);
        var bytes = await File.ReadAllBytesAsync(path);

        // The dictionary page header: type, uncompressed and compressed size (three i32 fields, 0x15), then the
        // dictionary page header struct (field 7, 0x4C) whose first field (0x15) is num_values; made 63, the most its
        // one byte holds, more entries than the page's bytes / 4 can hold (a few short identifiers).
        var at = (int)chunk.Start;
        for (var field = 0; field < 3; field++)
        {
            Assert.Equal(0x15, bytes[at]);
            at = SkipVarint(bytes, at + 1);
        }

        Assert.Equal(0x4C, bytes[at]);
        Assert.Equal(0x15, bytes[at + 1]);
        Assert.True(bytes[at + 2] < 0x80);
        bytes[at + 2] = 0x7E;
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<ColumnarFormatException>(() => Engine.ScoreParquetFileAsync(path));
        Assert.Contains("row group 0 (counted from 0), column 'touchpoint'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("63 byte arrays in a page of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThriftCompactReader_ListsNestedPastTheLimit_ThrowInsteadOfExhaustingTheStack()
    {
        // A struct whose field 1 is a list of one list of one list …, 200,000 deep (0x19: field delta 1 or a list of
        // one element, of type list): skipping it must stop at the nesting limit, not recurse 200,000 times.
        var bytes = new byte[200_001];
        bytes.AsSpan().Fill(0x19);
        var message = SkipFirstField(bytes);
        Assert.Contains("nested more than", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThriftCompactReader_I32OutOfRange_ThrowsInvalidData()
    {
        // Field 1 of type i32 (0x15) holding the zigzag varint of 2^40.
        var bytes = new List<byte> { 0x15 };
        var value = (ulong)(1L << 40) << 1;
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        var reader = new ThriftCompactReader(bytes.ToArray());
        var type = reader.ReadFieldHeader(out _);
        string? message = null;
        try
        {
            reader.ReadI32(type);
        }
        catch (InvalidDataException ex)
        {
            message = ex.Message;
        }

        Assert.Equal("malformed Thrift metadata: an i32 field holding 1099511627776.", message);
    }

    private static string? SkipFirstField(byte[] bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        var type = reader.ReadFieldHeader(out _);
        try
        {
            reader.Skip(type);
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }

        return null;
    }

    /// <summary>A file of the package's writer, 4 row groups of 50 rows; and a column's chunk in a row group.</summary>
    private static (string Path, ChunkLocation Chunk) WritePackageFile(TempFiles temp, int rowGroup, string column = "touchpoint")
    {
        var outcomes = ParquetOutcomeWriterTests.Writable(EngineTestData.Outcomes(3, 200));
        var path = temp.Path("outcomes.parquet");
        using (var file = File.Create(path))
        {
            ParquetOutcomeWriter.Write(outcomes, file, new ColumnarWriterOptions { BatchRows = 50 });
        }

        AssertDecodedByThePageDecoder(path);
        int leaf;
        using (var reader = new ParquetFileReader(path))
        {
            leaf = Enumerable.Range(0, reader.FileMetaData.NumColumns).Single(i => reader.FileMetaData.Schema.Column(i).Name == column);
        }

        return (path, ParquetFooter.Read(path)!.Chunk(rowGroup, leaf)!.Value);
    }

    private static int SkipVarint(byte[] bytes, int at)
    {
        while (bytes[at] >= 0x80)
        {
            at++;
        }

        return at + 1;
    }
}
