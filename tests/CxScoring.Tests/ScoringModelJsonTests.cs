using System.Text;
using CxScoring.Model;
using CxScoring.ModelFiles;
using CxScoring.Tests.ModelFiles;
using FsCheck.Xunit;

namespace CxScoring.Tests;

public class ScoringModelJsonTests
{
    // Line numbers below refer to this text: line 1 is "{".
    private const string Valid = """
        {
          "schemaVersion": 1,
          "name": "t",
          "touchpoints": [
            { "id": "chat", "stage": "support", "channel": "chat" }
          ],
          "measures": [
            { "id": "wait", "kind": "duration", "scale": "PT5M" },
            { "id": "on-time", "kind": "deadline", "scale": "PT1H" }
          ],
          "promises": [
            { "id": "p1", "measure": "wait", "level": "PT2M", "source": "advertising" },
            { "id": "p2", "measure": "on-time", "source": "contract", "deadline": { "time": "17:00", "zone": "Europe/Berlin", "daysAfter": 1 } }
          ],
          "expectations": [
            { "measure": "wait", "adequate": { "value": "PT5M" }, "desired": { "value": "PT1M" } }
          ]
        }
        """;

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 150)]
    public void ToJson_ThenParse_GivesAnEqualModel(ScoringModel model)
    {
        var json = ScoringModelJson.ToJson(model);
        var back = ScoringModelJson.Parse(json);
        AssertEqualModels(model, back);
        Assert.Equal(json, ScoringModelJson.ToJson(back));
    }

    [Fact]
    public void Parse_ValidModel_ReadsEveryElement()
    {
        var model = ScoringModelJson.Parse(Valid);
        Assert.Equal("t", model.Name);
        Assert.Equal(new Touchpoint("chat", JourneyStage.Support, Channel.Chat), Assert.Single(model.Touchpoints));
        Assert.Equal(300, model.Measures[0].Scale);
        Assert.Equal(120, model.Promises[0].Level);
        var deadline = model.Promises[1].Deadline!;
        Assert.Equal(new NodaTime.LocalTime(17, 0), deadline.TimeOfDay);
        Assert.Equal("Europe/Berlin", deadline.Zone.Id);
        Assert.Equal(1, deadline.DaysAfter);
        Assert.Equal(ExpectationLevel.Absolute(60), model.Expectations[0].Desired);
    }

    [Fact]
    public void Parse_UnknownReference_ReportsPathLineAndKnownIds()
    {
        var problem = SingleProblem(Valid.Replace("\"measure\": \"wait\", \"level\"", "\"measure\": \"wiat\", \"level\"", StringComparison.Ordinal));
        Assert.Equal("$.promises[0].measure", problem.Path);
        Assert.Equal(12, problem.Line);
        Assert.Equal("Unknown measure 'wiat'; did you mean 'wait'? Known measures: wait, on-time.", problem.Message);
    }

    [Fact]
    public void Parse_DuplicateId_ReportsTheSecondAndWhereTheFirstIs()
    {
        var text = Valid.Replace("""{ "id": "chat", "stage": "support", "channel": "chat" }""", """{ "id": "chat", "stage": "support", "channel": "chat" }, { "id": "chat", "stage": "usage", "channel": "chat" }""", StringComparison.Ordinal);
        var problem = SingleProblem(text);
        Assert.Equal("$.touchpoints[1].id", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.StartsWith("Duplicate touchpoint id 'chat'; it is defined first at $.touchpoints[0] (line 5).", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvertedZone_ReportsTheExpectationPath()
    {
        var problem = SingleProblem(Valid.Replace("\"desired\": { \"value\": \"PT1M\" }", "\"desired\": { \"value\": \"PT10M\" }", StringComparison.Ordinal));
        Assert.Equal("$.expectations[0]", problem.Path);
        Assert.Equal(16, problem.Line);
        Assert.StartsWith("Inverted zone of tolerance for measure 'wait'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTimeZone_ReportsTheZonePath()
    {
        var problem = SingleProblem(Valid.Replace("Europe/Berlin", "Europe/Berln", StringComparison.Ordinal));
        Assert.Equal("$.promises[1].deadline.zone", problem.Path);
        Assert.Equal(13, problem.Line);
        Assert.StartsWith("'Europe/Berln' is not a known IANA time zone id", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("P1M")]
    [InlineData("PT")]
    [InlineData("P1Y2D")]
    public void Parse_BadDuration_ReportsTheScalePath(string duration)
    {
        var problem = SingleProblem(Valid.Replace("\"PT5M\" }", $"\"{duration}\" }}", StringComparison.Ordinal));
        Assert.Equal("$.measures[0].scale", problem.Path);
        Assert.Equal(8, problem.Line);
        Assert.StartsWith($"'{duration}' is not a valid duration; use an ISO-8601 duration", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedSchemaVersion_ReportsOnlyThat()
    {
        var problem = SingleProblem(Valid.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 3", StringComparison.Ordinal).Replace("PT5M", "bad", StringComparison.Ordinal));
        Assert.Equal("$.schemaVersion", problem.Path);
        Assert.Equal(2, problem.Line);
        Assert.Equal("Unsupported schemaVersion 3; this version of CxScoring reads schemaVersion 1 and 2.", problem.Message);
    }

    [Fact]
    public void Parse_MissingRequiredField_ReportsThePropertyPathAndTheObjectLine()
    {
        var problem = SingleProblem(Valid.Replace(", \"source\": \"advertising\"", string.Empty, StringComparison.Ordinal));
        Assert.Equal("$.promises[0].source", problem.Path);
        Assert.Equal(12, problem.Line);
        Assert.Equal("Missing required property 'source'.", problem.Message);
    }

    [Fact]
    public void Parse_WrongType_ReportsExpectedAndFound()
    {
        var problem = SingleProblem(Valid.Replace("\"channel\": \"chat\" }", "\"channel\": \"chat\", \"weight\": \"heavy\" }", StringComparison.Ordinal));
        Assert.Equal("$.touchpoints[0].weight", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Equal("Expected a number; found a string.", problem.Message);
    }

    [Fact]
    public void Parse_UnknownProperty_ReportsItWithTheAllowedOnes()
    {
        var problem = SingleProblem(Valid.Replace("\"channel\": \"chat\" }", "\"channel\": \"chat\", \"colour\": \"red\" }", StringComparison.Ordinal));
        Assert.Equal("$.touchpoints[0].colour", problem.Path);
        Assert.Equal("Unknown property 'colour'; allowed here: id, name, stage, channel, weight, owner.", problem.Message);
    }

    [Fact]
    public void Parse_MeasureSource_PerceivedWhenStated_DeliveredWhenLeftOut_AndWrittenBackOnlyWhenPerceived()
    {
        var json = Valid.Replace("{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" }", "{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" },\n    { \"id\": \"csat\", \"kind\": \"rating\", \"points\": 5, \"source\": \"perceived\" }", StringComparison.Ordinal);
        var model = ScoringModelJson.Parse(json);
        Assert.Equal([MeasureSource.Delivered, MeasureSource.Delivered, MeasureSource.Perceived], model.Measures.Select(m => m.Source));
        var written = ScoringModelJson.ToJson(model);
        Assert.Contains("\"source\":\"perceived\"", written.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\"source\":\"delivered\"", written.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(model.Measures.ToArray(), ScoringModelJson.Parse(written).Measures.ToArray());
    }

    [Fact]
    public void Parse_RatedBy_NamesAPerceivedMeasure_AndIsWrittenBack()
    {
        var model = ScoringModelJson.Parse(Rated("\"ratedBy\": \"csat\""));
        Assert.Equal("csat", model.Measures[0].RatedBy);
        Assert.Null(model.Measures[1].RatedBy);
        var written = ScoringModelJson.ToJson(model);
        Assert.Contains("\"ratedBy\":\"csat\"", written.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(model.Measures.ToArray(), ScoringModelJson.Parse(written).Measures.ToArray());
    }

    [Theory]
    [InlineData("\"ratedBy\": \"cast\"", "Is rated by measure 'cast', which has not been added.")]
    [InlineData("\"ratedBy\": \"on-time\"", "Is rated by measure 'on-time', which is a delivered measure")]
    [InlineData("\"ratedBy\": \"wait\"", "Measure 'wait' cannot be rated by itself")]
    [InlineData("\"ratedBy\": \"\"", "A measure's ratedBy names a perceived measure; it cannot be empty.")]
    public void Parse_RatedByNotAPerceivedMeasure_ReportsTheRatedByPath(string ratedBy, string message)
    {
        var problem = SingleProblem(Rated(ratedBy));
        Assert.Equal("$.measures[0].ratedBy", problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
    }

    private static string Rated(string ratedBy)
        => Valid.Replace("{ \"id\": \"wait\", \"kind\": \"duration\", \"scale\": \"PT5M\" }", "{ \"id\": \"wait\", \"kind\": \"duration\", \"scale\": \"PT5M\", " + ratedBy + " }", StringComparison.Ordinal)
            .Replace("{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" }", "{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" },\n    { \"id\": \"csat\", \"kind\": \"rating\", \"points\": 5, \"source\": \"perceived\" }", StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownMeasureSource_ReportsThePathAndTheValues()
    {
        var problem = SingleProblem(Valid.Replace("{ \"id\": \"wait\", \"kind\": \"duration\", \"scale\": \"PT5M\" }", "{ \"id\": \"wait\", \"kind\": \"duration\", \"scale\": \"PT5M\", \"source\": \"survey\" }", StringComparison.Ordinal));
        Assert.Equal("$.measures[0].source", problem.Path);
        Assert.Equal("'survey' is not a valid source; use one of: delivered, perceived.", problem.Message);
    }

    [Fact]
    public void Parse_UnknownEnumValue_ListsTheValues()
    {
        var problem = SingleProblem(Valid.Replace("\"support\"", "\"helpdesk\"", StringComparison.Ordinal));
        Assert.Equal("$.touchpoints[0].stage", problem.Path);
        Assert.Equal("'helpdesk' is not a valid stage; use one of: awareness, consideration, purchase, onboarding, usage, support, billing, renewal, exit, unspecified.", problem.Message);
    }

    [Fact]
    public void Parse_InvertedValidity_ReportsValidTo()
    {
        var problem = SingleProblem(Valid.Replace("\"source\": \"advertising\"", "\"source\": \"advertising\", \"validFrom\": \"2025-06-01T00:00:00Z\", \"validTo\": \"2025-01-01T00:00:00Z\"", StringComparison.Ordinal));
        Assert.Equal("$.promises[0].validTo", problem.Path);
        Assert.Contains("inverted", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeadlineRuleAndLevelOnDurationMeasure_ReportsTheLevel()
    {
        var problem = SingleProblem(Valid.Replace("\"source\": \"advertising\"", "\"source\": \"advertising\", \"deadline\": { \"time\": \"09:00\", \"zone\": \"UTC\" }", StringComparison.Ordinal));
        Assert.Equal("$.promises[0].level", problem.Path);
        Assert.Equal("Promise on duration measure 'wait' is stated by a calendar rule ('deadline' or 'within'), which gives each request its own promised duration; remove 'level'.", problem.Message);
    }

    [Fact]
    public void Parse_ElementRejectedByTheDomainModel_ReportsTheProperty()
    {
        var problem = SingleProblem(Valid.Replace("\"channel\": \"chat\" }", "\"channel\": \"chat\", \"weight\": -2 }", StringComparison.Ordinal));
        Assert.Equal("$.touchpoints[0].weight", problem.Path);
        Assert.StartsWith("Touchpoint 'chat': the importance weight must be a finite number greater than 0.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PromiseOwner_IsOptional_AndRead()
    {
        Assert.Null(ScoringModelJson.Parse(Valid).Promises[0].Owner);
        var model = ScoringModelJson.Parse(Valid.Replace("\"source\": \"advertising\" }", "\"source\": \"advertising\", \"owner\": \"legal/letters\" }", StringComparison.Ordinal));
        Assert.Equal("legal/letters", model.Promises[0].Owner);
        Assert.Contains("\"owner\": \"legal/letters\"", ScoringModelJson.ToJson(model), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PromiseOwnerWithAnEmptyPart_ReportsTheProperty()
    {
        var problem = SingleProblem(Valid.Replace("\"source\": \"advertising\" }", "\"source\": \"advertising\", \"owner\": \"legal//letters\" }", StringComparison.Ordinal));
        Assert.StartsWith("$.promises[0]", problem.Path, StringComparison.Ordinal);
        Assert.Contains("no empty part", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsTheLine()
    {
        var problem = SingleProblem(Valid.Replace("\"name\": \"t\",", "\"name\": \"t\"", StringComparison.Ordinal));
        Assert.Equal("$", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("The file is not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeep_IsRefused()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var problem = SingleProblem(Valid.Replace("\"name\": \"t\",", $"\"name\": \"t\", \"x\": {deep},", StringComparison.Ordinal));
        Assert.Contains("depth", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_TooLarge_IsRefused()
    {
        var huge = "{\"name\": \"" + new string('x', ScoringModelJson.MaxBytes) + "\"}";
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(huge));
        Assert.Contains("larger than the limit", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllOfThemInLineOrder()
    {
        var text = Valid
            .Replace("\"support\"", "\"helpdesk\"", StringComparison.Ordinal)
            .Replace("PT1H", "1h", StringComparison.Ordinal)
            .Replace("Europe/Berlin", "Mars/Olympus", StringComparison.Ordinal)
            .Replace("\"desired\": { \"value\": \"PT1M\" }", "\"desired\": { }", StringComparison.Ordinal);
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(text));
        Assert.Equal(["$.touchpoints[0].stage", "$.measures[1].scale", "$.promises[1].deadline.zone", "$.expectations[0].desired"], ex.Problems.Select(p => p.Path));
        Assert.Equal([5L, 9L, 13L, 16L], ex.Problems.Select(p => p.Line!.Value));
        Assert.Contains("4 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.measures[1].scale (line 9): '1h' is not a valid duration", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Stream_ReadsTheModel()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Valid));
        var model = await ScoringModelJson.LoadAsync(stream);
        Assert.Equal(2, model.Promises.Length);
    }

    [Fact]
    public void SaveFile_ThenLoadFile_GivesAnEqualModel()
    {
        var model = ModelArbitraries.Create(7);
        var path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.json");
        try
        {
            ScoringModelJson.SaveFile(model, path);
            AssertEqualModels(model, ScoringModelJson.LoadFile(path));
            using var stream = new MemoryStream();
            ScoringModelJson.Save(model, stream);
            stream.Position = 0;
            AssertEqualModels(model, ScoringModelJson.Load(stream));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_ByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();
        Assert.Equal("t", ScoringModelJson.Parse(bytes).Name);
    }

    [Fact]
    public async Task Methods_NullArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => ScoringModelJson.Parse((string)null!)).ParamName);
        Assert.Equal("utf8Json", Assert.Throws<ArgumentNullException>(() => ScoringModelJson.Load(null!)).ParamName);
        Assert.Equal("utf8Json", (await Assert.ThrowsAsync<ArgumentNullException>(() => ScoringModelJson.LoadAsync(null!))).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => ScoringModelJson.LoadFile(" ")).ParamName);
        Assert.Equal("path", (await Assert.ThrowsAsync<ArgumentException>(() => ScoringModelJson.LoadFileAsync(""))).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ScoringModelJson.ToJson(null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ScoringModelJson.Save(null!, Stream.Null)).ParamName);
        Assert.Equal("utf8Json", Assert.Throws<ArgumentNullException>(() => ScoringModelJson.Save(ModelArbitraries.Create(1), null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => ScoringModelJson.SaveFile(ModelArbitraries.Create(1), "")).ParamName);
    }

    internal static void AssertEqualModels(ScoringModel expected, ScoringModel actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.FeltValue, actual.FeltValue);
        Assert.Equal(expected.Segments.ToList(), actual.Segments.ToList());
        Assert.Equal(expected.Touchpoints.ToList(), actual.Touchpoints.ToList());
        Assert.Equal(expected.Measures.ToList(), actual.Measures.ToList());
        Assert.Equal(expected.Promises.ToList(), actual.Promises.ToList());
        Assert.Equal(expected.Expectations.ToList(), actual.Expectations.ToList());
        Assert.Equal(expected.Calendars.ToList(), actual.Calendars.ToList());
    }

    private static ModelProblem SingleProblem(string json)
    {
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        return Assert.Single(ex.Problems);
    }

    [Fact]
    public void Parse_UnknownReferenceWithNothingNear_ListsTheKnownIdsOnly()
    {
        var problem = SingleProblem(Valid.Replace("\"measure\": \"wait\", \"level\"", "\"measure\": \"queue-length\", \"level\"", StringComparison.Ordinal));
        Assert.Equal("Unknown measure 'queue-length'; known measures: wait, on-time.", problem.Message);
    }

    [Fact]
    public void Parse_UnknownReferenceAmongManyIds_ListsTenAndSuggestsTheNearest()
    {
        var touchpoints = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $$"""{ "id": "tp-{{i}}", "stage": "support", "channel": "chat" }"""));
        var json = Valid.Replace("""{ "id": "chat", "stage": "support", "channel": "chat" }""", touchpoints, StringComparison.Ordinal)
            .Replace("\"source\": \"advertising\" }", "\"source\": \"advertising\", \"scope\": { \"touchpoint\": \"tp-4999x\" } }", StringComparison.Ordinal);
        var problem = SingleProblem(json);
        Assert.Equal("$.promises[0].scope.touchpoint", problem.Path);
        Assert.Equal("Unknown touchpoint 'tp-4999x'; did you mean 'tp-4999'? Known touchpoints: tp-0, tp-1, tp-2, tp-3, tp-4, tp-5, tp-6, tp-7, tp-8, tp-9, … (5000 in all).", problem.Message);
    }

    [Fact]
    public void Parse_ThousandsOfConflictingPromises_ReportsTheGroupOnceInLinearMemory()
    {
        var promises = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $$"""{ "id": "q{{i}}", "measure": "wait", "level": "PT2M", "source": "advertising" }"""));
        var json = Valid.Replace("""{ "id": "p1", "measure": "wait", "level": "PT2M", "source": "advertising" }""", promises, StringComparison.Ordinal);
        var utf8 = Encoding.UTF8.GetBytes(json);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(utf8));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.promises[1]", problem.Path);
        Assert.StartsWith("Conflicts with promise 'q0' and 1,998 more", problem.Message, StringComparison.Ordinal);
        Assert.True(allocated < 100L * utf8.Length, $"Loading a {utf8.Length}-byte file allocated {allocated} bytes; loading must stay linear in the file size.");
    }

    [Fact]
    public void Parse_ThousandsOfUnknownReferences_StopsSuggestingAtTheCapInLinearMemory()
    {
        var touchpoints = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $$"""{ "id": "tp-{{i}}", "stage": "support", "channel": "chat" }"""));
        var promises = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $$"""{ "id": "q{{i}}", "measure": "wait", "level": "PT2M", "source": "advertising", "scope": { "touchpoint": "tq-{{i}}" } }"""));
        var json = Valid.Replace("""{ "id": "chat", "stage": "support", "channel": "chat" }""", touchpoints, StringComparison.Ordinal)
            .Replace("""{ "id": "p1", "measure": "wait", "level": "PT2M", "source": "advertising" }""", promises, StringComparison.Ordinal);
        var utf8 = Encoding.UTF8.GetBytes(json);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(utf8));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 100L * utf8.Length, $"Loading a {utf8.Length}-byte file allocated {allocated} bytes; suggestions must stay bounded.");
        Assert.Equal(ModelJsonReader.MaxProblems + 1, ex.Problems.Count);
        Assert.StartsWith("Unknown touchpoint 'tq-0'; did you mean 'tp-0'?", ex.Problems[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("more problems, not listed; fix the ones above first.", ex.Problems[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DurationMeasureAllowingNegatives_ReadsAndWritesIt()
    {
        var model = ScoringModelJson.Parse(Valid.Replace("""{ "id": "wait", "kind": "duration", "scale": "PT5M" }""", """{ "id": "wait", "kind": "duration", "scale": "PT5M", "allowNegative": true }""", StringComparison.Ordinal));
        Assert.True(model.Measures[0].AllowsNegative);
        Assert.True(model.Measures[0].Admits(-300));
        Assert.Contains("\"allowNegative\": true", ScoringModelJson.ToJson(model), StringComparison.Ordinal);
        Assert.Equal(model.Measures[0], ScoringModelJson.Parse(ScoringModelJson.ToJson(model)).Measures[0]);

        var strict = ScoringModelJson.Parse(Valid);
        Assert.False(strict.Measures[0].AllowsNegative);
        Assert.DoesNotContain("allowNegative", ScoringModelJson.ToJson(strict), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateProperty_ReportsItsOwnPath()
    {
        var problem = SingleProblem(Valid.Replace("\"scale\": \"PT1H\" }", "\"scale\": \"PT1H\", \"scale\": \"PT2H\" }", StringComparison.Ordinal));
        Assert.Equal("$.measures[1].scale", problem.Path);
        Assert.Equal(9, problem.Line);
        Assert.StartsWith("Duplicate property 'scale' in the object that starts on line 9", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InAString_IsAModelProblemWithPathAndLine()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("\"Europe/Berlin\"", "\"Europe/Berlin\u00FF\"", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(bytes));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.promises[1].deadline.zone", problem.Path);
        Assert.Equal(13, problem.Line);
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"name\": \"t\\uD800\"", "$.name")]
    [InlineData("\"name\": \"t\", \"segments\": [\"\\uDC00\"]", "$.segments[0]")]
    [InlineData("\"name\": \"t\", \"\\uD800\": 1", "$")]
    public void Parse_LoneSurrogateEscape_IsAModelProblemWithPathAndLine(string replacement, string path)
    {
        var problem = SingleProblem(Valid.Replace("\"name\": \"t\"", replacement, StringComparison.Ordinal));
        Assert.Equal(path, problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Contains("unpaired UTF-16 surrogate", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WideObject_FinishesInLinearTime()
    {
        // 200,000 properties in one object: a linear duplicate check per property took minutes.
        var json = new StringBuilder("{\"schemaVersion\": 1, \"name\": \"t\", \"feltValue\": {");
        for (var i = 0; i < 200_000; i++)
        {
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"p{i}\": 0, ");
        }

        json.Append("\"p0\": 1}}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json.ToString()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains(ex.Problems, p => p.Path == "$.feltValue.p0" && p.Message.StartsWith("Duplicate property 'p0'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyProblems_ListsTheFirstOnesAndCountsTheRest()
    {
        var json = "{\"schemaVersion\": 1, \"name\": \"t\", \"segments\": [" + string.Join(",", Enumerable.Repeat("0", 5000)) + "]}";
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        Assert.Equal(201, ex.Problems.Count);
        Assert.Equal("$", ex.Problems[^1].Path);
        Assert.Equal("…and 4800 more problems, not listed; fix the ones above first.", ex.Problems[^1].Message);
        Assert.True(ex.Message.Length < 100_000);
    }

    [Fact]
    public void Parse_MoreValuesThanTheLimit_IsRefusedWithoutBuildingThemAll()
    {
        var json = "{\"schemaVersion\": 1, \"name\": \"t\", \"segments\": [" + string.Join(",", Enumerable.Repeat("0", 2_100_000)) + "]}";
        var problem = SingleProblem(json);
        Assert.Equal("$.segments", problem.Path);
        Assert.Contains("more than 2000000 JSON values", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MillionsOfUnknownProperties_DoesNotBuildMessagesThatAreNotListed()
    {
        // 300,000 unknown properties: only 200 problems are listed, so the other messages must not be built
        // (they were, which more than doubled the bytes allocated).
        var json = System.Text.Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"name\":\"t\",\"feltValue\":{" + string.Join(",", Enumerable.Range(0, 300_000).Select(i => $"\"{i}\":0")) + "}}");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(201, ex.Problems.Count);
        Assert.StartsWith("…and 2998", ex.Problems[^1].Message, StringComparison.Ordinal);
        Assert.True(allocated < 120_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Parse_NumberMeasure_ScoresNegativeValues()
    {
        const string json = """
            {
              "schemaVersion": 1,
              "name": "balances",
              "touchpoints": [ { "id": "statement" } ],
              "measures": [ { "id": "balance", "kind": "number", "polarity": "higherIsBetter", "unit": "EUR-equivalent", "scale": 50 } ],
              "promises": [ { "id": "p1", "measure": "balance", "level": -20, "source": "implicit" } ],
              "expectations": [ { "measure": "balance", "adequate": { "value": -100 }, "desired": { "value": 0 } } ]
            }
            """;
        var model = ScoringModelJson.Parse(json);
        Assert.True(model.TryGetMeasure("balance", out var measure));
        Assert.Equal(Measure.Number("balance", 50, CxScoring.Gaps.Polarity.HigherIsBetter, "EUR-equivalent"), measure);
        var outcome = new Outcome("c1", "statement", "balance", -70, NodaTime.Instant.FromUtc(2025, 3, 1, 0, 0));
        Assert.True(model.TryScore(outcome, out var result, out _));
        Assert.Equal(-70, result.Delivered);
        Assert.Equal(-20, result.Promised);
        var plan = CxScoring.Plans.ScoringPlan.Compile(model);
        Assert.True(plan.TryScore(plan.ToRow(outcome), out var planned, out _));
        Assert.Equal(result, planned);
        AssertEqualModels(model, ScoringModelJson.Parse(ScoringModelJson.ToJson(model)));
    }

    [Fact]
    public void Parse_NumberMeasureWithoutPolarity_IsAProblemAtThePolarity()
    {
        const string json = """{ "schemaVersion": 1, "name": "n", "measures": [ { "id": "balance", "kind": "number", "scale": 50 } ] }""";
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        Assert.Equal("$.measures[0].polarity", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void Parse_TouchpointWithoutStageOrChannel_IsUnspecified()
    {
        const string json = """{ "schemaVersion": 1, "name": "n", "touchpoints": [ { "id": "statement" }, { "id": "counter", "stage": "billing" } ] }""";
        var model = ScoringModelJson.Parse(json);
        Assert.True(model.TryGetTouchpoint("statement", out var touchpoint));
        Assert.Equal(JourneyStage.Unspecified, touchpoint.Stage);
        Assert.Equal(Channel.Unspecified, touchpoint.Channel);
        Assert.Equal("unspecified", touchpoint.Channel.ToString());
        Assert.True(model.TryGetTouchpoint("counter", out var counter));
        Assert.Equal(Channel.Unspecified, counter.Channel);
        AssertEqualModels(model, ScoringModelJson.Parse(ScoringModelJson.ToJson(model)));
    }

    [Fact]
    public void Parse_TouchpointWithABadStage_IsStillAProblem()
    {
        const string json = """{ "schemaVersion": 1, "name": "n", "touchpoints": [ { "id": "statement", "stage": "later" } ] }""";
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        Assert.Equal("$.touchpoints[0].stage", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void Parse_InvalidJson_NamesOneLineOnly()
    {
        var problem = SingleProblem(Valid.Replace("\"name\": \"t\",", "\"name\": \"t\"", StringComparison.Ordinal));
        Assert.Equal(4, problem.Line);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line", problem.ToString()[(problem.ToString().IndexOf(':', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("\"name\": \"t\", // the name")]
    [InlineData("\"name\": \"t\", /* the name */")]
    public void Parse_Comment_SaysCommentsAreNotAllowed(string named)
    {
        var problem = SingleProblem(Valid.Replace("\"name\": \"t\",", named, StringComparison.Ordinal));
        Assert.Equal(3, problem.Line);
        Assert.Contains("comments are not allowed", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"id\": \"chat\", \"stage\": \"support\", \"channel\": \"chat\", }", 5)]
    [InlineData("{ \"id\": \"chat\", \"stage\": \"support\", \"channel\": \"chat\" },", 6)]
    public void Parse_TrailingComma_SaysTrailingCommasAreNotAllowed(string touchpoint, long line)
    {
        var problem = SingleProblem(Valid.Replace("{ \"id\": \"chat\", \"stage\": \"support\", \"channel\": \"chat\" }", touchpoint, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.Contains("trailing commas are not allowed", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_NamesOneLineOnly()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("\"name\": \"t\"", "\"name\": \"t\u00e9\"", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0xC3);
        bytes[at + 1] = 0x28;
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(bytes.ToArray()));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(3, problem.Line);
        Assert.DoesNotContain("line", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoadFile_InvalidModel_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cx-invalid-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Valid.Replace("PT5M", "5 minutes", StringComparison.Ordinal));
        try
        {
            var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.LoadFile(path));
            Assert.Equal(path, ex.FileName);
            Assert.StartsWith($"The scoring model file '{path}' is invalid", ex.Message, StringComparison.Ordinal);
            var async = await Assert.ThrowsAsync<ScoringModelException>(() => ScoringModelJson.LoadFileAsync(path));
            Assert.Equal(path, async.FileName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_InvalidModel_NamesNoFile()
    {
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(Valid.Replace("PT5M", "5 minutes", StringComparison.Ordinal)));
        Assert.Null(ex.FileName);
        Assert.StartsWith("The scoring model is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"id\": \"temp\", \"kind\": \"count\", \"polarity\": \"nearerToTarget\", \"scale\": 2, \"target\": 21 }")]
    [InlineData("{ \"id\": \"temp\", \"kind\": \"money\", \"currency\": \"EUR\", \"polarity\": \"closer\", \"scale\": 2, \"target\": 21 }")]
    [InlineData("{ \"id\": \"temp\", \"kind\": \"number\", \"polarity\": \"nearerToTarget\", \"scale\": 2, \"target\": 21 }")]
    public void Parse_BadPolarity_IsTheOnlyProblem(string measure)
    {
        var problem = SingleProblem(Valid.Replace("{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" }", "{ \"id\": \"on-time\", \"kind\": \"deadline\", \"scale\": \"PT1H\" }, " + measure, StringComparison.Ordinal));
        Assert.Equal("$.measures[2].polarity", problem.Path);
    }

    [Fact]
    public void Parse_BadPolarityOfAReferencedMeasure_IsTheOnlyProblem()
    {
        var problem = SingleProblem(Valid.Replace("{ \"id\": \"wait\", \"kind\": \"duration\", \"scale\": \"PT5M\" }", "{ \"id\": \"wait\", \"kind\": \"duration\", \"polarity\": \"shorter\", \"scale\": \"PT5M\" }", StringComparison.Ordinal));
        Assert.Equal("$.measures[0].polarity", problem.Path);
    }

    [Fact]
    public void ToJson_LevelTooLargeToWrite_SaysWhatAndWhere()
    {
        var model = ScoringModelJson.Parse(Valid.Replace("\"level\": \"PT2M\"", "\"level\": \"PT9999999999999H\"", StringComparison.Ordinal)
            .Replace("\"adequate\": { \"value\": \"PT5M\" }, \"desired\": { \"value\": \"PT1M\" }", "\"adequate\": { \"relativeToPromise\": \"PT5M\" }, \"desired\": { \"relativeToPromise\": \"PT1M\" }", StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ScoringModelJson.ToJson(model));
        Assert.Equal("model", ex.ParamName);
        Assert.Contains("promise 'p1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.promises[0].level", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10^15 seconds", ex.Message, StringComparison.Ordinal);
    }
}
