using BenchmarkDotNet.Attributes;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;

namespace CxScoring.Benchmarks.Orleans;

/// <summary>
/// The cost of one partial scorecard crossing the cluster: writing its state, reading it, and reading and merging it
/// into the running scorecard of the period (what the aggregator does per partial), with the in-memory merge alone as
/// the baseline. The partial holds 100,000 outcomes over a year (calendar periods on, Europe/Berlin) on 64 or 10,000
/// touchpoints × 3 segment slots; the state's size in bytes is printed by the setup ("// state bytes").
/// </summary>
public class ScorecardStateBenchmarks
{
    private ScoringPlan _plan = null!;
    private Scorecard _partial = null!;
    private Scorecard _running = null!;
    private byte[] _state = [];
    private ScorecardOptions _options = null!;

    [Params(64, 10_000)]
    public int Touchpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plan = ScoringPlan.Compile(BenchmarkModels.Build(Touchpoints));
        var engine = new ScoringEngine(_plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        _options = new ScorecardOptions { TimeZone = BenchmarkModels.Berlin };
        _partial = ScorecardOf(engine, BenchmarkModels.Outcomes(100_000, Touchpoints, 50_000, seed: 1));
        _running = ScorecardOf(engine, BenchmarkModels.Outcomes(100_000, Touchpoints, 50_000, seed: 2));
        _state = ScorecardStateWriter.WriteToArray(_partial);
        Console.WriteLine($"// state bytes: {Touchpoints} touchpoints, {_partial.Scored:N0} outcomes, {_partial.ByDay.Count} days: partial {_state.Length:N0} bytes, running {ScorecardStateWriter.WriteToArray(_running).Length:N0} bytes");
    }

    [Benchmark(Baseline = true)]
    public Scorecard MergeInMemory() => _running.Merge(_partial);

    [Benchmark]
    public byte[] Write() => ScorecardStateWriter.WriteToArray(_partial);

    [Benchmark]
    public Scorecard Read() => ScorecardStateReader.Read(_state, _plan, _options);

    [Benchmark]
    public Scorecard ReadAndMerge() => _running.Merge(ScorecardStateReader.Read(_state, _plan, _options));

    private Scorecard ScorecardOf(ScoringEngine engine, Model.Outcome[] outcomes)
    {
        var builder = engine.CreateScorecardBuilder(_options);
        engine.ScoreOutcomes(outcomes, builder);
        return builder.Build();
    }
}
