using CxScoring.Gaps;
using CxScoring.Journeys;
using CxScoring.Journeys.Dynamics;
using CxScoring.Model;
using CxScoring.Tests.TestSupport;


namespace CxScoring.Tests.Journeys.Dynamics;

public class ExpectationTrackerTests
{
    // A point zone (adequate = desired = 5) on a 9-point scale: the zone itself is E(t).
    private static readonly ScoringModel PointZone = new ScoringModelBuilder("point")
        .AddMeasure(Measure.Rating("sat", 9))
        .AddTouchpoint("shop", JourneyStage.Purchase, Channel.Store)
        .AddPromise(new Promise("p", "sat", 5, PromiseSource.Implicit))
        .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(5)))
        .Build();

    private static JourneyEvent PointEvent(double value, int minute)
    {
        Assert.True(JourneyEventScorer.TryScore(PointZone, new Outcome("c", "shop", "sat", value, JourneyFixtures.Base + NodaTime.Duration.FromMinutes(minute)), out var e, out _));
        return e;
    }

    // docs/sources.md, "Adaptive expectation" vector through the tracker: E0 = 5, λ = 0.3 both ways, outcomes 4, 6, 3 → zone 4.7, 5.09, 4.463.
    [Fact]
    public void Rescore_PublishedVector_ZoneFollowsAdaptiveRule()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model, new ExpectationDynamicsOptions { RateAfterDelight = 0.3, RateAfterShortfall = 0.3, MaxShift = 10 });
        var expected = new[] { 4.7, 5.09, 4.463 };
        var values = new[] { 4.0, 6.0, 3.0 };
        var zone = 5.0;
        for (var i = 0; i < values.Length; i++)
        {
            var rescored = tracker.Rescore(PointEvent(values[i], i));
            Assert.Equal(zone, rescored.Gap.Adequate, 12);
            zone = 5 + tracker.Drifts()[0].AdequateShift;
            Assert.Equal(expected[i], zone, 12);
            Assert.Equal(zone, 5 + tracker.Drifts()[0].DesiredShift, 12);
        }
    }

    [Fact]
    public void Rescore_SameLevelAfterWow_ScoresLowerThanWithoutDynamics()
    {
        var wow = JourneyFixtures.Event("c", "upgrade", 9, 0);
        var level = JourneyFixtures.Event("c", "upgrade", 8.5, 60);
        var tracker = new ExpectationTracker(JourneyFixtures.Model);

        var afterWow = tracker.Rescore(wow);
        var rescoredLevel = tracker.Rescore(level);

        Assert.Equal(Zone.Above, afterWow.Gap.Zone);
        Assert.Equal(wow.Gap, afterWow.Gap);
        Assert.Equal(0.0625, level.Gap.Score, 12);
        Assert.True(rescoredLevel.Gap.Score < level.Gap.Score, $"{rescoredLevel.Gap.Score} should be below {level.Gap.Score}");
        Assert.Equal((8.5 - 8.3) / 8, rescoredLevel.Gap.Score, 12);
        Assert.Equal(8.0 + (0.3 * (9 - 8)), rescoredLevel.Gap.Desired, 12);
    }

    [Fact]
    public void Rescore_ManyDelights_ShiftBoundedByMaxShift()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model, new ExpectationDynamicsOptions { RateAfterDelight = 1, MaxShift = 0.0625 });
        for (var i = 0; i < 20; i++)
        {
            tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 9, i));
        }

        Assert.Equal(0.5, tracker.Drifts()[0].DesiredShift, 12);
        Assert.Equal(0.5, tracker.Drifts()[0].AdequateShift, 12);
    }

    [Fact]
    public void Rescore_SeedRaisesBar_FirstOutcomeScoredAgainstRaisedZone()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model, new ExpectationDynamicsOptions { Seed = (_, segment, _) => segment == "business" ? 0.125 : 0 });
        var business = tracker.Rescore(JourneyFixtures.Event("b", "upgrade", 5, 0, "business"));
        var consumer = tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 5, 0, "consumer"));
        Assert.Equal(6.0, business.Gap.Adequate, 12);
        Assert.Equal(Zone.Below, business.Gap.Zone);
        Assert.Equal(Zone.Within, consumer.Gap.Zone);
    }

    [Fact]
    public void Rescore_EachBoundAdapts_ZoneNarrows()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model, new ExpectationDynamicsOptions { ZoneWidth = ZoneWidthRule.EachBoundAdapts, RateAfterDelight = 0.5 });
        tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 9, 0));
        var drift = tracker.Drifts()[0];
        Assert.Equal(0.5 * (9 - 5), drift.AdequateShift, 12);
        Assert.Equal(0.5 * (9 - 8), drift.DesiredShift, 12);
    }

    [Fact]
    public void Rescore_OutOfOrderForCustomer_ThrowsNamingEvent()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model);
        tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 6, 10));
        tracker.Rescore(JourneyFixtures.Event("d", "upgrade", 6, 0));
        var ex = Assert.Throws<ArgumentException>(() => tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 6, 0)));
        Assert.Equal("journeyEvent", ex.ParamName);
        Assert.Equal("journeyEvent", Assert.Throws<ArgumentException>(() => tracker.Rescore(default)).ParamName);
    }

    [Fact]
    public void Forget_TrackedCustomer_RemovesState()
    {
        var tracker = new ExpectationTracker(JourneyFixtures.Model);
        tracker.Rescore(JourneyFixtures.Event("c", "upgrade", 6, 10));
        Assert.True(tracker.Forget("c"));
        Assert.Equal(0, tracker.CustomerCount);
        Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => tracker.Forget(null!)).ParamName);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingOptionsAndProperty()
    {
        var model = JourneyFixtures.Model;
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ExpectationTracker(model, new ExpectationDynamicsOptions { RateAfterDelight = 2 }), "ExpectationDynamicsOptions.RateAfterDelight");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ExpectationTracker(model, new ExpectationDynamicsOptions { RateAfterShortfall = -1 }), "ExpectationDynamicsOptions.RateAfterShortfall");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ExpectationTracker(model, new ExpectationDynamicsOptions { RateWithin = double.NaN }), "ExpectationDynamicsOptions.RateWithin");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ExpectationTracker(model, new ExpectationDynamicsOptions { MaxShift = -1 }), "ExpectationDynamicsOptions.MaxShift");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ExpectationTracker(model, new ExpectationDynamicsOptions { ZoneWidth = (ZoneWidthRule)5 }), "ExpectationDynamicsOptions.ZoneWidth");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => ExpectationDynamicsAnalysis.Analyze([], model, new ExpectationDynamicsOptions { MaxShift = double.PositiveInfinity }), "ExpectationDynamicsOptions.MaxShift");
    }

    [Fact]
    public void Options_Defaults_Validate()
    {
        ExpectationDynamicsOptions.Default.Validate("options");
        new ExpectationDynamicsOptions().Validate("options");
    }
}
