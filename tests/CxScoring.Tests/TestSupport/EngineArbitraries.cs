using FsCheck;
using FsCheck.Fluent;
using Outcome = CxScoring.Model.Outcome;
using NodaTime;

namespace CxScoring.Tests.TestSupport;

/// <summary>A few hundred outcomes of the engine test model (<see cref="EngineTestData.Model"/>), faults included.</summary>
public sealed record EngineOutcomes(Outcome[] Items)
{
    public override string ToString() => Shrinking.Describe(Items);
}

/// <summary>A few thousand outcomes of the engine test model, enough for the parallel path to split them.</summary>
public sealed record EngineBatch(Outcome[] Items)
{
    public override string ToString() => Shrinking.Describe(Items);
}

/// <summary>
/// Outcomes of the engine test model with, for each, the piece it goes to and its place in a shuffle, and the order in
/// which the pieces' scorecards are merged.
/// </summary>
public sealed record PartitionedOutcomes(Outcome[] Items, int Pieces, int[] PieceOf, int[] ShuffleKey, int[] MergeKey)
{
    public override string ToString()
        => $"pieces={Pieces} pieceOf=[{string.Join(",", PieceOf)}] shuffleKey=[{string.Join(",", ShuffleKey)}] mergeKey=[{string.Join(",", MergeKey)}] {Shrinking.Describe(Items)}";
}

/// <summary>
/// A large batch of engine rows described compactly: its size, its share of rows the cell-run kernel hands to the row
/// kernel (in percent), two cut points that split it into three batches, and whether the scorecard keeps calendar
/// periods. <see cref="FillerSeed"/> only fills in the rows' contents, which the law under test does not depend on.
/// </summary>
public sealed record LargeBatchSplit(int Rows, int FaultPercent, int FirstCut, int SecondCut, bool Days, int FillerSeed)
{
    /// <summary>Gets the cut points in order, within the batch.</summary>
    public (int First, int Second) Cuts
        => Math.Min(FirstCut, Rows) <= Math.Min(SecondCut, Rows) ? (Math.Min(FirstCut, Rows), Math.Min(SecondCut, Rows)) : (Math.Min(SecondCut, Rows), Math.Min(FirstCut, Rows));
}

/// <summary>
/// Generators of engine test data: outcomes with the mix of <see cref="EngineTestData.Outcomes"/> (mostly valid, some
/// unknown ids, NaN, out-of-range values, own promises and deadlines), drawn by FsCheck so that a failure shrinks to
/// fewer outcomes.
/// </summary>
public static class EngineArbitraries
{
    private static readonly string[] Touchpoints = ["web-order", "chat-help", "phone-help", "install", "bill", "store"];
    private static readonly string[] Measures = ["wait", "fcr", "transfers", "accuracy", "csat", "amount", "delivery", "orphan"];

