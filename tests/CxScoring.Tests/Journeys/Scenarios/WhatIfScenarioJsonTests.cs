using CxScoring.Journeys.Scenarios;
using CxScoring.Model;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Journeys.Scenarios;

public class WhatIfScenarioJsonTests
{
    private const string LetterPromise = "letter-reply-5-working-days";
    private static readonly ScoringModel Model = ScoringModelJson.LoadFile(RepositoryFiles.PathOf("samples", "data", "telecom", "model.json"));

    [Fact]
    public void LoadFile_TelecomSample_ReadsTheThreeScenariosInOrderWithTheirChanges()
    {
        var scenarios = WhatIfScenarioJson.LoadFile(RepositoryFiles.PathOf("samples", "data", "telecom", "scenario.json"), Model);

        Assert.Equal(["letter in two days", "letters answered 50 % faster", "both"], scenarios.Select(s => s.Name));
        Assert.StartsWith("What if we promised a reply to a complaint letter within 2 days", scenarios[0].Description, StringComparison.Ordinal);
        Assert.Equal(2 * 86_400, scenarios[0].PromiseLevels[LetterPromise]);
        Assert.Empty(scenarios[0].DeliveryImprovements);
        Assert.Empty(scenarios[1].PromiseLevels);
        Assert.Equal(0.5, scenarios[1].DeliveryImprovements["complaint-letter"]);
        Assert.Equal(scenarios[0].PromiseLevels, scenarios[2].PromiseLevels);
        Assert.Equal(scenarios[1].DeliveryImprovements, scenarios[2].DeliveryImprovements);
    }

    [Theory]
    [InlineData("\"PT48H\"", 172_800)]
    [InlineData("\"P2DT1H30M\"", 178_200)]
    [InlineData("180000", 180_000)]
    [InlineData("\"180000\"", 180_000)]
    public void Parse_LevelForms_AreReadAsTheModelFileReadsThem(string level, double seconds)
    {
        var scenarios = WhatIfScenarioJson.Parse(File(Scenario("s", $"\"promises\": {{ \"{LetterPromise}\": {level} }}")), Model);

        Assert.Equal(seconds, Assert.Single(scenarios).PromiseLevels[LetterPromise]);
    }

    [Theory]
    [InlineData("20", 0.2)]
    [InlineData("\"12.5%\"", 0.125)]
    [InlineData("100", 1.0)]
    public void Parse_Percentages_AreReadAsFractions(string percent, double fraction)
    {
        var scenarios = WhatIfScenarioJson.Parse(File(Scenario("s", $"\"improve\": {{ \"complaint-letter\": {percent} }}")), Model);

        Assert.Equal(fraction, Assert.Single(scenarios).DeliveryImprovements["complaint-letter"]);
    }

