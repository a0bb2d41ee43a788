using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CxScoring.Comparisons;
using CxScoring.Gaps;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Reports.Html.Tests.Browser;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Reports.Html.Tests;

public sealed class ScorecardHtmlWriterTests
{
    /// <summary>Screenshots land in the test output's TestResults folder, kept by CI as an artefact.</summary>
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");

    [Fact]
    public void Write_TelecomDemo_DrawsEveryChartInChromiumWithoutErrors()
    {
        var scorecard = TelecomScorecard.Total;
        var html = ScorecardHtmlWriter.WriteToString(scorecard, new ScorecardHtmlOptions { Title = "Telecom demo", TouchpointScorecards = TelecomScorecard.ByTouchpoint });
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

        // Owners: per stage, a mean-score bar and a below-share bar for each owner the model assigns in that stage.
        var stageOwners = TelecomScorecard.Model.Touchpoints
            .Where(t => t.Owner is not null && scorecard.ForTouchpoint(t.Id).Count > 0)
            .Select(t => (t.Stage, t.Owner))
            .Distinct()
            .Count();
        Assert.Equal(7, stageOwners);
        Assert.Equal(2 * stageOwners, page.Count("owners", "bar"));

        // Letter vs spirit: a point per promise with outcomes, each with the promise review's verdict (the printed
        // scorecard's); the letter promise is kept to the letter and misses the spirit, so it is set too loose.
        Assert.Equal(scorecard.ByPromise.Count(p => p.Aggregate.Count > 0), page.Count("letter", "point"));
        var pointLabels = page.Labels("letter", "point");
        foreach (var promise in scorecard.ByPromise.Where(p => p.Aggregate.Count > 0))
        {
            var label = Assert.Single(pointLabels, l => l.StartsWith($"{promise.Description ?? promise.Id} (promise {promise.Id}):", StringComparison.Ordinal));
            Assert.Contains($": {VerdictWords(promise.Verdict)};", label, StringComparison.Ordinal);
        }

        var letterPromise = scorecard.ForPromise("letter-reply-5-working-days");
        Assert.Equal(PromiseVerdict.SetTooLoose, letterPromise.Verdict);
        var letterFigures = letterPromise.Aggregate;
        Assert.True(letterFigures.PromiseGapMean >= 0 && letterFigures.SettingGapMean < 0, $"letter-reply-5-working-days: promise gap {letterFigures.PromiseGapMean}, setting gap {letterFigures.SettingGapMean}");
        var tooLoose = Assert.Single(page.Dom.Split('\n'), l => l.Contains("data-verdict=\"set too loose: change it\"><b>set too loose: change it</b>", StringComparison.Ordinal));
        Assert.Contains("(letter-reply-5-working-days), billing/disputes", tooLoose, StringComparison.Ordinal);
        Assert.DoesNotContain("..", tooLoose, StringComparison.Ordinal);

        // Zone shares: below, within and above for every touchpoint with outcomes.
        Assert.Equal(3 * touchpoints, page.Count("zones", "bar"));

        // Trends: all touchpoints in the first panel, then each touchpoint's own line beside the reference.
        var panels = TelecomScorecard.ByTouchpoint.Count(p => p.Value.Scored > 0);
        Assert.Equal(1 + (2 * panels), page.Count("trend", "line mark"));

        // Significance: the last full week (the demo spans over 31 days, so the trend is weekly) against the one before, every significant mean-score change marked.
        Assert.Contains("Compared: the last full week, ", page.Dom, StringComparison.Ordinal);
        Assert.Equal(SignificantMeanRows(page.Dom), page.Count("trend", "point"));

        // Refusals: one bar per reason that occurred.
        var reasons = Enum.GetValues<RejectionReason>().Count(r => scorecard.RejectedBy(r) > 0);
        Assert.True(reasons > 0, "The demo includes unscorable outcomes on purpose.");
        Assert.Equal(reasons, page.Count("rejections", "bar"));

        Assert.True(new FileInfo(Path.Combine(Screenshots, "telecom-report.png")).Length > 10_000, "The screenshot is missing or blank.");
    }

