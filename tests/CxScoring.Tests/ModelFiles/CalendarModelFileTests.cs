using CxScoring.Calendars;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.ModelFiles;

/// <summary>The <c>calendars</c> section of schema version 2 and the promises that refer to it.</summary>
public sealed class CalendarModelFileTests
{
    // Line numbers below refer to this text: line 1 is "{".
    private const string Valid = """
        {
          "schemaVersion": 2,
          "name": "t",
          "calendars": [
            { "id": "uk-office", "zone": "Europe/London", "hours": ["09:00-12:30", "13:30-17:00"], "days": { "saturday": ["10:00-14:00"] }, "holidays": ["2025-12-25", "2025-12-26"] }
          ],
          "touchpoints": [
            { "id": "letter", "stage": "support", "channel": "letter" }
          ],
          "measures": [
            { "id": "reply", "kind": "duration", "scale": "PT48H" },
            { "id": "on-time", "kind": "deadline", "scale": "PT1H" }
          ],
          "promises": [
            { "id": "p1", "measure": "reply", "source": "contract", "deadline": { "time": "17:00", "calendar": "uk-office", "workingDaysAfter": 5 } },
            { "id": "p2", "measure": "on-time", "source": "contract", "within": { "businessTime": "PT4H", "calendar": "uk-office" } }
          ],
          "expectations": [
            { "measure": "reply", "adequate": { "value": "PT48H" }, "desired": { "value": "PT24H" } }
          ]
        }
        """;

    [Fact]
    public void Parse_Calendars_ReadsHoursDaysHolidaysAndRules()
    {
        var model = ScoringModelJson.Parse(Valid);
        var calendar = Assert.Single(model.Calendars);
        Assert.Equal("Europe/London", calendar.Zone.Id);
        Assert.Equal([new WorkingHours(new LocalTime(9, 0), new LocalTime(12, 30)), new WorkingHours(new LocalTime(13, 30), new LocalTime(17, 0))], calendar.GetHours(IsoDayOfWeek.Friday).ToArray());
        Assert.Equal([new WorkingHours(new LocalTime(10, 0), new LocalTime(14, 0))], calendar.GetHours(IsoDayOfWeek.Saturday).ToArray());
        Assert.Empty(calendar.GetHours(IsoDayOfWeek.Sunday));
        Assert.Equal([new LocalDate(2025, 12, 25), new LocalDate(2025, 12, 26)], calendar.Holidays.ToArray());
        Assert.Same(calendar, model.Promises[0].Deadline!.Calendar);
        Assert.Equal(5, model.Promises[0].Deadline!.DaysAfter);
        Assert.Equal(Duration.FromHours(4), model.Promises[1].Within!.Amount);
    }

    [Fact]
    public void ToJson_WithCalendars_WritesVersion2AndReadsBackEqual()
    {
        var model = ScoringModelJson.Parse(Valid);
        var json = ScoringModelJson.ToJson(model);
        Assert.Contains("\"schemaVersion\": 2", json, StringComparison.Ordinal);
        var back = ScoringModelJson.Parse(json);
        Assert.Equal(model.Calendars.ToList(), back.Calendars.ToList());
        Assert.Equal(model.Promises.ToList(), back.Promises.ToList());
        Assert.Equal(json, ScoringModelJson.ToJson(back));
    }

