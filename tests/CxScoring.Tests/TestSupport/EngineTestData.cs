using CxScoring.Model;
using NodaTime;

namespace CxScoring.Tests.TestSupport;

/// <summary>A model that exercises every path of the plan, and random outcomes with injected faults.</summary>
internal static class EngineTestData
{
    internal static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    internal static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static readonly string[] Touchpoints = ["web-order", "chat-help", "phone-help", "install", "bill", "store"];
    private static readonly string[] Measures = ["wait", "fcr", "transfers", "accuracy", "csat", "amount", "delivery", "orphan"];

    internal static ScoringModel Model { get; } = BuildModel();

    /// <summary>Every touchpoint × segment × measure has one promise, always in force, and an expectation: no cell takes the general path, so a scorecard without calendar periods reads no instant.</summary>
    internal static ScoringModel AllFastModel { get; } = ScoringModel.CreateBuilder("all-fast")
        .AddTouchpoint("web-order", JourneyStage.Purchase, Channel.Web)
        .AddTouchpoint("bill", JourneyStage.Billing, Channel.Letter)
        .AddTouchpoint("install", JourneyStage.Onboarding, Channel.FieldVisit, 2)
        .AddSegment(new Segment("business"))
        .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
        .AddMeasure(Measure.Money("amount", "EUR", 10))
        .AddMeasure(Measure.Count("transfers", 2))
        .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
        .AddPromise(new Promise("exact-bill", "amount", 0, PromiseSource.Contract))
        .AddPromise(new Promise("transfers-1", "transfers", 1, PromiseSource.Implicit))
        .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))))
        .AddExpectation(new Expectation("amount", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(0)))
        .AddExpectation(new Expectation("transfers", ExpectationLevel.Absolute(2), ExpectationLevel.Absolute(0)))
        .Build();

    private static ScoringModel BuildModel()
    {
        var b = ScoringModel.CreateBuilder("test")
            .AddTouchpoint("web-order", JourneyStage.Purchase, Channel.Web, 2)
            .AddTouchpoint("chat-help", JourneyStage.Support, Channel.Chat)
            .AddTouchpoint("phone-help", JourneyStage.Support, Channel.Phone, 1.5)
            .AddTouchpoint("install", JourneyStage.Onboarding, Channel.FieldVisit, 3)
            .AddTouchpoint("bill", JourneyStage.Billing, Channel.Letter)
            .AddTouchpoint("store", JourneyStage.Consideration, Channel.Store)
            .AddSegment(new Segment("business"))
            .AddSegment(new Segment("consumer"))
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)).WithRatedBy("csat"))
            .AddMeasure(Measure.YesNo("fcr").WithRatedBy("csat"))
            .AddMeasure(Measure.Count("transfers", 2))
            .AddMeasure(Measure.Ratio("accuracy", 0.2))
            .AddMeasure(Measure.Rating("csat", 5).WithSource(MeasureSource.Perceived))
            .AddMeasure(Measure.Money("amount", "EUR", 10))
            .AddMeasure(Measure.Deadline("delivery", Duration.FromDays(1)))
            .AddMeasure(Measure.Count("orphan", 1))
            .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
            .AddPromise(Promise.OfDuration("chat-10m", "wait", Duration.FromMinutes(10), PromiseSource.Advertising,
                new Interval(Instant.FromUtc(2025, 3, 1, 0, 0), Instant.FromUtc(2025, 9, 1, 0, 0)), new Scope(touchpointId: "chat-help")))
            .AddPromise(Promise.OfDuration("business-1h", "wait", Duration.FromHours(1), PromiseSource.Contract,
                new Interval(null, Instant.FromUtc(2025, 6, 1, 0, 0)), new Scope(segmentId: "business")))
            .AddPromise(new Promise("fcr-yes", "fcr", 1, PromiseSource.Implicit))
            .AddPromise(new Promise("transfers-1", "transfers", 1, PromiseSource.Implicit))
            .AddPromise(new Promise("accurate", "accuracy", 0.98, PromiseSource.Contract))
            .AddPromise(new Promise("exact-bill", "amount", 0, PromiseSource.Contract))
            .AddPromise(new Promise("next-day", "delivery", 0, PromiseSource.Advertising, scope: new Scope(channel: Channel.FieldVisit),
                deadline: new ZonedDeadline(new LocalTime(17, 0), Berlin, 1)))
            .AddPromise(new Promise("orphan-0", "orphan", 0, PromiseSource.Implicit))
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit, scope: new Scope(touchpointId: "chat-help")))
            .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))))
            .AddExpectation(new Expectation("wait", ExpectationLevel.AsPromised, ExpectationLevel.Absolute(Duration.FromMinutes(5)), new Scope(segmentId: "business")))
            .AddExpectation(new Expectation("fcr", ExpectationLevel.Absolute(0), ExpectationLevel.Absolute(1)))
            .AddExpectation(new Expectation("transfers", ExpectationLevel.Absolute(2), ExpectationLevel.Absolute(0)))
            .AddExpectation(new Expectation("accuracy", ExpectationLevel.RelativeToPromise(-0.05), ExpectationLevel.Absolute(1.0)))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .AddExpectation(new Expectation("amount", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(0)))
            .AddExpectation(new Expectation("delivery", ExpectationLevel.RelativeToPromise(Duration.FromHours(2)), ExpectationLevel.RelativeToPromise(Duration.FromHours(-1))));
        return b.Build();
    }

    /// <summary>Random outcomes over 2025 and 2026: mostly valid, with unknown ids, NaN, out-of-range values, own promises and
    /// deadlines, and some customer ratings (mostly on the rated measures wait and fcr, a few outside csat's scale, a few on
    /// measures that are not rated). Ratings come from their own random stream, so the outcomes are those of the same seed without them.</summary>
    internal static Outcome[] Outcomes(int seed, int count)
    {
        var random = new Random(seed);
        var ratings = new Random(~seed);
        var outcomes = new Outcome[count];
        for (var i = 0; i < count; i++)
        {
            var touchpoint = random.Next(50) == 0 ? "nowhere" : Touchpoints[random.Next(Touchpoints.Length)];
            var measure = random.Next(50) == 0 ? "nothing" : Measures[random.Next(Measures.Length)];
            var segment = random.Next(40) == 0 ? "martians" : random.Next(3) switch { 0 => null, 1 => "business", _ => "consumer" };
            var observed = Start + Duration.FromSeconds(random.NextInt64(0, 2L * 365 * 86400)) + Duration.FromNanoseconds(random.Next(1_000_000_000));
            var value = ValueOf(measure, random);
            if (random.Next(60) == 0)
            {
                value = double.NaN;
            }
            else if (random.Next(60) == 0)
            {
                value = -7;
            }

            double? level = random.Next(8) == 0 ? random.NextDouble() * (measure == "accuracy" ? 1.2 : 3) : null;
            if (level is not null && random.Next(20) == 0)
            {
                level = double.PositiveInfinity;
            }

            Instant? promisedBy = measure == "delivery" && random.Next(3) == 0 ? observed + Duration.FromHours(random.Next(-48, 48)) : null;
            Instant? requestedAt = random.Next(3) == 0 ? observed - Duration.FromHours(random.Next(1, 72)) : null;
            double? rating = ratings.Next(4) != 0 ? null : ratings.Next(30) == 0 ? 9 : ratings.Next(1, 6);
            outcomes[i] = new Outcome("c" + random.Next(40), touchpoint, measure, value, observed, segment, level, promisedBy, requestedAt, rating);
        }

        return outcomes;
    }

    /// <summary>A plausible delivered value of the model's measure <paramref name="measure"/> (any value for an unknown one).</summary>
    internal static double ValueOf(string measure, Random random)
        => measure switch
        {
            "wait" => random.NextDouble() * 4 * 3600,
            "fcr" => random.Next(2),
            "transfers" => random.Next(5),
            "accuracy" => random.NextDouble(),
            "csat" => random.Next(1, 6),
            "amount" => (random.NextDouble() - 0.5) * 40,
            _ => random.Next(3),
        };
}
