using System.Text;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.OutcomeFiles;

public class NdjsonOutcomeReaderTests
{
    private const string Good = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":90,"observedAt":"2025-03-01T09:30:00Z"}""";

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void WriteThenRead_GivesTheSameOutcomes(Outcome[] outcomes)
    {
        using var stream = new MemoryStream();
        using (var writer = new NdjsonOutcomeWriter(stream))
        {
            foreach (var outcome in outcomes)
            {
                writer.Write(outcome);
            }
        }

        var reader = new NdjsonOutcomeReader(new TrickleStream(stream.ToArray(), outcomes.Length));
        Assert.Equal(outcomes, reader.ReadAll().ToArray());
        Assert.Equal(outcomes.Length, reader.Report.Read);
        Assert.Equal(0, reader.Report.Malformed);
    }

    [Fact]
    public async Task ReadAllAsync_AllFields_AreRead()
    {
        var line = """{"customer":"c1","touchpoint":"activation","measure":"on-time","value":0,"observedAt":"2025-03-01T10:30:00+01:00","segment":"business","promisedLevel":"PT2M","promisedBy":"2025-03-01T17:00:00Z","requestedAt":"2025-02-28T12:00:00Z","perceivedRating":4,"extra":{"nested":[1,2]}}""";
        var outcomes = await ReadAsync(line);
        var outcome = Assert.Single(outcomes);
        Assert.Equal(
            new Outcome("c1", "activation", "on-time", 0, Instant.FromUtc(2025, 3, 1, 9, 30), "business", 120, Instant.FromUtc(2025, 3, 1, 17, 0), Instant.FromUtc(2025, 2, 28, 12, 0), 4),
            outcome);
    }

    [Fact]
    public void ReadAll_DurationValue_IsReadInSeconds()
        => Assert.Equal(172_800, Read(Good.Replace("90", "\"PT48H\"", StringComparison.Ordinal)).Single().Value);

    [Fact]
    public void ReadAll_MalformedRecord_FailFastNamesLineAndField()
    {
        var text = $"{Good}\n{Good.Replace("2025-03-01T09:30:00Z", "yesterday", StringComparison.Ordinal)}\n{Good}\n";
        var reader = new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var ex = Assert.Throws<MalformedOutcomeException>(() => reader.ReadAll().ToList());
        Assert.Equal(2, ex.Line);
        Assert.Equal("observedAt", ex.Field);
        Assert.Equal("Malformed outcome record at line 2, field 'observedAt': 'yesterday' is not an ISO-8601 instant such as '2025-03-01T09:30:00Z'.", ex.Message);
        Assert.Equal(1, reader.Report.Read);
    }