    [Fact]
    public void ToJson_WithoutCalendars_StaysVersion1()
    {
        var model = new ScoringModelBuilder("m").AddTouchpoint("t", JourneyStage.Support, Channel.Email).AddMeasure(Measure.Count("n", 1)).Build();
        Assert.Contains("\"schemaVersion\": 1", ScoringModelJson.ToJson(model), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CalendarsInVersion1_ReportsTheSection()
    {
        // The promises' references to the calendar are then unknown as well; the section comes first.
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(Valid.Replace("\"schemaVersion\": 2", "\"schemaVersion\": 1", StringComparison.Ordinal)));
        var problem = ex.Problems[0];
        Assert.Equal("$.calendars", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Contains("needs schemaVersion 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCalendar_SuggestsTheNearOne()
    {
        var problem = SingleProblem(Valid.Replace("\"calendar\": \"uk-office\", \"workingDaysAfter\"", "\"calendar\": \"uk-ofice\", \"workingDaysAfter\"", StringComparison.Ordinal));
        Assert.Equal("$.promises[0].deadline.calendar", problem.Path);
        Assert.Equal(15, problem.Line);
        Assert.Equal("Unknown calendar 'uk-ofice'; did you mean 'uk-office'? Known calendars: uk-office.", problem.Message);
    }

    [Fact]
    public void Parse_BadHoliday_ReportsTheItem()
    {
        var problem = SingleProblem(Valid.Replace("\"2025-12-26\"", "\"2025-13-26\"", StringComparison.Ordinal));
        Assert.Equal("$.calendars[0].holidays[1]", problem.Path);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Parse_OverlappingHours_ReportsTheCalendar()
    {
        var problem = SingleProblem(Valid.Replace("\"13:30-17:00\"", "\"12:00-17:00\"", StringComparison.Ordinal));
        Assert.Equal("$.calendars[0]", problem.Path);
        Assert.Contains("must not overlap", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadHours_ReportsTheItem()
    {
        var problem = SingleProblem(Valid.Replace("\"09:00-12:30\"", "\"9 to 12:30\"", StringComparison.Ordinal));
        Assert.Equal("$.calendars[0].hours[0]", problem.Path);
        Assert.StartsWith("Expected working hours as 'HH:mm-HH:mm'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LevelBesideACalendarRule_ReportsTheLevel()
    {
        var problem = SingleProblem(Valid.Replace("\"measure\": \"reply\", \"source\"", "\"measure\": \"reply\", \"level\": \"PT1H\", \"source\"", StringComparison.Ordinal));
        Assert.Equal("$.promises[0].level", problem.Path);
    }

    [Fact]
    public void Parse_HolidaysFileWithoutAModelFile_ReportsIt()
    {
        var problem = SingleProblem(Valid.Replace("\"holidays\": [\"2025-12-25\", \"2025-12-26\"]", "\"holidaysFile\": \"uk.txt\"", StringComparison.Ordinal));
        Assert.Equal("$.calendars[0].holidaysFile", problem.Path);
        Assert.Contains("LoadFile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_HolidaysFile_IsReadBesideTheModel()
    {
        var folder = Directory.CreateTempSubdirectory("cx-calendar-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "uk.txt"), "# bank holidays\n2025-12-25 Christmas Day\n\n2025-12-26\tBoxing Day\n");
            var path = Path.Combine(folder.FullName, "model.json");
            File.WriteAllText(path, Valid.Replace("\"holidays\": [\"2025-12-25\", \"2025-12-26\"]", "\"holidaysFile\": \"uk.txt\"", StringComparison.Ordinal));
            Assert.Equal(ScoringModelJson.Parse(Valid).Calendars[0], ScoringModelJson.LoadFile(path).Calendars[0]);

            File.WriteAllText(Path.Combine(folder.FullName, "uk.txt"), "2025-12-25\nBoxing Day 2025-12-26\n");
            var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.LoadFile(path));
            var problem = Assert.Single(ex.Problems);
            Assert.Equal("$.calendars[0].holidaysFile", problem.Path);
            Assert.Equal("uk.txt, line 2: 'Boxing' is not a date in the form uuuu-MM-dd (such as 2025-12-25).", problem.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void HolidayFile_Read_NullReader_ThrowsNamingTheReader()
        => Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => HolidayFile.Read(null!)).ParamName);

    private static ModelProblem SingleProblem(string json)
    {
        var ex = Assert.Throws<ScoringModelException>(() => ScoringModelJson.Parse(json));
        return Assert.Single(ex.Problems);
    }
}
