using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Scorecards;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// How one cell of the scorecard (all outcomes, or one touchpoint) changes from the baseline to the scenario: zone
/// shares, letter-vs-spirit shares, promise-kept rate, mean setting gap and mean score, each as scenario − baseline.
/// </summary>
/// <remarks>A change is NaN when either side has no outcome. Instances are immutable and safe to share between threads.</remarks>
public sealed class WhatIfDelta
{
    internal WhatIfDelta(string? touchpointId, ScoreAggregate baseline, ScoreAggregate scenario)
    {
        TouchpointId = touchpointId;
        Baseline = baseline;
        Scenario = scenario;
    }

    /// <summary>Gets the touchpoint.</summary>
    /// <value>The touchpoint, or <see langword="null"/> for all outcomes.</value>
    public string? TouchpointId { get; }

    /// <summary>Gets the baseline's aggregate.</summary>
    public ScoreAggregate Baseline { get; }

    /// <summary>Gets the scenario's aggregate.</summary>
    public ScoreAggregate Scenario { get; }

    /// <summary>Gets the change in the share of outcomes below the zone.</summary>
    public double BelowShareChange => Scenario.ZoneShare(Zone.Below) - Baseline.ZoneShare(Zone.Below);

    /// <summary>Gets the change in the share of outcomes within the zone.</summary>
    public double WithinShareChange => Scenario.ZoneShare(Zone.Within) - Baseline.ZoneShare(Zone.Within);

    /// <summary>Gets the change in the share of outcomes above the zone.</summary>
    public double AboveShareChange => Scenario.ZoneShare(Zone.Above) - Baseline.ZoneShare(Zone.Above);

    /// <summary>Gets the change in the share kept to the letter yet below the zone (<see cref="ScoreAggregate.KeptButMissedShare"/>).</summary>
    public double KeptButMissedShareChange => Scenario.KeptButMissedShare - Baseline.KeptButMissedShare;

    /// <summary>Gets the change in the share broken yet within or above the zone (<see cref="ScoreAggregate.BrokenYetSatisfiedShare"/>).</summary>
    public double BrokenYetSatisfiedShareChange => Scenario.BrokenYetSatisfiedShare - Baseline.BrokenYetSatisfiedShare;

    /// <summary>Gets the change in the promise-kept rate.</summary>
    public double PromiseKeptRateChange => Scenario.PromiseKeptRate - Baseline.PromiseKeptRate;

    /// <summary>Gets the change in the mean setting gap (in scales): toward 0 when a promise is set nearer to what customers take it to mean.</summary>
    public double SettingGapMeanChange => Scenario.SettingGapMean - Baseline.SettingGapMean;

    /// <summary>Gets the change in the mean score.</summary>
    public double ScoreMeanChange => Scenario.ScoreMean - Baseline.ScoreMean;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{TouchpointId ?? "all"}: below {BelowShareChange:+0.0%;-0.0%;0.0%}, kept but missed {KeptButMissedShareChange:+0.0%;-0.0%;0.0%}, broken yet satisfied {BrokenYetSatisfiedShareChange:+0.0%;-0.0%;0.0%}, setting gap {Baseline.SettingGapMean:0.###} → {Scenario.SettingGapMean:0.###}");
}
