using CxScoring.Journeys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.TimeZones;

namespace CxScoring.Tests.Journeys;

public class JourneyGroupingTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly EngagementDefinition Upgrade = new(
        "upgrade-service", ["offer", "contract", "upgrade", "invoice"], EngagementWindow.Of(Duration.FromDays(30)), ["offer"]);

    [Fact]
    public void ByCustomer_Events_GroupedAndOrderedByInstant()
    {
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("b", "invoice", 7, 30),
            JourneyFixtures.Event("a", "upgrade", 7, 20),
            JourneyFixtures.Event("a", "offer", 7, 10),
            JourneyFixtures.Event("b", "offer", 7, 5),
        ];

        var journeys = JourneyGrouping.ByCustomer(events);

        Assert.Equal(["a", "b"], journeys.Select(j => j.CustomerId));
        Assert.Equal(["offer", "upgrade"], journeys[0].Events.Select(e => e.Outcome.TouchpointId));
        Assert.Null(journeys[0].EngagementId);
        Assert.Equal(JourneyFixtures.Base + Duration.FromMinutes(10), journeys[0].Start);
        Assert.Equal(JourneyFixtures.Base + Duration.FromMinutes(20), journeys[0].End);
    }

    [Fact]
    public void ByEngagement_OfferOpensWindow_LaterEventsSplitAndOthersLeftOut()
    {
        var day = 24 * 60.0;
        JourneyEvent[] events =
        [
            JourneyFixtures.Event("a", "contract", 7, -day),
            JourneyFixtures.Event("a", "offer", 7, 0),
            JourneyFixtures.Event("a", "contract", 6, day),
            JourneyFixtures.Event("a", "hotline", 3, 2 * day),
            JourneyFixtures.Event("a", "upgrade", 8, 5 * day),
            JourneyFixtures.Event("a", "invoice", 5, 29 * day),
            JourneyFixtures.Event("a", "invoice", 5, 30 * day),
            JourneyFixtures.Event("a", "offer", 8, 40 * day),
        ];

        var engagements = JourneyGrouping.ByEngagement(JourneyFixtures.Shuffle(events, 7), Upgrade);

        Assert.Equal(2, engagements.Length);
        Assert.Equal(["offer", "contract", "upgrade", "invoice"], engagements[0].Events.Select(e => e.Outcome.TouchpointId));
        Assert.Equal("upgrade-service", engagements[0].EngagementId);
        Assert.Equal(new NodaTime.Interval(JourneyFixtures.Base, JourneyFixtures.Base + Duration.FromDays(30)), engagements[0].Window);
        Assert.Single(engagements[1].Events);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void ByCustomer_AnyInputOrder_SameJourneys(ShuffledEvents shuffled)
    {
        var a = JourneyGrouping.ByCustomer(shuffled.Events);
        var b = JourneyGrouping.ByCustomer(shuffled.InOrder);
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Events.ToArray(), b[i].Events.ToArray());
        }
    }

    // Events spread over both 2026 clock changes in Berlin; windows of local days must hold exactly their events.
    [Property(MaxTest = 100)]
    public Property ByEngagement_LocalDayWindowsAcrossDst_EveryEventInsideItsLocalWindow()
    {
        var instant = Gen.OneOf(
                Gen.Choose(0, 10 * 24 * 4).Select(q => Instant.FromUtc(2026, 3, 24, 0, 0) + Duration.FromMinutes(q * 15)),
                Gen.Choose(0, 10 * 24 * 4).Select(q => Instant.FromUtc(2026, 10, 20, 0, 0) + Duration.FromMinutes(q * 15)));
        var one = from at in instant
                  from tp in Gen.Elements(JourneyFixtures.TouchpointIds)
                  select JourneyFixtures.Event("c", tp, 6, at);
        var gen = from days in Gen.Choose(1, 4)
                  from events in Gen.ArrayOf(one, 12)
                  select (days, events);
        return Prop.ForAll(Arb.From(gen), t =>
        {
            var definition = new EngagementDefinition("e", JourneyFixtures.TouchpointIds, EngagementWindow.OfLocalDays(t.days, Berlin));
            var engagements = JourneyGrouping.ByEngagement(t.events, definition);
            Assert.Equal(t.events.Length, engagements.Sum(j => j.Events.Length));
            Instant? previousEnd = null;
            foreach (var engagement in engagements)
            {
                var window = engagement.Window!.Value;
                Assert.Equal(engagement.Start, window.Start);
                var localEnd = window.Start.InZone(Berlin).LocalDateTime.PlusDays(t.days).InZone(Berlin, Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted)).ToInstant();
                Assert.Equal(localEnd, window.End);
                Assert.All(engagement.Events, e => Assert.True(e.ObservedAt >= window.Start && e.ObservedAt < window.End));
                Assert.True(previousEnd is null || window.Start >= previousEnd);
                previousEnd = window.End;
            }
        });
    }

    [Fact]
    public void ByCustomer_NullOrDefaultEvents_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => JourneyGrouping.ByCustomer(null!)).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentException>(() => JourneyGrouping.ByCustomer([default])).ParamName);
    }

    [Fact]
    public void ByEngagement_NullArguments_Throw()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => JourneyGrouping.ByEngagement(null!, Upgrade)).ParamName);
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => JourneyGrouping.ByEngagement([], null!)).ParamName);
    }
}
