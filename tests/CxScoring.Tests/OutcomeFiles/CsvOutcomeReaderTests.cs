using CxScoring.Model;
using CxScoring.OutcomeFiles;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.OutcomeFiles;

public class CsvOutcomeReaderTests
{
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void WriteThenRead_GivesTheSameOutcomes(Outcome[] outcomes)
    {
        var text = new StringWriter();
        var writer = new CsvOutcomeWriter(text);
        foreach (var outcome in outcomes)
        {
            writer.Write(outcome);
        }

        writer.Flush();
        var reader = new CsvOutcomeReader(new StringReader(text.ToString()));
        Assert.Equal(outcomes, reader.ReadAll().ToArray());
        Assert.Equal(outcomes.Length, reader.Report.Read);
    }

    [Fact]
    public async Task ReadAllAsync_ColumnsInAnyOrder_AreMappedByName()
    {
        const string text = "Note,ObservedAt,value,MEASURE,touchpoint,customer\n\"a, b\",2025-03-01T09:30:00Z,PT2M,wait,chat,c1\n";
        var list = new List<Outcome>();
        await foreach (var outcome in new CsvOutcomeReader(new StringReader(text)).ReadAllAsync())
        {
            list.Add(outcome);
        }

        Assert.Equal(new Outcome("c1", "chat", "wait", 120, Instant.FromUtc(2025, 3, 1, 9, 30)), Assert.Single(list));
    }

    [Fact]
    public void ReadAll_QuotedFieldsAcrossLines_KeepLineNumbers()
    {
        const string text = "customer;touchpoint;measure;value;observedAt;comment\n"
            + "\"c\"\"1\";chat;wait;1;2025-03-01T09:30:00Z;\"two\nlines\"\n"
            + "c2;chat;wait;x;2025-03-01T09:30:00Z;\n";
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { CsvDelimiter = ';', Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Equal("c\"1", Assert.Single(reader.ReadAll()).CustomerId);
        var error = Assert.Single(reader.Report.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("value", error.Field);
    }

    [Fact]
    public void Line_WhileEnumerating_IsTheFileLineOfTheRecord()
    {
        const string text = "customer,touchpoint,measure,value,observedAt,note\n"
            + "c1,chat,wait,1,2025-03-01T09:30:00Z,\"two\nlines\"\n"
            + "\n"
            + "c2,chat,wait,2,2025-03-01T09:30:00Z,\n";
        var reader = new CsvOutcomeReader(new StringReader(text));
        var lines = reader.ReadAll().Select(_ => reader.Line).ToArray();
        Assert.Equal([2L, 5L], lines);
    }

    [Theory]
    [InlineData("customer,touchpoint,measure,observedAt,segment\nc1,chat,wait,2025-03-01T09:30:00Z,s\n", "value")]
    [InlineData("customer;touchpoint;measure;value;observedAt\nc1;chat;wait;1;2025-03-01T09:30:00Z\n", "customer")]
    [InlineData("customer,touchpoint,measure,value,observedAt,Value\nc1,chat,wait,1,2025-03-01T09:30:00Z,2\n", "value")]
    public void ReadAll_UnusableHeader_FailsAtTheHeaderAsTheRecordParserDoes(string text, string field)
    {
        var options = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue };
        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        var expected = Assert.Throws<MalformedOutcomeException>(() => new CsvOutcomeRecordParser(System.Text.Encoding.UTF8.GetBytes(header), options));

        var actual = Assert.Throws<MalformedOutcomeException>(() => new CsvOutcomeReader(new StringReader(text), options).ReadAll().ToList());

        Assert.Equal(field, actual.Field);
        Assert.Equal(1, actual.Line);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void ReadAll_SemicolonHeader_SaysWhichDelimiterToSet()
    {
        const string text = "customer;touchpoint;measure;value;observedAt\nc1;chat;wait;1;2025-03-01T09:30:00Z\n";
        var model = ScoringModelJson.Parse("""
            {"schemaVersion": 1, "name": "m", "touchpoints": [{ "id": "chat", "stage": "support", "channel": "chat" }],
             "measures": [{ "id": "wait", "kind": "duration", "scale": "PT5M", "unit": "minutes" }],
             "expectations": [{ "measure": "wait", "adequate": { "value": 5 }, "desired": { "value": 1 } }]}
            """);

        var ex = Assert.Throws<MalformedOutcomeException>(() => new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Model = model }).ReadAll().ToList());

        Assert.Contains("The header holds ';'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CsvDelimiter to ';'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_WrongFieldCountAndBadQuotes_AreMalformed()
    {
        const string text = "customer,touchpoint,measure,value,observedAt\n"
            + "c1,chat,wait,1\n"
            + "c2,ch\"at,wait,1,2025-03-01T09:30:00Z\n"
            + "\n"
            + "c3,chat,wait,1,2025-03-01T09:30:00Z\n"
            + "\"c4,chat";
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Equal("c3", Assert.Single(reader.ReadAll()).CustomerId);
        Assert.Equal([2L, 3, 6], reader.Report.Errors.Select(e => e.Line));
        Assert.Equal("the record has 4 fields; the header has 5.", reader.Report.Errors[0].Message);
        Assert.Equal(4, reader.Report.Records);
        Assert.Equal(1, reader.Report.BlankLines);
    }

    [Fact]
    public void ReadAll_FailFast_ThrowsAtTheFirstMalformedRecord()
    {
        const string text = "customer,touchpoint,measure,value,observedAt\nc1,chat,wait,1,2025-03-01T09:30:00Z\nc2,chat,wait,,2025-03-01T09:30:00Z\n";
        var ex = Assert.Throws<MalformedOutcomeException>(() => new CsvOutcomeReader(new StringReader(text)).ReadAll().ToList());
        Assert.Equal(3, ex.Line);
        Assert.Equal("value", ex.Field);
    }

    [Theory]
    [InlineData("customer,touchpoint,value,observedAt", "measure")]
    [InlineData("customer,touchpoint,measure,value,observedAt,Customer", "customer")]
    public void ReadAll_UnusableHeader_AlwaysThrows(string header, string field)
    {
        var options = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue };
        var ex = Assert.Throws<MalformedOutcomeException>(() => new CsvOutcomeReader(new StringReader(header + "\n"), options).ReadAll().ToList());
        Assert.Equal(1, ex.Line);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void ReadAll_RecordLongerThanTheLimit_IsReportedAndSkipped()
    {
        var text = "customer,touchpoint,measure,value,observedAt\n\"" + new string('x', 300) + "\",chat,wait,1,2025-03-01T09:30:00Z\nc2,chat,wait,1,2025-03-01T09:30:00Z\n";
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxRecordLength = 100 });
        Assert.Equal("c2", Assert.Single(reader.ReadAll()).CustomerId);
        Assert.Equal(2, Assert.Single(reader.Report.Errors).Line);
    }

