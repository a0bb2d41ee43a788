using CxScoring.Surveys.Ces;
using CxScoring.Surveys.Csat;
using CxScoring.Surveys.Kano;
using CxScoring.Surveys.Nps;
using CxScoring.Surveys.Servqual;
using CxScoring.Surveys.ZoneOfTolerance;


// SERVQUAL: three respondents rate the 22 items for expectation (E) and perception (P) on a 7-point scale
// and split 100 points of importance over the five dimensions.
int?[] Items(params int[] perDimension) =>
    [.. Enumerable.Repeat<int?>(perDimension[0], 4), .. Enumerable.Repeat<int?>(perDimension[1], 5),
     .. Enumerable.Repeat<int?>(perDimension[2], 4), .. Enumerable.Repeat<int?>(perDimension[3], 4),
     .. Enumerable.Repeat<int?>(perDimension[4], 5)];

ServqualResponse[] servqual =
[
    new(Items(6, 7, 6, 6, 5), Items(5, 5, 6, 6, 5), [10, 40, 20, 20, 10]),
    new(Items(5, 7, 7, 6, 6), Items(5, 4, 5, 6, 6), [15, 35, 25, 15, 10]),
    new(Items(6, 6, 6, 7, 5), Items(6, 5, 4, 6, 4), [20, 30, 20, 20, 10]),
];
var instrument = ServqualInstrument.Standard();
var gaps = ServqualScorer.Score(instrument, servqual);
foreach (var dimension in gaps.Dimensions)
{
    Console.WriteLine($"SERVQUAL {dimension.Name,-15} E {dimension.MeanExpectation:0.00}  P {dimension.MeanPerception:0.00}  gap {dimension.Score:+0.00;-0.00}");
}

Console.WriteLine($"SERVQUAL unweighted {gaps.UnweightedScore:0.000}; weighted per respondent {gaps.WeightedScoreRespondentMean:0.000}, sample-mean {gaps.WeightedScoreSampleMean:0.000}");
Console.WriteLine($"SERVPERF unweighted {ServqualScorer.Score(instrument, servqual, new ServqualScoringOptions { Method = ServqualMethod.Servperf }).UnweightedScore:0.000}");

// Zone of tolerance, three-column format on 9 points: minimum, desired, perceived.
var zone = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [new(5, 8, 4), new(5, 8, 6), new(6, 9, 9), new(4, 7, 8)]);
Console.WriteLine($"Zone: MSA {zone.Mean.Msa:0.00}, MSS {zone.Mean.Mss:0.00}, {zone.Mean.Location}; below {zone.BelowCount}, within {zone.WithinCount}, above {zone.AboveCount}");

// Kano: raw functional/dysfunctional answer labels for one feature.
var kano = KanoScorer.Score(
    ["like", "like", "must-be", "neutral", "like", "neutral"],
    ["dislike", "neutral", "dislike", "dislike", "live with", "neutral"]);
Console.WriteLine($"Kano: {kano.Counts}; Better {kano.Better:0.00}, Worse {kano.Worse:0.00}; mode {kano.ModeCategory}, M>O>A>I rule {kano.RuleCategory}");

// NPS with its 95 % Wald interval and a two-sample test; CSAT and CES with their labels and polarity.
var thisQuarter = NpsScorer.Score([10, 9, 9, 8, 7, 6, 10, 3, 9, 8]);
var lastQuarter = NpsScorer.Score([10, 8, 6, 4, 9, 7, 5, 8]);
Console.WriteLine($"NPS {thisQuarter.Score:0.0} {thisQuarter.WaldInterval()}; vs last quarter {thisQuarter.CompareTo(lastQuarter)}");
Console.WriteLine(CsatScorer.Score([5, 4, 4, 3, 5, 2], CsatScale.FivePointTopTwo).Describe(CsatMeasure.TopBoxPercent));
Console.WriteLine(CesScorer.Score([6, 7, 5, 6], CesScale.Ces2));
