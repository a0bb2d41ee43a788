using CxScoring.Surveys.Kano;
using CxScoring.Surveys.Servqual;
using FsCheck;
using FsCheck.Fluent;

namespace CxScoring.Tests.Surveys;

/// <summary>A sample of complete 22-item SERVQUAL responses on a 7-point scale, each with an importance allocation.</summary>
public sealed record ServqualSample(ServqualResponse[] Responses);

/// <summary>Valid 0–10 NPS ratings (at least one).</summary>
public sealed record NpsRatings(int[] Values);

/// <summary>A valid Kano answer pair sample (at least one respondent).</summary>
public sealed record KanoPairs(KanoAnswer[] Functional, KanoAnswer[] Dysfunctional);

/// <summary>Generators of valid survey data, shared by the survey property tests.</summary>
public static class SurveyArbitraries
{
    public static Arbitrary<NpsRatings> NpsRatings()
        => Arb.From(Gen.Choose(1, 60).SelectMany(n => Gen.Choose(0, 10).ArrayOf(n)).Select(a => new NpsRatings(a)));

    public static Arbitrary<KanoCounts> KanoCounts()
        => Arb.From(Gen.Choose(0, 200).ArrayOf(6)
            .Where(c => c[0] + c[1] + c[2] + c[3] > 0)
            .Select(c => new KanoCounts(c[0], c[1], c[2], c[3], c[4], c[5])));

    public static Arbitrary<KanoPairs> KanoPairs()
        => Arb.From(Gen.Choose(1, 40).SelectMany(n =>
            Gen.Choose(1, 5).ArrayOf(n).SelectMany(f =>
                Gen.Choose(1, 5).ArrayOf(n).Select(d =>
                    new KanoPairs([.. f.Select(x => (KanoAnswer)x)], [.. d.Select(x => (KanoAnswer)x)])))));

    public static Arbitrary<ServqualSample> ServqualSample()
    {
        var response =
            Gen.Choose(1, 7).ArrayOf(22).SelectMany(e =>
                Gen.Choose(1, 7).ArrayOf(22).SelectMany(p =>
                    Gen.Choose(0, 40).ArrayOf(5).Where(w => w.Sum() > 0).Select(w =>
                        new ServqualResponse(e.Select(x => (int?)x), p.Select(x => (int?)x), w.Select(x => (double)x)))));
        return Arb.From(Gen.Choose(1, 12).SelectMany(n => response.ArrayOf(n)).Select(r => new ServqualSample(r)));
    }
}
