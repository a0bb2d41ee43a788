using CxScoring.Gaps;
using CxScoring.Journeys;
using CxScoring.Journeys.Dynamics;
using CxScoring.Model;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.Dynamics;

public class ExpectationDynamicsAnalysisTests
{
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_AnyInputOrder_SameResult(ShuffledEvents shuffled)
    {
        var a = ExpectationDynamicsAnalysis.Analyze(shuffled.Events, JourneyFixtures.Model);
        var b = ExpectationDynamicsAnalysis.Analyze(shuffled.InOrder, JourneyFixtures.Model);
        Assert.Equal(a.Events.ToArray(), b.Events.ToArray());
        Assert.Equal(a.Drifts.ToArray(), b.Drifts.ToArray());
    }

    // Incremental = batch: customers interleaved arbitrarily, each customer's events in journey order. The k-th event
    // fed is the next one in journey order of the customer of the permutation's k-th event; every interleaving of the
    // customers is some permutation's.
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Analyze_EqualsTrackerFedInterleavedCustomers(ShuffledEvents shuffled)
    {
        var events = shuffled.Events;
        var batch = ExpectationDynamicsAnalysis.Analyze(events, JourneyFixtures.Model);
        var queues = JourneyGrouping.ByCustomer(events).ToDictionary(j => j.CustomerId, j => new Queue<JourneyEvent>(j.Events), StringComparer.Ordinal);
        var tracker = new ExpectationTracker(JourneyFixtures.Model);
        var rescored = new List<JourneyEvent>();
        foreach (var next in shuffled.InOrder)
        {
            rescored.Add(tracker.Rescore(queues[next.CustomerId].Dequeue()));
        }

        Assert.All(queues.Values, q => Assert.Empty(q));

        Assert.Equal(batch.Events.OrderBy(e => e, JourneyEventOrder.Instance).ThenBy(e => e.CustomerId, StringComparer.Ordinal).Select(e => e.Gap),
            rescored.OrderBy(e => e, JourneyEventOrder.Instance).ThenBy(e => e.CustomerId, StringComparer.Ordinal).Select(e => e.Gap));
        Assert.Equal(batch.Drifts.ToArray(), tracker.Drifts().ToArray());
    }

    [Fact]
    public void Analyze_DynamicsOff_KeepsModelScores()
    {
        JourneyEvent[] events = [JourneyFixtures.Event("c", "upgrade", 9, 0), JourneyFixtures.Event("c", "upgrade", 8.5, 60)];
        var off = new ExpectationDynamicsOptions { RateAfterDelight = 0, RateAfterShortfall = 0 };
        Assert.Equal(events, ExpectationDynamicsAnalysis.Analyze(events, JourneyFixtures.Model, off).Events.ToArray());
        Assert.True(ExpectationDynamicsAnalysis.Analyze(events, JourneyFixtures.Model).Events[1].Score < events[1].Score);
    }

    [Fact]
    public void Analyze_ModelWithCustomValueFunction_FeltValuesUseTheModelsFunction()
    {
        var felt = new ProspectValueFunction(0.5, 0.7, 3.0);
        var model = new ScoringModelBuilder("custom-felt")
            .AddMeasure(Measure.Rating("sat", 9))
            .AddTouchpoint("upgrade", JourneyStage.Usage, Channel.FieldVisit, 1.0)
            .AddPromise(new Promise("sat-promise", "sat", 6, PromiseSource.Advertising))
            .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
            .UseFeltValue(felt)
            .Build();
        var events = new[] { 3.0, 9.0, 2.0 }.Select((v, i) =>
        {
            Assert.True(JourneyEventScorer.TryScore(model, new Outcome("c", "upgrade", "sat", v, JourneyFixtures.Base + NodaTime.Duration.FromMinutes(i)), out var e, out var reason), reason.ToString());
            return e;
        }).ToArray();
        var off = new ExpectationDynamicsOptions { RateAfterDelight = 0, RateAfterShortfall = 0, RateWithin = 0 };

        var rescored = ExpectationDynamicsAnalysis.Analyze(events, model, off).Events;
        var tracker = new ExpectationTracker(model, off);

        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal(events[i].Gap, rescored[i].Gap);
            Assert.Equal(events[i].Gap, tracker.Rescore(events[i]).Gap);
            Assert.NotEqual(ProspectValueFunction.Default.Evaluate(events[i].Gap.Score), rescored[i].Gap.FeltValue);
        }
    }

    [Fact]
    public void Analyze_NullArguments_ThrowNamingThem()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => ExpectationDynamicsAnalysis.Analyze(null!, JourneyFixtures.Model)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ExpectationDynamicsAnalysis.Analyze([], null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new ExpectationTracker(null!)).ParamName);
    }
}
