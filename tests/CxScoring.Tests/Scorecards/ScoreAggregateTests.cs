using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;


namespace CxScoring.Tests.Scorecards;

public class ScoreAggregateTests
{
    // One touchpoint, a yes/no measure: delivered 1 is within (adequate 0, desired 1), 0 is within too; a count measure gives below/above.
    private static readonly ScoringModel Model = ScoringModel.CreateBuilder()
        .AddTouchpoint("t", JourneyStage.Support, Channel.Phone)
        .AddMeasure(Measure.Count("calls", 4, Polarity.LowerIsBetter))
        .AddPromise(new Promise("p", "calls", 2, PromiseSource.Implicit))
        .AddExpectation(new Expectation("calls", ExpectationLevel.Absolute(2), ExpectationLevel.Absolute(1)))
        .Build();

    private static ScoreAggregate AggregateOf(params double[] calls)
    {
        var engine = new ScoringEngine(Model);
        var builder = engine.CreateScorecardBuilder();
        engine.Score(calls.Select(v => new OutcomeRow(0, 0, v, NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0))).ToArray(), builder);
        return builder.Build().Total;
    }

    [Fact]
    public void Figures_KnownScores_AreExact()
    {
        // calls 6 → MSA (2−6)/4 = −1; 4 → −0.5; 2 → within 0; 0 → MSS (1−0)/4 = 0.25.
        var a = AggregateOf(6, 4, 2, 0);
        Assert.Equal(4, a.Count);
        Assert.Equal(2, a.BelowCount);
        Assert.Equal(1, a.WithinCount);
        Assert.Equal(1, a.AboveCount);
        Assert.Equal(2, a.PromisesKept);
        Assert.Equal(0.5, a.PromiseKeptRate);
        Assert.Equal(-1.25 / 4, a.ScoreMean, 12);
        Assert.Equal(-1, a.MinScore);
        Assert.Equal(0.25, a.MaxScore);
        Assert.Equal(1.5, a.ShortfallSum, 12);
        var mean = -1.25 / 4;
        Assert.Equal(((1 + 0.25 + 0 + 0.0625) / 4) - (mean * mean), a.ScoreVariance, 9);
        var felt = ProspectValueFunction.Default;
        Assert.Equal((felt.Evaluate(-1) + felt.Evaluate(-0.5) + felt.Evaluate(0.25)) / 4, a.FeltMean, 4);
        Assert.Equal(0.5, a.ZoneShare(Zone.Below));
        Assert.Equal(4, a.Histogram.Sum());
        Assert.Equal(-1, a.Quantile(0));
        Assert.Equal(0.25, a.Quantile(1));
    }

    [Fact]
    public void Quantiles_AreWithinOneBinOfExact()
    {
        var calls = Enumerable.Range(0, 1000).Select(i => i % 9 * 0.75).ToArray();
        var a = AggregateOf(calls);
        var scores = calls.Select(c => c > 2 ? Math.Max((2 - c) / 4, -1) : c < 1 ? (1 - c) / 4 : 0).Order().ToArray();
        Assert.InRange(a.P10, scores[100] - (2.0 / 64), scores[100] + (2.0 / 64));
        Assert.InRange(a.P50, scores[500] - (2.0 / 64), scores[500] + (2.0 / 64));
        Assert.InRange(a.P90, scores[900] - (2.0 / 64), scores[900] + (2.0 / 64));
    }

    [Fact]
    public void Quantile_MostScoresWithinZone_IsExactlyZero()
    {
        var a = AggregateOf(2, 1.5, 2, 1, 6, 0);
        Assert.Equal(4, a.Histogram[32]);
        Assert.Equal(0, a.P50);
        Assert.Equal(0, a.Quantile(0.3));
    }

    [Fact]
    public void Empty_IsIdentityOfMerge()
    {
        var a = AggregateOf(6, 1, 3);
        Assert.Equal(a, a.Merge(ScoreAggregate.Empty));
        Assert.Equal(a, ScoreAggregate.Empty.Merge(a));
        Assert.Equal(0, ScoreAggregate.Empty.Count);
        Assert.True(double.IsNaN(ScoreAggregate.Empty.ScoreMean));
        Assert.True(double.IsNaN(ScoreAggregate.Empty.P50));
    }

    [Fact]
    public void FeltTable_StaysWithinDocumentedToleranceOfValueFunction()
    {
        var table = new FeltTable(ProspectValueFunction.Default);
        var worst = 0.0;
        for (var i = -200_000; i <= 200_000; i++)
        {
            var x = i / 200_000.0;
            worst = Math.Max(worst, Math.Abs((table.Normalised(x) * table.Scale) - ProspectValueFunction.Default.Evaluate(x)));
        }

        Assert.True(worst < 1e-4, $"worst error {worst}");
        Assert.Equal(4, table.Scale);
    }

    [Fact]
    public void Arguments_Invalid_ThrowNamingParameter()
    {
        var a = AggregateOf(1);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => a.Quantile(1.5)).ParamName);
        Assert.Equal("bin", Assert.Throws<ArgumentOutOfRangeException>(() => ScoreAggregate.BinLowerBound(65)).ParamName);
        Assert.Equal("zone", Assert.Throws<ArgumentOutOfRangeException>(() => a.ZoneShare((Zone)7)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => a.Merge(null!)).ParamName);
        Assert.Equal(-1, ScoreAggregate.BinLowerBound(0));
        Assert.Equal(0, ScoreAggregate.BinLowerBound(32));
        Assert.Equal(0, ScoreAggregate.BinLowerBound(33));
        Assert.Equal(-1.0 / 32, ScoreAggregate.BinLowerBound(31));
    }
}