    [Fact]
    public void Constructors_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new CsvOutcomeReader(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new CsvOutcomeWriter(null!)).ParamName);
        Assert.Equal("delimiter", Assert.Throws<ArgumentException>(() => new CsvOutcomeWriter(TextWriter.Null, '\n')).ParamName);
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => new CsvOutcomeWriter(TextWriter.Null).Write(default)).ParamName);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void ReadAll_AnyLineEnd_EndsTheRecord(string lineEnd)
    {
        var text = string.Join(lineEnd, "customer,touchpoint,measure,value,observedAt", "c1,chat,wait,1,2025-03-01T09:30:00Z", "c2,chat,wait,x,2025-03-01T09:30:00Z", "c3,chat,wait,3,2025-03-01T09:30:00Z") + lineEnd;
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Equal(["c1", "c3"], reader.ReadAll().Select(o => o.CustomerId));
        Assert.Equal(3, reader.Report.Records);
        Assert.Equal(3, Assert.Single(reader.Report.Errors).Line);
    }

    [Fact]
    public void ReadAll_BareCarriageReturnInsideAValue_EndsTheRecordInsteadOfBeingDropped()
    {
        // "12\r5" used to read as the value 125.
        const string text = "customer,touchpoint,measure,value,observedAt\nc1,chat,wait,12\r5,2025-03-01T09:30:00Z\n";
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Empty(reader.ReadAll());
        Assert.Equal(2, reader.Report.Malformed);
        Assert.DoesNotContain(reader.Report.Errors, e => e.Message.Contains("125", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAll_CrLfSplitAcrossReads_IsOneLineEnd()
    {
        const string text = "customer,touchpoint,measure,value,observedAt\r\nc1,chat,wait,1,2025-03-01T09:30:00Z\r\n\"c2\",chat,wait,2,2025-03-01T09:30:00Z\r\n";
        var reader = new CsvOutcomeReader(new OneCharReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        Assert.Equal(["c1", "c2"], reader.ReadAll().Select(o => o.CustomerId));
        Assert.Equal(0, reader.Report.BlankLines);
        Assert.Equal(0, reader.Report.Malformed);
    }

    [Fact]
    public void ReadAll_QuotedCarriageReturn_StaysInTheField()
    {
        const string text = "customer,touchpoint,measure,value,observedAt,note\r\nc1,chat,wait,1,2025-03-01T09:30:00Z,\"a\rb\"\r\n";
        var reader = new CsvOutcomeReader(new StringReader(text));
        Assert.Equal("c1", Assert.Single(reader.ReadAll()).CustomerId);
        Assert.Equal(1, reader.Report.Records);
    }

    /// <summary>Hands out one character per read, so that a CR LF pair is split between reads.</summary>
    private sealed class OneCharReader(string text) : TextReader
    {
        private int _position;

        public override int Read(Span<char> buffer)
        {
            if (_position == text.Length || buffer.IsEmpty)
            {
                return 0;
            }

            buffer[0] = text[_position++];
            return 1;
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ReadAll_RecordOfExactlyTheLimit_IsRead_WithoutCountingItsLineBreak(string lineBreak)
    {
        const int limit = 100;
        var tail = ",chat,wait,1,2025-03-01T09:30:00Z";
        var record = new string('c', limit - tail.Length) + tail;
        Assert.Equal(limit, record.Length);
        var text = "customer,touchpoint,measure,value,observedAt" + lineBreak + record + lineBreak + "x" + record + lineBreak;
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxRecordLength = limit });
        Assert.Equal(new string('c', limit - tail.Length), Assert.Single(reader.ReadAll()).CustomerId);
        Assert.Equal(3, Assert.Single(reader.Report.Errors).Line);
    }
}
