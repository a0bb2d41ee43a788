using BenchmarkDotNet.Attributes;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.Journeys;
using DuckDB.NET.Data;
using NodaTime;

namespace CxScoring.Benchmarks.Journeys;

/// <summary>
/// Journeys at engine speed: 10 M outcomes of 1 M customers (ten each, over a year), with per-customer roll-ups
/// (mean, weighted mean, peak-end, weakest link), cascades (follow-on contacts at two contact touchpoints within
/// 14 days after a shortfall or after none) and shortfall costs per touchpoint, computed three ways in one run: LINQ
/// GroupBy per customer (the baseline), DuckDB SQL with window functions on one thread, and the engine's one pass
/// (<see cref="NonComplianceCostAnalysis"/>, which also builds the journey scorecard and the cascades' relative risks: one
/// columnar pass, see docs/journeys.md), next to the previous row-by-row path of the same analysis (EngineRowByRow).
/// A second pair compares a what-if re-score (<see cref="WhatIfAnalysis"/>: baseline and scenario) with a plain scoring pass.
/// </summary>
/// <remarks>
/// Targets of the project: at least 20 M outcomes/s on one core for the one pass, at least 10× DuckDB at equal threads,
/// a what-if within 2× a plain pass. Set CXSCORING_BENCHMARK_SMOKE=1 for small sizes (and run with --job dry to check
/// that it runs); the figures are taken by the maintainer on a quiet machine.
/// </remarks>
public class JourneyThroughputBenchmarks
{
    private const int Touchpoints = 8;
    private const int ContactA = 6;
    private const int ContactB = 7;
    private static readonly bool Smoke = Environment.GetEnvironmentVariable("CXSCORING_BENCHMARK_SMOKE") == "1";
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static readonly long WindowNanoseconds = (long)Duration.FromDays(14).TotalNanoseconds;

    private ScoringModel _model = null!;
    private ScoringPlan _plan = null!;
    private ScoringEngine _engine = null!;
    private ScorecardBuilder _builder = null!;
    private OutcomeRow[] _rows = [];
    private List<Record> _records = [];
    private NonComplianceCostOptions _costs = null!;
    private WhatIfScenario _scenario = null!;
    private DuckDBConnection? _duck;

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    public static IEnumerable<int> RowCounts => Smoke ? [20_000] : [10_000_000];

    /// <summary>A typical user's record of one outcome, already scored (score, shortfall) to keep the LINQ path honest about what it computes.</summary>
    public sealed record Record(long Customer, int Touchpoint, double Value, long ObservedAt);

