using System.Globalization;
using CxScoring.Comparisons;
using CxScoring.Model;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>
/// The changes the report lists: the caller's <see cref="ScorecardHtmlOptions.Comparison"/>, or else the last full
/// trend period against the one before it (<see cref="ScorecardComparison.ComparePeriods"/>), per touchpoint when the
/// touchpoint scorecards are given or the scorecard keeps touchpoint periods (then per owner too), with
/// Benjamini–Hochberg q-values over every test of the section.
/// </summary>
internal sealed class SignificanceView
{
    private const string AllSeries = "all touchpoints";
    private const string OwnSeries = "this touchpoint";

    private SignificanceView(string? compared, string? missing, IReadOnlyList<ChangeRow> rows, double level, LocalDate? afterStart, bool automatic)
    {
        Compared = compared;
        Missing = missing;
        Rows = rows;
        Level = level;
        AfterStart = afterStart;
        Automatic = automatic;
    }

    /// <summary>Gets what was compared, in words; <see langword="null"/> when nothing was.</summary>
    public string? Compared { get; }

    /// <summary>Gets why nothing was compared; <see langword="null"/> when something was.</summary>
    public string? Missing { get; }

    /// <summary>Gets every compared figure: significant ones first (smallest q first), then the others in group order.</summary>
    public IReadOnlyList<ChangeRow> Rows { get; }

    /// <summary>Gets the false discovery rate: a change is significant when its q-value is at most this.</summary>
    public double Level { get; }

    /// <summary>Gets the first day of the later period when the report compared two trend periods itself; the trend marks sit there.</summary>
    public LocalDate? AfterStart { get; }

    /// <summary>Gets whether the report chose the periods itself (no comparison was given).</summary>
    public bool Automatic { get; }

    /// <summary>Gets the number of rows tested: the m of the Benjamini–Hochberg adjustment.</summary>
    public int TestCount => Rows.Count(r => r.Status == ComparisonStatus.Tested);

    public static SignificanceView From(Scorecard scorecard, ScorecardHtmlOptions options, ScoringModel model, ReportPeriod period, LocalDate? first, LocalDate? last)
    {
        if (options.Comparison is { } given)
        {
            var rows = given.Rows
                .Select(r => new ChangeRow(r.Kind, r.Key, Label(r.Kind, r.Key, model), r.Metric, r.Status, r.BeforeCount, r.AfterCount, r.Before, r.After, r.EffectSize, r.Lower, r.Upper, r.PValue, r.QValue, r.IsSignificant))
                .ToList();
            var compared = string.IsNullOrWhiteSpace(options.ComparisonDescription) ? "the comparison given with this report" : options.ComparisonDescription;
            return new SignificanceView(compared, null, Order(rows), given.Options.FalseDiscoveryRate, null, automatic: false);
        }

        var level = ComparisonOptions.Default.FalseDiscoveryRate;
        if (!scorecard.HasPeriods)
        {
            return new SignificanceView(null, "The scorecard was built without calendar periods and no comparison was given, so nothing is compared.", [], level, null, automatic: false);
        }

        var unit = UnitName(period);
        if (first is not { } from || last is not { } to || !TryLastFullPeriods(scorecard, period, from, to, out var before, out var after))
        {
            var span = first is { } f && last is { } l ? $" (outcomes from {Day(f)} to {Day(l)})" : string.Empty;
            return new SignificanceView(null, $"The scorecard does not span two full {unit}s{span}, so no {unit} is compared with the one before it.", [], level, null, automatic: true);
        }

        var tested = new List<ChangeRow>();
        var whole = ScorecardComparison.ComparePeriods(scorecard, before, after);
        var perTouchpoint = false;
        if (options.TouchpointScorecards is null && scorecard.HasTouchpointPeriods)
        {
            // The scorecard's own touchpoint × day cells: the comparison has rows per touchpoint and per owner as well.
            foreach (var r in whole.Rows)
            {
                var label = r.Kind == ComparisonGroupKind.Total ? ReportView.AllTouchpoints.ToLowerInvariant() : Label(r.Kind, r.Key, model);
                tested.Add(new ChangeRow(r.Kind, r.Key, label, r.Metric, r.Status, r.BeforeCount, r.AfterCount, r.Before, r.After, r.EffectSize, r.Lower, r.Upper, r.PValue, null, false));
            }

            perTouchpoint = true;
        }
        else
        {
            AddPeriodRows(tested, whole, ComparisonGroupKind.Total, "all", ReportView.AllTouchpoints.ToLowerInvariant());
        }

        if (options.TouchpointScorecards is { } partitions)
        {
            foreach (var touchpoint in model.Touchpoints)
            {
                if (partitions.TryGetValue(touchpoint.Id, out var own) && own.HasPeriods && own.Scored > 0)
                {
                    AddPeriodRows(tested, ScorecardComparison.ComparePeriods(own, before, after), ComparisonGroupKind.Touchpoint, touchpoint.Id, $"{touchpoint.Name} ({touchpoint.Id})");
                    perTouchpoint = true;
                }
            }
        }

        var adjusted = AdjustBenjaminiHochberg(tested, level);
        var what = $"the last full {unit}, {Day(after.Start)} to {Day(after.End)}, against the {unit} before it, {Day(before.Start)} to {Day(before.End)} (local dates in {scorecard.TimeZone.Id}), "
            + (!perTouchpoint ? "all touchpoints together (per touchpoint needs touchpoint periods, ScorecardOptions.ByTouchpointPeriod, or the touchpoint scorecards)"
                : tested.Any(r => r.Kind == ComparisonGroupKind.Owner) ? "all touchpoints together, each touchpoint on its own and the touchpoints of each owner"
                : "all touchpoints together and each touchpoint on its own");
        return new SignificanceView(what, null, Order(adjusted), level, after.Start, automatic: true);
    }

