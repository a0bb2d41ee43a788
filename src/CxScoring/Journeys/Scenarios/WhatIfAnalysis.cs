using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// Re-scores outcomes under a changed model and reports what would change: zone shares, letter-vs-spirit shares and
/// cost against the baseline. A scenario that changes nothing (<see cref="WhatIfScenario.None"/>) gives a result equal
/// to the baseline, bit for bit.
/// </summary>
/// <remarks>
/// Both sides are scored by the engine (<see cref="ScoringEngine"/>) into scorecards without calendar periods; a
/// scenario costs one more scoring pass over the rows, and the figures per promise one pass per side (and, when it improves delivery, a copy of them).
/// All members are pure functions of their arguments and safe to call from any number of threads.
/// </remarks>
public static class WhatIfAnalysis
{
    /// <summary>Analyzes a what-if.</summary>
    /// <param name="baselineModel">The model as it is.</param>
    /// <param name="scenario">The changes.</param>
    /// <param name="rows">The outcomes, as rows of the baseline model's plan (the scenario keeps its indices).</param>
    /// <param name="costs">The prices of non-compliance; no costs when omitted.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="baselineModel"/> or <paramref name="scenario"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the scenario names something the model does not define, or a property of <paramref name="costs"/> is invalid; the message names it.</exception>
    /// <exception cref="ScoringModelException">Thrown when the changed model is inconsistent.</exception>
    public static WhatIfReport Analyze(ScoringModel baselineModel, WhatIfScenario scenario, ReadOnlySpan<OutcomeRow> rows, NonComplianceCostOptions? costs = null)
    {
        ArgumentNullException.ThrowIfNull(baselineModel);
        ArgumentNullException.ThrowIfNull(scenario);
        costs?.Validate(nameof(costs));
        var baselinePlan = ScoringPlan.Compile(baselineModel);
        var scenarioModel = scenario.Apply(baselineModel);
        var scenarioPlan = ReferenceEquals(scenarioModel, baselineModel) ? baselinePlan : ScoringPlan.Compile(scenarioModel);
        var scenarioRows = scenario.TryImprove(baselinePlan, rows, out var improved) ? improved : rows;
        var baseline = Score(baselinePlan, rows);
        var result = Score(scenarioPlan, scenarioRows);
        NonComplianceCostReport? baselineCost = null, scenarioCost = null;
        if (costs is not null)
        {
            baselineCost = NonComplianceCostAnalysis.Analyze(baselinePlan, rows, costs);
            scenarioCost = NonComplianceCostAnalysis.Analyze(scenarioPlan, scenarioRows, costs);
        }

        return new WhatIfReport(scenario, scenarioModel, baseline, result, PromiseFigures.Tally(baselinePlan, rows), PromiseFigures.Tally(scenarioPlan, scenarioRows), baselineCost, scenarioCost);
    }

    private static Scorecard Score(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows)
    {
        var engine = new ScoringEngine(plan);
        var builder = engine.CreateScorecardBuilder(new ScorecardOptions { ByPeriod = false });
        engine.Score(rows, builder);
        return builder.Build();
    }
}
