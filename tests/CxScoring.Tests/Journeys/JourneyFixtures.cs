using CxScoring.Journeys;
using CxScoring.Model;
using FsCheck;
using FsCheck.Fluent;
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

    public static JourneyEvent Event(string customer, string touchpoint, double value, Instant at, string? segment = null)
    {
        var outcome = new CxScoring.Model.Outcome(customer, touchpoint, "sat", value, at, segment);
        Assert.True(JourneyEventScorer.TryScore(Model, outcome, out var e, out var reason), reason.ToString());
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

/// <summary>Arbitrary sets of scored events: up to four customers, five touchpoints, ratings 1..9, instants over a week (with ties).</summary>
public static class JourneyArbitraries
{
    public static Arbitrary<JourneyEvent[]> Events()
    {
        var one =
            from customer in Gen.Elements("c1", "c2", "c3", "c4")
            from touchpoint in Gen.Elements(JourneyFixtures.TouchpointIds)
            from value in Gen.Choose(1, 9)
            from minutes in Gen.Choose(0, 7 * 24 * 6).Select(m => m * 10)
            from segment in Gen.Elements<string?>("consumer", "business", null)
            select JourneyFixtures.Event(customer, touchpoint, value, minutes, segment);
        return Arb.From(Gen.Sized(size => Gen.Choose(1, Math.Max(1, size)).SelectMany(n => Gen.ArrayOf(one, n))));
    }
}
