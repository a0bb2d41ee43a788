using System.Collections.Immutable;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Scorecards;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// The result of a what-if: the baseline's and the scenario's scorecards over the same outcomes, their changes in total
/// and per touchpoint, and (when priced) both costs and the change in cost.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class WhatIfReport
{
    internal WhatIfReport(WhatIfScenario scenario, ScoringModel scenarioModel, Scorecard baseline, Scorecard outcome, PromiseFigures[] baselinePromises, PromiseFigures[] scenarioPromises, NonComplianceCostReport? baselineCost, NonComplianceCostReport? scenarioCost)
    {
        BaselinePromises = [.. baselinePromises];
        ScenarioPromises = [.. scenarioPromises];
        Scenario = scenario;
        ScenarioModel = scenarioModel;
        Baseline = baseline;
        Result = outcome;
        BaselineCost = baselineCost;
        ScenarioCost = scenarioCost;
        Total = new WhatIfDelta(null, baseline.Total, outcome.Total);
        var touchpoints = ImmutableArray.CreateBuilder<WhatIfDelta>(baseline.ByTouchpoint.Length);
        for (var t = 0; t < baseline.ByTouchpoint.Length; t++)
        {
            touchpoints.Add(new WhatIfDelta(baseline.Plan.Model.Touchpoints[t].Id, baseline.ByTouchpoint[t], outcome.ByTouchpoint[t]));
        }

        ByTouchpoint = touchpoints.MoveToImmutable();
    }

    /// <summary>Gets the scenario.</summary>
    public WhatIfScenario Scenario { get; }

    /// <summary>Gets the model the scenario scored with.</summary>
    public ScoringModel ScenarioModel { get; }

    /// <summary>Gets the baseline's scorecard.</summary>
    public Scorecard Baseline { get; }

    /// <summary>Gets the scenario's scorecard.</summary>
    public Scorecard Result { get; }

    /// <summary>Gets the change over all outcomes.</summary>
    public WhatIfDelta Total { get; }

    /// <summary>Gets the change per touchpoint, in the model's order.</summary>
    public ImmutableArray<WhatIfDelta> ByTouchpoint { get; }

    /// <summary>Gets the baseline's figures per promise, in the model's order.</summary>
    public ImmutableArray<PromiseFigures> BaselinePromises { get; }

    /// <summary>Gets the scenario's figures per promise, in the model's order (the scenario keeps the promises and their order).</summary>
    public ImmutableArray<PromiseFigures> ScenarioPromises { get; }

    /// <summary>Gets the baseline's cost of non-compliance.</summary>
    /// <value>The cost, or <see langword="null"/> when the analysis was not given prices.</value>
    public NonComplianceCostReport? BaselineCost { get; }

    /// <summary>Gets the scenario's cost of non-compliance.</summary>
    /// <value>The cost, or <see langword="null"/> when the analysis was not given prices.</value>
    public NonComplianceCostReport? ScenarioCost { get; }

    /// <summary>Gets the change in total cost: scenario − baseline.</summary>
    /// <value>The change; 0 when the analysis was not given prices.</value>
    public decimal CostChange => (ScenarioCost?.Total ?? 0) - (BaselineCost?.Total ?? 0);

    /// <summary>Gets the change at one touchpoint.</summary>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such touchpoint.</exception>
    public WhatIfDelta ForTouchpoint(string touchpointId) => ByTouchpoint[Baseline.Plan.TouchpointIndex(touchpointId)];

    /// <summary>Gets one promise's figures in the baseline and in the scenario.</summary>
    /// <param name="promiseId">The promise.</param>
    /// <returns>The baseline's and the scenario's figures.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="promiseId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such promise.</exception>
    public (PromiseFigures Baseline, PromiseFigures Scenario) ForPromise(string promiseId)
    {
        ArgumentNullException.ThrowIfNull(promiseId);
        for (var p = 0; p < BaselinePromises.Length; p++)
        {
            if (BaselinePromises[p].PromiseId == promiseId)
            {
                return (BaselinePromises[p], ScenarioPromises[p]);
            }
        }

        throw new ArgumentException($"The model defines no promise '{promiseId}'.", nameof(promiseId));
    }
}