    [Theory]
    [InlineData("\"promises\": { \"leter-reply-5-working-days\": \"P2D\" }", "$.scenarios[0].promises['leter-reply-5-working-days']", "did you mean 'letter-reply-5-working-days'?")]
    [InlineData("\"improve\": { \"complaint-leter\": 20 }", "$.scenarios[0].improve['complaint-leter']", "did you mean 'complaint-letter'?")]
    [InlineData("\"promises\": { \"upgrade-by-17-next-day\": \"PT2H\" }", "$.scenarios[0].promises['upgrade-by-17-next-day']", "is on the deadline measure 'upgrade-on-time' (on time is lateness 0), so it has no level to move")]
    [InlineData("\"promises\": { \"letter-reply-5-working-days\": \"2days\" }", "$.scenarios[0].promises['letter-reply-5-working-days']", "'2days' is not a level of measure 'reply-time' (a duration: give an ISO-8601 duration such as P2D")]
    [InlineData("\"promises\": { \"letter-reply-5-working-days\": \"-P2D\" }", "$.scenarios[0].promises['letter-reply-5-working-days']", "-P2D is outside the range of measure 'reply-time'")]
    [InlineData("\"promises\": { \"letter-reply-5-working-days\": true }", "$.scenarios[0].promises['letter-reply-5-working-days']", "Expected a level of measure 'reply-time' (a string such as \"P2D\" or a number); found a boolean")]
    [InlineData("\"improve\": { \"complaint-letter\": 0 }", "$.scenarios[0].improve['complaint-letter']", "'0' is not a percentage above 0 and at most 100")]
    [InlineData("\"improve\": { \"complaint-letter\": \"150%\" }", "$.scenarios[0].improve['complaint-letter']", "'150%' is not a percentage above 0 and at most 100")]
    [InlineData("\"promises\": { }", "$.scenarios[0]", "The scenario changes nothing")]
    [InlineData("\"promise\": { \"letter-reply-5-working-days\": \"P2D\" }", "$.scenarios[0].promise", "Unknown property 'promise'; did you mean 'promises'?")]
    [InlineData("\"promises\": { \"letter-reply-5-working-days\": 48 }", "$.scenarios[0].promises", "the level of 'letter-reply-5-working-days' reads 48 in seconds, the unit of measure 'reply-time'")]
    public void Parse_BadScenario_NamesThePathAndLineOfTheProblem(string changes, string path, string message)
    {
        var text = File(Scenario("s", changes));

        var e = Assert.Throws<ScenarioFileException>(() => WhatIfScenarioJson.Parse(text, Model));

        var problem = Assert.Single(e.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        var key = path.Split('.')[^1].Split('[')[^1].Trim('[', ']', '\'');
        Assert.Equal(path.EndsWith("[0]", StringComparison.Ordinal) ? LineOf(text, "\"name\"") - 1 : LineOf(text, $"\"{key}\""), problem.Line);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOneByLine()
    {
        var text = File(
            Scenario("same", "\"promises\": { \"leter\": \"P2D\" }"),
            Scenario("same", "\"improve\": { \"complaint-letter\": -5 }"),
            "{ \"name\": \"   \", \"improve\": { \"complaint-letter\": 10 } }",
            "42");

        var e = Assert.Throws<ScenarioFileException>(() => WhatIfScenarioJson.Parse(text, Model));

        Assert.Equal(
            ["$.scenarios[0].promises.leter", "$.scenarios[1].name", "$.scenarios[1].improve['complaint-letter']", "$.scenarios[2].name", "$.scenarios[3]"],
            e.Problems.Select(p => p.Path));
        Assert.Contains("already the name of the scenario on line 5", e.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(e.Problems.Select(p => p.Line).Order(), e.Problems.Select(p => p.Line));
    }

    [Theory]
    [InlineData("{ \"format\": \"cxscoring.scenario/1\", \"scenarios\": [] }", "$.scenarios", "The file holds no scenario")]
    [InlineData("{ \"format\": \"cxscoring.scenario/1\" }", "$.scenarios", "Missing required property 'scenarios'")]
    [InlineData("{ \"format\": \"cxscoring.scenario/2\", \"scenarios\": 1 }", "$.format", "Unsupported format 'cxscoring.scenario/2'")]
    [InlineData("{ \"scenarios\": [] }", "$.format", "Missing required property 'format'")]
    [InlineData("[]", "$", "A scenario file must be a JSON object; found an array")]
    [InlineData("{ \"format\": \"cxscoring.scenario/1\", \"scenarios\": [ }", "$", "")]
    [InlineData("{ \"format\": \"cxscoring.scenario/1\", \"scenarios\": [], \"scenarios\": [] }", "$.scenarios", "Duplicate property 'scenarios'")]
    public void Parse_BadFile_SaysWhatIsWrongWithIt(string text, string path, string message)
    {
        var e = Assert.Throws<ScenarioFileException>(() => WhatIfScenarioJson.Parse(text, Model));

        Assert.Contains(e.Problems, p => p.Path.StartsWith(path, StringComparison.Ordinal) && p.Message.Contains(message, StringComparison.Ordinal) && p.Line is not null);
    }

    [Fact]
    public void LoadFile_Invalid_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, "{ \"format\": \"cxscoring.scenario/1\", \"scenarios\": [] }");
        try
        {
            var e = Assert.Throws<ScenarioFileException>(() => WhatIfScenarioJson.LoadFile(path, Model));

            Assert.Equal(path, e.FileName);
            Assert.StartsWith($"The scenario file '{path}' is invalid: 1 problem.", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Described_KeepsTheDescriptionThroughEveryChange()
    {
        var scenario = WhatIfScenario.None.Described("why").Named("n").WithPromiseLevel(LetterPromise, 1).WithDeliveryImproved("complaint-letter", 0.5);

        Assert.Equal("why", scenario.Description);
        Assert.Null(scenario.Described("  ").Description);
        Assert.Null(WhatIfScenario.None.Description);
    }

    private static string Scenario(string name, string changes) => $"{{\n      \"name\": \"{name}\",\n      {changes}\n    }}";

    private static string File(params string[] scenarios) => "{\n  \"format\": \"cxscoring.scenario/1\",\n  \"scenarios\": [\n    " + string.Join(",\n    ", scenarios) + "\n  ]\n}\n";

    /// <summary>The 1-based line of the first line holding the text.</summary>
    private static long LineOf(string text, string what) => text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(what, StringComparison.Ordinal)).i + 1;
}
