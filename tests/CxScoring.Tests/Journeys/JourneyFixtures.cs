using CxScoring.Journeys;
using CxScoring.Model;
using FsCheck;
using FsCheck.Fluent;
using CxScoring.Tests.TestSupport;
using NodaTime;

namespace CxScoring.Tests.Journeys;

/// <summary>A small telecom-like model (9-point satisfaction, zone adequate 5, desired 8) and helpers to build events.</summary>
internal static class JourneyFixtures
{
    public static readonly Instant Base = Instant.FromUtc(2026, 3, 1, 9, 0);

    public static readonly string[] TouchpointIds = ["offer", "contract", "upgrade", "invoice", "hotline"];

    public static readonly ScoringModel Model = new ScoringModelBuilder("journeys-test")
        .AddMeasure(Measure.Rating("sat", 9))
        .AddSegment(new Segment("consumer"))
        .AddSegment(new Segment("business"))
        .AddTouchpoint("offer", JourneyStage.Consideration, Channel.Web, 1.0)
        .AddTouchpoint("contract", JourneyStage.Purchase, Channel.Web, 2.0)
        .AddTouchpoint("upgrade", JourneyStage.Usage, Channel.FieldVisit, 3.0)
        .AddTouchpoint("invoice", JourneyStage.Billing, Channel.Letter, 1.0)
        .AddTouchpoint("hotline", JourneyStage.Support, Channel.Phone, 1.0)
        .AddPromise(new Promise("sat-promise", "sat", 6, PromiseSource.Advertising))
        .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
        .Build();

    /// <summary>
    /// The same journey on a 9-point scale read with a non-dyadic gap scale (7.3) and weights 1.1, 2.7, 0.3, 1.9, 1.3,
    /// so that sums of scores and weights are inexact and depend on summation order; the property tests use it.
    /// </summary>
    public static readonly ScoringModel InexactModel = new ScoringModelBuilder("journeys-inexact")
        .AddMeasure(Measure.Rating("sat", 9, 7.3))
        .AddSegment(new Segment("consumer"))
        .AddSegment(new Segment("business"))
        .AddTouchpoint("offer", JourneyStage.Consideration, Channel.Web, 1.1)
        .AddTouchpoint("contract", JourneyStage.Purchase, Channel.Web, 2.7)
        .AddTouchpoint("upgrade", JourneyStage.Usage, Channel.FieldVisit, 0.3)
        .AddTouchpoint("invoice", JourneyStage.Billing, Channel.Letter, 1.9)
        .AddTouchpoint("hotline", JourneyStage.Support, Channel.Phone, 1.3)
        .AddPromise(new Promise("sat-promise", "sat", 6, PromiseSource.Advertising))
        .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(4.7), ExpectationLevel.Absolute(7.9)))
        .Build();

    public static JourneyEvent Event(string customer, string touchpoint, double value, Instant at, string? segment = null)
        => Event(Model, customer, touchpoint, value, at, segment);

    public static JourneyEvent Event(ScoringModel model, string customer, string touchpoint, double value, Instant at, string? segment = null)
    {
        var outcome = new CxScoring.Model.Outcome(customer, touchpoint, "sat", value, at, segment);
        Assert.True(JourneyEventScorer.TryScore(model, outcome, out var e, out var reason), reason.ToString());
        return e;
    }

    public static JourneyEvent Event(string customer, string touchpoint, double value, double minutes, string? segment = null)
        => Event(customer, touchpoint, value, Base + Duration.FromMinutes(minutes), segment);

    public static JourneyEvent[] Shuffle(JourneyEvent[] events, int seed)
    {
        var copy = (JourneyEvent[])events.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}

/// <summary>
/// Arbitrary sets of scored events: up to four customers, five touchpoints, non-dyadic ratings 1.00..9.00 in steps of
/// 0.01 on the inexact model (scale 7.3, weights 1.1/2.7/0.3/1.9/1.3), instants over a week (with ties). Float sums of
/// these values depend on order, so order-independence and incremental = batch properties can fail on summation order.
/// </summary>
public static class JourneyArbitraries
{
    public static Arbitrary<JourneyEvent[]> Events()
    {
        return Arb.From(EventsGen(), events => Shrinking.RemoveRuns(events.Length, 1).Select(keep => Shrinking.Pick(events, keep)));
    }

    /// <summary>Arbitrary events with an arbitrary permutation of them: the order they arrive in, or are fed in.</summary>
    public static Arbitrary<ShuffledEvents> Shuffled()
        => Arb.From(
            from events in EventsGen()
            from order in Gen.Shuffle(Enumerable.Range(0, events.Length))
            select new ShuffledEvents(events, order),
            Shrink);

    private static Gen<JourneyEvent[]> EventsGen()
    {
        var one =
            from customer in Gen.Elements("c1", "c2", "c3", "c4")
            from touchpoint in Gen.Elements(JourneyFixtures.TouchpointIds)
            from value in Gen.Choose(100, 900).Select(v => v / 100.0)
            from minutes in Gen.Choose(0, 7 * 24 * 6).Select(m => m * 10)
            from segment in Gen.Elements<string?>("consumer", "business", null)
            select JourneyFixtures.Event(JourneyFixtures.InexactModel, customer, touchpoint, value, JourneyFixtures.Base + Duration.FromMinutes(minutes), segment);
        return Gen.Sized(size => Gen.Choose(1, Math.Max(1, size)).SelectMany(n => Gen.ArrayOf(one, n)));
    }

    // Fewer events, the permutation kept on those that stay.
    private static IEnumerable<ShuffledEvents> Shrink(ShuffledEvents shuffled)
    {
        foreach (var keep in Shrinking.RemoveRuns(shuffled.Events.Length, 1))
        {
            var position = new int[shuffled.Events.Length];
            Array.Fill(position, -1);
            for (var k = 0; k < keep.Length; k++)
            {
                position[keep[k]] = k;
            }

            yield return new ShuffledEvents(Shrinking.Pick(shuffled.Events, keep), [.. shuffled.Order.Where(i => position[i] >= 0).Select(i => position[i])]);
        }
    }
}

/// <summary>Events and a permutation of their indices (<see cref="Order"/>[k] is the index of the k-th event to arrive).</summary>
public sealed record ShuffledEvents(JourneyEvent[] Events, int[] Order)
{
    /// <summary>Gets the events in the permuted order.</summary>
    public JourneyEvent[] InOrder => [.. Order.Select(i => Events[i])];

    public override string ToString() => $"order=[{string.Join(",", Order)}] {Shrinking.Describe(Events)}";
}