    /// <summary>Marks the points of the trend where a significant change of the mean score ends (the later period of the comparison).</summary>
    public static IReadOnlyList<TrendPoint> MarkTrend(IReadOnlyList<TrendPoint> trend, SignificanceView significance, ScoringModel model)
    {
        if (significance.AfterStart is not { } at)
        {
            return trend;
        }

        var marks = new Dictionary<(int PanelOrder, string Series), string>();
        foreach (var row in significance.Rows.Where(r => r.Significant && r.Metric == ComparisonMetric.MeanScore))
        {
            if (row.Kind == ComparisonGroupKind.Total)
            {
                marks[(0, AllSeries)] = row.Describe();
            }
            else if (row.Kind == ComparisonGroupKind.Touchpoint && model.TryGetTouchpoint(row.Key, out _))
            {
                var index = model.Touchpoints.Select((t, i) => (t.Id, i)).First(p => p.Id == row.Key).i;
                marks[(index + 1, OwnSeries)] = row.Describe();
            }
        }

        return trend.Select(p => p.Period == at && marks.TryGetValue((p.PanelOrder, p.Series), out var change) ? p with { Change = change } : p).ToList();
    }

    internal static string MetricName(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.MeanScore => "mean score",
        ComparisonMetric.BelowShare => "share below the zone",
        ComparisonMetric.WithinShare => "share within the zone",
        ComparisonMetric.AboveShare => "share above the zone",
        ComparisonMetric.PromiseKeptRate => "promise kept",
        _ => metric.ToString(),
    };

    private static string UnitName(ReportPeriod period) => period switch
    {
        ReportPeriod.Day => "day",
        ReportPeriod.Week => "week",
        _ => "month",
    };

    private static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Finds the last period that lies wholly within the observed days, and the period just before it, also wholly within them.</summary>
    private static bool TryLastFullPeriods(Scorecard scorecard, ReportPeriod period, LocalDate first, LocalDate last, out DateInterval before, out DateInterval after)
    {
        var start = period switch
        {
            ReportPeriod.Day => last,
            ReportPeriod.Week => last.With(DateAdjusters.PreviousOrSame(scorecard.WeekStart)),
            _ => last.With(DateAdjusters.StartOfMonth),
        };
        if (End(start, period) > last)
        {
            start = Previous(start, period);
        }

        var previous = Previous(start, period);
        before = new DateInterval(previous, End(previous, period));
        after = new DateInterval(start, End(start, period));
        return previous >= first;
    }

