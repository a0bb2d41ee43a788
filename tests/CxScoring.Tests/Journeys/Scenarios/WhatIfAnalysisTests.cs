using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys.Scenarios;

public class WhatIfAnalysisTests
{
    private static readonly ScoringModel Model = JourneyFixtures.InexactModel;
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(Model);

    private static readonly NonComplianceCostOptions Prices = new()
    {
        BreachPenaltyByPromise = new Dictionary<string, decimal> { ["sat-promise"] = 5m },
        CostPerShortfallUnit = new Dictionary<string, decimal> { ["sat"] = 12.5m },
        ContactCostByTouchpoint = new Dictionary<string, decimal> { ["hotline"] = 4m },
        Cascades = new CascadeRiskOptions { ContactTouchpointIds = ["hotline"] },
        ChurnCurve = new ChurnResponseCurve(-2, -4),
        RevenuePerCustomer = 300m,
    };

    private static OutcomeRow[] RandomRows(int seed)
    {
        var random = new Random(seed);
        var rows = new OutcomeRow[random.Next(1, 150)];
        for (var i = 0; i < rows.Length; i++)
        {
            var customer = random.Next(10);
            var outcome = new Outcome($"c{customer}", JourneyFixtures.TouchpointIds[random.Next(5)], "sat", Math.Round(1 + (random.NextDouble() * 8), 2), JourneyFixtures.Base + Duration.FromHours(random.Next(0, 24 * 40)));
            rows[i] = Plan.ToRow(outcome, customer);
        }

        return rows;
    }

    [Property(MaxTest = 50)]
    public void Analyze_UnchangedModel_EqualsTheBaselineExactly(int seed)
    {
        var rows = RandomRows(seed);
        var report = WhatIfAnalysis.Analyze(Model, WhatIfScenario.None, rows, Prices);
        Assert.Equal(report.Baseline, report.Result);
        Assert.True(report.BaselinePromises.SequenceEqual(report.ScenarioPromises));
        Assert.Equal(0m, report.CostChange);
        Assert.Equal(report.BaselineCost!.Lines.Select(l => l.ToString()), report.ScenarioCost!.Lines.Select(l => l.ToString()));
        Assert.All(report.ByTouchpoint.Append(report.Total), d => Assert.True(d.Baseline.Count == 0 || (d.BelowShareChange == 0 && d.KeptButMissedShareChange == 0 && d.SettingGapMeanChange == 0)));
    }

    [Property(MaxTest = 50)]
    public void AnalyzeAll_SeveralScenarios_EachEqualsItsOwnAnalysisExactly(int seed, bool priced)
    {
        // The baseline is scored and priced once, the scenarios (delivery improved or not) one after another.
        var rows = RandomRows(seed);
        var prices = priced ? Prices : null;
        WhatIfScenario[] scenarios =
        [
            WhatIfScenario.None.Named("improve").WithDeliveryImproved(JourneyFixtures.TouchpointIds[seed & 3], 0.3),
            WhatIfScenario.None.Named("move").WithPromiseLevel("sat-promise", 4 + (seed & 3)),
            WhatIfScenario.None,
            WhatIfScenario.None.Named("both").WithPromiseLevel("sat-promise", 7).WithDeliveryImproved("hotline", 0.5),
        ];

        var all = WhatIfAnalysis.AnalyzeAll(Model, scenarios, rows, prices);

        Assert.Equal(scenarios.Length, all.Length);
        for (var i = 0; i < scenarios.Length; i++)
        {
            var alone = WhatIfAnalysis.Analyze(Model, scenarios[i], rows, prices);
            Assert.Same(scenarios[i], all[i].Scenario);
            Assert.Equal(alone.Baseline, all[i].Baseline);
            Assert.Equal(alone.Result, all[i].Result);
            Assert.True(alone.BaselinePromises.SequenceEqual(all[i].BaselinePromises) && alone.ScenarioPromises.SequenceEqual(all[i].ScenarioPromises));
            Assert.Equal(alone.BaselineCost?.Lines.Select(l => l.ToString()), all[i].BaselineCost?.Lines.Select(l => l.ToString()));
            Assert.Equal(alone.ScenarioCost?.Lines.Select(l => l.ToString()), all[i].ScenarioCost?.Lines.Select(l => l.ToString()));
            Assert.Equal(alone.CostChange, all[i].CostChange);
            Assert.Same(all[0].Baseline, all[i].Baseline);
        }
    }

