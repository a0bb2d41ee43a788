using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;
using static CxScoring.Tests.Calendars.CalendarFixtures;

namespace CxScoring.Tests.Model;

/// <summary>Promises in working days and business hours, scored by the model and by the engine's general path alike.</summary>
public sealed class BusinessTimePromiseTests
{
    private static readonly ScoringModel Model = new ScoringModelBuilder("business-time")
        .AddTouchpoint("letter", JourneyStage.Support, Channel.Letter)
        .AddTouchpoint("email", JourneyStage.Support, Channel.Email)
        .AddTouchpoint("repair", JourneyStage.Support, Channel.FieldVisit)
        .AddMeasure(Measure.Duration("reply-time", Duration.FromHours(48)))
        .AddMeasure(Measure.Deadline("repair-on-time", Duration.FromHours(8)))
        .AddPromise(new Promise("letter-5-working-days", "reply-time", 0, PromiseSource.Contract, scope: new Scope("letter"),
            deadline: ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 5)))
        .AddPromise(Promise.OfBusinessTime("email-4-business-hours", "reply-time", new BusinessTimeLimit(Duration.FromHours(4), UkSplit), PromiseSource.ServiceLevelAgreement, scope: new Scope("email")))
        .AddPromise(new Promise("repair-next-working-day", "repair-on-time", 0, PromiseSource.Contract,
            deadline: ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 1)))
        .AddExpectation(new Expectation("reply-time", ExpectationLevel.Absolute(Duration.FromHours(48)), ExpectationLevel.Absolute(Duration.FromHours(24))))
        .AddExpectation(new Expectation("repair-on-time", ExpectationLevel.AsPromised, ExpectationLevel.RelativeToPromise(Duration.FromHours(-4))))
        .Build();

    private static readonly ScoringPlan Plan = ScoringPlan.Compile(Model);

    [Fact]
    public void TryScore_LetterOverChristmas_PromisedDurationRunsToTheFifthWorkingDay()
    {
        // Request Wed 24 Dec 2025 10:00 GMT; the fifth working day is Mon 5 Jan 2026 (bank holidays 25, 26 Dec and
        // 1 Jan): promised 17:00 on 5 Jan, 12 days and 7 hours later. A reply after 6 days keeps the letter of the
        // promise and still misses the customer's 48 hours.
        var requested = Instant.FromUtc(2025, 12, 24, 10, 0);
        var outcome = new Outcome("c1", "letter", "reply-time", Duration.FromDays(6).TotalSeconds, requested + Duration.FromDays(6), requestedAt: requested);
        Assert.True(Model.TryScore(outcome, out var result, out _));
        Assert.Equal((Duration.FromDays(12) + Duration.FromHours(7)).TotalSeconds, result.Promised);
        Assert.True(result.PromiseKept);
        Assert.Equal(Zone.Below, result.Zone);
    }

    [Fact]
    public void TryScore_DurationWithoutRequestedAt_AnchorsTheRequestAtObservedLessTheDuration()
    {
        var requested = Instant.FromUtc(2025, 12, 24, 10, 0);
        var withRequest = new Outcome("c1", "letter", "reply-time", Duration.FromDays(6).TotalSeconds, requested + Duration.FromDays(6), requestedAt: requested);
        var withoutRequest = Outcome.OfDuration("c1", "letter", "reply-time", Duration.FromDays(6), requested + Duration.FromDays(6));
        Assert.True(Model.TryScore(withRequest, out var a, out _));
        Assert.True(Model.TryScore(withoutRequest, out var b, out _));
        Assert.Equal(a, b);
    }

    [Fact]
    public void TryScore_EmailWithinFourBusinessHours_AcrossTheLunchBreakAndTheNight()
    {
        // Mon 2 Jun 2025 15:00 BST: 15:00–17:00 and 09:00–11:00 on Tuesday; promised 20 hours of clock time.
        var requested = new LocalDateTime(2025, 6, 2, 15, 0).InZoneStrictly(London).ToInstant();
        var reply = requested + Duration.FromHours(19);
        var outcome = new Outcome("c2", "email", "reply-time", Duration.FromHours(19).TotalSeconds, reply, requestedAt: requested);
        Assert.True(Model.TryScore(outcome, out var result, out _));
        Assert.Equal(Duration.FromHours(20).TotalSeconds, result.Promised);
        Assert.True(result.PromiseKept);
    }

    [Fact]
    public void TryScore_DeadlineOnTheNextWorkingDay_FridayRequestIsDueOnMonday()
    {
        // Fri 22 Aug 2025 11:00 BST; Mon 25 Aug is the summer bank holiday: due Tue 26 Aug 17:00 BST = 16:00 UTC.
        var requested = new LocalDateTime(2025, 8, 22, 11, 0).InZoneStrictly(London).ToInstant();
        var done = Instant.FromUtc(2025, 8, 26, 18, 0);
        Assert.True(Model.TryScore(Outcome.OfRequest("c3", "repair", "repair-on-time", done, requested), out var result, out _));
        Assert.Equal(Duration.FromHours(2).TotalSeconds, result.Delivered);
        Assert.False(result.PromiseKept);
    }

    [Fact]
    public void TryScore_DeadlineRuleWithoutRequest_IsRejectedAsMissingDeadline()
    {
        Assert.False(Model.TryScore(new Outcome("c3", "repair", "repair-on-time", 0, Instant.FromUtc(2025, 8, 26, 18, 0)), out _, out var reason));
        Assert.Equal(RejectionReason.MissingDeadline, reason);
    }

    [Fact]
    public void Plan_BusinessTimeCells_TakeTheGeneralPathAndAgreeWithTheModel()
    {
        Assert.True(Plan.HasSlowCells);
        var outcomes = new List<Outcome>();
        var start = Instant.FromUtc(2025, 12, 1, 0, 0);
        for (var i = 0; i < 500; i++)
        {
            var requested = start + Duration.FromMinutes(i * 97);
            var taken = Duration.FromMinutes((i * 7919) % (20 * 24 * 60));
            outcomes.Add(new Outcome($"c{i}", i % 2 == 0 ? "letter" : "email", "reply-time", taken.TotalSeconds, requested + taken, requestedAt: i % 3 == 0 ? null : requested));
            outcomes.Add(Outcome.OfRequest($"c{i}", "repair", "repair-on-time", requested + taken, requested));
        }

        var engine = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var builder = engine.CreateScorecardBuilder();
        var batch = engine.ScoreOutcomes(outcomes.ToArray(), builder);
        var expectedKept = 0;
        foreach (var outcome in outcomes)
        {
            Assert.True(Model.TryScore(outcome, out var byModel, out _));
            Assert.True(Plan.TryScore(Plan.ToRow(outcome), out var byPlan, out _));
            Assert.Equal(byModel, byPlan);
            expectedKept += byModel.PromiseKept ? 1 : 0;
        }

        var scorecard = builder.Build();
        Assert.Equal(outcomes.Count, batch.Scored);
        Assert.Equal(expectedKept, scorecard.Total.PromisesKept);
    }

    [Fact]
    public void Promise_DeadlineAndWithinTogether_ThrowsNamingWithin()
        => Assert.Equal("within", Assert.Throws<ArgumentException>(() => new Promise("p", "reply-time", 0, PromiseSource.Contract,
            deadline: ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 1), within: new BusinessTimeLimit(Duration.FromHours(1), UkOffice))).ParamName);

    [Fact]
    public void BusinessTimeLimit_ZeroAmount_ThrowsNamingTheAmount()
        => Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessTimeLimit(Duration.Zero, UkOffice)).ParamName);

    [Fact]
    public void OnWorkingDay_NullCalendar_ThrowsNamingTheCalendar()
        => Assert.Equal("calendar", Assert.Throws<ArgumentNullException>(() => ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), null!, 1)).ParamName);

    [Fact]
    public void ScoringModel_Calendars_ListsEachCalendarOnce()
        => Assert.Equal([UkOffice, UkSplit], Model.Calendars.ToArray());
}