    [GlobalSetup]
    public void Setup()
    {
        var builder = ScoringModel.CreateBuilder("journeys-benchmark").AddMeasure(Measure.Rating("csat", 5, 4));
        JourneyStage[] stages = [JourneyStage.Awareness, JourneyStage.Consideration, JourneyStage.Purchase, JourneyStage.Onboarding, JourneyStage.Usage, JourneyStage.Billing, JourneyStage.Support, JourneyStage.Support];
        for (var t = 0; t < Touchpoints; t++)
        {
            builder.AddTouchpoint(new Touchpoint($"tp{t}", stages[t], Channel.WellKnown[t % Channel.WellKnown.Count], 1 + (t % 3), owner: t < 4 ? "sales" : "service"));
        }

        _model = builder
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .Build();
        _plan = ScoringPlan.Compile(_model);
        _engine = new ScoringEngine(_plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        _builder = _engine.CreateScorecardBuilder(new ScorecardOptions { ByPeriod = false });
        _costs = new NonComplianceCostOptions
        {
            BreachPenaltyByPromise = new Dictionary<string, decimal> { ["csat-4"] = 2m },
            CostPerShortfallUnit = new Dictionary<string, decimal> { ["csat"] = 10m },
            ContactCostByTouchpoint = new Dictionary<string, decimal> { [$"tp{ContactA}"] = 5m, [$"tp{ContactB}"] = 8m },
            Cascades = new CascadeRiskOptions { ContactTouchpointIds = [$"tp{ContactA}", $"tp{ContactB}"] },
        };
        _scenario = WhatIfScenario.None.WithPromiseLevel("csat-4", 3);

        var random = new Random(42);
        var customers = Math.Max(Rows / 10, 1);
        _rows = new OutcomeRow[Rows];
        var start = UnixTime.ToNanoseconds(Start);
        for (var i = 0; i < Rows; i++)
        {
            var observed = start + (random.NextInt64(0, 365L * 86400) * 1_000_000_000);
            _rows[i] = new OutcomeRow(random.Next(Touchpoints), 0, random.Next(1, 6), observed, OutcomeRow.NoSegment, random.Next(customers));
        }
    }

    [GlobalSetup(Target = nameof(LinqGroupBy))]
    public void SetupLinq()
    {
        Setup();
        _records = new List<Record>(Rows);
        foreach (var row in _rows)
        {
            _records.Add(new Record(row.CustomerKey, row.TouchpointIndex, row.Value, row.ObservedAtNanoseconds));
        }
    }

    [GlobalSetup(Target = nameof(DuckDbWindowSql))]
    public void SetupDuckDb()
    {
        Setup();
        _duck = new DuckDBConnection("DataSource=:memory:");
        _duck.Open();
        using (var create = _duck.CreateCommand())
        {
            create.CommandText = """
                SET threads = 1;
                CREATE TABLE outcomes (customer BIGINT, touchpoint INTEGER, value DOUBLE, observed_at BIGINT);
                CREATE TABLE touchpoints (touchpoint INTEGER, weight DOUBLE);
                """;
            create.ExecuteNonQuery();
        }

        using (var appender = _duck.CreateAppender("outcomes"))
        {
            foreach (var row in _rows)
            {
                appender.CreateRow().AppendValue(row.CustomerKey).AppendValue(row.TouchpointIndex).AppendValue(row.Value).AppendValue(row.ObservedAtNanoseconds).EndRow();
            }
        }

        using (var appender = _duck.CreateAppender("touchpoints"))
        {
            for (var t = 0; t < Touchpoints; t++)
            {
                appender.CreateRow().AppendValue(t).AppendValue(_model.Touchpoints[t].Weight).EndRow();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _duck?.Dispose();
        _duck = null;
    }

    /// <summary>The baseline: what a user writes with LINQ, scoring each record and grouping per customer.</summary>
    [Benchmark(Baseline = true)]
    public double LinqGroupBy()
    {
        // Zone 3..5 on a 1..5 rating with scale 4, promise 4.
        static double Score(double v) => v < 3 ? Math.Max((v - 3) / 4, -1) : v > 5 ? Math.Min((v - 5) / 4, 1) : 0;
        var pairs = new long[Touchpoints, 2, 2];
        var groups = new long[Touchpoints, 2];
        var shortfallCost = new double[Touchpoints];
        var peakEndBelow = 0;
        foreach (var journey in _records.GroupBy(r => r.Customer))
        {
            var ordered = journey.OrderBy(r => r.ObservedAt).ThenBy(r => r.Touchpoint).ToList();
            var scores = ordered.Select(r => Score(r.Value)).ToList();
            var mean = scores.Average();
            var weighted = ordered.Sum(r => _model.Touchpoints[r.Touchpoint].Weight * Score(r.Value)) / ordered.Sum(r => _model.Touchpoints[r.Touchpoint].Weight);
            var peak = scores.OrderByDescending(Math.Abs).ThenBy(s => s).First();
            var peakEnd = (peak + scores[^1]) / 2;
            var weakest = scores.Min();
            peakEndBelow += peakEnd < 0 && mean <= weighted + 2 && weakest <= 0 ? 1 : 0;
            for (var i = 0; i < ordered.Count; i++)
            {
                var exposed = scores[i] < 0 ? 1 : 0;
                groups[ordered[i].Touchpoint, exposed]++;
                shortfallCost[ordered[i].Touchpoint] += exposed * -scores[i] * 10;
                var from = ordered[i];
                var followers = ordered.Skip(i + 1).TakeWhile(r => r.ObservedAt - from.ObservedAt <= WindowNanoseconds).Where(r => r.ObservedAt > from.ObservedAt);
                if (followers.Any(r => r.Touchpoint == ContactA))
                {
                    pairs[from.Touchpoint, 0, exposed]++;
                }

                if (followers.Any(r => r.Touchpoint == ContactB))
                {
                    pairs[from.Touchpoint, 1, exposed]++;
                }
            }
        }

        return peakEndBelow + shortfallCost.Sum() + pairs[0, 0, 1] + groups[0, 1];
    }

    /// <summary>The same figures in DuckDB SQL with window functions (arg_max for the end, RANGE frames for follow-ons), on one thread.</summary>
    [Benchmark]
    public long DuckDbWindowSql()
    {
        using var command = _duck!.CreateCommand();
        command.CommandText = $"""
            WITH scored AS (
              SELECT o.customer, o.touchpoint, o.observed_at, t.weight,
                     CASE WHEN o.value < 3 THEN greatest((o.value - 3) / 4, -1) WHEN o.value > 5 THEN least((o.value - 5) / 4, 1) ELSE 0 END AS score
              FROM outcomes o JOIN touchpoints t USING (touchpoint)),
            framed AS (
              SELECT *,
                     bool_or(touchpoint = {ContactA}) OVER w AS follow_a,
                     bool_or(touchpoint = {ContactB}) OVER w AS follow_b
              FROM scored
              WINDOW w AS (PARTITION BY customer ORDER BY observed_at RANGE BETWEEN 1 FOLLOWING AND {WindowNanoseconds} FOLLOWING)),
            journeys AS (
              SELECT customer, avg(score) AS mean, sum(weight * score) / sum(weight) AS weighted, min(score) AS weakest,
                     (arg_max(score, abs(score) + (score < 0)::INT * 1e-9) + arg_max(score, observed_at)) / 2 AS peak_end
              FROM scored GROUP BY customer),
            cascades AS (
              SELECT touchpoint, score < 0 AS exposed, count(*) AS n, count(*) FILTER (WHERE follow_a) AS a, count(*) FILTER (WHERE follow_b) AS b,
                     sum(CASE WHEN score < 0 THEN -score * 10 ELSE 0 END) AS shortfall_cost
              FROM framed GROUP BY touchpoint, score < 0)
            SELECT (SELECT count(*) FILTER (WHERE peak_end < 0) FROM journeys), (SELECT sum(a + b) FROM cascades), (SELECT sum(shortfall_cost) FROM cascades)
            """;
        using var reader = command.ExecuteReader();
        long result = 0;
        while (reader.Read())
        {
            result += reader.GetInt64(0);
        }

        return result;
    }

    /// <summary>The engine's one pass: journeys (roll-up distributions), cascades with relative risks, and priced cost lines.</summary>
    [Benchmark]
    public decimal EngineOnePass() => NonComplianceCostAnalysis.Analyze(_plan, _rows, _costs).Total;

    /// <summary>The same report by the previous row-by-row path (TryScore per row, a dictionary of customer states, a sort of the contacts): the reference the one pass is tested against, which lives in the test project (linked here).</summary>
    [Benchmark]
    public decimal EngineRowByRow() => NonComplianceCostReference.AnalyzeByRow(_plan, _rows, _costs).Total;

    /// <summary>A plain scoring pass of the same rows into a scorecard: the reference for the what-if.</summary>
    [Benchmark]
    public long PlainScoringPass()
    {
        _engine.Score(_rows, _builder);
        return _builder.Scored;
    }

    /// <summary>A what-if re-score (baseline and scenario, with per-promise figures).</summary>
    [Benchmark]
    public double WhatIfRescore() => WhatIfAnalysis.Analyze(_model, _scenario, _rows).Total.BelowShareChange;
}
