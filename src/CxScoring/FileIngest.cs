using System.Buffers;
using System.Runtime.CompilerServices;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.OutcomeFiles;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring;

/// <summary>
/// One pass of <see cref="ScoringEngine.ScoreStreamAsync"/>. CSV: the calling thread reads the stream in chunks that
/// end at record boundaries (quotes respected), workers parse each chunk into columnar batches and score them into their
/// own scorecards, and the calling thread takes the chunks' reports in file order, numbering lines from where the
/// previous chunk ended. NDJSON: see <c>FileIngest.Ndjson.cs</c>.
/// </summary>
internal sealed partial class FileIngest
{
    private const int BatchRows = 8192;

    private readonly ScoringEngine _engine;
    private readonly OutcomeFileFormat _format;
    private readonly OutcomeReaderOptions _reader;
    private readonly ScorecardOptions _scorecard;
    private readonly int _threads;
    private readonly int _chunkBytes;
    private readonly List<Worker> _workers = [];
    private readonly Stack<Worker> _idle = new();
    private byte[]? _header;
    private long _headerLine;

    internal FileIngest(ScoringEngine engine, OutcomeFileFormat format, OutcomeReaderOptions reader, ScorecardOptions scorecard, int threads, int chunkBytes)
    {
        _engine = engine;
        _format = format;
        _reader = reader;
        _scorecard = scorecard;
        _threads = threads;
        _chunkBytes = chunkBytes;
    }

    internal Task<FileScoringResult> RunAsync(Stream stream, CancellationToken cancellationToken)
        => _format == OutcomeFileFormat.Csv ? RunCsvAsync(stream, cancellationToken) : RunNdjsonAsync(stream, cancellationToken);

    private async Task<FileScoringResult> RunCsvAsync(Stream stream, CancellationToken cancellationToken)
    {
        var report = new OutcomeReadReport(_reader.MaxErrorsKept);
        var input = new ChunkReader(stream, _chunkBytes);
        var pending = new Queue<(Task<ChunkResult> Task, Worker Worker)>();
        long line = 1;
        var chunks = 0;
        try
        {
            await input.FillAsync(cancellationToken).ConfigureAwait(false);

            // As a StreamReader does; NDJSON lines drop it from line 1 themselves, as NdjsonOutcomeReader does.
            input.SkipByteOrderMark();
            line = await ReadHeaderAsync(input, report, cancellationToken).ConfigureAwait(false);
            if (_header is null)
            {
                return Finish(report);
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await input.FillAsync(cancellationToken).ConfigureAwait(false);
                if (input.Length == 0)
                {
                    break;
                }

                var boundary = Boundary(input.Data, input.Eof);
                if (boundary == 0)
                {
                    input.Grow();
                    continue;
                }

                var first = chunks++ == 0;
                if (_threads == 1)
                {
                    var worker = Rent();
                    var result = Process(worker, input.Take(boundary), first);
                    _idle.Push(worker);
                    line = Take(result, report, line);
                    continue;
                }

                if (pending.Count == _threads)
                {
                    // Before taking the chunk, so that at most threads + 1 buffers are held: one per chunk in flight and the reader's.
                    var (task, done) = pending.Dequeue();
                    var result = await task.ConfigureAwait(false);
                    _idle.Push(done);
                    line = Take(result, report, line);
                }

                var chunk = input.Take(boundary);
                var next = Rent();
                pending.Enqueue((Task.Run(() => Process(next, chunk, first), cancellationToken), next));
            }

            while (pending.Count > 0)
            {
                var (task, done) = pending.Dequeue();
                var result = await task.ConfigureAwait(false);
                _idle.Push(done);
                line = Take(result, report, line);
            }

            return Finish(report);
        }
        finally
        {
            // After a failure: let the chunks in flight finish before their buffers go back to the pool.
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue().Task.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or MalformedOutcomeException)
                {
                    // Reported by the first failure already.
                }
            }

