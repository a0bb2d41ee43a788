using BenchmarkDotNet.Attributes;
using CxScoring.Gaps;

namespace CxScoring.Benchmarks.Gaps;

/// <summary>The cost of the prospect value function against a plain linear weighting.</summary>
public class FeltValueBenchmarks
{
    private double[] _gaps = [];

    [Params(10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _gaps = new double[Count];
        for (var i = 0; i < _gaps.Length; i++)
        {
            _gaps[i] = (random.NextDouble() * 2) - 1;
        }
    }

    [Benchmark(Baseline = true)]
    public double Linear()
    {
        var sum = 0.0;
        foreach (var x in _gaps)
        {
            sum += x >= 0 ? x : 2.25 * x;
        }

        return sum;
    }

    [Benchmark]
    public double Prospect()
    {
        var value = ProspectValueFunction.Default;
        var sum = 0.0;
        foreach (var x in _gaps)
        {
            sum += value.Evaluate(x);
        }

        return sum;
    }
}
