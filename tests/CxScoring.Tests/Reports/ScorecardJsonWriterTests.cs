using System.Text.Json;
using CxScoring.Gaps;
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
        Assert.Equal(0, root.GetProperty("touchpointDays").GetArrayLength());
    }

    [Fact]
    public void ToJson_PerceivedVsDelivered_OneRowPerTouchpoint_SidesAddUpToTheTouchpoint_MeasuresCarryTheirSource()
    {
        var scorecard = Sample();
        using var json = JsonDocument.Parse(ScorecardJsonWriter.WriteToString(scorecard));
        var root = json.RootElement;
        var rows = root.GetProperty("perceivedVsDelivered").EnumerateArray().ToList();
        Assert.Equal(scorecard.PerceivedVsDelivered.Select(r => r.Touchpoint.Id), rows.Select(r => r.GetProperty("touchpoint").GetString()));
        for (var t = 0; t < rows.Count; t++)
        {
            var row = scorecard.PerceivedVsDelivered[t];
            // The perceived side also counts the scored ratings carried on delivered outcomes.
            Assert.Equal(scorecard.ByTouchpoint[t].Count + row.RatedOutcomes, rows[t].GetProperty("delivered").GetProperty("count").GetInt64() + rows[t].GetProperty("perceived").GetProperty("count").GetInt64());
            Assert.Equal(row.RatedOutcomes, rows[t].GetProperty("ratedOutcomes").GetInt64());
            var table = rows[t].GetProperty("ratingAgreement").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToArray()).ToArray();
            Assert.Equal(row.Ratings.Count(Zone.Within, Zone.Below), table[(int)Zone.Within][(int)Zone.Below]);
            Assert.Equal(row.RatedOutcomes, table.Sum(r => r.Sum()));
            Assert.Equal(double.IsFinite(row.DeliveredFinePerceivedPoor) ? JsonValueKind.Number : JsonValueKind.Null, rows[t].GetProperty("deliveredFinePerceivedPoor").ValueKind);
            Assert.Equal(row.Perceived.ScoreSumFixed.ToString(), rows[t].GetProperty("perceived").GetProperty("fixed").GetProperty("scoreSum").GetString());
            Assert.Equal(char.ToLowerInvariant(row.Agreement.ToString()[0]) + row.Agreement.ToString()[1..], rows[t].GetProperty("agreement").GetString());
            Assert.Equal(double.IsFinite(row.ScoreMeanGap) ? JsonValueKind.Number : JsonValueKind.Null, rows[t].GetProperty("scoreMeanGap").ValueKind);
        }

        var sources = root.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("source").GetString());
        Assert.Equal("perceived", sources["csat"]);
        Assert.Equal("delivered", sources["wait"]);
        var ratings = root.GetProperty("ratings");
        Assert.Equal(scorecard.RatedOutcomes, ratings.GetProperty("rated").GetInt64());
        Assert.Equal(ratings.GetProperty("rated").GetInt64(), ratings.GetProperty("scored").GetInt64() + ratings.GetProperty("rejected").GetInt64());
        Assert.True(scorecard.ScoredRatings > 0 && scorecard.RejectedRatings > 0);
    }

    [Fact]
    public void ToJson_WithTouchpointPeriods_WritesEachTouchpointsDays()
    {
        var engine = new ScoringEngine(EngineTestData.Model);
        var builder = engine.CreateScorecardBuilder(new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByTouchpointPeriod = true });
        engine.ScoreOutcomes(EngineTestData.Outcomes(2, 300), builder);
        var scorecard = builder.Build();
        using var json = JsonDocument.Parse(ScorecardJsonWriter.WriteToString(scorecard));
        var days = json.RootElement.GetProperty("touchpointDays").EnumerateArray().ToList();
        Assert.Equal(EngineTestData.Model.Touchpoints.Sum(t => scorecard.TouchpointTrend(t.Id, CalendarPeriod.Day).Count), days.Count);
        Assert.Equal(scorecard.Scored, days.Sum(d => d.GetProperty("count").GetInt64()));
        foreach (var day in days)
        {
            var trend = scorecard.TouchpointTrend(day.GetProperty("touchpoint").GetString()!, CalendarPeriod.Day);
            Assert.Equal(trend[NodaTime.Text.LocalDatePattern.Iso.Parse(day.GetProperty("start").GetString()!).Value].Count, day.GetProperty("count").GetInt64());
        }

        Assert.Equal(days.Select(d => d.GetProperty("start").GetString()).Order(StringComparer.Ordinal), days.Select(d => d.GetProperty("start").GetString()));
    }

    [Fact]
    public void ToJson_PromisesMeasuresAndTheReview_AsDocumented()
    {
        var scorecard = CxScoring.Tests.Scorecards.PromiseReviewTests.ScorecardOf(
            ("letter", NodaTime.Duration.FromDays(3), 10), ("chat", NodaTime.Duration.FromHours(2), 50), ("phone", NodaTime.Duration.FromDays(2), 20));
        using var json = JsonDocument.Parse(ScorecardJsonWriter.WriteToString(scorecard));
        var root = json.RootElement;
        var measure = Assert.Single(root.GetProperty("measures").EnumerateArray());
        Assert.Equal("reply", measure.GetProperty("id").GetString());
        Assert.Equal("duration", measure.GetProperty("kind").GetString());
        Assert.Equal(80, measure.GetProperty("count").GetInt64());

        var promises = root.GetProperty("promises").EnumerateArray().ToList();
        Assert.Equal(scorecard.ByPromise.Select(p => p.Id), promises.Select(p => p.GetProperty("id").GetString()));
        var loose = promises[0];
        Assert.Equal("reply", loose.GetProperty("measure").GetString());
        Assert.Equal("contract", loose.GetProperty("source").GetString());
        Assert.Equal("letter", loose.GetProperty("scope").GetProperty("touchpoint").GetString());
        Assert.Equal("We reply within 5 working days.", loose.GetProperty("description").GetString());
        Assert.Equal("billing/disputes", loose.GetProperty("owner").GetString());
        Assert.Equal("setTooLoose", loose.GetProperty("verdict").GetString());
        Assert.Equal(10, loose.GetProperty("letterVsSpirit").GetProperty("keptButMissed").GetInt64());
        Assert.Equal(20, promises[2].GetProperty("letterVsSpirit").GetProperty("brokenAndMissed").GetInt64());
        Assert.Equal("serviceLevelAgreement", promises[2].GetProperty("source").GetString());
        Assert.Equal("noOutcomes", promises[4].GetProperty("verdict").GetString());
        Assert.Equal(0, root.GetProperty("withoutModelPromise").GetProperty("count").GetInt64());

        var review = root.GetProperty("promiseReview");
        Assert.Equal(["strict", "loose"], review.GetProperty("setWrong").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["right"], review.GetProperty("broken").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Write_Null_ThrowsNamingParameter()
    {
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.WriteToString(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.Write(Sample(), (Stream)null!)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => ScorecardJsonWriter.Write(Sample(), (Utf8JsonWriter)null!)).ParamName);
    }
}
