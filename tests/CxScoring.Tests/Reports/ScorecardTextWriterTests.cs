using CxScoring.Reports;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Reports;

public class ScorecardTextWriterTests
{
    [Fact]
    public void Print_ListsTouchpointsRefusalsAndHotspots()
    {
        var engine = new ScoringEngine(EngineTestData.Model);
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(EngineTestData.Outcomes(8, 500), builder);
        var scorecard = builder.Build();
        using var text = new StringWriter();
        ScorecardTextWriter.Write(scorecard, text, 3);
        var printed = text.ToString();
        foreach (var touchpoint in EngineTestData.Model.Touchpoints)
        {
            Assert.Contains(touchpoint.Id, printed, StringComparison.Ordinal);
        }

        Assert.Contains("refused, NoPromiseInForce", printed, StringComparison.Ordinal);
        Assert.Contains("Hotspots", printed, StringComparison.Ordinal);
        Assert.Contains("1. " + scorecard.Hotspots(1)[0].Touchpoint.Id, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_ModelWithPerceivedMeasures_ShowsEachTouchpointsPerceivedBesideDelivered_OnlyThen()
    {
        var engine = new ScoringEngine(EngineTestData.Model);
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(EngineTestData.Outcomes(8, 500), builder);
        var scorecard = builder.Build();
        var printed = Print(scorecard);
        var section = printed[printed.IndexOf("Perceived vs delivered", StringComparison.Ordinal)..];
        foreach (var row in scorecard.PerceivedVsDelivered)
        {
            var line = section.Split('\n').First(l => l.StartsWith(row.Touchpoint.Id + " ", StringComparison.Ordinal));
            Assert.Contains(row.Perceived.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        }

        Assert.Contains("gap = perceived mean score - delivered mean score", section, StringComparison.Ordinal);
        var delivered = CxScoring.Tests.Scorecards.PromiseReviewTests.ScorecardOf(("letter", NodaTime.Duration.FromDays(3), 10));
        Assert.False(delivered.HasPerceivedMeasures);
        Assert.DoesNotContain("Perceived vs delivered", Print(delivered), StringComparison.Ordinal);

        static string Print(CxScoring.Scorecards.Scorecard scorecard)
        {
            using var text = new StringWriter();
            ScorecardTextWriter.Write(scorecard, text, 3);
            return text.ToString();
        }
    }

    [Fact]
    public void Print_PromisesWithVerdicts_ThenThePromisesToChangeAndToKeepBetter_InRankOrder()
    {
        var scorecard = CxScoring.Tests.Scorecards.PromiseReviewTests.ScorecardOf(
            ("letter", NodaTime.Duration.FromDays(3), 10), ("chat", NodaTime.Duration.FromHours(2), 50), ("phone", NodaTime.Duration.FromDays(2), 20));
        using var text = new StringWriter();
        ScorecardTextWriter.Write(scorecard, text, 0);
        var printed = text.ToString();
        var lines = printed.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("loose ", StringComparison.Ordinal) && l.Contains("billing/disputes", StringComparison.Ordinal) && l.EndsWith("set too loose: change it", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("right ", StringComparison.Ordinal) && l.EndsWith("keep it better", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("unused ", StringComparison.Ordinal) && l.EndsWith("no outcomes", StringComparison.Ordinal));
        var change = printed.IndexOf("Promises to change", StringComparison.Ordinal);
        var keep = printed.IndexOf("Promises to keep better", StringComparison.Ordinal);
        Assert.True(change > 0 && keep > change);
        Assert.True(printed.IndexOf("1. strict", change, StringComparison.Ordinal) < printed.IndexOf("2. loose", change, StringComparison.Ordinal));
        Assert.Contains("1. right (support): broken in 20 of 20 outcomes", printed, StringComparison.Ordinal);
        Assert.Contains("broke!spirit = share broken", printed, StringComparison.Ordinal);
        Assert.Contains("Verdict: the largest of", printed, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("reply ", StringComparison.Ordinal));
    }

    [Fact]
    public void Print_InvalidArguments_ThrowNamingParameter()
    {
        var scorecard = new ScoringEngine(EngineTestData.Model).CreateScorecardBuilder().Build();
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardTextWriter.Write(null!, TextWriter.Null)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardTextWriter.Write(scorecard, null!)).ParamName);
        Assert.Equal("hotspots", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardTextWriter.Write(scorecard, TextWriter.Null, -1)).ParamName);
    }
}