    [Fact]
    public void ReadAll_CollectAndContinue_CountsEveryLine()
    {
        var lines = new[]
        {
            Good,
            "",
            Good.Replace("\"customer\":\"c1\",", string.Empty, StringComparison.Ordinal),
            "not json",
            Good.Replace("90", "\"ninety\"", StringComparison.Ordinal),
            Good.Replace("90", "true", StringComparison.Ordinal),
            Good.Replace(",\"value\":90", string.Empty, StringComparison.Ordinal),
            Good.Replace("\"c1\"", "\"c 1\"", StringComparison.Ordinal),
            Good + Good,
            "   ",
            Good,
        };
        var seen = new List<MalformedRecord>();
        var reader = new NdjsonOutcomeReader(
            new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))),
            new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, OnMalformed = seen.Add });
        Assert.Equal(2, reader.ReadAll().Count());
        var report = reader.Report;
        Assert.Equal(9, report.Records);
        Assert.Equal(2, report.Read);
        Assert.Equal(7, report.Malformed);
        Assert.Equal(2, report.BlankLines);
        Assert.Equal(report.Records, report.Read + report.Malformed);
        Assert.Equal(seen, report.Errors);
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9], report.Errors.Select(e => e.Line));
        Assert.Equal(["customer", null, "value", "value", "value", "customer", null], report.Errors.Select(e => e.Field));
        Assert.False(report.ErrorsTruncated);
    }

    [Fact]
    public void ReadAll_LineLongerThanTheLimit_IsReportedAndSkipped()
    {
        var longLine = Good.Replace("\"c1\"", $"\"{new string('x', 500)}\"", StringComparison.Ordinal);
        var text = $"{Good}\n{longLine}\n{Good}";
        var reader = new NdjsonOutcomeReader(
            new TrickleStream(Encoding.UTF8.GetBytes(text), 3),
            new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxRecordLength = 200 });
        Assert.Equal(2, reader.ReadAll().Count());
        var error = Assert.Single(reader.Report.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("the line is longer than the limit of 200 bytes.", error.Message);
    }

    [Fact]
    public void ReadAll_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Good)).ToArray();
        Assert.Single(new NdjsonOutcomeReader(new MemoryStream(bytes)).ReadAll());
    }

    [Fact]
    public void ReadAll_SecondPass_Throws()
    {
        var reader = new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(Good)));
        _ = reader.ReadAll().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.ReadAll());
    }

    [Fact]
    public void Constructor_NullStream_ThrowsNamingIt()
        => Assert.Equal("utf8Ndjson", Assert.Throws<ArgumentNullException>(() => new NdjsonOutcomeReader(null!)).ParamName);

    [Fact]
    public void Constructors_InvalidOptions_ThrowNamingOptionsAndProperty()
    {
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new NdjsonOutcomeReader(new MemoryStream(), new OutcomeReaderOptions { MaxRecordLength = 10 }), "OutcomeReaderOptions.MaxRecordLength");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new NdjsonOutcomeReader(new MemoryStream(), new OutcomeReaderOptions { MaxRecordLength = (256 * 1024 * 1024) + 1 }), "OutcomeReaderOptions.MaxRecordLength");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new NdjsonOutcomeReader(new MemoryStream(), new OutcomeReaderOptions { MaxErrorsKept = -1 }), "OutcomeReaderOptions.MaxErrorsKept");
        OptionsAssert.Refused<ArgumentException>(() => new NdjsonOutcomeReader(new MemoryStream(), new OutcomeReaderOptions { CsvDelimiter = '"' }), "OutcomeReaderOptions.CsvDelimiter");
        OptionsAssert.Refused<ArgumentException>(() => new CsvOutcomeReader(new StringReader(""), new OutcomeReaderOptions { CsvDelimiter = 'a' }), "OutcomeReaderOptions.CsvDelimiter");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new CsvOutcomeReader(new StringReader(""), new OutcomeReaderOptions { MaxErrorsKept = -1 }), "OutcomeReaderOptions.MaxErrorsKept");
    }

    [Fact]
    public void Options_Defaults_Validate()
    {
        OutcomeReaderOptions.Default.Validate("options");
        new OutcomeReaderOptions().Validate("options");
    }

    [Fact]
    public void Writer_NonFiniteValue_IsRefused()
    {
        using var writer = new NdjsonOutcomeWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new Outcome("c", "t", "m", double.NaN, Instant.FromUnixTimeSeconds(0))));
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => writer.Write(default)).ParamName);
        Assert.Equal("utf8Ndjson", Assert.Throws<ArgumentNullException>(() => new NdjsonOutcomeWriter(null!)).ParamName);
    }

    [Fact]
    public void MalformedRecord_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("line", Assert.Throws<ArgumentOutOfRangeException>(() => new MalformedRecord(0, null, "x")).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => new MalformedRecord(1, null, " ")).ParamName);
        Assert.Equal("record", Assert.Throws<ArgumentNullException>(() => new MalformedOutcomeException(null!)).ParamName);
    }

    private static List<Outcome> Read(string text) => new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(text))).ReadAll().ToList();

    private static async Task<List<Outcome>> ReadAsync(string text)
    {
        var list = new List<Outcome>();
        await foreach (var outcome in new NdjsonOutcomeReader(new TrickleStream(Encoding.UTF8.GetBytes(text), 1)).ReadAllAsync())
        {
            list.Add(outcome);
        }

        return list;
    }

    [Fact]
    public void ReadAll_InvalidUtf8OrLoneSurrogate_IsMalformedNamingLineAndField()
    {
        var good = Encoding.UTF8.GetBytes(Good + "\n");
        var invalidUtf8 = Encoding.UTF8.GetBytes(Good.Replace("\"c1\"", "\"c\u00FF1\"", StringComparison.Ordinal) + "\n");
        var at = Array.IndexOf(invalidUtf8, (byte)0xC3);
        invalidUtf8[at] = 0xFF; // a byte that never occurs in UTF-8
        var loneSurrogate = Encoding.UTF8.GetBytes(Good.Replace("\"chat\"", "\"\\uD800\"", StringComparison.Ordinal) + "\n");
        var badName = Encoding.UTF8.GetBytes(Good.Replace("\"customer\"", "\"\\uDC00x\":1,\"customer\"", StringComparison.Ordinal) + "\n");
        var bytes = good.Concat(invalidUtf8).Concat(loneSurrogate).Concat(badName).Concat(good).ToArray();
        var reader = new NdjsonOutcomeReader(new MemoryStream(bytes), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });

        Assert.Equal(2, reader.ReadAll().Count());

        Assert.Equal(5, reader.Report.Records);
        Assert.Equal(3, reader.Report.Malformed);
        Assert.Equal([2L, 3L, 4L], reader.Report.Errors.Select(e => e.Line));
        Assert.Equal(["customer", "touchpoint", null], reader.Report.Errors.Select(e => e.Field));
        Assert.All(reader.Report.Errors, e => Assert.Contains("not valid UTF-8 or holds an unpaired UTF-16 surrogate", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAll_LoneSurrogate_FailFastThrowsMalformedOutcome()
    {
        var bytes = Encoding.UTF8.GetBytes(Good.Replace("\"wait\"", "\"w\\uD800\"", StringComparison.Ordinal));
        var ex = Assert.Throws<MalformedOutcomeException>(() => new NdjsonOutcomeReader(new MemoryStream(bytes)).ReadAll().ToList());
        Assert.Equal(1, ex.Line);
        Assert.Equal("measure", ex.Field);
    }

    public static TheoryData<string, int, bool> LineLengths() => new()
    {
        { "\n", 0, true },
        { "\n", 1, false },
        { "\r\n", 0, true },
        { "\r\n", 1, false },
        { "", 0, true },
        { "", 1, false },
    };

    [Theory]
    [MemberData(nameof(LineLengths))]
    public void ReadAll_LineAtTheLimit_IsReadAndOneOver_IsRefused_HoweverTheBytesArrive(string lineBreak, int over, bool accepted)
    {
        // A line of exactly MaxRecordLength bytes, or one more, without its line break; then a good line.
        const int limit = 1000;
        var head = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":90,"observedAt":"2025-03-01T09:30:00Z","note":" """.TrimEnd();
        var line = head + new string('x', limit + over - head.Length - 2) + "\"}";
        Assert.Equal(limit + over, Encoding.UTF8.GetByteCount(line));
        var bytes = Encoding.UTF8.GetBytes(line + lineBreak + (lineBreak.Length == 0 ? string.Empty : Good + lineBreak));
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new OneByteStream(bytes) })
        {
            var reader = new NdjsonOutcomeReader(stream, new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxRecordLength = limit });
            var outcomes = reader.ReadAll().ToList();
            Assert.Equal(accepted ? 0 : 1, reader.Report.Malformed);
            Assert.Equal((accepted ? 1 : 0) + (lineBreak.Length == 0 ? 0 : 1), outcomes.Count);
        }
    }

    [Fact]
    public void ReadAll_LineOfNearlyTwiceTheLimit_IsRefusedEvenWhenReadAtOnce()
    {
        // 1,100 rents a pooled buffer of 2,048 bytes, which holds the whole line with its line break.
        const int limit = 1100;
        var head = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":90,"observedAt":"2025-03-01T09:30:00Z","note":" """.TrimEnd();
        var line = head + new string('x', 1900) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(line + "\n" + Good + "\n");
        var reader = new NdjsonOutcomeReader(new MemoryStream(bytes), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxRecordLength = limit });
        Assert.Single(reader.ReadAll());
        var error = Assert.Single(reader.Report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal("the line is longer than the limit of 1100 bytes.", error.Message);
    }

    [Theory]
    [InlineData("{\"customer\":\"c1\",\"touchpoint\":\"chat\",\"measure\":\"wait\",\"value\":90,\"observedAt\":\"2025-03-01T09:30:00Z\",\"n\u00e9\":1}", null)]
    [InlineData("{\"customer\":\"c1\",\"touchpoint\":\"chat\",\"measure\":\"wait\",\"value\":90,\"observedAt\":\"2025-03-01T09:30:00Z\",\"note\":\"caf\u00e9\"}", "note")]
    [InlineData("{\"customer\":\"c1\",\"touchpoint\":\"chat\",\"measure\":\"wait\",\"value\":90,\"observedAt\":\"2025-03-01T09:30:00Z\",\"extra\":{\"a\":[\"caf\u00e9\"]}}", "extra")]
    [InlineData("{\"customer\":\"c1\",\"touchpoint\":\"chat\",\"measure\":\"wait\",\"value\":90,\"observedAt\":\"2025-03-01T09:30:00Z\",\"note\":\"\\uD800\"}", "note")]
    public void ReadAll_InvalidUtf8InANameOrAnUnknownField_IsMalformed(string line, string? field)
    {
        // Turn the UTF-8 of 'é' (C3 A9) into an invalid sequence (C3 28).
        var bytes = Encoding.UTF8.GetBytes(line + "\n" + Good + "\n");
        var at = Array.IndexOf(bytes, (byte)0xC3);
        if (at >= 0)
        {
            bytes[at + 1] = 0x28;
        }

        var reader = new NdjsonOutcomeReader(new MemoryStream(bytes), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Single(reader.ReadAll());
        var error = Assert.Single(reader.Report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(field, error.Field);
    }

    /// <summary>Hands out one byte per read.</summary>
    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer.IsEmpty ? buffer : buffer[..1]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
