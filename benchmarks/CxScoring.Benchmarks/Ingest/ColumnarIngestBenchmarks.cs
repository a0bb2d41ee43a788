using System.Globalization;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using CxScoring.Arrow;
using CxScoring.Parquet;
using CxScoring.Scorecards;
using DuckDB.NET.Data;

namespace CxScoring.Benchmarks.Ingest;

/// <summary>
/// Columnar file → per-touchpoint scorecard over the same N outcomes as <see cref="IngestThroughputBenchmarks"/> (40
/// touchpoints), converted once to Arrow IPC and to Parquet with the package writers (65,536-row batches and row
/// groups, dictionary-encoded touchpoint and measure, in Arrow with int8 indices; in Parquet, value and observedAt plain and uncompressed): the CSV fast path as the baseline; Arrow and Parquet on one
/// thread and on two; DuckDB's <c>read_parquet</c> over the same Parquet file with the same SQL
/// (<see cref="DuckDbScorecardSql"/>) on one thread and on two; and Sep parsing the CSV (count rows, parse the value
/// column) as the raw parse-only reference; and the Arrow file, and the Parquet column chunks the page decoder reads,
/// read from the page cache on one thread and on two, with nothing scored, as the references for the two paths'
/// scaling; and two pieces of pure integer work on one thread and on two, as the references for what the machine's
/// two logical processors give busy code and code that waits. Set CXSCORING_BENCHMARK_SMOKE=1 for small sizes.
/// </summary>
/// <remarks>The files are written once per size to a temporary folder and reused by later runs; they are read from the page cache.</remarks>
public class ColumnarIngestBenchmarks
{
    private readonly ScorecardOptions _scorecard = new() { ByPeriod = false };
    private ScoringEngine _engine = null!;
    private string _csv = string.Empty;
    private string _arrow = string.Empty;
    private string _parquet = string.Empty;
    private DuckDBConnection? _duck;
    private (long Offset, int Length)[][] _parquetChunks = [];

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    public static IEnumerable<int> RowCounts => IngestThroughputBenchmarks.RowCounts;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ScoringEngine(IngestThroughputBenchmarks.ScoringPlan(), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var folder = Path.Combine(Path.GetTempPath(), "cxscoring-ingest-benchmarks");
        Directory.CreateDirectory(folder);
        _csv = Path.Combine(folder, $"outcomes-{Rows}.csv");
        var ndjson = Path.Combine(folder, $"outcomes-{Rows}.ndjson");
        // "-narrow-indices": written by the writer that stores dictionary indices as int8 or int16 when the dictionary
        // allows; a file written by an earlier writer (int32 indices) under the old name is not reused.
        _arrow = Path.Combine(folder, $"outcomes-{Rows}-narrow-indices.arrow");
        // "-plain-numbers": written by the writer that stores numbers and instants plain and uncompressed; a file
        // written by an earlier writer (Snappy and dictionary pages on every column) under the old name is not reused.
        _parquet = Path.Combine(folder, $"outcomes-{Rows}-plain-numbers.parquet");
        if (!File.Exists(_csv) || !File.Exists(ndjson))
        {
            IngestThroughputBenchmarks.Write(Rows, _csv, ndjson);
        }

        if (!File.Exists(_arrow))
        {
            ArrowOutcomeWriter.WriteFileAsync(_csv, _arrow).GetAwaiter().GetResult();
        }

        if (!File.Exists(_parquet))
        {
            ParquetOutcomeWriter.WriteFileAsync(_csv, _parquet).GetAwaiter().GetResult();
        }

        _parquetChunks = ParquetChunks(_parquet);
    }

    /// <summary>
    /// The setup of the Arrow methods: the files, then the Arrow file scored <see cref="WarmCalls"/> times on one
    /// thread and on two before BenchmarkDotNet's own warm-up (see <see cref="Warm"/>).
    /// </summary>
    [GlobalSetup(Targets = [nameof(ArrowOneThread), nameof(ArrowTwoThreads)])]
    public void SetupArrow()
    {
        Setup();
        Warm(threads => _engine.ScoreArrowFileAsync(_arrow, Options(threads)));
    }

