using System.Text;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Tests.OutcomeFiles;

/// <summary>Plain numbers for time measures read in the measure's unit, from the model file through the outcome readers to the score.</summary>
public class TimeUnitReadingTests
{
    private const string MinutesModel = """
        {
          "schemaVersion": 1,
          "name": "minutes",
          "touchpoints": [ { "id": "chat", "stage": "support", "channel": "chat" } ],
          "measures": [ { "id": "wait", "kind": "duration", "unit": "minutes", "scale": 5 } ],
          "promises": [ { "id": "p1", "measure": "wait", "level": 60, "source": "advertising" } ],
          "expectations": [ { "measure": "wait", "adequate": { "value": "PT90M" }, "desired": { "relativeToPromise": -30 } } ]
        }
        """;

    private static readonly ScoringModel Model = ScoringModelJson.Parse(MinutesModel);

    [Fact]
    public void Parse_UnitMinutes_ReadsPlainNumbersAsMinutes()
    {
        Assert.True(Model.TryGetMeasure("wait", out var measure));
        Assert.Equal(TimeUnit.Minutes, measure.TimeUnit);
        Assert.Equal(300, measure.Scale);
        var promise = Assert.Single(Model.Promises);
        Assert.Equal(3600, promise.Level);
        var expectation = Assert.Single(Model.Expectations);
        Assert.Equal(5400, expectation.Adequate.Resolve(3600));
        Assert.Equal(1800, expectation.Desired.Resolve(3600));
    }

    [Theory]
    [InlineData("P2D", 172_800)]
    [InlineData("PT1H30M", 5_400)]
    [InlineData("-PT2H", -7_200)]
    [InlineData("70", 4_200)]
    [InlineData("2.5", 150)]
    public void TryParseValue_TimeMeasure_ReadsDurationsAndNumbersInItsUnit(string text, double seconds)
    {
        Assert.True(Model.TryGetMeasure("wait", out var measure));
        Assert.True(ScoringModelJson.TryParseValue(measure, text, out var value));
        Assert.Equal(seconds, value);
    }

    [Theory]
    [InlineData("2 days")]
    [InlineData("P1M")]
    [InlineData("2,5")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("NaN")]
    public void TryParseValue_NotAValue_ReturnsFalse(string? text)
    {
        Assert.True(Model.TryGetMeasure("wait", out var measure));
        Assert.False(ScoringModelJson.TryParseValue(measure, text, out var value));
        Assert.Equal(0, value);
        Assert.False(ScoringModelJson.TryParseValue(Measure.Rating("stars", 5, 2), text, out _));
    }

    [Fact]
    public void TryParseValue_OtherMeasures_ReadNumbersAsTheyAreAndNoDurations()
    {
        var rating = Measure.Rating("stars", 5, 2);
        Assert.True(ScoringModelJson.TryParseValue(rating, "4.5", out var value));
        Assert.Equal(4.5, value);
        Assert.False(ScoringModelJson.TryParseValue(rating, "PT2H", out _));
    }

    [Fact]
    public void ToJson_UnitMinutes_RoundTrips()
    {
        var json = ScoringModelJson.ToJson(Model);
        Assert.Contains("\"unit\": \"minutes\"", json, StringComparison.Ordinal);
        Assert.Equal(Model.Measures.ToArray(), ScoringModelJson.Parse(json).Measures.ToArray());
    }

    [Fact]
    public void Parse_NoUnit_ReadsPlainNumbersAsSeconds()
    {
        var model = ScoringModelJson.Parse(MinutesModel.Replace("\"unit\": \"minutes\", ", string.Empty, StringComparison.Ordinal));
        Assert.True(model.TryGetMeasure("wait", out var measure));
        Assert.Equal(TimeUnit.Seconds, measure.TimeUnit);
        Assert.Equal(5, measure.Scale);
        Assert.Equal(60, Assert.Single(model.Promises).Level);
    }

