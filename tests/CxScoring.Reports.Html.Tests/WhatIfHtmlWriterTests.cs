using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Scenarios;
using CxScoring.Plans;
using CxScoring.Reports.Html.Tests.Browser;

namespace CxScoring.Reports.Html.Tests;

public sealed class WhatIfHtmlWriterTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");

    private static readonly Lazy<(IReadOnlyList<WhatIfReport> Priced, IReadOnlyList<WhatIfReport> Unpriced)> Demo = new(() =>
    {
        var model = TelecomScorecard.Model;
        var plan = ScoringPlan.Compile(model);
        var rows = TelecomScorecard.Rows(plan);
        var prices = NonComplianceCostJson.LoadFile(TelecomScorecard.PricesPath, model);
        var scenarios = WhatIfScenarioJson.LoadFile(Path.Combine(AppContext.BaseDirectory, "Data", "telecom-scenario.json"), model);
        return ([.. scenarios.Select(s => WhatIfAnalysis.Analyze(model, s, rows, prices))], [.. scenarios.Select(s => WhatIfAnalysis.Analyze(model, s, rows))]);
    });

    [Fact]
    public void Write_TelecomScenarios_DrawsAZoneChartPerScenarioInChromiumWithoutErrors()
    {
        var whatIfs = Demo.Value.Priced;
        var html = WhatIfHtmlWriter.WriteToString(whatIfs, new WhatIfHtmlOptions { Title = "Telecom what-ifs" });
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Screenshots).FullName, "telecom-what-if.html"), html);

        var page = Chromium.Open(html, Path.Combine(Screenshots, "telecom-what-if.png"));

        Assert.True(page.Errors.Length == 0, $"The page logged errors: {page.Errors}");
        Assert.Contains("data-charts=\"drawn\"", page.Dom, StringComparison.Ordinal);
        for (var i = 0; i < whatIfs.Count; i++)
        {
            // Three zone bars for all outcomes and each touchpoint affected, on both sides (a share of 0 draws an empty bar).
            var groups = 1 + whatIfs[i].ByTouchpoint.Count(d => !d.Baseline.Equals(d.Scenario) || whatIfs[i].Scenario.DeliveryImprovements.ContainsKey(d.TouchpointId!));
            Assert.Equal(2 * 3 * groups, page.Count($"scenario-{i + 1}-zones", "bar"));
        }
    }

    [Fact]
    public void Write_TelecomScenarios_ShowsEachScenarioWithItsPromisesSharesAndCosts()
    {
        var whatIfs = Demo.Value.Priced;

        var html = WhatIfHtmlWriter.WriteToString(whatIfs, new WhatIfHtmlOptions { Notes = ["Inputs: demo."] });

        var c = CultureInfo.InvariantCulture;
        Assert.Contains("<h1>What-if: telecom-contract-upgrade</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Inputs: demo.</li>", html, StringComparison.Ordinal);
        Assert.Equal(whatIfs.Count, Regex.Count(html, "<section id=\"scenario-[0-9]+\""));
        Assert.Equal(whatIfs.Count, Regex.Count(html, "<figure aria-describedby=\"scenario-[0-9]+-zones-description\">"));
        var first = Section(html, 1);
        Assert.Contains("<h2 id=\"scenario-1-title\">Scenario 1: letter in two days</h2>", first, StringComparison.Ordinal);
        Assert.Contains("promise <b>letter-reply-5-working-days</b> (“We reply to written complaints within 5 working days”): a working-time rule → 2 days", first, StringComparison.Ordinal);
        Assert.Contains("<td>set too loose: change it</td><td>keep it better</td><td>changed</td>", first, StringComparison.Ordinal);
        var (before, after) = whatIfs[0].ForPromise("letter-reply-5-working-days");
        Assert.Contains($"data-figure=\"settingGapMean\"><td class=\"text\">letter-reply-5-working-days</td><td class=\"text\">mean setting gap</td><td>{before.SettingGapMean.ToString("+0.000;−0.000;0.000", c)}</td>", first, StringComparison.Ordinal);
        Assert.Contains($"<tr><td class=\"text\">total</td><td>{whatIfs[0].BaselineCost!.Total:N2}</td><td>{whatIfs[0].ScenarioCost!.Total:N2}</td><td>{whatIfs[0].CostChange.ToString("+#,##0.00;−#,##0.00;0.00", c)}</td>", first, StringComparison.Ordinal);
        Assert.True(after.KeptCount < before.KeptCount);

        var second = Section(html, 2);
        Assert.Contains("delivery at <b>complaint-letter</b> improved by 50 %", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Promises moved", second, StringComparison.Ordinal);
        var letters = whatIfs[1].ForTouchpoint("complaint-letter");
        Assert.Contains($"<tr data-group=\"complaint-letter\" data-figure=\"belowShare\"><td class=\"text\">complaint-letter</td><td class=\"text\">below the zone</td><td>{letters.Baseline.ZoneShare(Gaps.Zone.Below).ToString("P1", c)}</td><td>{letters.Scenario.ZoneShare(Gaps.Zone.Below).ToString("P1", c)}</td>", second, StringComparison.Ordinal);

        // Side by side: the baseline, then each scenario linked to its section.
        for (var i = 0; i < whatIfs.Count; i++)
        {
            Assert.Contains($"<a href=\"#scenario-{i + 1}\">{whatIfs[i].Scenario.Name}</a>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_Unpriced_HasNoCostsAndStillValidStructure()
    {
        var html = WhatIfHtmlWriter.WriteToString(Demo.Value.Unpriced);

        Assert.DoesNotContain("Cost of non-compliance", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cost of non-compliance", html, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(html, "<section"), Regex.Count(html, "</section>"));
        Assert.Equal(Regex.Count(html, "<table"), Regex.Count(html, "</table>"));
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Stream_WritesUtf8WithoutByteOrderMark()
    {
        using var stream = new MemoryStream();

        WhatIfHtmlWriter.Write(Demo.Value.Unpriced, stream, null);

        Assert.True(stream.CanWrite);
        Assert.Equal("<!DOCTYPE html>", Encoding.UTF8.GetString(stream.ToArray(), 0, 15));
    }

    [Fact]
    public void Write_BadArguments_ThrowNamingThem()
    {
        Assert.Equal("whatIfs", Assert.Throws<ArgumentNullException>(() => WhatIfHtmlWriter.WriteToString(null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => WhatIfHtmlWriter.Write(Demo.Value.Unpriced, (TextWriter)null!, null)).ParamName);
        Assert.Equal("whatIfs", Assert.Throws<ArgumentException>(() => WhatIfHtmlWriter.WriteToString([])).ParamName);
        var mixed = Assert.Throws<ArgumentException>(() => WhatIfHtmlWriter.WriteToString([Demo.Value.Priced[0], Demo.Value.Unpriced[1]]));
        Assert.Contains("price all or none", mixed.Message, StringComparison.Ordinal);
        var model = TelecomScorecard.Model;
        var other = WhatIfAnalysis.Analyze(model, WhatIfScenario.None.WithDeliveryImproved("complaint-letter", 0.5), []);
        Assert.Contains("has another baseline", Assert.Throws<ArgumentException>(() => WhatIfHtmlWriter.WriteToString([Demo.Value.Unpriced[0], other])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Names_AreHtmlEncoded()
    {
        var model = TelecomScorecard.Model;
        var whatIf = WhatIfAnalysis.Analyze(model, WhatIfScenario.None.Named("<b>bold</b> & co").Described("<i>why</i>").WithDeliveryImproved("complaint-letter", 0.5), []);

        var html = WhatIfHtmlWriter.WriteToString([whatIf]);

        Assert.Contains("Scenario 1: &lt;b&gt;bold&lt;/b&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("<p>&lt;i&gt;why&lt;/i&gt;</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
    }

    private static string Section(string html, int scenario)
    {
        var start = html.IndexOf($"<section id=\"scenario-{scenario}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
