using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Plans;

/// <summary>
/// <see cref="ScoringPlan.ReadsObservedInstants"/>: when it says a scorecard does not read the observed instants, the
/// instants of rows without a promise, deadline or rating of their own cannot change the scorecard, so a reader may
/// leave them unread; when a plan finds promises by instant, it says so.
/// </summary>
public class ObservedInstantsTests
{
    private static readonly ScorecardOptions WithoutPeriods = new() { ByPeriod = false };

    private static readonly ScoringModel AllFast = EngineTestData.AllFastModel;

    [Fact]
    public void ReadsObservedInstants_FastCellsWithoutPeriods_IsFalseAndWithPeriodsTrue()
    {
        var plan = ScoringPlan.Compile(AllFast);

        Assert.False(plan.ReadsObservedInstants(calendarPeriods: false));
        Assert.True(plan.ReadsObservedInstants(calendarPeriods: true));
    }

    [Fact]
    public void ReadsObservedInstants_PromisesInForceForAWhileAndRatedMeasures_IsTrueWithoutPeriods()
    {
        // The test model's chat promise holds from March to September 2025, and wait and fcr are rated by csat.
        Assert.True(ScoringPlan.Compile(EngineTestData.Model).ReadsObservedInstants(calendarPeriods: false));
    }

    [Property(MaxTest = 30)]
    public void ScoreColumns_NotReadingInstants_InstantsOfPlainRowsDoNotChangeTheScorecard(int seed, bool cellRuns)
    {
        var engine = new ScoringEngine(ScoringPlan.Compile(AllFast), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        Assert.False(engine.Plan.ReadsObservedInstants(calendarPeriods: false));
        var rows = Rows(engine.Plan, seed, cellRuns ? 70_000 : 3_000);

        Assert.Equal(Score(engine, rows, zeroInstants: false), Score(engine, rows, zeroInstants: true));
    }

    [Fact]
    public void ScoreColumns_PromisesFoundByInstant_InstantsChangeTheScorecard()
    {
        // The control for the property above: where the plan reads instants, zeroing them is seen, so the property can fail.
        var engine = new ScoringEngine(ScoringPlan.Compile(EngineTestData.Model), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var plan = engine.Plan;
        var chat = plan.TouchpointIndex("chat-help");
        var wait = plan.MeasureIndex("wait");
        var april = UnixTime.ToNanoseconds(Instant.FromUtc(2025, 4, 1, 0, 0));
        OutcomeRow[] rows = [new(chat, wait, 900, april, OutcomeRow.NoSegment, 0), new(chat, wait, 300, april + 1, OutcomeRow.NoSegment, 0)];

        Assert.NotEqual(Score(engine, rows, zeroInstants: false), Score(engine, rows, zeroInstants: true));
    }

    private static Scorecard Score(ScoringEngine engine, OutcomeRow[] rows, bool zeroInstants)
    {
        var columns = new OutcomeColumns(rows.Length);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        if (zeroInstants)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i] is { PromisedLevel: null, PromisedByNanoseconds: null, HasRequestedAt: false, HasPerceivedRating: false })
                {
                    columns.ObservedAt[i] = 0;
                }
            }
        }

        var builder = engine.CreateScorecardBuilder(WithoutPeriods);
        engine.ScoreColumns(columns, builder);
        return builder.Build();
    }

    /// <summary>Rows over 2020 to 2030: most well formed, some with an unknown index, a value out of range or not finite, an own promised level or a rating.</summary>
    private static OutcomeRow[] Rows(ScoringPlan plan, int seed, int count)
    {
        var random = new Random(seed);
        var from = UnixTime.ToNanoseconds(Instant.FromUtc(2020, 1, 1, 0, 0));
        var to = UnixTime.ToNanoseconds(Instant.FromUtc(2030, 1, 1, 0, 0));
        var rows = new OutcomeRow[count];
        for (var i = 0; i < count; i++)
        {
            var touchpoint = random.Next(100) == 0 ? plan.TouchpointCount : random.Next(plan.TouchpointCount);
            var measure = random.Next(100) == 0 ? -1 : random.Next(plan.MeasureCount);
            var segment = random.Next(3) switch { 0 => OutcomeRow.NoSegment, 1 => 0, _ => random.Next(50) == 0 ? 7 : OutcomeRow.NoSegment };
            var value = random.Next(80) switch { 0 => double.NaN, 1 => -5, _ => random.NextDouble() * 20_000 };
            var row = new OutcomeRow(touchpoint, measure, value, random.NextInt64(from, to), segment, 0);
            rows[i] = random.Next(40) switch
            {
                0 => row.WithPromisedLevel(random.NextDouble() * 5_000),
                1 => row.WithPerceivedRating(1 + random.Next(5)),
                _ => row,
            };
        }

        return rows;
    }
}
