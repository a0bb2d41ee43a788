using CxScoring.Calendars;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;
using static CxScoring.Tests.Calendars.CalendarFixtures;

namespace CxScoring.Tests.Model;

/// <summary>
/// Zones of tolerance written in working time ("customers accept 16 business hours, hope for the next working day"):
/// each outcome's adequate and desired levels resolved from its request, by the model and by every engine path alike.
/// </summary>
public sealed class BusinessTimeExpectationTests
{
    private static readonly Duration Week = Duration.FromDays(7);

    private static readonly ScoringModel Model = new ScoringModelBuilder("business-time-expectations")
        .AddTouchpoint("uk-letter", JourneyStage.Support, Channel.Letter)
        .AddTouchpoint("us-email", JourneyStage.Support, Channel.Email)
        .AddTouchpoint("au-email", JourneyStage.Support, Channel.Email)
        .AddTouchpoint("fixed", JourneyStage.Support, Channel.Chat)
        .AddMeasure(Measure.Duration("reply-time", Duration.FromHours(48)))
        .AddPromise(Promise.OfDuration("reply-in-a-week", "reply-time", Week, PromiseSource.Contract))
        .AddExpectation(new Expectation("reply-time", ExpectationLevel.Absolute(Duration.FromHours(72)), ExpectationLevel.Absolute(Duration.FromHours(24))))
        .AddExpectation(new Expectation(
            "reply-time",
            ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(16), UkOffice)),
            ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 1)),
            new Scope("uk-letter")))
        .AddExpectation(new Expectation(
            "reply-time",
            ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(20), UsOffice)),
            ExpectationLevel.RelativeToPromise(Duration.FromDays(-6)),
            new Scope("us-email")))
        .AddExpectation(new Expectation(
            "reply-time",
            ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), AuOffice, 1)),
            ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(8), AuOffice)),
            new Scope("au-email")))
        .Build();

    private static readonly ScoringPlan Plan = ScoringPlan.Compile(Model);

    [Fact]
    public void TryScore_LondonAcrossTheSpringChange_LevelsRunInWorkingTime()
    {
        // Request Fri 28 Mar 2025 15:00 GMT. Sixteen business hours: Fri 15–17 (2 h), Mon 31 Mar 09–17 BST (8 h), Tue
        // 1 Apr 09–15 BST (6 h): Tue 15:00 BST = 14:00 UTC, 95 hours of clock time (the clocks went forward on Sunday).
        // The next working day by 17:00 is Mon 31 Mar 17:00 BST = 16:00 UTC: 73 hours.
        var requested = Instant.FromUtc(2025, 3, 28, 15, 0);
        var reply = Duration.FromHours(80);
        Assert.True(Model.TryScore(new Outcome("c1", "uk-letter", "reply-time", reply.TotalSeconds, requested + reply, requestedAt: requested), out var result, out _));
        Assert.Equal(Duration.FromHours(95).TotalSeconds, result.Adequate);
        Assert.Equal(Duration.FromHours(73).TotalSeconds, result.Desired);
        Assert.Equal(Zone.Within, result.Zone);
        Assert.Equal(Week.TotalSeconds, result.Promised);
    }

    [Fact]
    public void TryScore_NewYorkOverThanksgiving_TheHolidayHasNoWorkingTime()
    {
        // Request Wed 26 Nov 2025 16:00 EST (21:00 UTC); Thu 27 Nov is Thanksgiving. Twenty business hours of the
        // 08:00–18:00 office: Wed 16–18 (2 h), Fri 28 Nov (10 h), Mon 1 Dec 08–16 (8 h): Mon 16:00 EST, 120 hours later.
        var requested = Instant.FromUtc(2025, 11, 26, 21, 0);
        var reply = Duration.FromHours(121);
        Assert.True(Model.TryScore(new Outcome("c2", "us-email", "reply-time", reply.TotalSeconds, requested + reply, requestedAt: requested), out var result, out _));
        Assert.Equal(Duration.FromHours(120).TotalSeconds, result.Adequate);
        Assert.Equal(Duration.FromDays(1).TotalSeconds, result.Desired);
        Assert.Equal(Zone.Below, result.Zone);
        Assert.True(result.PromiseKept);
    }

    [Fact]
    public void TryScore_SydneyOverLabourDayAfterTheSpringChange_BothLevelsSkipTheHoliday()
    {
        // Request Fri 3 Oct 2025 16:00 AEST (06:00 UTC); clocks go forward on Sun 5 Oct and Mon 6 Oct is Labour Day.
        // By 17:00 on the next working day: Tue 7 Oct 17:00 AEDT = 06:00 UTC, 96 hours. Eight business hours: Fri 16–17
        // (1 h) and Tue 09–16 (7 h): Tue 16:00 AEDT = 05:00 UTC, 95 hours.
        var requested = Instant.FromUtc(2025, 10, 3, 6, 0);
        var reply = Duration.FromHours(95.5);
        Assert.True(Model.TryScore(new Outcome("c3", "au-email", "reply-time", reply.TotalSeconds, requested + reply, requestedAt: requested), out var result, out _));
        Assert.Equal(Duration.FromHours(96).TotalSeconds, result.Adequate);
        Assert.Equal(Duration.FromHours(95).TotalSeconds, result.Desired);
        Assert.Equal(Zone.Within, result.Zone);
    }

    [Fact]
    public void TryScore_WithoutRequestedAt_AnchorsTheRequestLikeABusinessTimePromise()
    {
        var requested = Instant.FromUtc(2025, 3, 28, 15, 0);
        var reply = Duration.FromHours(80);
        var withRequest = new Outcome("c1", "uk-letter", "reply-time", reply.TotalSeconds, requested + reply, requestedAt: requested);
        var withoutRequest = Outcome.OfDuration("c1", "uk-letter", "reply-time", reply, requested + reply);
        Assert.True(Model.TryScore(withRequest, out var a, out _));
        Assert.True(Model.TryScore(withoutRequest, out var b, out _));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Score_RequestThatCannotBeAnchored_IsACountedRejectionAsInstantOutOfRange()
    {
        // A delivered duration of 10^16 s cannot anchor a request: no level in working time can be computed for it.
        var outcomes = new[]
        {
            Outcome.OfDuration("c1", "uk-letter", "reply-time", Duration.FromHours(80), Instant.FromUtc(2025, 4, 1, 12, 0)),
            new Outcome("c2", "uk-letter", "reply-time", 1e16, Instant.FromUtc(2025, 4, 1, 12, 0)),
            new Outcome("c3", "fixed", "reply-time", 1e16, Instant.FromUtc(2025, 4, 1, 12, 0)),
        };

        Assert.False(Model.TryScore(outcomes[1], out _, out var reason));
        Assert.Equal(RejectionReason.InstantOutOfRange, reason);
        Assert.True(Model.TryScore(outcomes[2], out _, out _));
        var engine = new ScoringEngine(Plan);
        var builder = engine.CreateScorecardBuilder();
        var rejected = new List<(long Index, RejectionReason Reason)>();
        var batch = engine.ScoreOutcomes(outcomes, builder, (index, why) => rejected.Add((index, why)));
        Assert.Equal(3, batch.Received);
        Assert.Equal(2, batch.Scored);
        Assert.Equal([(1L, RejectionReason.InstantOutOfRange)], rejected);
        Assert.Equal(1, builder.Build().RejectedBy(RejectionReason.InstantOutOfRange));
    }

    [Fact]
    public void Plan_BusinessTimeExpectationCells_TakeTheGeneralPathAndFixedCellsStayFast()
    {
        Assert.True(Plan.HasSlowCells);
        Assert.False(double.IsNaN(Plan.FastCells[Plan.CellIndex(Plan.TouchpointIndex("fixed"), 0, OutcomeRow.NoSegment)].SignedInverseScale));
        foreach (var touchpoint in (string[])["uk-letter", "us-email", "au-email"])
        {
            Assert.True(double.IsNaN(Plan.FastCells[Plan.CellIndex(Plan.TouchpointIndex(touchpoint), 0, OutcomeRow.NoSegment)].SignedInverseScale));
        }
    }

    [Fact]
    public void Engine_RowsColumnsAndOutcomes_AgreeWithTryScore()
    {
        var outcomes = new List<Outcome>();
        var start = Instant.FromUtc(2025, 9, 20, 0, 0);
        string[] touchpoints = ["uk-letter", "us-email", "au-email", "fixed"];
        for (var i = 0; i < 2_000; i++)
        {
            var requested = start + Duration.FromMinutes(i * 113);
            var taken = Duration.FromMinutes((i * 7919) % (9 * 24 * 60));
            outcomes.Add(new Outcome($"c{i % 97}", touchpoints[i % 4], "reply-time", taken.TotalSeconds, requested + taken, requestedAt: i % 5 == 0 ? null : requested));
        }

        outcomes.Add(new Outcome("bad", "uk-letter", "reply-time", 1e16, start));
        var rows = outcomes.Select(o => Plan.ToRow(o)).ToArray();
        var columns = new OutcomeColumns(rows.Length);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        var engine = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 2, ParallelThreshold = 256 });
        var byRows = engine.CreateScorecardBuilder();
        var byColumns = engine.CreateScorecardBuilder();
        var byOutcomes = engine.CreateScorecardBuilder();
        engine.Score(rows, byRows);
        engine.ScoreColumns(columns, byColumns);
        engine.ScoreOutcomes(outcomes.ToArray(), byOutcomes);

        var kept = 0L;
        var below = 0L;
        var scored = 0L;
        foreach (var outcome in outcomes)
        {
            var byModel = Model.TryScore(outcome, out var modelResult, out var modelReason);
            var byPlan = Plan.TryScore(Plan.ToRow(outcome), out var planResult, out var planReason);
            Assert.Equal(byModel, byPlan);
            Assert.Equal(modelResult, planResult);
            Assert.Equal(modelReason, planReason);
            scored += byModel ? 1 : 0;
            kept += byModel && modelResult.PromiseKept ? 1 : 0;
            below += byModel && modelResult.Zone == Zone.Below ? 1 : 0;
        }

        var scorecard = byRows.Build();
        Assert.Equal(scorecard, byColumns.Build());
        Assert.Equal(scorecard, byOutcomes.Build());
        Assert.Equal(outcomes.Count, scorecard.Received);
        Assert.Equal(scored, scorecard.Scored);
        Assert.Equal(kept, scorecard.Total.PromisesKept);
        Assert.Equal(below, scorecard.Total.BelowCount);
        Assert.Equal(1, scorecard.RejectedBy(RejectionReason.InstantOutOfRange));
    }

    /// <summary>On a calendar that works round the clock, business time is clock time: a zone in working time scores exactly as the same zone in fixed hours.</summary>
    [Property(MaxTest = 200)]
    public void TryScore_RoundTheClockCalendar_SameAsTheFixedExpectation(PositiveInt minutes, PositiveInt adequateMinutes, PositiveInt desiredMinutes, NonNegativeInt takenMinutes, byte zone, bool withRequest)
    {
        DateTimeZone[] zones = [DateTimeZone.Utc, London, NewYork, Sydney];
        var tz = zones[zone % zones.Length];
        var always = new BusinessCalendarBuilder("always", tz)
            .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], Hours(0, 0, 24, 0))
            .Build();
        var desired = Duration.FromMinutes(1 + (desiredMinutes.Get % (10 * 24 * 60)));
        var adequate = desired + Duration.FromMinutes(adequateMinutes.Get % (10 * 24 * 60));
        var ruled = ModelWith(new Expectation("reply-time", ExpectationLevel.InBusinessTime(new BusinessTimeLimit(adequate, always)), ExpectationLevel.InBusinessTime(new BusinessTimeLimit(desired, always))));
        var fixedZone = ModelWith(new Expectation("reply-time", ExpectationLevel.Absolute(adequate), ExpectationLevel.Absolute(desired)));

        var requested = Instant.FromUtc(2025, 1, 1, 0, 0) + Duration.FromMinutes(minutes.Get % (2 * 366 * 24 * 60)) + Duration.FromMilliseconds(minutes.Get % 1000);
        var taken = Duration.FromMinutes(takenMinutes.Get % (20 * 24 * 60));
        var outcome = new Outcome("c", "t", "reply-time", taken.TotalSeconds, requested + taken, requestedAt: withRequest ? requested : null);

        Assert.True(ruled.TryScore(outcome, out var byRule, out _));
        Assert.True(fixedZone.TryScore(outcome, out var byFixed, out _));
        Assert.Equal(byFixed, byRule);
        var plan = ScoringPlan.Compile(ruled);
        Assert.True(plan.TryScore(plan.ToRow(outcome), out var byPlan, out _));
        Assert.Equal(byFixed, byPlan);
    }

    [Fact]
    public void AddExpectation_LevelInWorkingTimeOnARatingMeasure_ThrowsNamingTheExpectation()
    {
        var builder = new ScoringModelBuilder("wrong-kind")
            .AddTouchpoint("t", JourneyStage.Support, Channel.Email)
            .AddMeasure(Measure.Rating("csat", 5));
        var ex = Assert.Throws<ArgumentException>(() => builder.AddExpectation(new Expectation("csat", ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(8), UkOffice)), ExpectationLevel.Absolute(5))));
        Assert.Equal("expectation", ex.ParamName);
        Assert.Contains("duration measures only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddExpectation_LevelInWorkingTimeOnADeadlineMeasure_Throws()
    {
        var builder = new ScoringModelBuilder("wrong-kind")
            .AddTouchpoint("t", JourneyStage.Support, Channel.Email)
            .AddMeasure(Measure.Deadline("on-time", Duration.FromHours(8)));
        Assert.Equal("expectation", Assert.Throws<ArgumentException>(() => builder.AddExpectation(new Expectation("on-time", ExpectationLevel.AsPromised, ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new LocalTime(12, 0), UkOffice, 0))))).ParamName);
    }

    [Fact]
    public void AddExpectation_CalendarIdOfAnotherCalendar_Throws()
    {
        var other = BusinessCalendar.Weekdays("uk-office", NewYork, Hours(8, 0, 18, 0));
        var builder = new ScoringModelBuilder("calendars")
            .AddTouchpoint("t", JourneyStage.Support, Channel.Email)
            .AddMeasure(Measure.Duration("reply-time", Duration.FromHours(48)))
            .AddPromise(Promise.OfBusinessTime("p", "reply-time", new BusinessTimeLimit(Duration.FromHours(4), UkOffice), PromiseSource.Contract));
        Assert.Equal("expectation", Assert.Throws<ArgumentException>(() => builder.AddExpectation(new Expectation("reply-time", ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(8), other)), ExpectationLevel.Absolute(60)))).ParamName);
    }

    [Fact]
    public void ScoringModel_Calendars_IncludesThoseOfExpectations()
        => Assert.Equal([UkOffice, UsOffice, AuOffice], Model.Calendars.ToArray());

    [Fact]
    public void ExpectationLevel_RuleWithoutRequest_ResolveThrows()
    {
        var level = ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(16), UkOffice));
        Assert.True(level.IsCalendarRule);
        Assert.Equal(0, level.Value);
        Assert.Throws<InvalidOperationException>(() => level.Resolve(100));
        Assert.Equal(Duration.FromHours(95).TotalSeconds, level.Resolve(100, Instant.FromUtc(2025, 3, 28, 15, 0)));
        Assert.Equal(172800, ExpectationLevel.Absolute(Duration.FromHours(48)).Resolve(100, Instant.FromUtc(2025, 3, 28, 15, 0)));
    }

    [Fact]
    public void ExpectationLevel_Factories_NullRule_ThrowNamingParameter()
    {
        Assert.Equal("within", Assert.Throws<ArgumentNullException>(() => ExpectationLevel.InBusinessTime(null!)).ParamName);
        Assert.Equal("deadline", Assert.Throws<ArgumentNullException>(() => ExpectationLevel.ByDeadline(null!)).ParamName);
    }

    [Fact]
    public void ExpectationLevel_Equality_ComparesTheRule()
    {
        var a = ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(16), UkOffice));
        Assert.Equal(a, ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(16), UkOffice)));
        Assert.Equal(a.GetHashCode(), ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(16), UkOffice)).GetHashCode());
        Assert.NotEqual(a, ExpectationLevel.InBusinessTime(new BusinessTimeLimit(Duration.FromHours(8), UkOffice)));
        Assert.NotEqual(a, ExpectationLevel.Absolute(0));
        Assert.NotEqual(ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 1)), ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new LocalTime(17, 0), UkOffice, 2)));
        Assert.Contains("working time of calendar 'uk-office'", a.ToString(), StringComparison.Ordinal);
    }

    private static ScoringModel ModelWith(Expectation expectation)
        => new ScoringModelBuilder("round-the-clock")
            .AddTouchpoint("t", JourneyStage.Support, Channel.Email)
            .AddMeasure(Measure.Duration("reply-time", Duration.FromHours(48)))
            .AddPromise(Promise.OfDuration("p", "reply-time", Duration.FromHours(36), PromiseSource.Contract))
            .AddExpectation(expectation)
            .Build();
}