    [Fact]
    public void Parse_UnknownUnit_IsOneProblemAtTheUnit()
    {
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(MinutesModel.Replace("\"minutes\"", "\"fortnights\"", StringComparison.Ordinal)));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.measures[0].unit", problem.Path);
        Assert.Contains("seconds, minutes, hours, days", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"customer":"c1","touchpoint":"chat","measure":"wait","value":70,"observedAt":"2025-03-01T09:30:00Z"}""")]
    [InlineData("""{"customer":"c1","touchpoint":"chat","measure":"wait","value":"70","observedAt":"2025-03-01T09:30:00Z"}""")]
    [InlineData("""{"customer":"c1","touchpoint":"chat","measure":"wait","value":"PT70M","observedAt":"2025-03-01T09:30:00Z"}""")]
    public void NdjsonReader_WithModel_ReadsSeventyMinutesAs4200Seconds(string line)
    {
        var reader = new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(line)), new OutcomeReaderOptions { Model = Model });
        Assert.Equal(4200, Assert.Single(reader.ReadAll()).Value);
    }

    [Fact]
    public void NdjsonReader_WithModel_ConvertsThePromisedLevel()
    {
        const string line = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":70,"promisedLevel":45,"observedAt":"2025-03-01T09:30:00Z"}""";
        var reader = new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(line)), new OutcomeReaderOptions { Model = Model });
        Assert.Equal(2700, Assert.Single(reader.ReadAll()).PromisedLevel);
    }

    [Fact]
    public void NdjsonReader_WithoutModel_ReadsPlainNumbersAsTheyAre()
    {
        const string line = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":70,"observedAt":"2025-03-01T09:30:00Z"}""";
        var reader = new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(line)));
        Assert.Equal(70, Assert.Single(reader.ReadAll()).Value);
    }

    [Fact]
    public void CsvReader_WithModel_ReadsSeventyMinutesAs4200Seconds()
    {
        const string text = "customer,touchpoint,measure,value,observedAt\nc1,chat,wait,70,2025-03-01T09:30:00Z\nc2,chat,wait,PT70M,2025-03-01T09:30:00Z\n";
        var reader = new CsvOutcomeReader(new StringReader(text), new OutcomeReaderOptions { Model = Model });
        Assert.All(reader.ReadAll(), o => Assert.Equal(4200, o.Value));
        Assert.Equal(2, reader.Report.Read);
    }

    [Fact]
    public void Score_SeventyMinutes_IsTheSameThroughTryScoreAndTheEngine()
    {
        const string line = """{"customer":"c1","touchpoint":"chat","measure":"wait","value":70,"observedAt":"2025-03-01T09:30:00Z"}""";
        var outcome = Assert.Single(new NdjsonOutcomeReader(new MemoryStream(Encoding.UTF8.GetBytes(line)), new OutcomeReaderOptions { Model = Model }).ReadAll());

        Assert.True(Model.TryScore(outcome, out var direct, out _));
        Assert.Equal(4200, direct.Delivered);
        Assert.Equal(3600, direct.Promised);

        var plan = ScoringPlan.Compile(Model);
        Assert.True(plan.TryScore(plan.ToRow(outcome), out var planned, out _));
        Assert.Equal(direct, planned);

        var engine = new ScoringEngine(plan);
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes([outcome], builder);
        var total = builder.Build().Total;
        Assert.Equal(1, total.Count);
        Assert.Equal(direct.Score, total.MinScore);
    }

    [Theory]
    [InlineData(OutcomeFileFormat.Ndjson, "{\"customer\":\"c1\",\"touchpoint\":\"chat\",\"measure\":\"wait\",\"value\":70,\"observedAt\":\"2025-03-01T09:30:00Z\"}\n")]
    [InlineData(OutcomeFileFormat.Csv, "customer,touchpoint,measure,value,observedAt\nc1,chat,wait,70,2025-03-01T09:30:00Z\n")]
    public async Task ScoreStreamAsync_ModelInMinutes_ReadsPlainNumbersAsTheReadersDo(OutcomeFileFormat format, string text)
    {
        var engine = new ScoringEngine(Model);
        var result = await engine.ScoreStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), format);
        var outcome = new Outcome("c1", "chat", "wait", 4200, NodaTime.Instant.FromUtc(2025, 3, 1, 9, 30));
        Assert.True(Model.TryScore(outcome, out var expected, out _));
        Assert.Equal(1, result.Scorecard.Total.Count);
        Assert.Equal(expected.Score, result.Scorecard.Total.MinScore);
    }

    [Fact]
    public void FromNumber_ConvertsOnlyTimeMeasures()
    {
        Assert.Equal(4200, Measure.Duration("d", Duration.FromMinutes(5), timeUnit: TimeUnit.Minutes).FromNumber(70));
        Assert.Equal(2 * 86400, Measure.Deadline("l", Duration.FromHours(1), TimeUnit.Days).FromNumber(2));
        Assert.Equal(3 * 3600, Measure.Duration("d", Duration.FromMinutes(5), Polarity.LowerIsBetter, false, TimeUnit.Hours).FromNumber(3));
        Assert.Equal(70, Measure.Duration("d", Duration.FromMinutes(5)).FromNumber(70));
        Assert.Equal(70, Measure.Count("c", 5).FromNumber(70));
    }
}
