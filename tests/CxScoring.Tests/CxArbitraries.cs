using CxScoring.Gaps;
using CxScoring.Model;
using FsCheck;
using FsCheck.Fluent;

namespace CxScoring.Tests;

/// <summary>A delivered value with its promise and a valid zone of tolerance, for one measure.</summary>
public sealed record GapCase(Measure Measure, double Delivered, double Promised, double Adequate, double Desired)
{
    public override string ToString()
        => $"{Measure} delivered={Delivered} promised={Promised} adequate={Adequate} desired={Desired}";
}

/// <summary>The shared generators of valid domain values for property tests.</summary>
public static class CxArbitraries
{
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
