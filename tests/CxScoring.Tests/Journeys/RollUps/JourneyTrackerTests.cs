using CxScoring.Journeys;
using CxScoring.Journeys.Hotspots;
using CxScoring.Journeys.RollUps;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.RollUps;

public class JourneyTrackerTests
{
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Add_AnyArrivalOrder_SameAsBatch(ShuffledEvents shuffled) => AssertIncrementalSameAsBatch(shuffled.Events, shuffled.InOrder);

    // A recorded case where two touchpoints' shortfalls differed only in the last bits of a float sum, so arrival
    // order flipped their rank until shortfalls were summed in fixed point. Events on the inexact model:
    // (customer, touchpoint, rating, minutes after the base instant, segment); then the arrival order as indices.
    [Fact]
    public void Add_RecordedNearTie_SameRankAsBatch()
    {
        (string Customer, string Touchpoint, double Value, double Minutes, string? Segment)[] recorded =
        [
            ("c3", "upgrade", 7.78, 2810, "business"),
            ("c1", "contract", 1.27, 5610, "consumer"),
            ("c3", "hotline", 3.02, 9120, "consumer"),
            ("c4", "offer", 7.41, 3800, "consumer"),
            ("c1", "contract", 8.25, 8410, "consumer"),
            ("c2", "contract", 6.04, 5820, "business"),
            ("c1", "invoice", 3.5, 6340, null),
            ("c2", "upgrade", 2.15, 9100, "consumer"),
            ("c3", "hotline", 8.72, 3420, "business"),
            ("c2", "invoice", 2, 4420, null),
            ("c1", "hotline", 7.19, 5960, null),
            ("c4", "contract", 3.43, 4000, "consumer"),
            ("c2", "upgrade", 4.28, 7310, null),
            ("c4", "invoice", 8.54, 3760, null),
            ("c3", "invoice", 6.6, 7120, "consumer"),
            ("c4", "offer", 6.18, 1330, "consumer"),
            ("c2", "invoice", 2.03, 7930, "consumer"),
            ("c1", "upgrade", 1.35, 2770, "business"),
            ("c2", "upgrade", 6.52, 2270, null),
            ("c1", "contract", 2.91, 9010, "consumer"),
            ("c3", "contract", 5.36, 9660, "business"),
            ("c1", "offer", 2.93, 7300, "consumer"),
            ("c3", "offer", 7.67, 9350, null),
            ("c2", "offer", 1.66, 5410, "consumer"),
            ("c4", "offer", 6.14, 5900, "consumer"),
            ("c1", "invoice", 8.07, 5290, "business"),
            ("c4", "upgrade", 3.74, 4180, "consumer"),
            ("c2", "contract", 8.65, 7750, "business"),
        ];
        int[] arrival = [4, 19, 21, 23, 9, 5, 25, 16, 17, 2, 10, 12, 18, 26, 27, 0, 1, 15, 20, 7, 3, 13, 24, 11, 8, 22, 6, 14];
        var events = recorded.Select(r => JourneyFixtures.Event(JourneyFixtures.InexactModel, r.Customer, r.Touchpoint, r.Value, JourneyFixtures.Base + NodaTime.Duration.FromMinutes(r.Minutes), r.Segment)).ToArray();
        AssertIncrementalSameAsBatch(events, [.. arrival.Select(i => events[i])]);
    }

    private static void AssertIncrementalSameAsBatch(JourneyEvent[] events, JourneyEvent[] arrival)
    {
        var tracker = new JourneyTracker();
        foreach (var e in arrival)
        {
            tracker.Add(e);
        }

        var journeys = JourneyGrouping.ByCustomer(events);
        Assert.Equal(journeys.Length, tracker.CustomerCount);
        Assert.Equal(events.Length, tracker.EventCount);
        foreach (var journey in journeys)
        {
            Assert.True(tracker.TryGetRollUp(journey.CustomerId, out var incremental));
            var batch = RollUpAnalysis.Analyze(journey.Events);
            foreach (var kind in Enum.GetValues<RollUpKind>())
            {
                Assert.Equal(batch.Get(kind), incremental.Get(kind), 9);
            }

            Assert.Equal(batch.Peak, incremental.Peak);
            Assert.Equal(batch.End, incremental.End);
        }

        var batchHotspots = HotspotAnalysis.Analyze(events);
        var hotspots = tracker.Hotspots();
        Assert.Equal(batchHotspots.Hotspots.Select(h => h.Touchpoint.Id), hotspots.Hotspots.Select(h => h.Touchpoint.Id).ToArray());
        Assert.Equal(batchHotspots.TotalShortfall, hotspots.TotalShortfall, 9);
        Assert.Equal(journeys.Select(j => j.CustomerId), tracker.RollUps().Keys);
    }

    [Fact]
    public void Forget_Customer_FreesStateButKeepsHotspots()
    {
        var tracker = new JourneyTracker();
        tracker.Add(JourneyFixtures.Event("a", "upgrade", 3, 0));
        Assert.True(tracker.Forget("a"));
        Assert.False(tracker.TryGetRollUp("a", out _));
        Assert.Equal(1, tracker.Hotspots().Hotspots[0].BelowCount);
    }

    [Fact]
    public void AllMethods_InvalidArguments_Throw()
    {
        var tracker = new JourneyTracker();
        Assert.Equal("journeyEvent", Assert.Throws<ArgumentException>(() => tracker.Add(default)).ParamName);
        Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => tracker.TryGetRollUp(null!, out _)).ParamName);
        Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => tracker.Forget(null!)).ParamName);
    }
}
