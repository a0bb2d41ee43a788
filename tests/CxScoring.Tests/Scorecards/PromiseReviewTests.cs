using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Tests.Scorecards;

public class PromiseReviewTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 5, 5, 10, 0);

    /// <summary>
    /// One reply-time promise per touchpoint, each set against its expectation so that the outcomes fall in one case:
    /// "loose" kept but below the zone, "strict" broken yet within it, "right" broken and below, "sound" kept and above.
    /// </summary>
    internal static ScoringModel Model { get; } = ScoringModel.CreateBuilder("review")
        .AddTouchpoint(new Touchpoint("letter", JourneyStage.Support, Channel.Letter, owner: "billing/disputes"))
        .AddTouchpoint(new Touchpoint("chat", JourneyStage.Support, Channel.Chat, owner: "support"))
        .AddTouchpoint(new Touchpoint("phone", JourneyStage.Support, Channel.Phone, owner: "support"))
        .AddTouchpoint(new Touchpoint("shop", JourneyStage.Purchase, Channel.Store, owner: "retail"))
        .AddTouchpoint(new Touchpoint("web", JourneyStage.Purchase, Channel.Web))
        .AddMeasure(Measure.Duration("reply", Duration.FromDays(1)))
        .AddPromise(Promise.OfDuration("loose", "reply", Duration.FromDays(5), PromiseSource.Contract, scope: new Scope(touchpointId: "letter"), description: "We reply within 5 working days."))
        .AddPromise(Promise.OfDuration("strict", "reply", Duration.FromHours(1), PromiseSource.Advertising, scope: new Scope(touchpointId: "chat")))
        .AddPromise(Promise.OfDuration("right", "reply", Duration.FromDays(1), PromiseSource.ServiceLevelAgreement, scope: new Scope(touchpointId: "phone")))
        .AddPromise(Promise.OfDuration("sound", "reply", Duration.FromDays(1), PromiseSource.Agent, scope: new Scope(touchpointId: "shop")))
        .AddPromise(Promise.OfDuration("unused", "reply", Duration.FromDays(1), PromiseSource.Implicit, scope: new Scope(touchpointId: "web"), owner: "digital"))
        .AddExpectation(new Expectation("reply", ExpectationLevel.Absolute(Duration.FromDays(2)), ExpectationLevel.Absolute(Duration.FromDays(1)), new Scope(touchpointId: "letter")))
        .AddExpectation(new Expectation("reply", ExpectationLevel.Absolute(Duration.FromDays(1)), ExpectationLevel.Absolute(Duration.FromHours(1)), new Scope(touchpointId: "chat")))
        .AddExpectation(new Expectation("reply", ExpectationLevel.AsPromised, ExpectationLevel.Absolute(Duration.FromHours(1))))
        .Build();

    internal static Scorecard ScorecardOf(params (string Touchpoint, Duration Reply, int Count)[] groups)
    {
        var plan = ScoringPlan.Compile(Model);
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var builder = engine.CreateScorecardBuilder();
        var outcomes = groups.SelectMany(g => Enumerable.Repeat(Outcome.OfDuration("c", g.Touchpoint, "reply", g.Reply, At), g.Count)).ToArray();
        engine.ScoreOutcomes(outcomes, builder);
        return builder.Build();
    }

    [Fact]
    public void Verdict_EachCase_NamesWhatToDo()
    {
        var scorecard = ScorecardOf(("letter", Duration.FromDays(3), 40), ("chat", Duration.FromHours(2), 30), ("phone", Duration.FromDays(2), 20), ("shop", Duration.FromMinutes(30), 10));
        Assert.Equal(PromiseVerdict.SetTooLoose, scorecard.ForPromise("loose").Verdict);
        Assert.Equal(PromiseVerdict.SetTooStrict, scorecard.ForPromise("strict").Verdict);
        Assert.Equal(PromiseVerdict.KeepBetter, scorecard.ForPromise("right").Verdict);
        Assert.Equal(PromiseVerdict.Sound, scorecard.ForPromise("sound").Verdict);
        Assert.Equal(PromiseVerdict.NoOutcomes, scorecard.ForPromise("unused").Verdict);

        var loose = scorecard.ForPromise("loose");
        Assert.Equal(1.0, loose.Aggregate.KeptButMissedShare);
        Assert.Equal(40 * -3.0, loose.Aggregate.SettingGapSum); // s·(promised − adequate)/scale = −(5 d − 2 d)/1 d per outcome
        Assert.Equal(1.0, scorecard.ForPromise("strict").Aggregate.BrokenYetSatisfiedShare);
        Assert.Equal(20, scorecard.ForPromise("right").Aggregate.BrokenAndMissedCount);
        Assert.Equal("We reply within 5 working days.", loose.Description);
        Assert.Equal(PromiseSource.Contract, loose.Source);
        Assert.Equal("letter", loose.Scope.TouchpointId);
        Assert.Equal("billing/disputes", loose.Owner);
        Assert.Equal("digital", scorecard.ForPromise("unused").Owner);
        Assert.True(loose.IsSetWrong);
        Assert.False(scorecard.ForPromise("right").IsSetWrong);
    }

    [Fact]
    public void VerdictOf_AnyAggregate_AppliesThePromisesRule()
    {
        // One rule for promises, touchpoints and owners: each touchpoint here holds one promise's outcomes, so its verdict
        // is that promise's; the "support" owner holds "strict" (30 broken yet satisfied) and "right" (20 broken and
        // missed), so the most frequent miss makes it set too strict.
        var scorecard = ScorecardOf(("letter", Duration.FromDays(3), 40), ("chat", Duration.FromHours(2), 30), ("phone", Duration.FromDays(2), 20), ("shop", Duration.FromMinutes(30), 10));

        foreach (var promise in scorecard.ByPromise)
        {
            Assert.Equal(promise.Verdict, PromiseReview.VerdictOf(promise.Aggregate));
        }

        Assert.Equal(PromiseVerdict.SetTooLoose, PromiseReview.VerdictOf(scorecard.ForTouchpoint("letter")));
        Assert.Equal(PromiseVerdict.SetTooStrict, PromiseReview.VerdictOf(scorecard.ByOwner["support"]));
        Assert.Equal(PromiseVerdict.NoOutcomes, PromiseReview.VerdictOf(ScorecardOf().ByTouchpoint[0]));
        Assert.Equal("aggregate", Assert.Throws<ArgumentNullException>(() => PromiseReview.VerdictOf(null!)).ParamName);
    }

    [Fact]
    public void ReviewPromises_SetWrongAndBroken_RankedByTheirWeights()
    {
        // "loose": |Σ setting gap| = 10·3 = 30 full scales; "strict": 50·(1 − 1/24) ≈ 47.9, so it ranks first.
        var scorecard = ScorecardOf(("letter", Duration.FromDays(3), 10), ("chat", Duration.FromHours(2), 50), ("phone", Duration.FromDays(2), 20), ("phone", Duration.FromHours(2), 5));
        var review = scorecard.ReviewPromises();
        Assert.Equal(["strict", "loose"], review.SetWrong.Select(p => p.Id));
        Assert.Equal(["right"], review.Broken.Select(p => p.Id));
        Assert.Equal(scorecard.ByPromise.ToArray(), review.Promises.ToArray());
        Assert.True(review.SetWrong[0].SetWrongWeight > review.SetWrong[1].SetWrongWeight);
        Assert.Equal(20, review.Broken[0].BrokenWeight);
    }

    [Fact]
    public void Verdict_Ties_GoToKeepingThePromiseBetter_ThenToTighteningIt()
    {
        // At the phone (promise 1 d = adequate): 2 d is broken and below; the same count of loose misses cannot occur there,
        // so the tie is made at the letter: 3 d kept but below, 6 d broken and below.
        var tie = ScorecardOf(("letter", Duration.FromDays(3), 7), ("letter", Duration.FromDays(6), 7));
        Assert.Equal(PromiseVerdict.KeepBetter, tie.ForPromise("loose").Verdict);
        var looser = ScorecardOf(("letter", Duration.FromDays(3), 8), ("letter", Duration.FromDays(6), 7));
        Assert.Equal(PromiseVerdict.SetTooLoose, looser.ForPromise("loose").Verdict);

        // At the chat: 2 h broken within the zone, 30 min kept and above; 2 d broken and below.
        var strictTie = ScorecardOf(("chat", Duration.FromHours(2), 3), ("chat", Duration.FromDays(2), 3));
        Assert.Equal(PromiseVerdict.KeepBetter, strictTie.ForPromise("strict").Verdict);
        var stricter = ScorecardOf(("chat", Duration.FromHours(2), 4), ("chat", Duration.FromDays(2), 3), ("chat", Duration.FromMinutes(30), 9));
        Assert.Equal(PromiseVerdict.SetTooStrict, stricter.ForPromise("strict").Verdict);
    }

    [Fact]
    public void ReviewPromises_AfterAnySplitAndMerge_IsTheSame()
    {
        var whole = ScorecardOf(("letter", Duration.FromDays(3), 10), ("chat", Duration.FromHours(2), 50), ("phone", Duration.FromDays(2), 20));
        var merged = ScorecardOf(("chat", Duration.FromHours(2), 50)).Merge(ScorecardOf(("phone", Duration.FromDays(2), 20), ("letter", Duration.FromDays(3), 10)));
        Assert.Equal(whole, merged);
        Assert.Equal(whole.ReviewPromises().SetWrong.ToArray(), merged.ReviewPromises().SetWrong.ToArray());
        Assert.Equal(whole.ReviewPromises().Broken.ToArray(), merged.ReviewPromises().Broken.ToArray());
    }
}