    /// <summary>One outcome of the engine test model over 2025 and 2026, with the fault rates of <see cref="EngineTestData.Outcomes"/>.</summary>
    public static Gen<Outcome> OutcomeGen { get; } =
        from customer in Gen.Choose(0, 39)
        from touchpoint in Gen.Frequency((1, Gen.Constant("nowhere")), (49, Gen.Elements(Touchpoints)))
        from measure in Gen.Frequency((1, Gen.Constant("nothing")), (49, Gen.Elements(Measures)))
        from segment in Gen.Frequency((1, Gen.Constant<string?>("martians")), (39, Gen.Elements<string?>(null, "business", "consumer")))
        from seconds in Gen.Choose(0, 2 * 365 * 86400)
        from nanoseconds in Gen.Choose(0, 999_999_999)
        from value in Gen.Frequency((1, Gen.Constant(double.NaN)), (1, Gen.Constant(-7.0)), (58, ValueOf(measure)))
        from level in Gen.Frequency(
            (7, Gen.Constant<double?>(null)),
            (1, Gen.Frequency((1, Gen.Constant(double.PositiveInfinity)), (19, CxArbitraries.UnitInterval.Select(u => u * (measure == "accuracy" ? 1.2 : 3))))
                .Select(l => (double?)l)))
        from promisedHours in measure == "delivery"
            ? Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(-48, 47).Select(h => (int?)h)))
            : Gen.Constant<int?>(null)
        from requestedHours in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 71).Select(h => (int?)h)))
        from rating in Gen.Frequency((9, Gen.Constant<double?>(null)), (3, Gen.Choose(1, 5).Select(x => (double?)x)), (1, Gen.Elements<double?>(0, 9, 2.5)))
        let observed = EngineTestData.Start + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanoseconds)
        select new Outcome(
            "c" + customer, touchpoint, measure, value, observed, segment, level,
            promisedHours is { } p ? observed + Duration.FromHours(p) : null,
            requestedHours is { } r ? observed - Duration.FromHours(r) : null,
            rating);

    /// <summary>A plausible delivered value of the model's measure <paramref name="measure"/>, as <see cref="EngineTestData.ValueOf"/>.</summary>
    public static Gen<double> ValueOf(string measure)
        => measure switch
        {
            "wait" => CxArbitraries.UnitInterval.Select(u => u * 4 * 3600),
            "fcr" => Gen.Choose(0, 1).Select(i => (double)i),
            "transfers" => Gen.Choose(0, 4).Select(i => (double)i),
            "accuracy" => CxArbitraries.UnitInterval,
            "csat" => Gen.Choose(1, 5).Select(i => (double)i),
            "amount" => CxArbitraries.UnitInterval.Select(u => (u - 0.5) * 40),
            _ => Gen.Choose(0, 2).Select(i => (double)i),
        };

    public static Arbitrary<EngineOutcomes> Outcomes()
        => Arb.From(
            Gen.Choose(250, 600).SelectMany(n => Gen.ArrayOf(OutcomeGen, n)).Select(items => new EngineOutcomes(items)),
            sample => Shrinking.RemoveRuns(sample.Items.Length, 1).Select(keep => new EngineOutcomes(Shrinking.Pick(sample.Items, keep))));

    public static Arbitrary<EngineBatch> Batches()
        => Arb.From(
            Gen.Choose(2000, 4000).SelectMany(n => Gen.ArrayOf(OutcomeGen, n)).Select(items => new EngineBatch(items)),
            sample => Shrinking.RemoveRuns(sample.Items.Length, 1).Select(keep => new EngineBatch(Shrinking.Pick(sample.Items, keep))));

    /// <summary>The fewest rows of a <see cref="LargeBatchSplit"/>: a whole cell-run chunk of the engine test model.</summary>
    public const int LargeBatchMinRows = 131_072;

    public static Arbitrary<LargeBatchSplit> LargeBatchSplits()
    {
        var gen =
            from rows in Gen.Choose(LargeBatchMinRows, 180_000)
            from faultPercent in Gen.Choose(0, 12)
            from first in Gen.Choose(0, rows)
            from second in Gen.Choose(0, rows)
            from days in Gen.Elements(false, true)
            from fillerSeed in Gen.Choose(0, int.MaxValue)
            select new LargeBatchSplit(rows, faultPercent, first, second, days, fillerSeed);
        return Arb.From(gen, Shrink);

        // Towards the smallest batch, no faults, no periods and cuts at the start; the filler is never shrunk.
        static IEnumerable<LargeBatchSplit> Shrink(LargeBatchSplit s)
        {
            if (s.Days)
            {
                yield return s with { Days = false };
            }

            if (s.Rows > LargeBatchMinRows)
            {
                yield return s with { Rows = LargeBatchMinRows };
                yield return s with { Rows = LargeBatchMinRows + ((s.Rows - LargeBatchMinRows) / 2) };
            }

            if (s.FaultPercent > 0)
            {
                yield return s with { FaultPercent = 0 };
                yield return s with { FaultPercent = s.FaultPercent / 2 };
            }

            foreach (var cut in new[] { 0, s.FirstCut / 2 }.Distinct().Where(c => c < s.FirstCut))
            {
                yield return s with { FirstCut = cut };
            }

            foreach (var cut in new[] { 0, s.SecondCut / 2 }.Distinct().Where(c => c < s.SecondCut))
            {
                yield return s with { SecondCut = cut };
            }
        }
    }

    public static Arbitrary<PartitionedOutcomes> Partitions()
    {
        var gen =
            from pieces in Gen.Choose(1, 6)
            from n in Gen.Choose(300, 600)
            from items in Gen.ArrayOf(OutcomeGen, n)
            from pieceOf in Gen.ArrayOf(Gen.Choose(0, pieces - 1), n)
            from shuffleKey in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), n)
            from mergeKey in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), pieces + 1)
            select new PartitionedOutcomes(items, pieces, pieceOf, shuffleKey, mergeKey);
        return Arb.From(gen, Shrink);

        static IEnumerable<PartitionedOutcomes> Shrink(PartitionedOutcomes p)
        {
            // Fewer pieces first (outcomes of the dropped pieces join piece 0), then fewer outcomes.
            for (var k = 1; k < p.Pieces; k++)
            {
                var pieces = k;
                yield return p with { Pieces = pieces, PieceOf = [.. p.PieceOf.Select(i => i < pieces ? i : 0)], MergeKey = p.MergeKey[..(pieces + 1)] };
            }

            foreach (var keep in Shrinking.RemoveRuns(p.Items.Length, 0))
            {
                yield return p with { Items = Shrinking.Pick(p.Items, keep), PieceOf = Shrinking.Pick(p.PieceOf, keep), ShuffleKey = Shrinking.Pick(p.ShuffleKey, keep) };
            }
        }
    }
}

/// <summary>Shrinking by removing runs of elements: halves first, then quarters, down to single elements.</summary>
public static class Shrinking
{
    /// <summary>The index sets that keep all of 0..<paramref name="count"/> but one run, longest runs first, never fewer than <paramref name="min"/>.</summary>
    public static IEnumerable<int[]> RemoveRuns(int count, int min)
    {
        for (var run = count / 2; run >= 1; run /= 2)
        {
            if (count - run < min)
            {
                continue;
            }

            for (var start = 0; start + run <= count; start += run)
            {
                var keep = new int[count - run];
                for (int i = 0, k = 0; i < count; i++)
                {
                    if (i < start || i >= start + run)
                    {
                        keep[k++] = i;
                    }
                }

                yield return keep;
            }
        }
    }

    public static T[] Pick<T>(T[] items, int[] keep)
    {
        var picked = new T[keep.Length];
        for (var i = 0; i < keep.Length; i++)
        {
            picked[i] = items[keep[i]];
        }

        return picked;
    }

    public static string Describe<T>(T[] items)
        => items.Length <= 40 ? $"{items.Length} items: [{string.Join("; ", items)}]" : $"{items.Length} items (shrink to see them)";
}