    [Fact]
    public void AnalyzeAll_InvalidScenario_ThrowsBeforeScoringAndEmptyListGivesNoReport()
    {
        WhatIfScenario[] scenarios = [WhatIfScenario.None, WhatIfScenario.None.WithDeliveryImproved("nowhere", 0.5)];

        Assert.Throws<ArgumentException>(() => WhatIfAnalysis.AnalyzeAll(Model, scenarios, RandomRows(1)));
        Assert.Equal("scenarios", Assert.Throws<ArgumentNullException>(() => WhatIfAnalysis.AnalyzeAll(Model, [null!], RandomRows(1))).ParamName);
        Assert.Empty(WhatIfAnalysis.AnalyzeAll(Model, [], RandomRows(1)));
    }

    [Property(MaxTest = 50)]
    public void Analyze_SameLevelsRebuilt_EqualsTheBaselineExactly(int seed)
    {
        // A scenario that "moves" the promise to the level it already has rebuilds the model; nothing changes.
        var rows = RandomRows(seed);
        var report = WhatIfAnalysis.Analyze(Model, WhatIfScenario.None.WithPromiseLevel("sat-promise", 6), rows);
        Assert.NotSame(Model, report.ScenarioModel);
        Assert.Equal(report.Baseline, report.Result);
    }

    [Property(MaxTest = 50)]
    public void Analyze_DeliveryImprovedAtOneTouchpoint_NeverRaisesItsShortfallsAndLeavesOthersAlone(int seed, bool large)
    {
        var rows = RandomRows(seed);
        var report = WhatIfAnalysis.Analyze(Model, WhatIfScenario.None.WithDeliveryImproved("invoice", large ? 0.5 : 0.1), rows);
        foreach (var delta in report.ByTouchpoint)
        {
            if (delta.TouchpointId == "invoice")
            {
                Assert.True(delta.Scenario.BelowCount <= delta.Baseline.BelowCount);
                Assert.True(delta.Baseline.Count == 0 || delta.ScoreMeanChange >= 0);
                Assert.Equal(delta.Baseline.Count, delta.Scenario.Count);
            }
            else
            {
                Assert.Equal(delta.Baseline, delta.Scenario);
            }
        }
    }