    [Fact]
    public void Write_ChangeInTheLastFullMonth_IsListedAndMarkedOnItsTrendLine()
    {
        // The demo, with every later monthly invoice of the last full month wrong by 20 EUR: a change the report must find.
        var outcomes = TelecomScorecard.Outcomes();
        var lastDay = outcomes.Max(o => o.ObservedAt.InZone(TelecomScorecard.Berlin).Date);
        var month = lastDay.PlusDays(1).Day == 1 ? lastDay.With(DateAdjusters.StartOfMonth) : lastDay.With(DateAdjusters.StartOfMonth).PlusMonths(-1);
        var after = new DateInterval(month, month.PlusMonths(1).PlusDays(-1));
        var before = new DateInterval(month.PlusMonths(-1), month.PlusDays(-1));
        var changed = outcomes.Select(o => o.TouchpointId == "monthly-invoice" && after.Contains(o.ObservedAt.InZone(TelecomScorecard.Berlin).Date)
            ? new Outcome(o.CustomerId, o.TouchpointId, o.MeasureId, o.MeasureId == "bill-error" ? 20 : 0, o.ObservedAt, o.SegmentId)
            : o);
        var scored = TelecomScorecard.Score(changed, TelecomScorecard.Model);

        // The core, on the touchpoint's own scorecard, finds the change significant.
        var own = ScorecardComparison.ComparePeriods(scored.ByTouchpoint["monthly-invoice"], before, after);
        Assert.Contains(own.Significant, r => r.Metric == ComparisonMetric.MeanScore && r.After < r.Before);

        var html = ScorecardHtmlWriter.WriteToString(scored.Total, new ScorecardHtmlOptions { Title = "Telecom demo, invoices wrong in the last month", TrendPeriod = ReportPeriod.Month, TouchpointScorecards = scored.ByTouchpoint });
        var page = Chromium.Open(html, Path.Combine(Screenshots, "telecom-report-change.png"));

        Assert.True(page.Errors.Length == 0, $"The page logged errors: {page.Errors}");
        Assert.Contains("data-charts=\"drawn\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains($"Compared: the last full month, {after.Start:yyyy-MM-dd} to {after.End:yyyy-MM-dd}, against the month before it, {before.Start:yyyy-MM-dd} to {before.End:yyyy-MM-dd}", page.Dom, StringComparison.Ordinal);
        Assert.Matches("<tr class=\"significant\"><td class=\"text\">Later monthly invoices \\(monthly-invoice\\)</td><td class=\"text\">mean score</td>", page.Dom);
        var marks = page.Count("trend", "point");
        Assert.Equal(SignificantMeanRows(page.Dom), marks);
        Assert.Contains(page.Labels("trend", "point"), l => l.Contains("Later monthly invoices (monthly-invoice), mean score:", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TelecomDemo_InlinesEverythingAndReferencesNothingOutside()
    {
        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total);
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
    public void Write_TelecomDemo_HasADescriptionAndATableForEveryChartAndNoPlaceholders()
    {
        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total);

        var charts = new[] { "heatmap", "pareto", "owners", "letter", "zones", "trend", "rejections" };
        foreach (var chart in charts)
        {
            Assert.Contains($"<figure aria-describedby=\"{chart}-description\">", html, StringComparison.Ordinal);
            Assert.Contains($"<div class=\"chart\" data-chart=\"{chart}\"></div>", html, StringComparison.Ordinal);
        }

        // One data table per chart, and the significance section's table of every compared figure.
        Assert.Equal(charts.Length + 1, html.Split("<details>").Length - 1);
        Assert.DoesNotContain("not available in this version", html, StringComparison.Ordinal);
        foreach (var slot in new[] { "letter-vs-spirit", "owners", "significance" })
        {
            Assert.DoesNotContain($"data-slot=\"{slot}\"", html, StringComparison.Ordinal);
        }

        // The owner table: every owning unit, parents rolled up from their sub-units; "network" owns no touchpoint itself.
        foreach (var owner in TelecomScorecard.Total.ByOwner.Keys)
        {
            Assert.Matches($">{Regex.Escape(owner)}(</| <span class=\"muted\">\\(its sub-units\\))", html);
        }

        Assert.Contains("<tr><td>network <span class=\"muted\">(its sub-units)</span></td><td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>billing</td><td>", html, StringComparison.Ordinal);

        // Without per-touchpoint scorecards the trend says what it lacks instead of inventing lines.
        Assert.Contains("data-slot=\"touchpoint-trends\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithCosts_DrawsTheCostSectionWithItsTotalsInChromium()
    {
        var plan = CxScoring.Plans.ScoringPlan.Compile(TelecomScorecard.Model);
        var rows = TelecomScorecard.Rows(plan);
        var prices = NonComplianceCostJson.LoadFile(TelecomScorecard.PricesPath, TelecomScorecard.Model);
        var costs = NonComplianceCostAnalysis.Analyze(plan, rows, prices);
        Assert.True(costs.Total > 0 && costs.ByPromise.Count > 0 && costs.ByOwner.Count > 0);

        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Costs = costs });
        var page = Chromium.Open(html, Path.Combine(Directory.CreateDirectory(Screenshots).FullName, "telecom-costs.png"));

        Assert.True(page.Errors.Length == 0, $"The page logged errors: {page.Errors}");
        Assert.Contains("data-charts=\"drawn\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"costs-title\">Cost of non-compliance</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<li><b>{costs.Total.ToString("N2", CultureInfo.InvariantCulture)}</b>total EUR</li>", html, StringComparison.Ordinal);
        foreach (var (kind, amount) in costs.ByKind)
        {
            Assert.Contains($"<b>{amount.ToString("N2", CultureInfo.InvariantCulture)}</b>", html, StringComparison.Ordinal);
        }

        var top = costs.ByPromise.MaxBy(p => p.Value);
        Assert.Contains($"the costliest promise {top.Key} ({top.Value.ToString("N2", CultureInfo.InvariantCulture)} EUR)", html, StringComparison.Ordinal);
        Assert.Contains("<figure aria-describedby=\"costs-description\">", html, StringComparison.Ordinal);
        Assert.Contains("Data table: cost of non-compliance", html, StringComparison.Ordinal);

        // One bar per promise and per owner (and one for lines charged to touchpoints without an owner).
        Assert.Equal(costs.ByPromise.Count + costs.ByOwner.Count + (costs.Unowned != 0 ? 1 : 0), page.Count("costs", "bar"));

        // A faceted chart has a width of its own: "container" would leave it 0 pixels wide, drawn but not seen.
        Assert.Matches("class=\"marks\" width=\"[1-9][0-9]", page.Chart("costs"));
        Assert.DoesNotContain("data-empty=\"costs\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithComparisonCosts_ShowsTheChangeByKindTopPromisesAndOwner()
    {
        var plan = CxScoring.Plans.ScoringPlan.Compile(TelecomScorecard.Model);
        var rows = TelecomScorecard.Rows(plan);
        var prices = NonComplianceCostJson.LoadFile(TelecomScorecard.PricesPath, TelecomScorecard.Model);
        var half = rows.Length / 2;
        var (before, after) = (NonComplianceCostAnalysis.Analyze(plan, rows.AsSpan(0, half), prices), NonComplianceCostAnalysis.Analyze(plan, rows.AsSpan(half), prices));
        Assert.NotEqual(before.Total, after.Total);

        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Costs = after, ComparisonCosts = before, ComparisonDescription = "second half against first", MaxCostChanges = 3 });

        var c = CultureInfo.InvariantCulture;
        Assert.Contains("<h3 id=\"costs-change-title\">Change of the cost: second half against first</h3>", html, StringComparison.Ordinal);
        var change = after.Total - before.Total;
        Assert.Contains($"<li><b>{change.ToString("+#,##0.00;−#,##0.00;0.00", c)}</b>change EUR</li>", html, StringComparison.Ordinal);
        Assert.Contains($"<li><b>{((double)((Math.Round(after.Total, 2) - Math.Round(before.Total, 2)) / Math.Round(before.Total, 2))).ToString("+0.0 %;−0.0 %;0.0 %", c)}</b>change %</li>", html, StringComparison.Ordinal);
        foreach (var kind in before.ByKind.Keys.Union(after.ByKind.Keys))
        {
            var (b, a) = (before.ByKind.GetValueOrDefault(kind), after.ByKind.GetValueOrDefault(kind));
            Assert.Contains($"<td>{b.ToString("N2", c)}</td><td>{a.ToString("N2", c)}</td><td>{(a - b).ToString("+#,##0.00;−#,##0.00;0.00", c)}</td>", html, StringComparison.Ordinal);
        }

        // The promises whose cost changed most, either way: three, the largest change first.
        var promises = Regex.Match(html, "data-table=\"promise\">.*?</table>", RegexOptions.Singleline).Value;
        var listed = Regex.Matches(promises, "<tr><td class=\"text\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        var expected = before.ByPromise.Keys.Union(after.ByPromise.Keys)
            .OrderByDescending(p => Math.Abs(after.ByPromise.GetValueOrDefault(p) - before.ByPromise.GetValueOrDefault(p))).ThenBy(p => p, StringComparer.Ordinal).Take(3);
        Assert.Equal(expected, listed);
        Assert.Contains("data-table=\"owner\"", html, StringComparison.Ordinal);

        // The chart of the change: a bar per kind of cost and per promise listed, drawn without errors.
        var page = Chromium.Open(html, Path.Combine(Directory.CreateDirectory(Screenshots).FullName, "telecom-cost-change.png"));
        Assert.True(page.Errors.Length == 0, $"The page logged errors: {page.Errors}");
        Assert.Contains("data-charts=\"drawn\"", page.Dom, StringComparison.Ordinal);
        Assert.Equal(before.ByKind.Keys.Union(after.ByKind.Keys).Count() + 3, page.Count("costchange", "bar"));
        Assert.Matches("class=\"marks\" width=\"[1-9][0-9]", page.Chart("costchange"));
        Assert.Contains("<figure aria-describedby=\"costchange-description\">", html, StringComparison.Ordinal);
        Assert.Contains($", by promise {listed[0]} (", html, StringComparison.Ordinal);

        // Without the earlier costs, or with no promises asked for, the parts are left out.
        Assert.DoesNotContain("costs-change-title", ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Costs = after }), StringComparison.Ordinal);
        Assert.DoesNotContain("data-table=\"promise\"", ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Costs = after, ComparisonCosts = before, MaxCostChanges = 0 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithoutCosts_SaysHowToPriceTheOutcomes()
    {
        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total);

        Assert.Contains("data-empty=\"costs\"", html, StringComparison.Ordinal);
        Assert.Contains("--prices prices.json", html, StringComparison.Ordinal);
        Assert.Contains("docs/prices-format.md", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-chart=\"costs\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScorecardWithoutOutcomes_ShowsTextInsteadOfEmptyCharts()
    {
        var empty = new ScoringEngine(TelecomScorecard.Model).CreateScorecardBuilder().Build();

        var html = ScorecardHtmlWriter.WriteToString(empty);

        Assert.DoesNotContain("<div class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("there are no hotspots", html, StringComparison.Ordinal);
        Assert.Contains("No outcome was refused.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TelecomDemo_PerceivedVsDelivered_ShowsEachTouchpointWithTheLetterKeptYetRatedShort()
    {
        var scorecard = TelecomScorecard.Total;
        var html = ScorecardHtmlWriter.WriteToString(scorecard);

        Assert.Contains("<h2 id=\"perceived-title\">Perceived vs delivered</h2>", html, StringComparison.Ordinal);
        var section = html[html.IndexOf("<section id=\"perceived\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Equal(scorecard.PerceivedVsDelivered.Length, Regex.Count(section, "<tr data-agreement="));
        var letter = scorecard.ForPerceivedVsDelivered("complaint-letter");
        var row = Regex.Match(section, "<tr data-agreement=\"([^\"]*)\"><td class=\"text\">[^<]*<span class=\"muted\">\\(complaint-letter\\)</span></td>(.*?)</tr>");
        Assert.True(row.Success, section);
        Assert.Equal("agree: both short", row.Groups[1].Value);
        Assert.Contains($"<td>{letter.Perceived.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}</td>", row.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains($"<td>{1.0.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)}</td>", row.Groups[2].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("data-empty=\"perceived\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ModelWithoutPerceivedMeasures_SaysHowToMarkThem()
    {
        var json = File.ReadAllText(TelecomScorecard.ModelPath).Replace(", \"source\": \"perceived\"", string.Empty, StringComparison.Ordinal);
        var model = ScoringModelJson.Parse(json);
        Assert.All(model.Measures, m => Assert.Equal(MeasureSource.Delivered, m.Source));
        var scored = TelecomScorecard.Score(TelecomScorecard.Outcomes().Take(2_000), model);

        var html = ScorecardHtmlWriter.WriteToString(scored.Total);

        Assert.Contains("<p data-empty=\"perceived\">The model has no perceived measure", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr data-agreement=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ModelWithoutOwners_SaysHowToAddThem()
    {
        var json = Regex.Replace(File.ReadAllText(TelecomScorecard.ModelPath), ", \"owner\": \"[^\"]*\"", string.Empty);
        var model = ScoringModelJson.Parse(json);
        Assert.All(model.Touchpoints, t => Assert.Null(t.Owner));
        var scored = TelecomScorecard.Score(TelecomScorecard.Outcomes().Take(2_000), model);

        var html = ScorecardHtmlWriter.WriteToString(scored.Total);

        Assert.Contains("<p data-empty=\"owners\">The model names no owners", html, StringComparison.Ordinal);
        Assert.Contains("<code>\"owner\": \"billing/disputes\"</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-chart=\"owners\"", html, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"letter\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GivenComparison_ListsItsRowsWithItsDescriptionAndMarksNoTrend()
    {
        var outcomes = TelecomScorecard.Outcomes();
        var half = outcomes.Count / 2;
        var first = TelecomScorecard.Score(outcomes.Take(half), TelecomScorecard.Model).Total;
        var second = TelecomScorecard.Score(outcomes.Skip(half), TelecomScorecard.Model).Total;
        var comparison = ScorecardComparison.Compare(first, second);

        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Comparison = comparison, ComparisonDescription = "the second half of the customers against the first" });

        Assert.Contains("<p>Compared: the second half of the customers against the first.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"{comparison.Significant.Length} of {comparison.TestCount} tested figures changed significantly (q ≤ 0.05)", html, StringComparison.Ordinal);
        var all = Regex.Match(html, "<summary>Data table: every compared figure</summary>\n<table class=\"changes\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(comparison.Rows.Length, Regex.Count(all, "<tr[ >]") - 1);
        Assert.Equal(comparison.Rows.Count(r => r.Status == ComparisonStatus.NotEnoughData), Regex.Count(all, ">not enough data<"));
        Assert.Contains("<td class=\"text\">Billing complaint by letter (complaint-letter)</td>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\"change\":", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScorecardWithoutPeriods_SaysNothingIsCompared()
    {
        var engine = new ScoringEngine(TelecomScorecard.Model);
        var builder = engine.CreateScorecardBuilder(new Scorecards.ScorecardOptions { ByPeriod = false });
        engine.ScoreOutcomes([.. TelecomScorecard.Outcomes().Take(500)], builder);

        var html = ScorecardHtmlWriter.WriteToString(builder.Build());

        Assert.Contains("<p data-empty=\"significance\">The scorecard was built without calendar periods and no comparison was given", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Title_IsHtmlEncoded()
    {
        var html = ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { Title = "<script>alert(1)</script> & co" });

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

    /// <summary>Counts the rows of the report's table of significant changes whose figure is the mean score.</summary>
    // The verdicts in the printed scorecard's words (ScorecardTextWriter), which the report must use too.
    private static string VerdictWords(PromiseVerdict verdict) => verdict switch
    {
        PromiseVerdict.SetTooLoose => "set too loose: change it",
        PromiseVerdict.SetTooStrict => "set too strict: change it",
        PromiseVerdict.KeepBetter => "keep it better",
        PromiseVerdict.Sound => "sound",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a promise with outcomes has a verdict"),
    };

    private static int SignificantMeanRows(string dom)
        => Regex.Count(dom, "<tr class=\"significant\"><td class=\"text\">[^<]*</td><td class=\"text\">mean score</td>") / 2;

    [Fact]
    public void Write_NullArguments_ThrowWithParameterNames()
    {
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(null!, TextWriter.Null, null)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(TelecomScorecard.Total, (TextWriter)null!, null)).ParamName);
        Assert.Equal("utf8Html", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.Write(TelecomScorecard.Total, (Stream)null!, null)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardHtmlWriter.WriteToString(null!)).ParamName);
    }

    [Fact]
    public void Write_BadOptions_Throw()
    {
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { MaxHotspots = -1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { MaxCostChanges = -1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { TrendPeriod = (ReportPeriod)9 })).ParamName);
        var unknown = new Dictionary<string, Scorecards.Scorecard>(StringComparer.Ordinal) { ["nowhere"] = TelecomScorecard.Total };
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ScorecardHtmlWriter.WriteToString(TelecomScorecard.Total, new ScorecardHtmlOptions { TouchpointScorecards = unknown })).ParamName);
    }
}
