using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Journeys;
using CxScoring.Model;
using CxScoring.Surveys.Kano;
using CxScoring.Tests.Journeys;
using CxScoring.Tests.ModelFiles;
using CxScoring.Tests.OutcomeFiles;
using CxScoring.Tests.Surveys;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Tests;

/// <summary>A delivered value with its promise and a valid zone of tolerance, for one measure.</summary>
public sealed record GapCase(Measure Measure, double Delivered, double Promised, double Adequate, double Desired)
{
    public override string ToString()
        => $"{Measure} delivered={Delivered} promised={Promised} adequate={Adequate} desired={Desired}";
}

/// <summary>Scores in [-1, 1] as the engine produces them, a quarter of them the edge values of the fixed-point and bin arithmetic.</summary>
public sealed record ScoreSample(double[] Values)
{
    public override string ToString() => Shrinking.Describe(Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
}

/// <summary>
/// The one entry point for property-test generators: <c>[Property(Arbitrary = new[] { typeof(CxArbitraries) })]</c>.
/// The gap and score generators live here; the domain-specific ones (models, outcome files, engine outcomes, journeys,
/// surveys) live next to their tests and are reachable from here.
/// </summary>
public static class CxArbitraries
{
    /// <summary>Gets a generator of doubles in [0, 1) with all 53 bits of the fraction drawn, as Random.NextDouble draws them.</summary>
    public static Gen<double> UnitInterval { get; } =
        from high in Gen.Choose(0, (1 << 26) - 1)
        from low in Gen.Choose(0, (1 << 27) - 1)
        select (((long)high << 27) | (long)low) * (1.0 / (1L << 53));

    public static Arbitrary<ScoringModel> Models() => ModelArbitraries.Models();

    public static Arbitrary<Outcome[]> Outcomes() => OutcomeArbitraries.Outcomes();

    public static Arbitrary<OutcomeFileCase> OutcomeFiles() => OutcomeFileArbitraries.Files();

    public static Arbitrary<PlainCsvFileCase> PlainCsvFiles() => OutcomeFileArbitraries.PlainCsvFiles();

    public static Arbitrary<NdjsonFileCase> NdjsonFiles() => OutcomeFileArbitraries.NdjsonFiles();

    public static Arbitrary<EngineOutcomes> EngineOutcomes() => EngineArbitraries.Outcomes();

    public static Arbitrary<EngineBatch> EngineBatches() => EngineArbitraries.Batches();

    public static Arbitrary<PartitionedOutcomes> PartitionedOutcomes() => EngineArbitraries.Partitions();

    public static Arbitrary<LargeBatchSplit> LargeBatchSplits() => EngineArbitraries.LargeBatchSplits();

    public static Arbitrary<JourneyEvent[]> JourneyEvents() => JourneyArbitraries.Events();

    public static Arbitrary<ShuffledEvents> ShuffledJourneyEvents() => JourneyArbitraries.Shuffled();

    public static Arbitrary<NpsRatings> NpsRatings() => SurveyArbitraries.NpsRatings();

    public static Arbitrary<KanoCounts> KanoCounts() => SurveyArbitraries.KanoCounts();

    public static Arbitrary<KanoPairs> KanoPairs() => SurveyArbitraries.KanoPairs();

    public static Arbitrary<ServqualSample> ServqualSample() => SurveyArbitraries.ServqualSample();

    /// <summary>Up to 255 scores: uniform over [-1.1, 1.1] clamped to [-1, 1], or (one in four) an edge value.</summary>
    public static Arbitrary<ScoreSample> Scores()
    {
        double[] special = [-1.0, 1.0, 0.0, -1e-12, 1e-12, -0.5, 0.5, -1.0 / 32, 31.0 / 32, -31.0 / 32, BitConverter.Int64BitsToDouble(1)];
        var score = Gen.Frequency((1, Gen.Elements(special)), (3, UnitInterval.Select(u => Math.Clamp((u * 2.2) - 1.1, -1.0, 1.0))));
        return Arb.From(
            Gen.Choose(0, 255).SelectMany(n => Gen.ArrayOf(score, n)).Select(v => new ScoreSample(v)),
            sample => Shrinking.RemoveRuns(sample.Values.Length, 0).Select(keep => new ScoreSample(Shrinking.Pick(sample.Values, keep))));
    }

    private static Gen<double> Level => Gen.Choose(-100_000, 100_000).Select(i => i / 100.0);

    private static Gen<double> Positive => Gen.Choose(1, 100_000).Select(i => i / 100.0);

    public static Gen<Measure> MeasureGen =>
        from kind in Gen.Choose(0, 2)
        from scale in Positive
        from target in Level
        select kind switch
        {
            0 => Measure.Count("m", scale, Polarity.HigherIsBetter, "u"),
            1 => Measure.Count("m", scale, Polarity.LowerIsBetter, "u"),
            _ => Measure.Count("m", scale, Polarity.NearerToTargetIsBetter, "u", target),
        };

    /// <summary>Cases whose zone is valid (desired at least as good as adequate) after mapping to the polarity.</summary>
    public static Arbitrary<GapCase> GapCases()
    {
        var gen =
            from measure in MeasureGen
            from delivered in Level
            from promised in Level
            from a in Level
            from b in Level
            select Make(measure, delivered, promised, a, b);
        return Arb.From(gen);
    }

    public static Arbitrary<ProspectValueFunctionCase> FeltValues()
    {
        var unit = Gen.Choose(1, 100).Select(i => i / 100.0);
        var gen =
            from alpha in unit
            from beta in unit
            from lambda in Gen.Choose(100, 500).Select(i => i / 100.0)
            select new ProspectValueFunctionCase(alpha, beta, lambda);
        return Arb.From(gen);
    }

    private static GapCase Make(Measure measure, double delivered, double promised, double a, double b)
    {
        if (measure.Target is { } target)
        {
            // Distances from the target: the smaller distance is the better (desired) level.
            var (near, far) = Math.Abs(a - target) <= Math.Abs(b - target) ? (a, b) : (b, a);
            return new GapCase(measure, delivered, promised, far, near);
        }

        var (lo, hi) = a <= b ? (a, b) : (b, a);
        return measure.Polarity == Polarity.HigherIsBetter
            ? new GapCase(measure, delivered, promised, lo, hi)
            : new GapCase(measure, delivered, promised, hi, lo);
    }
}

public sealed record ProspectValueFunctionCase(double Alpha, double Beta, double Lambda);