    /// <summary>The setup of the Parquet methods, warmed as <see cref="SetupArrow"/> warms the Arrow ones.</summary>
    [GlobalSetup(Targets = [nameof(ParquetOneThread), nameof(ParquetTwoThreads)])]
    public void SetupParquet()
    {
        Setup();
        Warm(threads => _engine.ScoreParquetFileAsync(_parquet, Options(threads)));
    }

    [GlobalSetup(Targets = [nameof(DuckDbParquetOneThread), nameof(DuckDbParquetTwoThreads)])]
    public void SetupDuckDb()
    {
        Setup();
        _duck = IngestThroughputBenchmarks.OpenDuckDb();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _duck?.Dispose();
        _duck = null;
    }

    [Benchmark(Baseline = true)]
    public async Task<long> FastCsvOneThread() => (await _engine.ScoreFileAsync(_csv, Options(1))).Scored;

    [Benchmark]
    public async Task<long> ArrowOneThread() => (await _engine.ScoreArrowFileAsync(_arrow, Options(1))).Scored;

    [Benchmark]
    public async Task<long> ArrowTwoThreads() => (await _engine.ScoreArrowFileAsync(_arrow, Options(2))).Scored;

    [Benchmark]
    public async Task<long> ParquetOneThread() => (await _engine.ScoreParquetFileAsync(_parquet, Options(1))).Scored;

    [Benchmark]
    public async Task<long> ParquetTwoThreads() => (await _engine.ScoreParquetFileAsync(_parquet, Options(2))).Scored;

    [Benchmark]
    public int DuckDbParquetOneThread() => DuckDb(1);

    [Benchmark]
    public int DuckDbParquetTwoThreads() => DuckDb(2);

    /// <summary>
    /// Reference for the Arrow path's scaling: the whole Arrow file read from the page cache with positioned reads of
    /// 2 MiB into one reused buffer a thread (as the scorer reads a batch's buffers, but every byte: about 2.7 times the
    /// bytes it reads), one byte of every 64 summed; nothing parsed or scored. If this does not scale from one thread
    /// to two on a machine, the memory copy from the page cache, not the scorer, limits <see cref="ArrowTwoThreads"/>.
    /// </summary>
    [Benchmark]
    public long ArrowFileReadReferenceOneThread() => ReadFile(_arrow, 1);

    /// <inheritdoc cref="ArrowFileReadReferenceOneThread"/>
    [Benchmark]
    public long ArrowFileReadReferenceTwoThreads() => ReadFile(_arrow, 2);

    /// <summary>
    /// Reference for the Parquet path's scaling: per row group, the column chunks the page decoder reads for a
    /// scorecard (<c>touchpoint</c>, <c>measure</c>, <c>value</c>, <c>observedAt</c>; not <c>customer</c>, whose
    /// statistics show no empty one, nor the all-null optional columns) read from the page cache with one positioned
    /// read each into one reused buffer a thread, the row groups taken from a shared counter as the scorer's workers take
    /// them, one byte of every 64 summed; nothing decoded or scored. Against <see cref="ParquetTwoThreads"/> it tells
    /// how much of the Parquet path's two-thread time is the copy out of the page cache.
    /// </summary>
    [Benchmark]
    public long ParquetChunkReadReferenceOneThread() => ReadChunks(_parquet, _parquetChunks, 1);

    /// <inheritdoc cref="ParquetChunkReadReferenceOneThread"/>
    [Benchmark]
    public long ParquetChunkReadReferenceTwoThreads() => ReadChunks(_parquet, _parquetChunks, 2);

    /// <summary>
    /// Reference for what two threads can give code that keeps a core's execution units busy, as the Arrow path's
    /// kernels do: the same fixed amount of integer work (six additions and exclusive ors a step, in three independent
    /// chains, about four instructions a cycle on one thread) split over one thread or two, no memory touched. On two
    /// cores of their own it scales twice; where the two logical processors share one core's execution units (two
    /// hardware threads of one core, as a virtual machine's two processors may be), it scales as far as the units
    /// allow, and so does any path as busy as it.
    /// </summary>
    [Benchmark]
    public long CoreThroughputReferenceOneThread() => IndependentChains(1);

    /// <inheritdoc cref="CoreThroughputReferenceOneThread"/>
    [Benchmark]
    public long CoreThroughputReferenceTwoThreads() => IndependentChains(2);

