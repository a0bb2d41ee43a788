using System.Text;
using CxScoring.Gaps;
using CxScoring.Reports.Html.Tests.Browser;

namespace CxScoring.Reports.Html.Tests;

public sealed class ScorecardHtmlWriterTests
{
    /// <summary>Screenshots land in the test output's TestResults folder, kept by CI as an artefact.</summary>
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");

    [Fact]
    public void Write_TelecomDemo_DrawsEveryChartInChromiumWithoutErrors()
    {
        var scorecard = TelecomScorecard.Total;
        var html = ScorecardHtmlWriter.ToHtml(scorecard, new ScorecardHtmlOptions { Title = "Telecom demo", TouchpointScorecards = TelecomScorecard.ByTouchpoint });
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Screenshots).FullName, "telecom-report.html"), html);

        var page = Chromium.Open(html, Path.Combine(Screenshots, "telecom-report.png"));

        Assert.True(page.Errors.Length == 0, $"The page logged errors: {page.Errors}");
        Assert.DoesNotContain("Uncaught", page.Log, StringComparison.Ordinal);
        Assert.Contains("data-charts=\"drawn\"", page.Dom, StringComparison.Ordinal);

        // Heat map: one cell per touchpoint with outcomes, and one per stage (the "whole stage" row).
        var touchpoints = scorecard.ByTouchpoint.Count(a => a.Count > 0);
        var stages = scorecard.ByStage.Count(p => p.Value.Count > 0);
        Assert.Equal(touchpoints + stages, page.Count("heatmap", "rect mark"));

        // Pareto: one bar and one point per hotspot, one cumulative line; the first invoice comes first.
        var hotspots = scorecard.Hotspots(ScorecardHtmlOptions.Default.MaxHotspots);
        Assert.NotEmpty(hotspots);
        Assert.Equal(hotspots.Count, page.Count("pareto", "bar"));
        Assert.Equal(hotspots.Count, page.Count("pareto", "point"));
        Assert.Equal(1, page.Count("pareto", "line mark"));
        Assert.Equal("first-invoice", hotspots[0].Touchpoint.Id);
        Assert.StartsWith("label: First invoice after the change;", page.Labels("pareto", "bar")[0], StringComparison.Ordinal);

        // Zone shares: below, within and above for every touchpoint with outcomes.
        Assert.Equal(3 * touchpoints, page.Count("zones", "bar"));

        // Trends: all touchpoints in the first panel, then each touchpoint's own line beside the reference.
        var panels = TelecomScorecard.ByTouchpoint.Count(p => p.Value.Scored > 0);
        Assert.Equal(1 + (2 * panels), page.Count("trend", "line mark"));

        // Refusals: one bar per reason that occurred.
        var reasons = Enum.GetValues<RejectionReason>().Count(r => scorecard.RejectedBy(r) > 0);
        Assert.True(reasons > 0, "The demo includes unscorable outcomes on purpose.");
        Assert.Equal(reasons, page.Count("rejections", "bar"));

        Assert.True(new FileInfo(Path.Combine(Screenshots, "telecom-report.png")).Length > 10_000, "The screenshot is missing or blank.");
    }

    [Fact]
    public void Write_TelecomDemo_InlinesEverythingAndReferencesNothingOutside()
    {
        var html = ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total);
        var markup = System.Text.RegularExpressions.Regex.Replace(html, "<script[^>]*>.*?</script>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.DoesNotContain(" src=", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("sourceMappingURL", html, StringComparison.Ordinal);
        Assert.Contains("data-library=\"vega\" data-version=\"6.4.0\"", html, StringComparison.Ordinal);
        Assert.Contains("data-library=\"vega-lite\" data-version=\"6.5.0\"", html, StringComparison.Ordinal);
        Assert.Contains("data-library=\"vega-embed\" data-version=\"7.3.0\"", html, StringComparison.Ordinal);
        Assert.Contains("University of Washington Interactive Data Lab", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TelecomDemo_HasATableForEveryChartAndMarkedSlotsForLaterViews()
    {
        var html = ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total);

        foreach (var chart in new[] { "heatmap", "pareto", "zones", "trend", "rejections" })
        {
            Assert.Contains($"<figure aria-describedby=\"{chart}-description\">", html, StringComparison.Ordinal);
        }

        Assert.Equal(5, html.Split("<details>").Length - 1);
        foreach (var slot in new[] { "letter-vs-spirit", "owners", "significance" })
        {
            Assert.Contains($"data-slot=\"{slot}\"", html, StringComparison.Ordinal);
        }

        // Without per-touchpoint scorecards the trend says what it lacks instead of inventing lines.
        Assert.Contains("data-slot=\"touchpoint-trends\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScorecardWithoutOutcomes_ShowsTextInsteadOfEmptyCharts()
    {
        var empty = new ScoringEngine(TelecomScorecard.Model).CreateScorecardBuilder().Build();

        var html = ScorecardHtmlWriter.ToHtml(empty);

        Assert.DoesNotContain("<div class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("there are no hotspots", html, StringComparison.Ordinal);
        Assert.Contains("No outcome was refused.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Title_IsHtmlEncoded()
    {
        var html = ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total, new ScorecardHtmlOptions { Title = "<script>alert(1)</script> & co" });

        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Stream_WritesUtf8WithoutByteOrderMarkAndLeavesItOpen()
    {
        using var stream = new MemoryStream();

        ScorecardHtmlWriter.Write(TelecomScorecard.Total, stream, null);

        Assert.True(stream.CanWrite);
        Assert.Equal("<!DOCTYPE html>", Encoding.UTF8.GetString(stream.ToArray(), 0, 15));
    }

    [Fact]
    public void Write_NullArguments_ThrowWithParameterNames()
    {
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(null!, TextWriter.Null, null)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(TelecomScorecard.Total, (TextWriter)null!, null)).ParamName);
        Assert.Equal("utf8Html", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(TelecomScorecard.Total, (Stream)null!, null)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.ToHtml(null!)).ParamName);
    }

    [Fact]
    public void Write_BadOptions_Throw()
    {
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total, new ScorecardHtmlOptions { MaxHotspots = -1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total, new ScorecardHtmlOptions { TrendPeriod = (ReportPeriod)9 })).ParamName);
        var unknown = new Dictionary<string, Scorecards.Scorecard>(StringComparer.Ordinal) { ["nowhere"] = TelecomScorecard.Total };
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ScorecardHtmlWriter.ToHtml(TelecomScorecard.Total, new ScorecardHtmlOptions { TouchpointScorecards = unknown })).ParamName);
    }
}
