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
    public void Print_InvalidArguments_ThrowNamingParameter()
    {
        var scorecard = new ScoringEngine(EngineTestData.Model).CreateScorecardBuilder().Build();
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardTextWriter.Write(null!, TextWriter.Null)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardTextWriter.Write(scorecard, null!)).ParamName);
        Assert.Equal("hotspots", Assert.Throws<ArgumentOutOfRangeException>(() => ScorecardTextWriter.Write(scorecard, TextWriter.Null, -1)).ParamName);
    }
}
