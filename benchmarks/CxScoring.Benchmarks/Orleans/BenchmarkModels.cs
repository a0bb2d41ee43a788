using CxScoring.Model;
using NodaTime;

namespace CxScoring.Benchmarks.Orleans;

/// <summary>The scale-out benchmarks' model and outcomes: the engine benchmarks' two measures on N touchpoints, outcomes over a year for a pool of customers.</summary>
internal static class BenchmarkModels
{
    internal static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    internal static ScoringModel Build(int touchpoints)
    {
        var builder = ScoringModel.CreateBuilder("scale-out benchmark")
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
            .AddMeasure(Measure.Rating("csat", 5, 4))
            .AddSegment(new Segment("business"))
            .AddSegment(new Segment("consumer"));
        var channels = Channel.WellKnown;
        for (var t = 0; t < touchpoints; t++)
        {
            builder.AddTouchpoint($"tp{t}", (JourneyStage)(t % 9), channels[t % channels.Count]);
        }

        return builder
            .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .Build();
    }

    internal static Outcome[] Outcomes(int count, int touchpoints, int customers, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        string?[] segments = [null, "business", "consumer"];
        var outcomes = new Outcome[count];
        for (var i = 0; i < count; i++)
        {
            var csat = random.Next(2) == 1;
            outcomes[i] = new Outcome(
                $"c{random.Next(customers)}", $"tp{random.Next(touchpoints)}", csat ? "csat" : "wait",
                csat ? random.Next(1, 6) : random.NextDouble() * 4 * 3600,
                start + Duration.FromSeconds(random.NextInt64(0, 365L * 86400)), segments[random.Next(3)]);
        }

        return outcomes;
    }
}