            input.Dispose();
        }
    }

    private FileScoringResult Finish(OutcomeReadReport report)
    {
        Scorecard? merged = null;
        foreach (var worker in _workers)
        {
            var scorecard = worker.Builder.Build();
            merged = merged is null ? scorecard : merged.Merge(scorecard);
        }

        merged ??= _engine.CreateScorecardBuilder(_scorecard).Build();
        return new FileScoringResult(merged, report, _threads);
    }

    private long Take(ChunkResult result, OutcomeReadReport report, long line)
    {
        report.Count(result.Read, result.BlankLines);
        foreach (var error in result.Errors)
        {
            report.CountMalformed(new MalformedRecord(line + error.Line - 1, error.Field, error.Message), _reader);
        }

        return line + result.Lines;
    }

    private async Task<long> ReadHeaderAsync(ChunkReader input, OutcomeReadReport report, CancellationToken cancellationToken)
    {
        var delimiter = (byte)_reader.CsvDelimiter;
        long line = 1;
        while (input.Length > 0)
        {
            if (!CsvRecordScanner.TryFindEnd(input.Data, delimiter, input.Eof, out var content, out var consumed, out var lines, out _))
            {
                input.Grow();
                await input.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var record = input.Data[..content];
            if (CsvOutcomeRecordParser.IsBlank(record))
            {
                report.CountBlank();
            }
            else
            {
                _header = record.ToArray();
                _headerLine = line;
                _ = new CsvOutcomeRecordParser(_header, _reader, _headerLine);
            }

            input.Skip(consumed);
            line += lines;
            if (_header is not null)
            {
                break;
            }

            await input.FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return line;
    }

    private int Boundary(ReadOnlySpan<byte> data, bool eof)
        => eof ? data.Length : CsvRecordScanner.LastBoundary(data, (byte)_reader.CsvDelimiter, final: false);

    private Worker Rent()
    {
        if (_idle.TryPop(out var worker))
        {
            return worker;
        }

        worker = new Worker(_engine, _engine.CreateScorecardBuilder(_scorecard), _format == OutcomeFileFormat.Csv ? new CsvOutcomeRecordParser(_header, _reader, _headerLine) : null, _reader);
        _workers.Add(worker);
        return worker;
    }

    private static ChunkResult Process(Worker worker, Chunk chunk, bool first)
    {
        try
        {
            return worker.Process(chunk.Span, first);
        }
        finally
        {
            chunk.Return();
        }
    }

    /// <summary>A malformed record of a chunk, its line counted from the chunk's first line (1).</summary>
    private readonly record struct ChunkError(long Line, string? Field, string Message);

    /// <summary>What a worker read in one chunk.</summary>
    private sealed class ChunkResult
    {
        internal long Read;
        internal long BlankLines;
        internal long Lines;
        internal List<ChunkError> Errors = [];
    }

    /// <summary>A rented buffer holding whole records.</summary>
    private readonly struct Chunk(byte[] buffer, int length)
    {
        internal ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

        internal void Return() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Reads a stream into rented buffers, handing out their whole-record prefixes as chunks.</summary>
    private sealed class ChunkReader(Stream stream, int chunkBytes) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        private int _start;
        private int _end;

        internal bool Eof { get; private set; }

        internal int Length => _end - _start;

        internal ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

        internal async ValueTask FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            while (!Eof && _end < _buffer.Length)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Eof = true;
                }

                _end += read;
            }
        }

        internal void SkipByteOrderMark()
        {
            if (Data.StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }
        }

        internal void Skip(int count) => _start += count;

        /// <summary>Makes room for a record longer than the buffer.</summary>
        internal void Grow()
        {
            var bigger = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
            Data.CopyTo(bigger);
            _end -= _start;
            _start = 0;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        /// <summary>Hands out the first <paramref name="count"/> bytes as a chunk, keeping the rest in a new buffer.</summary>
        internal Chunk Take(int count)
        {
            var next = ArrayPool<byte>.Shared.Rent(chunkBytes);
            var rest = _buffer.AsSpan(_start + count, _end - _start - count);
            if (rest.Length > next.Length)
            {
                ArrayPool<byte>.Shared.Return(next);
                next = ArrayPool<byte>.Shared.Rent(rest.Length * 2);
            }

            rest.CopyTo(next);
            var chunk = _start == 0 ? new Chunk(_buffer, count) : CopyOut(count);
            _buffer = next;
            _start = 0;
            _end = rest.Length;
            return chunk;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private Chunk CopyOut(int count)
        {
            var copy = ArrayPool<byte>.Shared.Rent(count);
            _buffer.AsSpan(_start, count).CopyTo(copy);
            ArrayPool<byte>.Shared.Return(_buffer);
            return new Chunk(copy, count);
        }
    }

    /// <summary>One thread's parser, batch and scorecard; used by one chunk at a time.</summary>
    private sealed class Worker
    {
        private readonly ScoringEngine _engine;
        private readonly CsvOutcomeRecordParser? _csv;
        private readonly NdjsonOutcomeRecordParser? _ndjson;
        private readonly PlanRecordColumns _plan;
        private readonly OutcomeColumns _columns = new(BatchRows);
        private readonly byte _delimiter;
        private readonly int _maxLength;
        private readonly Utf8CustomerKeys? _customers;

        internal Worker(ScoringEngine engine, ScorecardBuilder builder, CsvOutcomeRecordParser? csv, OutcomeReaderOptions reader)
        {
            _engine = engine;
            Builder = builder;
            _csv = csv;
            _ndjson = csv is null ? new NdjsonOutcomeRecordParser(reader) : null;
            _plan = PlanRecordColumns.For(engine.Plan);
            _delimiter = (byte)reader.CsvDelimiter;
            _maxLength = reader.MaxRecordLength;
            _customers = builder.Options.ByCustomer ? new Utf8CustomerKeys(builder.Customers) : null;
        }

        internal ScorecardBuilder Builder { get; }

        // Called once per chunk: compile it optimized at once instead of running the loop in on-stack-replaced tier-0 code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal ChunkResult Process(ReadOnlySpan<byte> chunk, bool first)
        {
            var result = new ChunkResult();
            long line = 1;
            var position = 0;
            if (_csv is { } csv)
            {
                var plain = csv.PlainBytes;
                var notPlain = -1;
                while (position < chunk.Length)
                {
                    if (plain is not null)
                    {
                        // The plain records from here (most files are all plain), then one record by the general rules.
                        // The first byte that is not plain is searched for again only once the records have passed it,
                        // so that a chunk is scanned once however many general records interrupt its plain runs.
                        if (notPlain < position)
                        {
                            notPlain = position + CsvSeparators.FirstNotPlain(chunk[position..], plain);
                        }

                        var length = CsvSeparators.WholeRecords(chunk[position..notPlain]);
                        if (length > 0)
                        {
                            line += ProcessPlain(csv, chunk.Slice(position, length), line, result);
                            position += length;
                            continue;
                        }
                    }

                    CsvRecordScanner.TryFindEnd(chunk[position..], _delimiter, final: true, out var content, out var consumed, out var lines, out var quoted);
                    var record = chunk.Slice(position, content);
                    if (CsvOutcomeRecordParser.IsBlank(record))
                    {
                        result.BlankLines++;
                    }
                    else if (csv.TryParse(record, line, consumed > content, quoted, out var parsed, out var error))
                    {
                        Add(parsed, result);
                    }
                    else
                    {
                        result.Errors.Add(new ChunkError(error.Line, error.Field, error.Message));
                    }

                    line += lines;
                    position += consumed;
                }
            }
            else
            {
                // Whole lines: each ends with a line feed, but for the last line of a file.
                while (position < chunk.Length)
                {
                    var end = chunk[position..].IndexOf((byte)'\n');
                    var raw = end < 0 ? chunk[position..] : chunk.Slice(position, end);
                    ProcessLine(raw, raw.Length, line, first && line == 1, result);
                    line++;
                    position += end < 0 ? raw.Length : end + 1;
                }
            }

            Flush();
            result.Lines = line - 1;
            return result;
        }

        /// <summary>Reads one NDJSON line as <see cref="NdjsonOutcomeReader"/> does, adding it to the batch (not flushed).</summary>
        /// <param name="raw">The line without its line feed; only its first bytes when it is longer than the limit.</param>
        /// <param name="length">The line's length in bytes, for the limit.</param>
        /// <param name="line">Its number, as <paramref name="result"/> counts lines.</param>
        /// <param name="firstOfFile">Whether it is the file's first line, which may start with a byte-order mark.</param>
        /// <param name="result">Where it is counted.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void ProcessLine(ReadOnlySpan<byte> raw, long length, long line, bool firstOfFile, ChunkResult result)
        {
            if (length > _maxLength)
            {
                var error = NdjsonOutcomeRecordParser.TooLong(line, _maxLength);
                result.Errors.Add(new ChunkError(error.Line, error.Field, error.Message));
                return;
            }

            var text = raw.Length > 0 && raw[^1] == (byte)'\r' ? raw[..^1] : raw;
            if (firstOfFile && text.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }

            if (NdjsonOutcomeRecordParser.IsBlank(text))
            {
                result.BlankLines++;
            }
            else if (_ndjson!.TryParseChecked(text, line, out var parsed, out var error))
            {
                Add(parsed, result);
            }
            else
            {
                result.Errors.Add(new ChunkError(error.Line, error.Field, error.Message));
            }
        }

        /// <summary>Reads plain records (<see cref="CsvSeparators"/>): one line each, separators found 64 bytes at a time.</summary>
        /// <returns>The lines read.</returns>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private long ProcessPlain(CsvOutcomeRecordParser csv, ReadOnlySpan<byte> text, long line, ChunkResult result)
        {
            var separators = new CsvSeparators(text, _delimiter);
            var position = 0;
            long lines = 0;
            while (position < text.Length)
            {
                if (csv.TryParsePlain(text, ref separators, position, out var end, out var next, out var fields))
                {
                    Add(new Utf8OutcomeRecord(fields), result);
                }
                else
                {
                    var record = text[position..end];
                    if (record.IsEmpty)
                    {
                        result.BlankLines++;
                    }
                    else if (csv.TryParse(record, line + lines, terminated: true, quoted: false, out var parsed, out var error))
                    {
                        Add(parsed, result);
                    }
                    else
                    {
                        result.Errors.Add(new ChunkError(error.Line, error.Field, error.Message));
                    }
                }

                lines++;
                position = next;
            }

            return lines;
        }

        private void Add(scoped in Utf8OutcomeRecord record, ChunkResult result)
        {
            result.Read++;
            var key = _customers is { } customers ? customers.KeyOf(record.CustomerId) : 0;
            if (!_plan.TryAdd(_columns, record, key))
            {
                ScoringKernel.Reject(Builder.Accumulator, RejectionReason.InstantOutOfRange, 0, null);
                return;
            }

            if (_columns.Count == _columns.Capacity)
            {
                Flush();
            }
        }

        internal void Flush()
        {
            if (_columns.Count > 0)
            {
                _engine.ScoreColumns(_columns, Builder);
                _columns.Clear();
            }
        }
    }
}
