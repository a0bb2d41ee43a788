using CxScoring.Gaps;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.Model;

public class ScoringModelTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    internal static ScoringModel Telecom()
        => ScoringModel.CreateBuilder("telecom")
            .AddSegment(new Segment("consumer"))
            .AddSegment(new Segment("business"))
            .AddTouchpoint("chat-support", JourneyStage.Support, Channel.Chat, 2.0)
            .AddTouchpoint("letter-reply", JourneyStage.Support, Channel.Letter)
            .AddTouchpoint("upgrade", JourneyStage.Usage, Channel.Web)
            .AddMeasure(Measure.Duration("response", Duration.FromHours(24)))
            .AddMeasure(Measure.Deadline("activation", Duration.FromHours(4)))
            .AddMeasure(Measure.Ratio("resolved", 0.5))
            .AddPromise(Promise.OfDuration("reply-5d", "response", Duration.FromDays(5), PromiseSource.ServiceLevelAgreement,
                scope: new Scope(channel: Channel.Letter)))
            .AddPromise(Promise.OfDuration("chat-10m", "response", Duration.FromMinutes(10), PromiseSource.Advertising,
                scope: new Scope(touchpointId: "chat-support")))
            .AddPromise(new Promise("activate-17h", "activation", 0, PromiseSource.Contract,
                deadline: new ZonedDeadline(new LocalTime(17, 0), DateTimeZoneProviders.Tzdb["Europe/Berlin"], 1)))
            .AddPromise(new Promise("resolve-80", "resolved", 0.8, PromiseSource.Implicit,
                validity: new Interval(T0, T0 + Duration.FromDays(30))))
            .AddExpectation(new Expectation("response", ExpectationLevel.Absolute(Duration.FromDays(2)), ExpectationLevel.Absolute(Duration.FromDays(1)),
                new Scope(channel: Channel.Letter)))
            .AddExpectation(new Expectation("response", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(5)), ExpectationLevel.RelativeToPromise(Duration.FromMinutes(-8)),
                new Scope(touchpointId: "chat-support")))
            .AddExpectation(new Expectation("response", ExpectationLevel.Absolute(Duration.FromMinutes(3)), ExpectationLevel.Absolute(Duration.FromMinutes(1)),
                new Scope(touchpointId: "chat-support", segmentId: "business")))
            .AddExpectation(new Expectation("activation", ExpectationLevel.RelativeToPromise(Duration.FromHours(2)), ExpectationLevel.AsPromised))
            .AddExpectation(new Expectation("resolved", ExpectationLevel.Absolute(0.7), ExpectationLevel.Absolute(0.9)))
            .Build();

    [Fact]
    public void Score_LetterKeptToTheLetter_BelowTheZone()
    {
        var outcome = Outcome.OfDuration("c1", "letter-reply", "response", Duration.FromDays(4), T0);
        var result = Telecom().Score(outcome);
        Assert.True(result.PromiseKept);
        Assert.Equal(Zone.Below, result.Zone);
        Assert.Equal(-2.0, result.Adequacy, 12);   // 4 days against an adequate 2; a full gap is one day
        Assert.Equal(-1.0, result.Score);          // clamped to [-1, 1]
        Assert.Equal(-3.0, result.SettingGap, 12);  // the 5-day letter against an adequate 2 days
    }

    [Fact]
    public void Score_RelativeExpectation_ResolvesAgainstThePromise()
    {
        // Chat promises 10 minutes; customers accept 15 and hope for 2. Delivered in 12 minutes: within.
        var result = Telecom().Score(Outcome.OfDuration("c1", "chat-support", "response", Duration.FromMinutes(12), T0));
        Assert.Equal(Zone.Within, result.Zone);
        Assert.False(result.PromiseKept);
        Assert.Equal(15 * 60, result.Adequate);
        Assert.Equal(2 * 60, result.Desired);
    }

    [Fact]
    public void Score_SegmentExpectation_MoreSpecificWins()
    {
        var outcome = Outcome.OfDuration("c2", "chat-support", "response", Duration.FromMinutes(12), T0, "business");
        var result = Telecom().Score(outcome);
        Assert.Equal(Zone.Below, result.Zone);
        Assert.Equal(180, result.Adequate);
    }

    [Fact]
    public void Score_OutcomeOwnPromisedLevel_OverridesModelPromise()
    {
        var outcome = new Outcome("c1", "chat-support", "response", 12 * 60, T0, promisedLevel: 20 * 60);
        var result = Telecom().Score(outcome);
        Assert.True(result.PromiseKept);
        Assert.Equal(25 * 60, result.Adequate);
    }

    [Fact]
    public void Score_DeadlineRule_UsesLocalTimeNextDay()
    {
        // Requested Monday 2026-03-02 20:00 Berlin (19:00 UTC): due Tuesday 17:00 Berlin = 16:00 UTC.
        var requested = Instant.FromUtc(2026, 3, 2, 19, 0);
        var delivered = Instant.FromUtc(2026, 3, 3, 17, 0);
        var result = Telecom().Score(Outcome.OfRequest("c1", "upgrade", "activation", delivered, requested));
        Assert.Equal(3600, result.Delivered);  // one hour late
        Assert.False(result.PromiseKept);
        Assert.Equal(Zone.Within, result.Zone); // customers tolerate two hours
    }

    [Fact]
    public void Score_DeadlineAcrossSpringForward_StaysAtLocalFivePm()
    {
        // Europe/Berlin moves to summer time on 2026-03-29 at 02:00. Requested Saturday 28th, due Sunday 29th 17:00 CEST = 15:00 UTC.
        var requested = Instant.FromUtc(2026, 3, 28, 10, 0);
        var result = Telecom().Score(Outcome.OfRequest("c1", "upgrade", "activation", Instant.FromUtc(2026, 3, 29, 15, 0), requested));
        Assert.Equal(0, result.Delivered);
        Assert.True(result.PromiseKept);
    }

    [Fact]
    public void Score_OwnDeadline_ComparesDeliveredInstant()
    {
        var due = Instant.FromUtc(2026, 3, 3, 16, 0);
        var result = Telecom().Score(Outcome.OfDeadline("c1", "upgrade", "activation", due - Duration.FromMinutes(30), due));
        Assert.Equal(-1800, result.Delivered);
        Assert.True(result.PromiseKept);
    }

    public static TheoryData<Outcome, RejectionReason> Refusals => new()
    {
        { new Outcome("c", "nowhere", "response", 1, T0), RejectionReason.UnknownTouchpoint },
        { new Outcome("c", "chat-support", "nothing", 1, T0), RejectionReason.UnknownMeasure },
        { new Outcome("c", "chat-support", "response", 1, T0, "pirates"), RejectionReason.UnknownSegment },
        { new Outcome("c", "chat-support", "response", double.NaN, T0), RejectionReason.NonFiniteValue },
        { new Outcome("c", "chat-support", "resolved", 1.5, T0), RejectionReason.ValueOutOfRange },
        { new Outcome("c", "chat-support", "resolved", 0.5, T0 + Duration.FromDays(31)), RejectionReason.NoPromiseInForce },
        { new Outcome("c", "upgrade", "response", 60, T0), RejectionReason.NoPromiseInForce },
        { new Outcome("c", "upgrade", "activation", 0, T0), RejectionReason.MissingDeadline },
        { new Outcome("c", "chat-support", "response", 60, T0, promisedLevel: double.PositiveInfinity), RejectionReason.NonFiniteValue },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void TryScore_UnscorableOutcome_ReturnsReason(Outcome outcome, RejectionReason expected)
    {
        Assert.False(Telecom().TryScore(outcome, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryScore_NoExpectation_Refused()
    {
        var model = ScoringModel.CreateBuilder()
            .AddTouchpoint("t", JourneyStage.Support, Channel.Phone)
            .AddMeasure(Measure.YesNo("fixed"))
            .AddPromise(new Promise("p", "fixed", 1, PromiseSource.Implicit))
            .Build();
        Assert.False(model.TryScore(new Outcome("c", "t", "fixed", 1, T0), out _, out var reason));
        Assert.Equal(RejectionReason.NoExpectation, reason);
    }

    [Fact]
    public void TryScore_OwnLevelInvertsRelativeZone_RefusedAsInvertedZone()
    {
        var model = ScoringModel.CreateBuilder()
            .AddTouchpoint("t", JourneyStage.Support, Channel.Phone)
            .AddMeasure(Measure.Count("transfers", 2))
            .AddPromise(new Promise("p", "transfers", 1, PromiseSource.Implicit))
            .AddExpectation(new Expectation("transfers", ExpectationLevel.RelativeToPromise(1), ExpectationLevel.Absolute(1)))
            .Build();
        Assert.True(model.TryScore(new Outcome("c", "t", "transfers", 1, T0), out _, out _));
        Assert.False(model.TryScore(new Outcome("c", "t", "transfers", 1, T0, promisedLevel: -3), out _, out var reason));
        Assert.Equal(RejectionReason.InvertedZone, reason);
    }

    [Fact]
    public void Score_UnknownMeasure_ThrowsWithKnownMeasuresInMessage()
    {
        var ex = Assert.Throws<OutcomeRejectedException>(() => Telecom().Score(new Outcome("c9", "chat-support", "nps", 1, T0)));
        Assert.Equal(RejectionReason.UnknownMeasure, ex.Reason);
        Assert.Contains("'nps'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Known measures: response, activation, resolved", ex.Message, StringComparison.Ordinal);
        Assert.Contains("c9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookups_NullIds_ThrowNamingParameter()
    {
        var model = Telecom();
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => model.TryGetTouchpoint(null!, out _)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => model.TryGetMeasure(null!, out _)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => model.TryGetSegment(null!, out _)).ParamName);
        Assert.True(model.TryGetTouchpoint("upgrade", out var upgrade));
        Assert.Equal("measureId", Assert.Throws<ArgumentNullException>(() => model.FindPromise(null!, upgrade, null, T0)).ParamName);
        Assert.Equal("touchpoint", Assert.Throws<ArgumentNullException>(() => model.FindExpectation("response", null!, null)).ParamName);
    }

    public static TheoryData<Outcome> OutcomesOutsideTheEngineRange => new()
    {
        // A request at the end of NodaTime's range: the local-time rule's deadline (the next day) cannot be computed.
        Outcome.OfRequest("c", "upgrade", "activation", T0, Instant.FromUtc(9999, 12, 31, 23, 59, 59)),
        Outcome.OfRequest("c", "upgrade", "activation", T0, Instant.MaxValue),
        Outcome.OfRequest("c", "upgrade", "activation", T0, Instant.MinValue),
        Outcome.OfRequest("c", "upgrade", "activation", Instant.MaxValue, T0),
        Outcome.OfDeadline("c", "upgrade", "activation", Instant.MinValue, T0),
        Outcome.OfDuration("c", "chat-support", "response", Duration.FromMinutes(5), Instant.FromUtc(2300, 1, 1, 0, 0)),
    };

    [Theory]
    [MemberData(nameof(OutcomesOutsideTheEngineRange))]
    public void TryScore_InstantNearTheEndsOfTime_RefusedAsInstantOutOfRange(Outcome outcome)
    {
        Assert.False(Telecom().TryScore(outcome, out _, out var reason));
        Assert.Equal(RejectionReason.InstantOutOfRange, reason);
    }

    [Fact]
    public void Score_RequestedAtTheEndOfTime_ThrowsOutcomeRejected()
    {
        var outcome = Outcome.OfRequest("c", "upgrade", "activation", T0, Instant.FromUtc(9999, 12, 31, 23, 59, 59));
        var ex = Assert.Throws<OutcomeRejectedException>(() => Telecom().Score(outcome));
        Assert.Equal(RejectionReason.InstantOutOfRange, ex.Reason);
        Assert.Contains("9999-12-31T23:59:59Z", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeRejection_InstantOutOfRange_NamesOnlyTheInstantsTheOutcomeHas()
    {
        var observed = new Outcome("c", "chat-support", "response", 30, Instant.FromUtc(2300, 1, 1, 0, 0));
        var requested = Outcome.OfRequest("c", "upgrade", "activation", T0, Instant.FromUtc(9999, 12, 31, 23, 59, 59));

        Assert.Contains("(observed 2300-01-01T00:00:00Z) is outside", Telecom().DescribeRejection(observed, RejectionReason.InstantOutOfRange), StringComparison.Ordinal);
        Assert.Contains($"(observed {requested.ObservedAt}, requested 9999-12-31T23:59:59Z) is outside", Telecom().DescribeRejection(requested, RejectionReason.InstantOutOfRange), StringComparison.Ordinal);
    }

    [Fact]
    public void TryScore_NegativeDuration_RefusedAsValueOutOfRange()
    {
        // -300 s would otherwise score as the best possible delivery time.
        var outcome = new Outcome("c", "chat-support", "response", -300, T0);
        Assert.False(Telecom().TryScore(outcome, out _, out var reason));
        Assert.Equal(RejectionReason.ValueOutOfRange, reason);
        Assert.Contains("value -300 is outside the range of measure 'response'", Telecom().DescribeRejection(outcome, reason), StringComparison.Ordinal);
    }

    [Fact]
    public void TryScore_NegativeDurationOfAMeasureThatAllowsThem_Scored()
    {
        // A measure of earliness or schedule slip may truly go below zero; it says so.
        var model = ScoringModel.CreateBuilder()
            .AddTouchpoint("t", JourneyStage.Usage, Channel.Web)
            .AddMeasure(Measure.Duration("slip", Duration.FromHours(1), allowNegative: true))
            .AddPromise(Promise.OfDuration("p", "slip", Duration.Zero, PromiseSource.Implicit))
            .AddExpectation(new Expectation("slip", ExpectationLevel.Absolute(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(-30))))
            .Build();
        Assert.True(model.TryScore(new Outcome("c", "t", "slip", -300, T0), out var result, out _));
        Assert.Equal(-300, result.Delivered);
        Assert.True(result.PromiseKept);
    }
}
