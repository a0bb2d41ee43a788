using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using DuckDB.NET.Data;
using nietras.SeparatedValues;
using NodaTime;

namespace CxScoring.Benchmarks.Ingest;

/// <summary>
/// File → per-touchpoint scorecard over the same N outcomes (40 touchpoints, about 57 bytes a CSV row), as CSV and
/// NDJSON: today's readers then <see cref="ScoringEngine.ScoreAsync"/>; the fast path
/// (<see cref="ScoringEngine.ScoreFileAsync"/>) on one thread and on two; DuckDB reading the same CSV with SQL
/// computing the same per-touchpoint figures on one thread and on two; and Sep parsing the CSV (count rows, parse the
/// value column) as the raw parse-only reference. Set CXSCORING_BENCHMARK_SMOKE=1 for small sizes.
/// </summary>
/// <remarks>
/// The files are written once per size to a temporary folder and reused by later runs (they are deterministic); they
/// are read from the page cache, so the figures are parse and score, not disk.
/// </remarks>
public class IngestThroughputBenchmarks
{
    internal const int TouchpointCount = 40;
    private static readonly bool Smoke = Environment.GetEnvironmentVariable("CXSCORING_BENCHMARK_SMOKE") == "1";

    private ScoringEngine _engine = null!;
    private string _csv = string.Empty;
    private string _ndjson = string.Empty;
    private DuckDBConnection? _duck;
    private readonly ScorecardOptions _scorecard = new() { ByPeriod = false };

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    public static IEnumerable<int> RowCounts
        => Smoke ? [20_000] : [int.Parse(Environment.GetEnvironmentVariable("CXSCORING_INGEST_ROWS") ?? "10000000", CultureInfo.InvariantCulture)];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ScoringEngine(ScoringPlan(), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var folder = Path.Combine(Path.GetTempPath(), "cxscoring-ingest-benchmarks");
        Directory.CreateDirectory(folder);
        _csv = Path.Combine(folder, $"outcomes-{Rows}.csv");
        _ndjson = Path.Combine(folder, $"outcomes-{Rows}.ndjson");
        if (!File.Exists(_csv) || !File.Exists(_ndjson))
        {
            Write(Rows, _csv, _ndjson);
        }
    }

    [GlobalSetup(Targets = [nameof(DuckDbCsvOneThread), nameof(DuckDbCsvTwoThreads)])]
    public void SetupDuckDb()
    {
        Setup();
        _duck = OpenDuckDb();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _duck?.Dispose();
        _duck = null;
    }

    /// <summary>An in-memory DuckDB with the plan's cells as the table <c>cells</c> (<see cref="DuckDbScorecardSql"/>).</summary>
    internal static DuckDBConnection OpenDuckDb()
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var create = duck.CreateCommand();
        var cells = new StringBuilder("CREATE TABLE cells (touchpoint VARCHAR, measure VARCHAR, sign DOUBLE, inverse_scale DOUBLE, promised DOUBLE, adequate DOUBLE, desired DOUBLE); INSERT INTO cells VALUES ");
        for (var t = 0; t < TouchpointCount; t++)
        {
            cells.Append(CultureInfo.InvariantCulture, $"{(t > 0 ? "," : string.Empty)}('tp{t}','wait',-1,{1 / 3600.0:R},7200,9000,600),('tp{t}','csat',1,0.25,4,3,5)");
        }

