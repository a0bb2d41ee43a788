using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Scorecards;

namespace CxScoring.Cli.Scenarios;

/// <summary>How a figure is shown: a count, a share (its change in percentage points) or a mean in scales or score units.</summary>
internal enum FigureKind
{
    Count,
    Share,
    Mean,
}

/// <summary>One figure of an aggregate, named as the scorecard tables name it (<c>table</c>) and as the JSON does (<c>json</c>).</summary>
internal sealed record Figure(string Table, string Json, FigureKind Kind, Func<ScoreAggregate, double> Of);

/// <summary>
/// The figures <c>cx what-if</c> prints and writes, in one place for the tables and the JSON: per promise moved its
/// letter-vs-spirit figures (the words of the scorecard's promise review), per touchpoint affected and in total the
/// zone shares and the same figures, and the cost by kind when priced.
/// </summary>
internal static class WhatIfFigures
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The figures of a promise: outcomes, kept, set. gap, kept, missed, broken, ok, broken, missed.</summary>
    public static IReadOnlyList<Figure> Promise { get; } =
    [
        new("outcomes", "outcomes", FigureKind.Count, a => a.Count),
        new("kept", "promiseKeptShare", FigureKind.Share, a => a.PromiseKeptRate),
        new("set. gap", "settingGapMean", FigureKind.Mean, a => a.SettingGapMean),
        new("kept, missed", "keptButMissedShare", FigureKind.Share, a => a.KeptButMissedShare),
        new("broken, ok", "brokenYetSatisfiedShare", FigureKind.Share, a => a.BrokenYetSatisfiedShare),
        new("broken, missed", "brokenAndMissedShare", FigureKind.Share, a => a.Count == 0 ? double.NaN : (double)a.BrokenAndMissedCount / a.Count),
    ];

    /// <summary>The figures of a touchpoint or of all outcomes: outcomes, the zone shares, the promise figures and the mean score.</summary>
    public static IReadOnlyList<Figure> Touchpoint { get; } =
    [
        Promise[0],
        new("below", "belowShare", FigureKind.Share, a => a.Count == 0 ? double.NaN : a.ZoneShare(Zone.Below)),
        new("within", "withinShare", FigureKind.Share, a => a.Count == 0 ? double.NaN : a.ZoneShare(Zone.Within)),
        new("above", "aboveShare", FigureKind.Share, a => a.Count == 0 ? double.NaN : a.ZoneShare(Zone.Above)),
        .. Promise.Skip(1),
        new("mean", "meanScore", FigureKind.Mean, a => a.ScoreMean),
    ];

    /// <summary>The touchpoints whose outcomes the scenario changes, or whose delivery it improves, in the model's order.</summary>
    public static IEnumerable<WhatIfDelta> Affected(WhatIfReport report, IReadOnlyList<DeliveryChange> improvements)
        => report.ByTouchpoint.Where(d => !d.Baseline.Equals(d.Scenario) || improvements.Any(i => i.TouchpointId == d.TouchpointId));

    /// <summary>The scorecard aggregates of a promise on both sides.</summary>
    public static (PromiseAggregate Baseline, PromiseAggregate Scenario) ForPromise(WhatIfReport report, string promiseId)
    {
        var p = report.Baseline.ByPromise.Select((a, i) => (a, i)).First(x => x.a.Id == promiseId).i;
        return (report.Baseline.ByPromise[p], report.Result.ByPromise[p]);
    }

    /// <summary>The cost by kind on both sides, every kind either side has, in the order of the kinds.</summary>
    public static IEnumerable<(NonComplianceCostKind Kind, decimal Baseline, decimal Scenario)> CostByKind(NonComplianceCostReport baseline, NonComplianceCostReport scenario)
        => Enum.GetValues<NonComplianceCostKind>()
            .Where(k => baseline.ByKind.ContainsKey(k) || scenario.ByKind.ContainsKey(k))
            .Select(k => (k, baseline.ByKind.GetValueOrDefault(k), scenario.ByKind.GetValueOrDefault(k)));

    /// <summary>A figure as the tables show it; "-" when there is no outcome.</summary>
    public static string Show(Figure figure, double value) => !double.IsFinite(value) ? "-" : figure.Kind switch
    {
        FigureKind.Count => value.ToString("N0", C),
        FigureKind.Share => value.ToString("P1", C),
        _ => value.ToString("+0.000;-0.000;0.000", C),
    };

    /// <summary>A change as the tables show it: counts signed, shares in percentage points, means in scales or score units.</summary>
    public static string ShowChange(Figure figure, double baseline, double scenario)
    {
        if (!double.IsFinite(baseline) || !double.IsFinite(scenario))
        {
            return "-";
        }

        var change = scenario - baseline;
        return figure.Kind switch
        {
            FigureKind.Count => change.ToString("+#,0;-#,0;0", C),
            FigureKind.Share => (100 * change).ToString("+0.0;-0.0;0.0", C) + " pp",
            _ => change.ToString("+0.000;-0.000;0.000", C),
        };
    }
}