    /// <summary>The per-promise figures read from the two scorecards equal a recount that scores every row again.</summary>
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 25)]
    public void Analyze_PromiseFigures_EqualARecountOverTheRows(EngineOutcomes sample, bool improve)
    {
        var model = EngineTestData.Model;
        var plan = ScoringPlan.Compile(model);
        var rows = new List<OutcomeRow>();
        foreach (var outcome in sample.Items)
        {
            if (plan.TryToRow(outcome, 0, out var row))
            {
                rows.Add(row);
            }
        }

        var scenario = WhatIfScenario.None.WithPromiseLevel("wait-2h", Duration.FromHours(3).TotalSeconds);
        scenario = improve ? scenario.WithDeliveryImproved("chat-help", 0.25) : scenario;
        var report = WhatIfAnalysis.Analyze(model, scenario, rows.ToArray());
        var scenarioPlan = ScoringPlan.Compile(report.ScenarioModel);
        var scenarioRows = scenario.TryImprove(plan, rows.ToArray(), out var improved) ? improved : rows.ToArray();
        Assert.Equal(PromiseFigures.Tally(plan, rows.ToArray()), report.BaselinePromises.ToArray());
        Assert.Equal(PromiseFigures.Tally(scenarioPlan, scenarioRows), report.ScenarioPromises.ToArray());
    }

    [Fact]
    public void Analyze_MoreRowsThanOneChunk_ScorecardsEqualScoringTheRowsDirectly()
    {
        // Over a million rows are transposed in more than one chunk; per-outcome promises appear only in the second.
        var random = new Random(5);
        var rows = new OutcomeRow[(1 << 20) + 3_000];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new OutcomeRow(random.Next(5), 0, Math.Round(1 + (random.NextDouble() * 8), 2), UnixTime.ToNanoseconds(JourneyFixtures.Base) + (random.NextInt64(0, 40L * 24 * 3600) * 1_000_000_000), OutcomeRow.NoSegment, random.Next(1000));
            rows[i] = i > (1 << 20) && i % 7 == 0 ? row.WithPromisedLevel(5) : row;
        }

        var scenario = WhatIfScenario.None.WithPromiseLevel("sat-promise", 5.5).WithDeliveryImproved(JourneyFixtures.TouchpointIds[1], 0.1);
        var report = WhatIfAnalysis.Analyze(Model, scenario, rows);
        Assert.Equal(ScoreDirectly(Plan, rows), report.Baseline);
        var scenarioPlan = ScoringPlan.Compile(report.ScenarioModel);
        Assert.True(scenario.TryImprove(Plan, rows, out var improved));
        Assert.Equal(ScoreDirectly(scenarioPlan, improved), report.Result);
        Assert.Equal(rows.Length, report.Baseline.Received);
    }

    private static Scorecard ScoreDirectly(ScoringPlan plan, OutcomeRow[] rows)
    {
        var engine = new ScoringEngine(plan);
        var builder = engine.CreateScorecardBuilder(new ScorecardOptions { ByPeriod = false });
        engine.Score(rows, builder);
        return builder.Build();
    }

    [Fact]
    public void Analyze_ExpectationRaised_MovesOutcomesBelowTheZone()
    {
        var rows = RandomRows(7);
        var raised = WhatIfScenario.None.WithExpectation(new Expectation("sat", ExpectationLevel.Absolute(6.5), ExpectationLevel.Absolute(8.5)));
        var report = WhatIfAnalysis.Analyze(Model, raised, rows);
        Assert.True(report.Total.BelowShareChange > 0);
        // Adequate 6.5 above the promise 6: the promise is now set too loosely, the setting gap turns negative.
        Assert.True(report.Result.Total.SettingGapMean < 0);
        Assert.True(report.Total.SettingGapMeanChange < 0);
    }

    [Fact]
    public void Apply_InvalidScenarios_SayWhatIsWrong()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => WhatIfScenario.None.Apply(null!)).ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => WhatIfScenario.None.WithPromiseLevel("nope", 1).Apply(Model));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'shop'", Assert.Throws<ArgumentException>(() => WhatIfScenario.None.WithDeliveryImproved("shop", 0.1).Apply(Model)).Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'invoice'?", Assert.Throws<ArgumentException>(() => WhatIfScenario.None.WithDeliveryImproved("invoise", 0.1).Apply(Model)).Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'sat-promise'?", Assert.Throws<ArgumentException>(() => WhatIfScenario.None.WithPromiseLevel("sat-promis", 1).Apply(Model)).Message, StringComparison.Ordinal);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => WhatIfScenario.None.WithDeliveryImproved("invoice", 0)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => WhatIfScenario.None.WithPromiseLevel("sat-promise", double.NaN)).ParamName);
        Assert.Equal("expectation", Assert.Throws<ArgumentNullException>(() => WhatIfScenario.None.WithExpectation(null!)).ParamName);
        Assert.Equal("baselineModel", Assert.Throws<ArgumentNullException>(() => WhatIfAnalysis.Analyze(null!, WhatIfScenario.None, [])).ParamName);
        Assert.Equal("scenario", Assert.Throws<ArgumentNullException>(() => WhatIfAnalysis.Analyze(Model, null!, [])).ParamName);
        Assert.Equal("costs", Assert.Throws<ArgumentOutOfRangeException>(() => WhatIfAnalysis.Analyze(Model, WhatIfScenario.None, [], new NonComplianceCostOptions { RevenuePerCustomer = -1 })).ParamName);
    }
}