        create.CommandText = cells.ToString();
        create.ExecuteNonQuery();
        return duck;
    }

    [Benchmark(Baseline = true)]
    public async Task<long> ReadersThenScoreAsyncCsv()
    {
        using var text = new StreamReader(_csv, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16 });
        var reader = new CsvOutcomeReader(text);
        var builder = _engine.CreateScorecardBuilder(_scorecard);
        await _engine.ScoreAsync(reader.ReadAllAsync(), builder);
        return builder.Build().Scored;
    }

    [Benchmark]
    public async Task<long> ReadersThenScoreAsyncNdjson()
    {
        await using var stream = new FileStream(_ndjson, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new NdjsonOutcomeReader(stream);
        var builder = _engine.CreateScorecardBuilder(_scorecard);
        await _engine.ScoreAsync(reader.ReadAllAsync(), builder);
        return builder.Build().Scored;
    }

    [Benchmark]
    public async Task<long> FastCsvOneThread() => (await _engine.ScoreFileAsync(_csv, Options(1))).Scored;

    [Benchmark]
    public async Task<long> FastCsvTwoThreads() => (await _engine.ScoreFileAsync(_csv, Options(2))).Scored;

    [Benchmark]
    public async Task<long> FastNdjsonOneThread() => (await _engine.ScoreFileAsync(_ndjson, Options(1))).Scored;

    [Benchmark]
    public async Task<long> FastNdjsonTwoThreads() => (await _engine.ScoreFileAsync(_ndjson, Options(2))).Scored;

    [Benchmark]
    public int DuckDbCsvOneThread() => DuckDb(1);

    [Benchmark]
    public int DuckDbCsvTwoThreads() => DuckDb(2);

    /// <summary>Sep reading the CSV: count the rows and parse the value column; no ids resolved, nothing scored.</summary>
    [Benchmark]
    public double SepParseOnly() => SepParseValueColumn(_csv);

    /// <summary>The raw parse-only reference of the ingest suites: Sep counts a CSV file's rows and parses its value column.</summary>
    internal static double SepParseValueColumn(string csv)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(csv);
        var value = reader.Header.IndexOf("value");
        var sum = 0.0;
        long rows = 0;
        foreach (var row in reader)
        {
            sum += row[value].Parse<double>();
            rows++;
        }

        return sum + rows;
    }

    private FileScoringOptions Options(int threads) => new() { MaxDegreeOfParallelism = threads, Scorecard = _scorecard };

    private int DuckDb(int threads)
    {
        using var command = _duck!.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $$"""
            SET threads = {{threads}};
            WITH outcomes AS (
              SELECT * FROM read_csv('{{_csv}}', header = true,
                columns = {'customer': 'VARCHAR', 'touchpoint': 'VARCHAR', 'measure': 'VARCHAR', 'value': 'DOUBLE', 'observedAt': 'TIMESTAMPTZ'})),
            """) + DuckDbScorecardSql.Query;
        using var reader = command.ExecuteReader();
        var groups = 0;
        while (reader.Read())
        {
            groups++;
        }

        return groups;
    }

    internal static Plans.ScoringPlan ScoringPlan()
    {
        var builder = ScoringModel.CreateBuilder("ingest")
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
            .AddMeasure(Measure.Rating("csat", 5, 4));
        var channels = Channel.WellKnown;
        for (var t = 0; t < TouchpointCount; t++)
        {
            builder.AddTouchpoint($"tp{t}", (JourneyStage)(t % 9), channels[t % channels.Count]);
        }

        return Plans.ScoringPlan.Compile(builder
            .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .Build());
    }

    /// <summary>Writes the same outcomes as CSV (<c>cust-0012345,tp17,wait,1234.567,2025-03-04T05:06:07.123Z</c>, 57 bytes a row) and NDJSON.</summary>
    internal static void Write(int rows, string csvPath, string ndjsonPath)
    {
        var random = new Random(42);
        var start = Instant.FromUtc(2025, 1, 1, 0, 0).ToUnixTimeMilliseconds();
        using var csv = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 20);
        using var ndjson = new StreamWriter(ndjsonPath, false, new UTF8Encoding(false), 1 << 20);
        csv.Write("customer,touchpoint,measure,value,observedAt\n");
        for (var i = 0; i < rows; i++)
        {
            var customer = string.Create(CultureInfo.InvariantCulture, $"cust-{random.Next(10_000_000):D7}");
            var touchpoint = string.Create(CultureInfo.InvariantCulture, $"tp{random.Next(TouchpointCount)}");
            var wait = random.Next(2) == 0;
            var value = wait
                ? (random.Next(1000, 10_000_000) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)
                : random.Next(1, 6).ToString("0.000", CultureInfo.InvariantCulture);
            var observed = NodaTime.Text.InstantPattern.ExtendedIso.Format(Instant.FromUnixTimeMilliseconds(start + random.NextInt64(0, 365L * 86_400_000)));
            var measure = wait ? "wait" : "csat";
            csv.Write(string.Create(CultureInfo.InvariantCulture, $"{customer},{touchpoint},{measure},{value},{observed}\n"));
            ndjson.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"customer\":\"{customer}\",\"touchpoint\":\"{touchpoint}\",\"measure\":\"{measure}\",\"value\":{value},\"observedAt\":\"{observed}\"}}\n"));
        }
    }
}
