using CxScoring.Comparisons;
using CxScoring.Reports.Html.Rendering;
using CxScoring.Scorecards;

namespace CxScoring.Reports.Html.Tests.Rendering;

public sealed class ReportViewTests
{
    [Theory]
    [InlineData(ReportPeriod.Day)]
    [InlineData(ReportPeriod.Week)]
    [InlineData(ReportPeriod.Month)]
    public void From_ScorecardWithTouchpointPeriods_DrawsTheSameTouchpointLinesAsTouchpointScorecards(ReportPeriod period)
    {
        // One scorecard keeping touchpoint × day cells replaces the scorecards scored per touchpoint: the same lines, the
        // same per-touchpoint comparisons (and, from the cells, the owners' too).
        var withCells = ScoreWithTouchpointPeriods();
        var partitioned = ReportView.From(TelecomScorecard.Total, new ScorecardHtmlOptions { TrendPeriod = period, TouchpointScorecards = TelecomScorecard.ByTouchpoint });

        var fromCells = ReportView.From(withCells, new ScorecardHtmlOptions { TrendPeriod = period });

        Assert.True(fromCells.TrendPerTouchpoint);
        Assert.Equal(partitioned.Trend.Count(p => p.Series == "this touchpoint"), fromCells.Trend.Count(p => p.Series == "this touchpoint"));
        Assert.Equal(
            partitioned.Trend.Select(p => (p.Panel, p.Series, p.Period, p.Count, p.Mean)),
            fromCells.Trend.Select(p => (p.Panel, p.Series, p.Period, p.Count, p.Mean)));
        var touchpointRows = fromCells.Significance.Rows.Where(r => r.Kind == ComparisonGroupKind.Touchpoint).OrderBy(r => (r.Key, r.Metric)).ToList();
        Assert.Equal(
            partitioned.Significance.Rows.Where(r => r.Kind == ComparisonGroupKind.Touchpoint).OrderBy(r => (r.Key, r.Metric)).Select(r => (r.Key, r.Label, r.Metric, r.BeforeCount, r.AfterCount, r.P)),
            touchpointRows.Select(r => (r.Key, r.Label, r.Metric, r.BeforeCount, r.AfterCount, r.P)));
        Assert.NotEmpty(touchpointRows);
        Assert.Contains(fromCells.Significance.Rows, r => r.Kind == ComparisonGroupKind.Owner && r.Label == $"touchpoints of owner {r.Key}");
        Assert.Single(fromCells.Significance.Rows, r => r.Kind == ComparisonGroupKind.Total && r.Metric == ComparisonMetric.MeanScore);
    }

    [Fact]
    public void From_ScorecardWithoutTouchpointPeriodsOrScorecards_DrawsAllTouchpointsOnly()
    {
        var view = ReportView.From(TelecomScorecard.Total, new ScorecardHtmlOptions { TrendPeriod = ReportPeriod.Month });

        Assert.False(view.TrendPerTouchpoint);
        Assert.All(view.Significance.Rows, r => Assert.Equal(ComparisonGroupKind.Total, r.Kind));
    }

    [Fact]
    public void LetterVsSpirit_RenderedLists_NameThePromisesInTheReviewsOrderWithTheirOwners()
    {
        // The page's lists under the chart, read from the HTML: each verdict's promises in the order the promise review
        // ranks them (set wrong by |Σ setting gap|, to keep better by the number broken), each with its owner.
        var scorecard = TelecomScorecard.Total;
        var review = scorecard.ReviewPromises();
        var html = ScorecardHtmlWriter.WriteToString(scorecard);

        Assert.NotEmpty(review.SetWrong);
        Assert.NotEmpty(review.Broken);
        foreach (var (verdict, words) in new[] { (PromiseVerdict.SetTooLoose, "set too loose: change it"), (PromiseVerdict.SetTooStrict, "set too strict: change it"), (PromiseVerdict.KeepBetter, "keep it better") })
        {
            var ranked = (verdict == PromiseVerdict.KeepBetter ? review.Broken : review.SetWrong).Where(p => p.Verdict == verdict).ToList();
            var item = Assert.Single(html.Split('\n'), l => l.StartsWith($"<li data-verdict=\"{words}\">", StringComparison.Ordinal));
            var places = ranked.Select(p => item.IndexOf($"{(p.Description is null ? p.Id : $"({p.Id})")}{(p.Owner is null ? string.Empty : ", " + System.Net.WebUtility.HtmlEncode(p.Owner))}", StringComparison.Ordinal)).ToList();
            Assert.All(places, place => Assert.True(place > 0, item));
            Assert.Equal(places.Order(), places);
        }
    }

    private static Scorecard ScoreWithTouchpointPeriods()
    {
        var engine = new ScoringEngine(TelecomScorecard.Model);
        var builder = engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = TelecomScorecard.Berlin, ByTouchpointPeriod = true });
        engine.ScoreOutcomes([.. TelecomScorecard.Outcomes()], builder);
        return builder.Build();
    }
}