    private static LocalDate End(LocalDate start, ReportPeriod period) => period switch
    {
        ReportPeriod.Day => start,
        ReportPeriod.Week => start.PlusDays(6),
        _ => start.PlusMonths(1).PlusDays(-1),
    };

    private static LocalDate Previous(LocalDate start, ReportPeriod period) => period switch
    {
        ReportPeriod.Day => start.PlusDays(-1),
        ReportPeriod.Week => start.PlusDays(-7),
        _ => start.PlusMonths(-1),
    };

    // The rows of one scorecard's total (a touchpoint scorecard's total is that touchpoint's figures), labelled as given.
    private static void AddPeriodRows(List<ChangeRow> rows, ComparisonReport report, ComparisonGroupKind kind, string key, string label)
    {
        foreach (var r in report.Rows.Where(r => r.Kind == ComparisonGroupKind.Total))
        {
            rows.Add(new ChangeRow(kind, key, label, r.Metric, r.Status, r.BeforeCount, r.AfterCount, r.Before, r.After, r.EffectSize, r.Lower, r.Upper, r.PValue, null, false));
        }
    }

    /// <summary>
    /// Benjamini–Hochberg over every tested row of the section (each period comparison adjusts only its own five
    /// tests): the i-th smallest of m p-values gets q = min over j ≥ i of min(1, m·p₍ⱼ₎/j); significant when q ≤ the level.
    /// </summary>
    internal static List<ChangeRow> AdjustBenjaminiHochberg(List<ChangeRow> rows, double level)
    {
        var tested = rows.Select((r, i) => (Row: r, Index: i)).Where(p => p.Row.Status == ComparisonStatus.Tested && p.Row.P is not null).OrderBy(p => p.Row.P!.Value).ToList();
        var m = tested.Count;
        var q = new double[m];
        var running = 1.0;
        for (var i = m - 1; i >= 0; i--)
        {
            running = Math.Min(running, Math.Min(1.0, m * tested[i].Row.P!.Value / (i + 1)));
            q[i] = running;
        }

        var result = rows.ToList();
        for (var i = 0; i < m; i++)
        {
            result[tested[i].Index] = tested[i].Row with { Q = q[i], Significant = q[i] <= level };
        }

        return result;
    }

    private static List<ChangeRow> Order(List<ChangeRow> rows)
        => [.. rows.Where(r => r.Significant).OrderBy(r => r.Q), .. rows.Where(r => !r.Significant)];

    private static string Label(ComparisonGroupKind kind, string key, ScoringModel model) => kind switch
    {
        ComparisonGroupKind.Total => "all touchpoints",
        ComparisonGroupKind.Touchpoint => model.TryGetTouchpoint(key, out var touchpoint) ? $"{touchpoint.Name} ({key})" : key,
        ComparisonGroupKind.Stage => $"stage {key}",
        ComparisonGroupKind.Channel => $"channel {key}",
        ComparisonGroupKind.Segment => $"segment {key}",
        ComparisonGroupKind.Owner => $"touchpoints of owner {key}",
        ComparisonGroupKind.Measure => $"measure {key}",
        ComparisonGroupKind.Promise => $"promise {key}",
        _ => key,
    };
}

/// <summary>One compared figure of one group, as the report shows it.</summary>
internal sealed record ChangeRow(
    ComparisonGroupKind Kind, string Key, string Label, ComparisonMetric Metric, ComparisonStatus Status, long BeforeCount, long AfterCount,
    double Before, double After, double? EffectSize, double? Lower, double? Upper, double? P, double? Q, bool Significant)
{
    public double Difference => After - Before;

    public bool IsShare => Metric != ComparisonMetric.MeanScore;

    /// <summary>Gets the change in one line, for tooltips and descriptions.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var values = IsShare
            ? $"{HtmlDocument.Percent(Before)} → {HtmlDocument.Percent(After)} ({(100 * Difference).ToString("+0.0;−0.0;0.0", c)} points)"
            : $"{HtmlDocument.Mean(Before)} → {HtmlDocument.Mean(After)} (Hedges' g {(EffectSize ?? double.NaN).ToString("+0.00;−0.00;0.00", c)})";
        return $"{Label}, {SignificanceView.MetricName(Metric)}: {values}, q = {HtmlDocument.Probability(Q)}";
    }
}
