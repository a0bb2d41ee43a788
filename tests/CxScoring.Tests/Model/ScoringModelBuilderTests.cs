using CxScoring.Calendars;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.Model;

public class ScoringModelBuilderTests
{
    private static ScoringModelBuilder Base()
        => new ScoringModelBuilder("b")
            .AddSegment(new Segment("consumer"))
            .AddTouchpoint("call", JourneyStage.Support, Channel.Phone)
            .AddMeasure(Measure.Duration("wait", Duration.FromMinutes(5)));

    [Fact]
    public void AddTouchpoint_DuplicateId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => Base().AddTouchpoint("call", JourneyStage.Support, Channel.Chat));
        Assert.Equal("touchpoint", ex.ParamName);
        Assert.Contains("'call'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMeasure_DuplicateId_Throws()
        => Assert.Equal("measure", Assert.Throws<ArgumentException>(() => Base().AddMeasure(Measure.YesNo("wait"))).ParamName);

    [Fact]
    public void AddSegment_DuplicateId_Throws()
        => Assert.Equal("segment", Assert.Throws<ArgumentException>(() => Base().AddSegment(new Segment("consumer"))).ParamName);

    [Fact]
    public void AddPromise_UnknownMeasure_ListsKnownMeasures()
    {
        var ex = Assert.Throws<ArgumentException>(() => Base().AddPromise(new Promise("p", "hold", 1, PromiseSource.Implicit)));
        Assert.Equal("promise", ex.ParamName);
        Assert.Contains("measure 'hold'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Known measures: wait", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPromise_UnknownScopeTouchpointOrSegment_Throws()
    {
        Assert.Contains("touchpoint 'shop'", Assert.Throws<ArgumentException>(() =>
            Base().AddPromise(new Promise("p", "wait", 60, PromiseSource.Implicit, scope: new Scope("shop")))).Message, StringComparison.Ordinal);
        Assert.Contains("segment 'vip'", Assert.Throws<ArgumentException>(() =>
            Base().AddPromise(new Promise("p", "wait", 60, PromiseSource.Implicit, scope: new Scope(segmentId: "vip")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPromise_TouchpointAndOtherChannel_ThrowsAsNeverApplying()
        => Assert.Contains("never apply", Assert.Throws<ArgumentException>(() =>
            Base().AddPromise(new Promise("p", "wait", 60, PromiseSource.Implicit, scope: new Scope("call", Channel.Chat)))).Message, StringComparison.Ordinal);

    [Fact]
    public void AddPromise_DeadlineRuleOnCountMeasure_Throws()
        => Assert.Contains("deadline and duration measures", Assert.Throws<ArgumentException>(() =>
            Base().AddMeasure(Measure.Count("transfers", 2)).AddPromise(new Promise("p", "transfers", 0, PromiseSource.Contract,
                deadline: new ZonedDeadline(new LocalTime(17, 0), DateTimeZone.Utc)))).Message, StringComparison.Ordinal);

    [Fact]
    public void AddPromise_DeadlineRuleOnDurationMeasure_IsAPromisedDurationPerRequest()
    {
        var model = Base().AddPromise(new Promise("p", "wait", 0, PromiseSource.Contract, deadline: new ZonedDeadline(new LocalTime(17, 0), DateTimeZone.Utc)))
            .AddExpectation(new Expectation("wait", ExpectationLevel.AsPromised, ExpectationLevel.Absolute(Duration.FromHours(1))))
            .Build();
        Assert.True(model.Promises[0].HasDueRule);
    }

    [Fact]
    public void AddPromise_TwoCalendarsWithOneId_Throws()
    {
        var a = BusinessCalendar.Weekdays("office", DateTimeZone.Utc, new WorkingHours(new LocalTime(9, 0), new LocalTime(17, 0)));
        var b = BusinessCalendar.Weekdays("office", DateTimeZone.Utc, new WorkingHours(new LocalTime(8, 0), new LocalTime(16, 0)));
        var builder = Base().AddPromise(Promise.OfBusinessTime("p1", "wait", new BusinessTimeLimit(Duration.FromHours(4), a), PromiseSource.Contract));
        var ex = Assert.Throws<ArgumentException>(() => builder.AddPromise(Promise.OfBusinessTime("p2", "wait", new BusinessTimeLimit(Duration.FromHours(4), b), PromiseSource.Contract, scope: new Scope("call"))));
        Assert.Equal("promise", ex.ParamName);
        Assert.Contains("calendar 'office'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPromise_DuplicateId_Throws()
    {
        var builder = Base().AddPromise(new Promise("p", "wait", 60, PromiseSource.Implicit));
        Assert.Contains("'p' was added already", Assert.Throws<ArgumentException>(() =>
            builder.AddPromise(new Promise("p", "wait", 60, PromiseSource.Implicit, scope: new Scope("call")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPromise_DeadlineMeasureWithNonZeroLevel_Throws()
    {
        var builder = Base().AddMeasure(Measure.Deadline("due", Duration.FromHours(1)));
        var ex = Assert.Throws<ArgumentException>(() => builder.AddPromise(new Promise("p", "due", 3600, PromiseSource.Contract)));
        Assert.Equal("promise", ex.ParamName);
        Assert.Contains("on time", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseFeltValue_DefaultStruct_Throws()
        => Assert.Equal("feltValue", Assert.Throws<ArgumentException>(() => Base().UseFeltValue(default)).ParamName);

    [Fact]
    public void AddExpectation_UnknownMeasure_Throws()
        => Assert.Equal("expectation", Assert.Throws<ArgumentException>(() =>
            Base().AddExpectation(new Expectation("hold", ExpectationLevel.Absolute(2), ExpectationLevel.Absolute(1)))).ParamName);

    [Fact]
    public void AddMethods_Null_ThrowNamingParameter()
    {
        var b = Base();
        Assert.Equal("touchpoint", Assert.Throws<ArgumentNullException>(() => b.AddTouchpoint(null!)).ParamName);
        Assert.Equal("measure", Assert.Throws<ArgumentNullException>(() => b.AddMeasure(null!)).ParamName);
        Assert.Equal("segment", Assert.Throws<ArgumentNullException>(() => b.AddSegment(null!)).ParamName);
        Assert.Equal("promise", Assert.Throws<ArgumentNullException>(() => b.AddPromise(null!)).ParamName);
        Assert.Equal("expectation", Assert.Throws<ArgumentNullException>(() => b.AddExpectation(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ScoringModelBuilder(" ")).ParamName);
    }

    [Fact]
    public void Build_SeveralCrossElementProblems_ReportsAllAtOnce()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var builder = Base()
            .AddPromise(new Promise("a", "wait", 300, PromiseSource.Contract, new Interval(start, start + Duration.FromDays(60))))
            .AddPromise(new Promise("b", "wait", 240, PromiseSource.Advertising, new Interval(start + Duration.FromDays(30), null)))
            .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(60), ExpectationLevel.Absolute(600)))
            .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(600), ExpectationLevel.Absolute(60)));

        var ex = Assert.Throws<ScoringModelException>(builder.Build);
        Assert.Equal(3, ex.Problems.Count);
        Assert.Single(ex.Problems, p => p.Message.Contains("inverted", StringComparison.Ordinal));   // the second zone, absolute, once whatever the promises
        Assert.Single(ex.Problems, p => p.Message.Contains("conflicts", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "promise 'b'" && p.Message.Contains("conflicts with promise 'a'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "expectations[1]" && p.Message.Contains("duplicates expectations[0]", StringComparison.Ordinal));
        Assert.Contains("The scoring model is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AdjacentValidityIntervals_NoConflict()
    {
        var change = Instant.FromUtc(2026, 6, 1, 0, 0);
        var model = Base()
            .AddPromise(new Promise("old", "wait", 300, PromiseSource.Contract, new Interval(null, change)))
            .AddPromise(new Promise("new", "wait", 120, PromiseSource.Contract, new Interval(change, null)))
            .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(60), ExpectationLevel.AsPromised))
            .Build();
        Assert.True(model.TryGetTouchpoint("call", out var call));
        Assert.Equal("old", model.FindPromise("wait", call, null, change - Duration.FromSeconds(1))!.Id);
        Assert.Equal("new", model.FindPromise("wait", call, null, change)!.Id);
    }

    [Fact]
    public void Build_RelativeZoneInvertedAgainstAPromise_Reported()
    {
        var builder = Base()
            .AddPromise(new Promise("p", "wait", 300, PromiseSource.Contract))
            .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(200), ExpectationLevel.RelativeToPromise(0)));
        var problem = Assert.Single(Assert.Throws<ScoringModelException>(builder.Build).Problems);
        Assert.Contains("against promise 'p'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Valid_KeepsInsertionOrderAndFeltValue()
    {
        var felt = new CxScoring.Gaps.ProspectValueFunction(0.8, 0.9, 2);
        var model = Base().AddTouchpoint("web", JourneyStage.Awareness, Channel.Web).UseFeltValue(felt).Build();
        Assert.Equal(["call", "web"], model.Touchpoints.Select(t => t.Id));
        Assert.Equal(felt, model.FeltValue);
        Assert.Equal("b", model.Name);
    }

    [Fact]
    public void Validate_ThousandsOfConflictingPromises_ReportsTheGroupOnceInLinearMemory()
    {
        var builder = Base();
        for (var i = 0; i < 2000; i++)
        {
            builder.AddPromise(new Promise($"p{i}", "wait", 300, PromiseSource.Contract));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problems = builder.Validate();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var problem = Assert.Single(problems);
        Assert.Equal("promise 'p1'", problem.Path);
        Assert.Contains("conflicts with promise 'p0' and 1,998 more", problem.Message, StringComparison.Ordinal);
        Assert.Contains("measure 'wait'", problem.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2_000 * 2_000, $"Validate allocated {allocated} bytes for 2,000 promises; pairs of promises must not be enumerated.");
    }

    [Fact]
    public void Validate_ThousandsOfRepeatedExpectations_ReportsTheGroupOnceInLinearMemory()
    {
        var builder = Base().AddPromise(new Promise("p", "wait", 300, PromiseSource.Contract));
        for (var i = 0; i < 2000; i++)
        {
            builder.AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(60), ExpectationLevel.RelativeToPromise(-60)));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problems = builder.Validate();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var problem = Assert.Single(problems);
        Assert.Equal("expectations[1]", problem.Path);
        Assert.Contains("duplicates expectations[0] (and 1,998 more expectations)", problem.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2_000 * 2_000, $"Validate allocated {allocated} bytes for 2,000 expectations; pairs of expectations must not be enumerated.");
    }

    [Fact]
    public void Build_MoreProblemsThanTheCap_ListsTheCapAndCountsTheRest()
    {
        var builder = Base();
        for (var i = 0; i < 500; i++)
        {
            // Each pair conflicts; the pairs do not overlap one another.
            var start = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromDays(10 * i);
            builder.AddPromise(new Promise($"a{i}", "wait", 300, PromiseSource.Contract, new Interval(start, start + Duration.FromDays(2))));
            builder.AddPromise(new Promise($"b{i}", "wait", 300, PromiseSource.Contract, new Interval(start + Duration.FromDays(1), start + Duration.FromDays(3))));
        }

        var ex = Assert.Throws<ScoringModelException>(builder.Build);
        Assert.Equal(201, ex.Problems.Count);
        Assert.Equal("…and 300 more problems, not listed; fix the ones above first.", ex.Problems[^1].Message);
    }
}
