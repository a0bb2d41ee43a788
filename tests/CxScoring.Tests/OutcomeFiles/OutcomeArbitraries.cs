using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Tests.OutcomeFiles;

/// <summary>Lists of 1 to 40 outcomes with every optional field sometimes present; a failure shrinks to fewer outcomes.</summary>
public static class OutcomeArbitraries
{
    public static Arbitrary<Outcome[]> Outcomes()
        => Arb.From(
            Gen.Choose(1, 40).SelectMany(count => Gen.CollectToArray(Enumerable.Range(0, count), OutcomeGen)),
            outcomes => Shrinking.RemoveRuns(outcomes.Length, 1).Select(keep => Shrinking.Pick(outcomes, keep)));

    /// <summary>The <paramref name="i"/>-th outcome of a list: ids with separators and quotes, values from tiny to large.</summary>
    private static Gen<Outcome> OutcomeGen(int i)
        =>
            from ticksHigh in Gen.Choose(0, 39_999_999)
            from ticksLow in Gen.Choose(0, 999_999_999)
            from nanoseconds in Gen.Choose(0, 99)
            from customer in Gen.Frequency((1, Gen.Constant($"cust,\"{i}\"")), (2, Gen.Choose(0, int.MaxValue).Select(c => $"c{c}")))
            from touchpoint in Gen.Choose(0, 4).Select(t => $"tp-{t}")
            from measure in Gen.Elements("wait", "ü-measure")
            from value in Gen.OneOf(
                Gen.Choose(0, 999).Select(v => (double)v),
                CxArbitraries.UnitInterval.Select(u => (u - 0.5) * 1e6),
                CxArbitraries.UnitInterval.Select(u => u * 1e-9))
            from segment in Gen.Elements<string?>(null, "seg;1")
            from promisedLevel in Gen.OneOf(Gen.Constant<double?>(null), CxArbitraries.UnitInterval.Select(u => (double?)(u * 100)))
            from promisedByMinutes in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(-1000, 999).Select(m => (int?)m)))
            from requestedMinutes in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 999).Select(m => (int?)m)))
            from rating in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 5).Select(r => (int?)r))
            let observed = Instant.FromUnixTimeTicks((ticksHigh * 1_000_000_000L) + ticksLow) + Duration.FromNanoseconds(nanoseconds)
            select new Outcome(
                customer,
                touchpoint,
                measure,
                value,
                observed,
                segment,
                promisedLevel,
                promisedByMinutes is { } p ? observed + Duration.FromMinutes(p) : null,
                requestedMinutes is { } r ? observed - Duration.FromMinutes(r) : null,
                rating);
}
