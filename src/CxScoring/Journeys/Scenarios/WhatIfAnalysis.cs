using System.Collections.Immutable;
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
/// Both sides are scored by the engine (<see cref="ScoringEngine"/>) on the calling thread into scorecards without
/// calendar periods, on its columnar path: the rows are transposed into pooled columns a chunk at a time (about a
/// million rows, 36 MB) and both plans score each chunk while it is fresh. The figures per promise are read from the
/// scorecards' per-promise aggregates (<see cref="Scorecard.ByPromise"/>), with no further pass. A scenario that
/// improves delivery scores a copy of the rows; costs, when asked for, take one more pass per side. Several scenarios
/// against one baseline (<see cref="AnalyzeAll"/>) score and price the baseline once.
/// All members are pure functions of their arguments and safe to call from any number of threads.
/// </remarks>
public static class WhatIfAnalysis
{
    /// <summary>Rows transposed into columns at a time: at least the engine's largest cell-run chunk, so that the columnar kernel runs whole chunks.</summary>
    private const int ChunkRows = 1 << 20;

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
        return AnalyzeAll(baselineModel, [scenario], rows, costs)[0];
    }

    /// <summary>
    /// Analyzes several what-ifs against one baseline: the baseline is scored (and priced) once, each scenario once, in
    /// the order given. Each report equals the one <see cref="Analyze"/>
    /// gives for its scenario alone, bit for bit; the reports share the baseline's scorecard and cost.
    /// </summary>
    /// <param name="baselineModel">The model as it is.</param>
    /// <param name="scenarios">The changes, each applied to the baseline model on its own (changes do not carry from one scenario to the next).</param>
    /// <param name="rows">The outcomes, as rows of the baseline model's plan (the scenarios keep its indices).</param>
    /// <param name="costs">The prices of non-compliance; no costs when omitted.</param>
    /// <returns>One report per scenario, in the order given.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="baselineModel"/>, <paramref name="scenarios"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a scenario names something the model does not define, or a property of <paramref name="costs"/> is invalid; the message names it. Nothing is scored then.</exception>
    /// <exception cref="ScoringModelException">Thrown when a scenario's model is inconsistent; nothing is scored then.</exception>
    public static ImmutableArray<WhatIfReport> AnalyzeAll(ScoringModel baselineModel, IReadOnlyList<WhatIfScenario> scenarios, ReadOnlySpan<OutcomeRow> rows, NonComplianceCostOptions? costs = null)
    {
        ArgumentNullException.ThrowIfNull(baselineModel);
        ArgumentNullException.ThrowIfNull(scenarios);
        costs?.Validate(nameof(costs));
        var baselinePlan = ScoringPlan.Compile(baselineModel);
        var models = new ScoringModel[scenarios.Count];
        for (var i = 0; i < models.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(scenarios[i], nameof(scenarios));
            models[i] = scenarios[i].Apply(baselineModel);
        }

        var reports = ImmutableArray.CreateBuilder<WhatIfReport>(models.Length);
        Scorecard? baseline = null;
        PromiseFigures[]? baselinePromises = null;
        NonComplianceCostReport? baselineCost = null;
        for (var i = 0; i < models.Length; i++)
        {
            var scenarioPlan = ReferenceEquals(models[i], baselineModel) ? baselinePlan : ScoringPlan.Compile(models[i]);
            var improves = scenarios[i].TryImprove(baselinePlan, rows, out var improved);
            var scenarioRows = improves ? improved : rows;
            var (scoredBaseline, result) = ScoreBoth(baselinePlan, rows, scenarioPlan, scenarioRows, improves, scoreBaseline: baseline is null);
            if (baseline is null)
            {
                baseline = scoredBaseline!;
                baselinePromises = PromiseFigures.Of(baseline);
                baselineCost = costs is null ? null : NonComplianceCostAnalysis.Analyze(baselinePlan, rows, costs);
            }

            var scenarioCost = costs is null ? null : NonComplianceCostAnalysis.Analyze(scenarioPlan, scenarioRows, costs);
            reports.Add(new WhatIfReport(scenarios[i], models[i], baseline, result, baselinePromises!, PromiseFigures.Of(result), baselineCost, scenarioCost));
        }

        return reports.MoveToImmutable();
    }

    /// <summary>
    /// Scores both sides on the engine's columnar path: the rows are transposed into columns once per chunk and both
    /// plans score the same columns (or, when the scenario changed delivered values, its own copy), one thread each
    /// call. The scorecards equal those of scoring the rows directly, bit for bit. Without <paramref name="scoreBaseline"/>
    /// only the scenario is scored (its baseline is known already) and the baseline returned is <see langword="null"/>.
    /// </summary>
    private static (Scorecard? Baseline, Scorecard Scenario) ScoreBoth(ScoringPlan baselinePlan, ReadOnlySpan<OutcomeRow> rows, ScoringPlan scenarioPlan, ReadOnlySpan<OutcomeRow> scenarioRows, bool ownRows, bool scoreBaseline)
    {
        var options = new ScorecardOptions { ByPeriod = false };
        var single = new ScoringEngineOptions { MaxDegreeOfParallelism = 1 };
        var baselineEngine = new ScoringEngine(baselinePlan, single);
        var scenarioEngine = ReferenceEquals(scenarioPlan, baselinePlan) ? baselineEngine : new ScoringEngine(scenarioPlan, single);
        var baseline = baselineEngine.CreateScorecardBuilder(options);
        var scenario = scenarioEngine.CreateScorecardBuilder(options);
        var columns = OutcomeColumns.Rent(Math.Min(rows.Length, ChunkRows));
        var scenarioColumns = ownRows ? OutcomeColumns.Rent(columns.Capacity) : columns;
        try
        {
            for (var from = 0; from < rows.Length; from += ChunkRows)
            {
                var count = Math.Min(ChunkRows, rows.Length - from);
                if (scoreBaseline || !ownRows)
                {
                    columns.Fill(rows.Slice(from, count));
                }

                if (scoreBaseline)
                {
                    baselineEngine.ScoreColumns(columns, baseline);
                }

                if (ownRows)
                {
                    scenarioColumns.Fill(scenarioRows.Slice(from, count));
                }

                scenarioEngine.ScoreColumns(scenarioColumns, scenario);
            }
        }
        finally
        {
            columns.ReturnRented();
            if (ownRows)
            {
                scenarioColumns.ReturnRented();
            }
        }

        return (scoreBaseline ? baseline.Build() : null, scenario.Build());
    }
}
