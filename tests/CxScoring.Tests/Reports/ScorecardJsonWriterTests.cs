using System.Text.Json;
using CxScoring.Reports;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Reports;

public class ScorecardJsonWriterTests
{
    private static Scorecard Sample()
    {
        var engine = new ScoringEngine(EngineTestData.Model);
        var builder = engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByCustomer = true });
        engine.ScoreOutcomes(EngineTestData.Outcomes(2, 300), builder);
        return builder.Build();
    }

    [Fact]
    public void ToJson_HasDocumentedShape()
    {
        var scorecard = Sample();
        using var json = JsonDocument.Parse(ScorecardJsonWriter.WriteToString(scorecard));
        var root = json.RootElement;
        Assert.Equal("cxscoring.scorecard/1", root.GetProperty("format").GetString());
        Assert.Equal("Europe/Berlin", root.GetProperty("timeZone").GetString());
        Assert.Equal(scorecard.Received, root.GetProperty("received").GetInt64());
        Assert.Equal(scorecard.Rejected, root.GetProperty("rejections").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(6, root.GetProperty("touchpoints").GetArrayLength());
        var first = root.GetProperty("touchpoints")[0];
        Assert.Equal("web-order", first.GetProperty("id").GetString());
        Assert.Equal(scorecard.ByTouchpoint[0].Count, first.GetProperty("count").GetInt64());
        Assert.Equal(65, first.GetProperty("histogram").GetArrayLength());
        Assert.Equal(scorecard.ByTouchpoint[0].ScoreSumFixed.ToString(), first.GetProperty("fixed").GetProperty("scoreSum").GetString());
        Assert.Equal(scorecard.ByDay.Count, root.GetProperty("days").GetArrayLength());
        Assert.Equal(scorecard.ByCustomer.Count, root.GetProperty("customers").GetArrayLength());
        Assert.Equal(JsonValueKind.String, root.GetProperty("customers")[0].GetProperty("id").ValueKind);
    }

    [Fact]
    public void Write_Null_ThrowsNamingParameter()
    {
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.WriteToString(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.Write(Sample(), (Stream)null!)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.Write(Sample(), (Utf8JsonWriter)null!)).ParamName);
    }
}
