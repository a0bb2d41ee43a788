using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using CxScoring.Calendars;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using DuckDB.NET.Data;
using NodaTime;

namespace CxScoring.Benchmarks.Engine;

/// <summary>
/// Per-touchpoint scorecards over the same generated outcomes, computed five ways: naive LINQ over a list of records,
/// DuckDB SQL with GROUP BY, and the engine's row, columnar and parallel columnar paths; plus the columnar path with
/// the default scorecard (also per local day), and a vectorised sum over the bytes the columnar path reads, the
/// machine's limit.
/// </summary>
/// <remarks>
/// Every path computes, per touchpoint: count; sum, mean and variance of score and of felt value; min; max; counts
/// per zone; promise-kept rate; and p10/p50/p90 of scores. The engine's scorecards have calendar periods off
/// (<see cref="ScorecardOptions.ByPeriod"/>), so that it does the same per-outcome work, except in
/// <see cref="EngineColumnarWithDays"/>; its stage, channel and segment
/// aggregates are roll-ups at build time, as are the measure, promise and owner aggregates (the engine accumulates per
/// promise-version cell: touchpoint × measure × segment × promise version). <see cref="EngineColumnarWithTouchpointDays"/>
/// adds touchpoint × day cells; <see cref="BuildAndReviewPromises"/> times the roll-ups.
/// <see cref="EngineColumnarBusinessTime"/> scores the same columns with the duration measure's promise and zone of
/// tolerance stated in working time of a London office calendar, so that those cells take the general path: what
/// working time costs against <see cref="EngineColumnar"/>. Set CXSCORING_BENCHMARK_SMOKE=1 for small sizes, or CXSCORING_ENGINE_ROWS (e.g. 10000000) to run one size.
/// </remarks>
public class ScoringThroughputBenchmarks
{
    private static readonly bool Smoke = Environment.GetEnvironmentVariable("CXSCORING_BENCHMARK_SMOKE") == "1";
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);

    private ScoringModel _model = null!;
    private ScoringPlan _plan = null!;
    private ScoringEngine _engine = null!;
    private ScoringEngine _parallelEngine = null!;
    private ScorecardBuilder _builder = null!;
    private ScorecardBuilder _parallelBuilder = null!;
    private ScorecardBuilder _periodsBuilder = null!;
    private ScorecardBuilder _touchpointDaysBuilder = null!;
    private ScoringEngine _businessTimeEngine = null!;
    private ScorecardBuilder _businessTimeBuilder = null!;
    private OutcomeRow[] _rows = [];
    private OutcomeColumns _columns = null!;
    private List<OutcomeRecord> _records = [];
    private CellRecord[] _cells = [];
    private DuckDBConnection? _duck;

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [ParamsSource(nameof(TouchpointCounts))]
    public int Touchpoints { get; set; }

    /// <summary>Gets the row counts: 20,000 in smoke runs, else the comma-separated CXSCORING_ENGINE_ROWS or 1 M and 10 M.</summary>
    public static IEnumerable<int> RowCounts => Smoke ? [20_000]
        : Environment.GetEnvironmentVariable("CXSCORING_ENGINE_ROWS") is { Length: > 0 } rows
            ? rows.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))
            : [1_000_000, 10_000_000];

    public static IEnumerable<int> TouchpointCounts => Smoke ? [64] : [64, 10_000];

    /// <summary>A typical user's record of one outcome.</summary>
    public sealed record OutcomeRecord(int Touchpoint, int Measure, double Value, DateTime ObservedAt);

    /// <summary>A typical user's join table: the resolved promise and zone per touchpoint and measure.</summary>
    public sealed record CellRecord(double Sign, double InverseScale, double Promised, double Adequate, double Desired);

    /// <summary>One touchpoint's figures, as LINQ and DuckDB return them.</summary>
    public sealed record TouchpointFigures(int Touchpoint, long Count, double MeanScore, double ScoreVariance, double MeanFelt, double FeltVariance,
        double Min, double Max, long Below, long Within, long Above, double KeptRate, double P10, double P50, double P90);

    [GlobalSetup]
    public void Setup()
    {
        _model = BuildModel(Touchpoints);
        _plan = ScoringPlan.Compile(_model);
        _engine = new ScoringEngine(_plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        _parallelEngine = new ScoringEngine(_plan);
        // Per-touchpoint aggregates like the other methods: no calendar periods. Stage, channel and segment come free
        // (rolled up from touchpoint × segment aggregates when the scorecard is built).
        var options = new ScorecardOptions { ByPeriod = false };
        _builder = _engine.CreateScorecardBuilder(options);
        _parallelBuilder = _parallelEngine.CreateScorecardBuilder(options);
        _periodsBuilder = _engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
        _touchpointDaysBuilder = _engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"], ByTouchpointPeriod = true });
        _businessTimeEngine = new ScoringEngine(ScoringPlan.Compile(BuildModel(Touchpoints, businessTime: true)), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        _businessTimeBuilder = _businessTimeEngine.CreateScorecardBuilder(options);
        var random = new Random(42);
        _rows = new OutcomeRow[Rows];
        _columns = new OutcomeColumns(Rows);
        var startNanoseconds = UnixTime.ToNanoseconds(Start);
        for (var i = 0; i < Rows; i++)
        {
            var touchpoint = random.Next(Touchpoints);
            var measure = random.Next(2);
            var value = measure == 0 ? random.NextDouble() * 4 * 3600 : random.Next(1, 6);
            var observed = startNanoseconds + (random.NextInt64(0, 365L * 86400) * 1_000_000_000);
            var row = new OutcomeRow(touchpoint, measure, value, observed, OutcomeRow.NoSegment, 0);
            _rows[i] = row;
            _columns.Add(row);
        }

        _cells = new CellRecord[Touchpoints * 2];
        for (var t = 0; t < Touchpoints; t++)
        {
            _cells[t * 2] = new CellRecord(-1, 1 / 3600.0, 7200, 9000, 600);
            _cells[(t * 2) + 1] = new CellRecord(1, 1 / 4.0, 4, 3, 5);
        }
    }

    [GlobalSetup(Target = nameof(NaiveLinq))]
    public void SetupLinq()
    {
        Setup();
        _records = new List<OutcomeRecord>(Rows);
        foreach (var row in _rows)
        {
            _records.Add(new OutcomeRecord(row.TouchpointIndex, row.MeasureIndex, row.Value, DateTime.UnixEpoch.AddTicks(row.ObservedAtNanoseconds / 100)));
        }
    }

    [GlobalSetup(Target = nameof(DuckDbSql))]
    public void SetupDuckDb()
    {
        Setup();
        _duck = new DuckDBConnection("DataSource=:memory:");
        _duck.Open();
        using (var create = _duck.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE outcomes (touchpoint INTEGER, measure INTEGER, value DOUBLE, observed_at TIMESTAMP);
                CREATE TABLE cells (touchpoint INTEGER, measure INTEGER, sign DOUBLE, inverse_scale DOUBLE, promised DOUBLE, adequate DOUBLE, desired DOUBLE);
                """;
            create.ExecuteNonQuery();
        }

        using (var appender = _duck.CreateAppender("outcomes"))
        {
            foreach (var row in _rows)
            {
                appender.CreateRow().AppendValue(row.TouchpointIndex).AppendValue(row.MeasureIndex).AppendValue(row.Value)
                    .AppendValue(DateTime.UnixEpoch.AddTicks(row.ObservedAtNanoseconds / 100)).EndRow();
            }
        }

        using (var appender = _duck.CreateAppender("cells"))
        {
            for (var i = 0; i < _cells.Length; i++)
            {
                var c = _cells[i];
                appender.CreateRow().AppendValue(i / 2).AppendValue(i % 2).AppendValue(c.Sign).AppendValue(c.InverseScale)
                    .AppendValue(c.Promised).AppendValue(c.Adequate).AppendValue(c.Desired).EndRow();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _duck?.Dispose();
        _duck = null;
    }

    [Benchmark(Baseline = true)]
    public int NaiveLinq()
    {
        var felt = _model.FeltValue;
        var figures = _records
            .Select(r =>
            {
                var c = _cells[(r.Touchpoint * 2) + r.Measure];
                var adequacy = c.Sign * (r.Value - c.Adequate) * c.InverseScale;
                var superiority = c.Sign * (r.Value - c.Desired) * c.InverseScale;
                var score = adequacy < 0 ? Math.Max(adequacy, -1) : superiority > 0 ? Math.Min(superiority, 1) : 0;
                return new { r.Touchpoint, Score = score, Felt = felt.Evaluate(score), Kept = c.Sign * (r.Value - c.Promised) >= 0 };
            })
            .GroupBy(x => x.Touchpoint)
            .Select(g =>
            {
                var scores = g.Select(x => x.Score).OrderBy(s => s).ToList();
                var mean = scores.Average();
                var meanFelt = g.Average(x => x.Felt);
                return new TouchpointFigures(g.Key, scores.Count, mean, scores.Average(s => (s - mean) * (s - mean)), meanFelt,
                    g.Average(x => (x.Felt - meanFelt) * (x.Felt - meanFelt)), scores[0], scores[^1],
                    g.Count(x => x.Score < 0), g.Count(x => x.Score == 0), g.Count(x => x.Score > 0), g.Count(x => x.Kept) / (double)scores.Count,
                    scores[(int)(0.1 * (scores.Count - 1))], scores[(int)(0.5 * (scores.Count - 1))], scores[(int)(0.9 * (scores.Count - 1))]);
            })
            .ToList();
        return figures.Count;
    }

    [Benchmark]
    public int DuckDbSql()
    {
        using var command = _duck!.CreateCommand();
        command.CommandText = "WITH " + DuckDbScorecardSql.Query;
        using var reader = command.ExecuteReader();
        var groups = 0;
        while (reader.Read())
        {
            groups++;
        }

        return groups;
    }

    [Benchmark]
    public long EngineRows()
    {
        _engine.Score(_rows, _builder);
        return _builder.Scored;
    }

    [Benchmark]
    public long EngineColumnar()
    {
        _engine.ScoreColumns(_columns, _builder);
        return _builder.Scored;
    }

    /// <summary>The columnar path on one thread with the default scorecard: also per local day (weeks and months are roll-ups of days).</summary>
    [Benchmark]
    public long EngineColumnarWithDays()
    {
        _engine.ScoreColumns(_columns, _periodsBuilder);
        return _periodsBuilder.Scored;
    }

    /// <summary>The columnar path on one thread with touchpoint × day cells too (<see cref="ScorecardOptions.ByTouchpointPeriod"/>, the row kernel): what trends per touchpoint cost.</summary>
    [Benchmark]
    public long EngineColumnarWithTouchpointDays()
    {
        _engine.ScoreColumns(_columns, _touchpointDaysBuilder);
        return _touchpointDaysBuilder.Scored;
    }

    /// <summary>
    /// Builds the default scorecard and reviews its promises: the roll-ups of the promise-version cells into touchpoints,
    /// stages, channels, segments, measures, promises and owners, and of days into weeks and months (independent of
    /// <see cref="Rows"/> once the builder holds outcomes).
    /// </summary>
    [Benchmark]
    public int BuildAndReviewPromises()
    {
        if (_periodsBuilder.Scored == 0)
        {
            _engine.ScoreColumns(_columns, _periodsBuilder);
        }

        var scorecard = _periodsBuilder.Build();
        return scorecard.ReviewPromises().Promises.Length + scorecard.ByMeasure.Length;
    }

    /// <summary>
    /// The columnar path on one thread over the same rows, with the duration measure's promise ("within 2 business
    /// hours") and zone of tolerance (adequate 2½ business hours, desired 10 business minutes) in working time: half the
    /// rows resolve their levels per outcome on the calendar (the general path), the rating rows stay on fast cells.
    /// </summary>
    [Benchmark]
    public long EngineColumnarBusinessTime()
    {
        _businessTimeEngine.ScoreColumns(_columns, _businessTimeBuilder);
        return _businessTimeBuilder.Scored;
    }

    [Benchmark]
    public long EngineColumnarParallel()
    {
        _parallelEngine.ScoreColumns(_columns, _parallelBuilder);
        return _parallelBuilder.Scored;
    }

    /// <summary>A vectorised sum over the columns the columnar path reads without calendar periods (touchpoint, measure, segment, value): 20 bytes a row.</summary>
    [Benchmark]
    public double BandwidthReference()
        => SumInts(_columns.Touchpoints[..Rows]) + SumInts(_columns.Measures[..Rows]) + SumInts(_columns.Segments[..Rows])
           + SumDoubles(_columns.Values[..Rows]);

    private static double SumInts(ReadOnlySpan<int> values)
    {
        var sum = Vector256<int>.Zero;
        var vectors = MemoryMarshal.Cast<int, Vector256<int>>(values);
        foreach (var v in vectors)
        {
            sum += v;
        }

        return Vector256.Sum(sum);
    }

    private static double SumDoubles(ReadOnlySpan<double> values)
    {
        var sum = Vector256<double>.Zero;
        foreach (var v in MemoryMarshal.Cast<double, Vector256<double>>(values))
        {
            sum += v;
        }

        return Vector256.Sum(sum);
    }

    private static ScoringModel BuildModel(int touchpoints, bool businessTime = false)
    {
        var builder = ScoringModel.CreateBuilder("benchmark")
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
            .AddMeasure(Measure.Rating("csat", 5, 4));
        var channels = Channel.WellKnown;
        for (var t = 0; t < touchpoints; t++)
        {
            builder.AddTouchpoint($"tp{t}", (JourneyStage)(t % 9), channels[t % channels.Count]);
        }

        if (businessTime)
        {
            // England and Wales bank holidays of 2025, 09:00–17:00 Monday to Friday.
            var office = new BusinessCalendarBuilder("uk-office", DateTimeZoneProviders.Tzdb["Europe/London"])
                .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], new WorkingHours(new LocalTime(9, 0), new LocalTime(17, 0)))
                .AddHolidays([new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26)])
                .Build();
            builder
                .AddPromise(Promise.OfBusinessTime("wait-2h", "wait", new BusinessTimeLimit(Duration.FromHours(2), office), PromiseSource.ServiceLevelAgreement))
                .AddExpectation(new Expectation(
                    "wait",
                    ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromMinutes(150), office)),
                    ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromMinutes(10), office))));
        }
        else
        {
            builder
                .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
                .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))));
        }

        return builder
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .Build();
    }
}
