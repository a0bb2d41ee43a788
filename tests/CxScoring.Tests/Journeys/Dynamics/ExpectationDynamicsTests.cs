using CxScoring.Journeys;
using CxScoring.Journeys.Dynamics;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.Dynamics;

public class ExpectationDynamicsTests
{
    [Property(Arbitrary = new[] { typeof(JourneyArbitraries) }, MaxTest = 100)]
    public void Apply_AnyInputOrder_SameResult(JourneyEvent[] events, int seed)
    {
        var a = ExpectationDynamics.Apply(events);
        var b = ExpectationDynamics.Apply(JourneyFixtures.Shuffle(events, seed));
        Assert.Equal(a.Events.ToArray(), b.Events.ToArray());
        Assert.Equal(a.Drifts.ToArray(), b.Drifts.ToArray());
    }

    // Incremental = batch: customers interleaved arbitrarily, each customer's events in journey order.
    [Property(Arbitrary = new[] { typeof(JourneyArbitraries) }, MaxTest = 100)]
    public void Apply_EqualsTrackerFedInterleavedCustomers(JourneyEvent[] events, int seed)
    {
        var batch = ExpectationDynamics.Apply(events);
        var queues = JourneyGrouping.ByCustomer(events).Select(j => new Queue<JourneyEvent>(j.Events)).ToList();
        var random = new Random(seed);
        var tracker = new ExpectationTracker();
        var rescored = new List<JourneyEvent>();
        while (queues.Count > 0)
        {
            var q = queues[random.Next(queues.Count)];
            rescored.Add(tracker.Rescore(q.Dequeue()));
            queues.RemoveAll(x => x.Count == 0);
        }

        Assert.Equal(batch.Events.OrderBy(e => e, JourneyEventOrder.Instance).ThenBy(e => e.CustomerId, StringComparer.Ordinal).Select(e => e.Gap),
            rescored.OrderBy(e => e, JourneyEventOrder.Instance).ThenBy(e => e.CustomerId, StringComparer.Ordinal).Select(e => e.Gap));
        Assert.Equal(batch.Drifts.ToArray(), tracker.Drifts().ToArray());
    }

    [Fact]
    public void Apply_DynamicsOff_KeepsModelScores()
    {
        JourneyEvent[] events = [JourneyFixtures.Event("c", "upgrade", 9, 0), JourneyFixtures.Event("c", "upgrade", 8.5, 60)];
        var off = new ExpectationDynamicsOptions { RateAfterDelight = 0, RateAfterShortfall = 0 };
        Assert.Equal(events, ExpectationDynamics.Apply(events, off).Events.ToArray());
        Assert.True(ExpectationDynamics.Apply(events).Events[1].Score < events[1].Score);
    }

    [Fact]
    public void Apply_NullEvents_Throws()
        => Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => ExpectationDynamics.Apply(null!)).ParamName);
}
