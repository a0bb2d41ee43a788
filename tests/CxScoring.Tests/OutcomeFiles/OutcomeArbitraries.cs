using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Tests.OutcomeFiles;

/// <summary>Lists of outcomes with every optional field sometimes present, built from a seed.</summary>
public static class OutcomeArbitraries
{
    public static Arbitrary<Outcome[]> Outcomes() => Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => Create(seed, 1 + (seed % 40))));

    internal static Outcome[] Create(int seed, int count)
    {
        var r = new Random(seed);
        var outcomes = new Outcome[count];
        for (var i = 0; i < count; i++)
        {
            var observed = Instant.FromUnixTimeTicks(r.NextInt64(0, 40_000_000_000_000_000)) + Duration.FromNanoseconds(r.Next(0, 100));
            outcomes[i] = new Outcome(
                r.Next(3) == 0 ? $"cust,\"{i}\"" : $"c{r.Next()}",
                $"tp-{r.Next(5)}",
                r.Next(2) == 0 ? "wait" : "ü-measure",
                r.Next(3) switch { 0 => r.Next(0, 1000), 1 => (r.NextDouble() - 0.5) * 1e6, _ => r.NextDouble() * 1e-9 },
                observed,
                r.Next(2) == 0 ? null : "seg;1",
                r.Next(2) == 0 ? null : r.NextDouble() * 100,
                r.Next(3) == 0 ? observed + Duration.FromMinutes(r.Next(-1000, 1000)) : null,
                r.Next(3) == 0 ? observed - Duration.FromMinutes(r.Next(0, 1000)) : null,
                r.Next(2) == 0 ? null : r.Next(1, 6));
        }

        return outcomes;
    }
}
