using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.ModelFiles;

/// <summary>Expectation levels written in working time in a model file (schemaVersion 2): <c>within</c> and <c>deadline</c> levels.</summary>
public sealed class BusinessTimeExpectationFileTests
{
    // Line numbers below refer to this text: line 1 is "{".
    private const string Valid = """
        {
          "schemaVersion": 2,
          "name": "t",
          "calendars": [
            { "id": "uk-office", "zone": "Europe/London", "hours": ["09:00-17:00"], "holidays": ["2025-12-25", "2025-12-26"] }
          ],
          "touchpoints": [
            { "id": "letter", "stage": "support", "channel": "letter" }
          ],
          "measures": [
            { "id": "reply", "kind": "duration", "scale": "PT48H" },
            { "id": "csat", "kind": "rating", "points": 5 }
          ],
          "promises": [
            { "id": "p1", "measure": "reply", "level": "PT120H", "source": "contract" },
            { "id": "p2", "measure": "csat", "level": 4, "source": "implicit" }
          ],
          "expectations": [
            { "measure": "reply", "adequate": { "deadline": { "time": "17:00", "calendar": "uk-office", "workingDaysAfter": 5 } }, "desired": { "within": { "businessTime": "PT16H", "calendar": "uk-office" } } },
            { "measure": "csat", "adequate": { "value": 3 }, "desired": { "value": 5 } }
          ]
        }
        """;

    [Fact]
    public void Parse_LevelsInWorkingTime_ReadsBothRules()
    {
        var model = ScoringModelJson.Parse(Valid);
        var calendar = Assert.Single(model.Calendars);
        var expectation = model.Expectations[0];
        Assert.Same(calendar, expectation.Adequate.Deadline!.Calendar);
        Assert.Equal(5, expectation.Adequate.Deadline!.DaysAfter);
        Assert.Equal(new LocalTime(17, 0), expectation.Adequate.Deadline!.TimeOfDay);
        Assert.Same(calendar, expectation.Desired.Within!.Calendar);
        Assert.Equal(Duration.FromHours(16), expectation.Desired.Within!.Amount);
    }

    [Fact]
    public void ToJson_LevelsInWorkingTime_WritesVersion2AndReadsBackEqual()
    {
        var model = ScoringModelJson.Parse(Valid);
        var json = ScoringModelJson.ToJson(model);
        Assert.Contains("\"schemaVersion\": 2", json, StringComparison.Ordinal);
        var back = ScoringModelJson.Parse(json);
        Assert.Equal(model.Expectations.ToList(), back.Expectations.ToList());
        Assert.Equal(model.Calendars.ToList(), back.Calendars.ToList());
        Assert.Equal(json, ScoringModelJson.ToJson(back));
    }

    [Fact]
    public void ToJson_CalendarUsedOnlyByAnExpectation_IsKept()
    {
        var model = ScoringModelJson.Parse(Valid);
        Assert.Empty(model.Promises.Where(p => p.Within is not null || p.Deadline is not null));
        Assert.Contains("\"calendars\"", ScoringModelJson.ToJson(model), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCalendar_ReportsTheLevelsReference()
    {
        var problem = SingleProblem(Valid.Replace("\"businessTime\": \"PT16H\", \"calendar\": \"uk-office\"", "\"businessTime\": \"PT16H\", \"calendar\": \"uk-ofice\"", StringComparison.Ordinal));
        Assert.Equal("$.expectations[0].desired.within.calendar", problem.Path);
        Assert.Equal(19, problem.Line);
        Assert.Equal("Unknown calendar 'uk-ofice'; did you mean 'uk-office'? Known calendars: uk-office.", problem.Message);
    }

    [Fact]
    public void Parse_LevelInWorkingTimeOnARatingMeasure_ReportsTheWrongMeasureKind()
    {
        var problem = SingleProblem(Valid.Replace("\"adequate\": { \"value\": 3 }", "\"adequate\": { \"within\": { \"businessTime\": \"PT8H\", \"calendar\": \"uk-office\" } }", StringComparison.Ordinal));
        Assert.Equal("$.expectations[1].adequate.within", problem.Path);
        Assert.Equal(20, problem.Line);
        Assert.Contains("measure 'csat' is a rating measure", problem.Message.Replace("Measure", "measure", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("duration measures only", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LevelInWorkingTimeInVersion1_ReportsTheLevel()
    {
        // Without the calendars section (version 1 has none), a zone-only deadline needs no calendar: only the version is wrong.
        var text = Valid
            .Replace("\"schemaVersion\": 2", "\"schemaVersion\": 1", StringComparison.Ordinal)
            .Replace("{ \"id\": \"uk-office\", \"zone\": \"Europe/London\", \"hours\": [\"09:00-17:00\"], \"holidays\": [\"2025-12-25\", \"2025-12-26\"] }", string.Empty, StringComparison.Ordinal)
            .Replace("\"calendars\": [\n    \n  ],\n", string.Empty, StringComparison.Ordinal)
            .Replace("{ \"time\": \"17:00\", \"calendar\": \"uk-office\", \"workingDaysAfter\": 5 }", "{ \"time\": \"17:00\", \"zone\": \"Europe/London\", \"daysAfter\": 5 }", StringComparison.Ordinal)
            .Replace("\"desired\": { \"within\": { \"businessTime\": \"PT16H\", \"calendar\": \"uk-office\" } }", "\"desired\": { \"value\": \"PT24H\" }", StringComparison.Ordinal);
        var problem = SingleProblem(text);
        Assert.Equal("$.expectations[0].adequate.deadline", problem.Path);
        Assert.Contains("needs schemaVersion 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoFormsInOneLevel_ReportsTheLevel()
    {
        var problem = SingleProblem(Valid.Replace("\"desired\": { \"within\"", "\"desired\": { \"value\": \"PT1H\", \"within\"", StringComparison.Ordinal));
        Assert.Equal("$.expectations[0].desired", problem.Path);
        Assert.Contains("exactly one of", problem.Message, StringComparison.Ordinal);
    }

    private static ModelProblem SingleProblem(string text)
        => Assert.Single(Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(text)).Problems);
}
