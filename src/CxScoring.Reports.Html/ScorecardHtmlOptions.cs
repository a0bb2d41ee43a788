using CxScoring.Comparisons;
using CxScoring.Journeys.Costs;
using CxScoring.Scorecards;

namespace CxScoring.Reports.Html;

/// <summary>What the HTML report shows beyond the scorecard itself: its title, how many hotspots, the trend period, per-touchpoint trends, the comparison whose significant changes it lists, and notes on the input.</summary>
/// <remarks>The properties are init-only; an instance can be shared between threads once created.</remarks>
public sealed class ScorecardHtmlOptions
{
    /// <summary>Gets the default options.</summary>
    public static ScorecardHtmlOptions Default { get; } = new();

    /// <summary>Gets the title of the report.</summary>
    /// <value>The default value is <see langword="null"/>: "CX scorecard" and the model's name.</value>
    public string? Title { get; init; }

    /// <summary>Gets the most hotspots the Pareto chart shows.</summary>
    /// <value>The default value is 15. Touchpoints without shortfall are never hotspots.</value>
    public int MaxHotspots { get; init; } = 15;

    /// <summary>Gets the calendar period of the trend charts.</summary>
    /// <value>The default value is <see cref="ReportPeriod.Auto"/>.</value>
    public ReportPeriod TrendPeriod { get; init; } = ReportPeriod.Auto;

    /// <summary>
    /// Gets scorecards of single touchpoints, keyed by touchpoint identifier, each built from that touchpoint's outcomes
    /// alone (for example by scoring the outcomes partitioned by touchpoint, then merging the partitions into the main
    /// scorecard). They give the trend charts one line per touchpoint, and the automatic comparison a row per touchpoint.
    /// Not needed when the scorecard keeps touchpoint periods (<see cref="ScorecardOptions.ByTouchpointPeriod"/>): the
    /// report then takes each touchpoint's line from the scorecard's own touchpoint × day cells, and the comparison's
    /// rows per touchpoint and per owner from <see cref="ScorecardComparison.ComparePeriods"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: one line per touchpoint when the scorecard keeps touchpoint periods, else all touchpoints together only.</value>
    public IReadOnlyDictionary<string, Scorecard>? TouchpointScorecards { get; init; }

    /// <summary>Gets lines of text about the input shown under the summary, such as which files were read and how many records were malformed.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Gets a comparison computed by the caller (<see cref="ScorecardComparison.Compare(Scorecard, Scorecard, ComparisonOptions?)"/>
    /// or <see cref="ScorecardComparison.ComparePeriods"/>) whose rows the "significance of changes" section lists, with
    /// its q-values and its false discovery rate.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: when the scorecard has calendar periods, the report compares the last
    /// full trend period with the one before it (<see cref="ScorecardComparison.ComparePeriods"/> with the default
    /// <see cref="ComparisonOptions"/>), for all touchpoints and for each touchpoint (of <see cref="TouchpointScorecards"/>, or
    /// of the scorecard's touchpoint periods, with its owners),
    /// with Benjamini–Hochberg q-values over all of those tests, and marks the significant changes of the mean score on
    /// the trend lines.
    /// </value>
    public ComparisonReport? Comparison { get; init; }

    /// <summary>
    /// Gets the cost of non-compliance priced by the caller (<see cref="NonComplianceCostAnalysis.Analyze"/>, for example
    /// with prices read by <see cref="NonComplianceCostJson.LoadFile"/>), which the "Cost of non-compliance" section shows:
    /// the total, the sums per kind, a chart of the amounts per promise and per owner, and the sums per month.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the section says how to price the outcomes.</value>
    public NonComplianceCostReport? Costs { get; init; }

    /// <summary>
    /// Gets the cost of non-compliance of what <see cref="Comparison"/> compares against (the earlier period, the
    /// reference group), priced with the same prices as <see cref="Costs"/>. With both, the "Cost of non-compliance"
    /// section also shows the change: the totals, by kind, the <see cref="MaxCostChanges"/> promises whose cost changed
    /// most (either way) and by owner.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no change of the cost is shown.</value>
    public NonComplianceCostReport? ComparisonCosts { get; init; }

    /// <summary>Gets how many promises the table of cost changes lists, those whose cost changed most (see <see cref="ComparisonCosts"/>).</summary>
    /// <value>The default value is 5; 0 leaves the table out.</value>
    public int MaxCostChanges { get; init; } = 5;

    /// <summary>Gets what <see cref="Comparison"/> compares, in words, such as "week 12 against week 11" or "pilot shops against the rest".</summary>
    /// <value>The default value is <see langword="null"/>: "the comparison given with this report".</value>
    public string? ComparisonDescription { get; init; }
}