    /// <summary>
    /// The counterpart of <see cref="CoreThroughputReferenceOneThread"/>: the same number of steps, each a multiply and
    /// an add that wait for the step before (one chain, bound by latency, a fraction of the core's units busy), split
    /// over one thread or two. It scales about twice whether or not the two logical processors share a core, so the
    /// two references side by side tell which kind of machine the run had.
    /// </summary>
    [Benchmark]
    public long CoreLatencyReferenceOneThread() => DependentChain(1);

    /// <inheritdoc cref="CoreLatencyReferenceOneThread"/>
    [Benchmark]
    public long CoreLatencyReferenceTwoThreads() => DependentChain(2);

    /// <summary>Sep reading the CSV: count the rows and parse the value column; no ids resolved, nothing scored.</summary>
    [Benchmark]
    public double SepParseOnly() => IngestThroughputBenchmarks.SepParseValueColumn(_csv);

    /// <summary>Reads a file in 2 MiB pieces, piece i on thread i mod <paramref name="threads"/>, summing one byte of every 64.</summary>
    private static long ReadFile(string path, int threads)
    {
        const int Piece = 1 << 21;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var length = RandomAccess.GetLength(handle);
        var pieces = (int)((length + Piece - 1) / Piece);
        return SumOnThreads(threads, thread =>
        {
            var buffer = GC.AllocateUninitializedArray<byte>(Piece);
            long sum = 0;
            for (var piece = thread; piece < pieces; piece += threads)
            {
                sum += SumEvery64th(buffer.AsSpan(0, RandomAccess.Read(handle, buffer, (long)piece * Piece)));
            }

            return sum;
        });
    }

    /// <summary>Steps of the core references: about 110 ms (independent chains) and 240 ms (one chain) on one thread of the machine the benchmarks were written on.</summary>
    private const long CoreSteps = 200_000_000;

    /// <summary><see cref="CoreSteps"/> steps of three independent add/xor chains, split over <paramref name="threads"/> threads.</summary>
    private static long IndependentChains(int threads) => SumOnThreads(threads, thread => IndependentChains(thread, CoreSteps / threads));

    /// <summary>The steps of <see cref="IndependentChains(int)"/> on one thread; compiled optimized at once, so that every call runs the same code whatever the tier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long IndependentChains(int thread, long steps)
    {
        ulong a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, k = (ulong)thread | 7;
        for (var i = steps; i > 0; i--)
        {
            a += k;
            b ^= a;
            c += b;
            d ^= k;
            e += d;
            f ^= c;
        }

        return (long)(a + b + c + d + e + f);
    }

    /// <summary><see cref="CoreSteps"/> steps of one multiply-add chain (a linear congruential generator), split over <paramref name="threads"/> threads.</summary>
    private static long DependentChain(int threads) => SumOnThreads(threads, thread => DependentChain(thread, CoreSteps / threads));

    /// <summary>The steps of <see cref="DependentChain(int)"/> on one thread, compiled optimized at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long DependentChain(int thread, long steps)
    {
        var x = (ulong)thread + 1;
        for (var i = steps; i > 0; i--)
        {
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
        }

        return (long)x;
    }

    /// <summary>Calls of a columnar path made by <see cref="Warm"/>.</summary>
    private const int WarmCalls = 40;

