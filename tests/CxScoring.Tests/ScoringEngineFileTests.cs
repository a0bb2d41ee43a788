using System.Collections.Concurrent;
using System.Text;
using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using CxScoring.Tests.OutcomeFiles;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests;

/// <summary>The fast file path against the reference path (the existing readers, then <see cref="ScoringEngine.ScoreAsync"/>).</summary>
public sealed class ScoringEngineFileTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void ScoreStreamAsync_AnyFile_EqualsReadersThenScoreAsync(OutcomeFileCase file)
    {
        var reference = Reference(file);
        var fast = Fast(file, file.Threads);
        Assert.Equal(reference.Scorecard, fast.Scorecard);
        Assert.Equal(reference.Report.ToString(), fast.Report.ToString());
        Assert.Equal(reference.Report.Errors.Select(e => e.ToString()), fast.Report.Errors.Select(e => e.ToString()));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 300)]
    public void ScoreStreamAsync_PlainCsvFile_EqualsReadersThenScoreAsync(PlainCsvFileCase plain)
    {
        // Plain records take the 64-byte separator scan; those it cannot read fall back record by record.
        var file = plain.File;
        var reference = Reference(file);
        var fast = Fast(file, file.Threads);
        Assert.Equal(reference.Scorecard, fast.Scorecard);
        Assert.Equal(reference.Report.ToString(), fast.Report.ToString());
        Assert.Equal(reference.Report.Errors.Select(e => e.ToString()), fast.Report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ScoreStreamAsync_PlainRecordWithEmptyFieldsAfterOneWithThem_TakesNothingFromTheRecordBefore()
    {
        // Plain records are read into one set of fields in turn: an empty field must be absent, not the one before.
        var file = new OutcomeFileCase(
            OutcomeFileFormat.Csv,
            [
                "customer,touchpoint,measure,value,observedAt,segment,promisedLevel,promisedBy,requestedAt,perceivedRating",
                "c1,install,wait,3600,2025-03-01T10:00:00Z,business,1800,2025-03-01T09:30:00Z,2025-03-01T09:00:00Z,4",
                "c2,install,wait,,2025-03-01T10:00:00Z,,,,2025-03-01T09:00:00Z,",
                "c3,install,wait,7200,2025-03-01T10:00:00Z,,,,,",
                "c4,chat-help,wait,600,2025-03-01T10:00:00Z,consumer,,2025-03-01T09:50:00Z,,2",
                "c5,chat-help,wait,,2025-03-01T10:00:00Z,,,,,",
            ],
            "\n",
            ByteOrderMark: false,
            FinalLineEnd: true,
            ChunkBytes: 1 << 16,
            Threads: 1,
            ByCustomer: false);
        var reference = Reference(file);
        var fast = Fast(file, 1);
        Assert.Equal(reference.Scorecard, fast.Scorecard);
        Assert.Equal(reference.Report.ToString(), fast.Report.ToString());
        Assert.Equal(reference.Report.Errors.Select(e => e.ToString()), fast.Report.Errors.Select(e => e.ToString()));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void ScoreStreamAsync_ChunkedParallel_EqualsSequential(OutcomeFileCase file)
    {
        var sequential = Fast(file with { ChunkBytes = 1 << 20 }, 1);
        var parallel = Fast(file, 3);
        Assert.Equal(sequential.Scorecard, parallel.Scorecard);
        Assert.Equal(sequential.Report.ToString(), parallel.Report.ToString());
        Assert.Equal(sequential.Report.Errors.Select(e => e.ToString()), parallel.Report.Errors.Select(e => e.ToString()));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 150)]
    public void ScoreFileAsync_NdjsonFileOnSeveralThreads_EqualsReadersThenScoreAsync(NdjsonFileCase ndjson)
    {
        // From a file, the workers read their buffers themselves at their offsets; the pieces must join as the
        // stream's do: every line once, cut lines joined, line numbers, errors kept and blank lines the same.
        var file = ndjson.File;
        var reference = Reference(file);
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        File.WriteAllBytes(path, file.Bytes);
        try
        {
            var options = new FileScoringOptions { ChunkBytes = file.ChunkBytes, MaxDegreeOfParallelism = file.Threads };
            var fast = Engine.ScoreFileAsync(path, options).GetAwaiter().GetResult();
            Assert.Equal(reference.Scorecard, fast.Scorecard);
            Assert.Equal(reference.Report.ToString(), fast.Report.ToString());
            Assert.Equal(reference.Report.Errors.Select(e => e.ToString()), fast.Report.Errors.Select(e => e.ToString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ScoreStreamAsync_NdjsonFileStreamNotAtItsStart_ReadsFromItsPositionAndLeavesItAtTheEnd()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        var lines = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            lines.Append(NdjsonRecord).Append('\n');
        }

        var skipped = Encoding.UTF8.GetBytes("not a record, skipped by the caller\n");
        await File.WriteAllBytesAsync(path, [.. skipped, .. Encoding.UTF8.GetBytes(lines.ToString())]);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            stream.Position = skipped.Length;
            var result = await Engine.ScoreStreamAsync(stream, OutcomeFileFormat.Ndjson, new FileScoringOptions { ChunkBytes = 700, MaxDegreeOfParallelism = 2 });
            Assert.Equal(300, result.Report.Read);
            Assert.Equal(0, result.Report.Malformed);
            Assert.Equal(300, result.Scored);
            Assert.Equal(stream.Length, stream.Position);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ScoreFileAsync_NdjsonFailFastOnSeveralThreads_ThrowsForTheFirstMalformedRecordInFileOrder(int threads)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(path, LinesMalformedAt251And301());
        try
        {
            var options = new FileScoringOptions { Reader = OutcomeReaderOptions.Default, ChunkBytes = 300, MaxDegreeOfParallelism = threads };
            var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreFileAsync(path, options));
            Assert.Equal(251, ex.Line);
            Assert.Equal("value", ex.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ScoreFileAsync_NdjsonCancelledOnSeveralThreads_ThrowsOperationCanceled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat(NdjsonRecord + "\n", 2000)));
        try
        {
            using var cancel = new CancellationTokenSource();
            await cancel.CancelAsync();
            var options = new FileScoringOptions { ChunkBytes = 256, MaxDegreeOfParallelism = 2 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.ScoreFileAsync(path, options, cancel.Token));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ScoreStreamAsync_HeaderWithoutValue_FailsAtTheHeaderNamingTheColumn()
    {
        var csv = "customer,touchpoint,measure,observedAt\nc1,bill,wait,2025-03-01T00:00:00Z\n";
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreStreamAsync(Stream(csv), OutcomeFileFormat.Csv));
        Assert.Equal(1, ex.Line);
        Assert.Equal("value", ex.Field);
        Assert.Contains("'value'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreStreamAsync_HeaderWithoutValueButWithDeadlines_ReadsDeadlineRecords()
    {
        var csv = "customer,touchpoint,measure,observedAt,promisedBy\nc1,install,delivery,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z\n";
        var result = await Engine.ScoreStreamAsync(Stream(csv), OutcomeFileFormat.Csv);
        Assert.Equal(1, result.Report.Read);
    }

    [Fact]
    public async Task ScoreStreamAsync_SemicolonSeparatedFile_HintsAtTheDelimiterOption()
    {
        var csv = "customer;touchpoint;measure;value;observedAt\nc1;bill;wait;5;2025-03-01T00:00:00Z\n";
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreStreamAsync(Stream(csv), OutcomeFileFormat.Csv));
        Assert.Equal("customer", ex.Field);
        Assert.Contains("CsvDelimiter to ';'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreStreamAsync_SemicolonDelimiterSet_ReadsTheFile()
    {
        var csv = "customer;touchpoint;measure;value;observedAt\nc1;bill;amount;5;2025-03-01T00:00:00Z\n";
        var options = new FileScoringOptions { Reader = new OutcomeReaderOptions { CsvDelimiter = ';' } };
        var result = await Engine.ScoreStreamAsync(Stream(csv), OutcomeFileFormat.Csv, options);
        Assert.Equal(1, result.Scored);
    }

    [Fact]
    public async Task ScoreStreamAsync_FailFast_ThrowsForTheFirstMalformedRecordInFileOrder()
    {
        var lines = new StringBuilder("customer,touchpoint,measure,value,observedAt\n");
        for (var i = 0; i < 200; i++)
        {
            lines.Append(i is 120 or 150 ? "c1,bill,amount,x,2025-03-01T00:00:00Z\n" : "c1,bill,amount,5,2025-03-01T00:00:00Z\n");
        }

        var options = new FileScoringOptions { Reader = OutcomeReaderOptions.Default, ChunkBytes = 256, MaxDegreeOfParallelism = 2 };
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreStreamAsync(Stream(lines.ToString()), OutcomeFileFormat.Csv, options));
        Assert.Equal(122, ex.Line);
        Assert.Equal("value", ex.Field);
    }

    [Property(MaxTest = 200)]
    public void ScoreStreamAsync_NdjsonLinesLongerThanTheLimitCutAcrossBuffers_EqualsTheReader(int[] lengths, bool byteOrderMark, byte chunkChoice, byte threadChoice)
    {
        // Lines of every length around a limit of 128 bytes (the record is 102) (padded with spaces, so that short ones are still records),
        // in buffers of 16 to 200 bytes: long lines span several buffers and are malformed at their own line number.
        var text = new StringBuilder(byteOrderMark ? "\uFEFF" : string.Empty);
        foreach (var length in lengths)
        {
            var pad = Math.Abs(length % 160);
            text.Append(NdjsonRecord).Append(' ', pad).Append(pad % 3 == 0 ? "\r\n" : "\n");
            if (pad % 7 == 0)
            {
                text.Append(' ', pad).Append('\n');
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var reader = new OutcomeReaderOptions { MaxRecordLength = 128, Policy = MalformedRecordPolicy.CollectAndContinue };
        var ndjson = new NdjsonOutcomeReader(new MemoryStream(bytes), reader);
        var builder = Engine.CreateScorecardBuilder(new ScorecardOptions());
        Engine.ScoreAsync(ndjson.ReadAllAsync(), builder).GetAwaiter().GetResult();
        var options = new FileScoringOptions { Reader = reader, ChunkBytes = (chunkChoice % 3) switch { 0 => 16, 1 => 50, _ => 200 }, MaxDegreeOfParallelism = 1 + (threadChoice % 3) };

        var fast = Engine.ScoreStreamAsync(new MemoryStream(bytes), OutcomeFileFormat.Ndjson, options).GetAwaiter().GetResult();

        Assert.Equal(builder.Build(), fast.Scorecard);
        Assert.Equal(ndjson.Report.ToString(), fast.Report.ToString());
        Assert.Equal(ndjson.Report.Errors.Select(e => e.ToString()), fast.Report.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ScoreStreamAsync_NdjsonFailFast_ThrowsForTheFirstMalformedRecordInFileOrder(int threads)
    {
        var options = new FileScoringOptions { Reader = OutcomeReaderOptions.Default, ChunkBytes = 100, MaxDegreeOfParallelism = threads };
        var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => Engine.ScoreStreamAsync(Stream(LinesMalformedAt251And301()), OutcomeFileFormat.Ndjson, options));
        Assert.Equal(251, ex.Line);
        Assert.Equal("value", ex.Field);
    }

    [Fact]
    public async Task ScoreStreamAsync_NdjsonFailFastOnTwoThreads_TakesNoBufferAfterTheFailure()
    {
        // The worker that takes line 251 in file order is held in the callback until the other worker has parsed the
        // next buffer and waits to hand it over: the reading thread fills the fourth buffer after line 251's only once
        // that buffer is free (two workers, three buffers). Taken after the failure, the next buffer's cut line was
        // read from where the failure left the line count, as line 251: "expected a JSON object", no field, reported
        // to the callback and, when that worker recorded its failure first, thrown instead of line 251's own.
        var bytes = Encoding.UTF8.GetBytes(LinesMalformedAt251And301());
        var lineFeed = -1;
        for (var line = 0; line < 251; line++)
        {
            lineFeed = Array.IndexOf(bytes, (byte)'\n', lineFeed + 1);
        }

        using var stream = new WatchedStream(bytes);
        long FourBuffersOn() => Math.Min(bytes.Length, ((lineFeed / stream.FirstRequest) + 5) * (long)stream.FirstRequest);
        var held = new FirstErrorHeld(() => stream.Furthest >= FourBuffersOn(), TimeSpan.FromSeconds(60));
        await held.AssertOnlyLine251Reported(options => Engine.ScoreStreamAsync(stream, OutcomeFileFormat.Ndjson, options));
        Assert.True(held.Released, "the reading thread did not get four buffers past line 251's");
    }

    [Fact]
    public async Task ScoreFileAsync_NdjsonFailFastOnTwoThreads_TakesNoBufferAfterTheFailure()
    {
        // As from a stream; the positioned reads cannot be watched, so the first error is held for half a second, in
        // which the other worker reads and parses the next buffer and waits to hand it over.
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(path, LinesMalformedAt251And301());
        try
        {
            var held = new FirstErrorHeld(static () => false, TimeSpan.FromMilliseconds(500));
            await held.AssertOnlyLine251Reported(options => Engine.ScoreFileAsync(path, options));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ScoreStreamAsync_NdjsonCancelled_ThrowsOperationCanceled(int threads)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            lines.Append(NdjsonRecord).Append('\n');
        }

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var options = new FileScoringOptions { ChunkBytes = 256, MaxDegreeOfParallelism = threads };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.ScoreStreamAsync(Stream(lines.ToString()), OutcomeFileFormat.Ndjson, options, cancel.Token));
    }

    [Fact]
    public async Task ScoreFileAsync_NdjsonOnTwoThreads_ScoresEveryLineOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        var lines = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            lines.Append(NdjsonRecord).Append('\n');
        }

        await File.WriteAllTextAsync(path, lines.ToString());
        try
        {
            var result = await Engine.ScoreFileAsync(path, new FileScoringOptions { ChunkBytes = 1000, MaxDegreeOfParallelism = 2 });
            Assert.Equal(5000, result.Report.Read);
            Assert.Equal(5000, result.Scored);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ScoreFileAsync_FormatFromExtension_ReadsNdjson()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(path, "{\"customer\":\"c1\",\"touchpoint\":\"bill\",\"measure\":\"amount\",\"value\":5,\"observedAt\":\"2025-03-01T00:00:00Z\"}\n");
        try
        {
            var result = await Engine.ScoreFileAsync(path);
            Assert.Equal(1, result.Scored);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ScoreFileAsync_UnknownExtension_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Engine.ScoreFileAsync("outcomes.txt"));
        Assert.Equal("path", ex.ParamName);
    }

    [Fact]
    public async Task ScoreStreamAsync_NullStream_ThrowsWithParameterName()
    {
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => Engine.ScoreStreamAsync(null!, OutcomeFileFormat.Csv));
        Assert.Equal("utf8", ex.ParamName);
    }

    private const string NdjsonRecord = "{\"customer\":\"c1\",\"touchpoint\":\"bill\",\"measure\":\"amount\",\"value\":5,\"observedAt\":\"2025-03-01T00:00:00Z\"}";

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>400 lines; lines 251 and 301 have a value that is not a number.</summary>
    private static string LinesMalformedAt251And301()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            lines.Append(i is 250 or 300 ? NdjsonRecord.Replace("\"value\":5", "\"value\":\"x\"", StringComparison.Ordinal) : NdjsonRecord).Append('\n');
        }

        return lines.ToString();
    }

    private static FileScoringResult Fast(OutcomeFileCase file, int threads)
    {
        var options = new FileScoringOptions
        {
            ChunkBytes = file.ChunkBytes,
            MaxDegreeOfParallelism = threads,
            Scorecard = new ScorecardOptions { ByCustomer = file.ByCustomer },
        };
        return Engine.ScoreStreamAsync(new MemoryStream(file.Bytes), file.Format, options).GetAwaiter().GetResult();
    }

    private static (Scorecard Scorecard, OutcomeReadReport Report) Reference(OutcomeFileCase file)
    {
        var options = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue };
        var builder = Engine.CreateScorecardBuilder(new ScorecardOptions { ByCustomer = file.ByCustomer });
        if (file.Format == OutcomeFileFormat.Csv)
        {
            var reader = new CsvOutcomeReader(new StreamReader(new MemoryStream(file.Bytes)), options);
            Engine.ScoreAsync(reader.ReadAllAsync(), builder).GetAwaiter().GetResult();
            return (builder.Build(), reader.Report);
        }

        var ndjson = new NdjsonOutcomeReader(new MemoryStream(file.Bytes), options);
        Engine.ScoreAsync(ndjson.ReadAllAsync(), builder).GetAwaiter().GetResult();
        return (builder.Build(), ndjson.Report);
    }

    /// <summary>A malformed-record callback that keeps the records and holds the first until a condition holds (or for at most a given time).</summary>
    private sealed class FirstErrorHeld(Func<bool> release, TimeSpan atMost)
    {
        private readonly ConcurrentQueue<MalformedRecord> _seen = new();

        /// <summary>Gets a value indicating whether the condition held before the time ran out.</summary>
        public bool Released { get; private set; }

        /// <summary>Scores 100-byte buffers on two threads, failing fast, and asserts that line 251's error alone was reported, and thrown.</summary>
        public async Task AssertOnlyLine251Reported(Func<FileScoringOptions, Task<FileScoringResult>> score)
        {
            var reader = new OutcomeReaderOptions { OnMalformed = Hold };
            var options = new FileScoringOptions { Reader = reader, ChunkBytes = 100, MaxDegreeOfParallelism = 2 };
            var ex = await Assert.ThrowsAsync<MalformedOutcomeException>(() => score(options));
            var record = Assert.Single(_seen);
            Assert.Equal(251, record.Line);
            Assert.Equal("value", record.Field);
            Assert.Equal(251, ex.Line);
            Assert.Equal("value", ex.Field);
        }

        private void Hold(MalformedRecord record)
        {
            _seen.Enqueue(record);
            if (_seen.Count == 1)
            {
                Released = SpinWait.SpinUntil(release, atMost);
            }
        }
    }
}