    /// <summary>
    /// Scores a file <see cref="WarmCalls"/> times on one thread and as many on two, then waits a second, so that the
    /// methods measure the scorer in a warm process. The runtime compiles a method again, optimized, once it has been
    /// called 30 times, on a background thread: the columnar paths' methods called once a file or once a worker reach
    /// that count only after 15 to 30 files, and BenchmarkDotNet's few warm-up calls (two iterations of four or so)
    /// end before. On one thread the first measured iterations were then about 15 % slower than the last (139–141 ms,
    /// then 118–123), and during a two-thread run's first iterations the compiler's thread took about a tenth of both
    /// cores, which the workers then lack (on one thread it has the other core to itself). The first calls in a process
    /// still pay it; the benchmark measures the calls after.
    /// </summary>
    private static void Warm(Func<int, Task<FileScoringResult>> score)
    {
        for (var call = 0; call < WarmCalls; call++)
        {
            _ = score(1).GetAwaiter().GetResult();
            _ = score(2).GetAwaiter().GetResult();
        }

        Thread.Sleep(1000);
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="threads"/> threads of their own (given their number) and sums what they return.</summary>
    private static long SumOnThreads(int threads, Func<int, long> work)
    {
        var sums = new long[threads];
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var thread = t;
            workers[t] = new Thread(() => sums[thread] = work(thread));
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return sums.Sum();
    }

    /// <summary>One byte of every 64 summed: each cache line of <paramref name="bytes"/> touched once.</summary>
    private static long SumEvery64th(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        for (var i = 0; i < bytes.Length; i += 64)
        {
            sum += bytes[i];
        }

        return sum;
    }

    /// <summary>
    /// Where the chunks of the four scored columns lie, per row group. ParquetSharp gives each chunk's size but not its
    /// offset, so the offsets are added up: the package's writer writes every chunk of every row group one after
    /// another from byte 4, which is checked (every chunk read starts with a page header, and the chunks end before
    /// the footer).
    /// </summary>
    private static (long Offset, int Length)[][] ParquetChunks(string path)
    {
        string[] scored = ["touchpoint", "measure", "value", "observedAt"];
        using var reader = new ParquetSharp.ParquetFileReader(path);
        var metadata = reader.FileMetaData;
        var chunks = new (long Offset, int Length)[metadata.NumRowGroups][];
        long at = 4;
        for (var g = 0; g < chunks.Length; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            var kept = new List<(long Offset, int Length)>();
            for (var c = 0; c < metadata.NumColumns; c++)
            {
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(c);
                var length = checked((int)chunk.TotalCompressedSize);
                if (scored.Contains(metadata.Schema.Column(c).Name))
                {
                    kept.Add((at, length));
                }

                at += length;
            }

            chunks[g] = [.. kept];
        }

        // The chunks end before the footer (the writer puts its page indexes between them), and each scored chunk starts
        // with a page header: a Thrift compact struct whose first field is the page type, an i32 (byte 0x15).
        Span<byte> tail = stackalloc byte[8];
        using var handle = File.OpenHandle(path);
        var fileLength = RandomAccess.GetLength(handle);
        RandomAccess.Read(handle, tail, fileLength - 8);
        var footerStart = fileLength - 8 - System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
        var first = new byte[1];
        if (at > footerStart || chunks.SelectMany(g => g).Any(c => RandomAccess.Read(handle, first, c.Offset) != 1 || first[0] != 0x15))
        {
            throw new InvalidOperationException($"{path}: its column chunks do not lie one after another from byte 4; the chunk read reference cannot find them.");
        }

        return chunks;
    }

    /// <summary>Reads the chunks of each row group into one reused buffer a thread, row groups from a shared counter, summing one byte of every 64.</summary>
    private static long ReadChunks(string path, (long Offset, int Length)[][] rowGroups, int threads)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var largest = rowGroups.Select(g => g.Sum(c => c.Length)).DefaultIfEmpty(0).Max();
        var next = -1;
        return SumOnThreads(threads, _ =>
        {
            var buffer = GC.AllocateUninitializedArray<byte>(largest);
            long sum = 0;
            for (var g = Interlocked.Increment(ref next); g < rowGroups.Length; g = Interlocked.Increment(ref next))
            {
                var used = 0;
                foreach (var (offset, length) in rowGroups[g])
                {
                    used += RandomAccess.Read(handle, buffer.AsSpan(used, length), offset);
                }

                sum += SumEvery64th(buffer.AsSpan(0, used));
            }

            return sum;
        });
    }

    private FileScoringOptions Options(int threads) => new() { MaxDegreeOfParallelism = threads, Scorecard = _scorecard };

    private int DuckDb(int threads)
    {
        using var command = _duck!.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SET threads = {threads};
            WITH outcomes AS (SELECT touchpoint, measure, value FROM read_parquet('{_parquet}')),
            """) + DuckDbScorecardSql.Query;
        using var reader = command.ExecuteReader();
        var groups = 0;
        while (reader.Read())
        {
            groups++;
        }

        return groups;
    }
}
