using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Scorecards.Accumulation;

public class BlockTermsTests
{
    private static readonly FeltTable Felt = ScoringPlan.Compile(EngineTestData.Model).Felt;

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 100)]
    public void Compute_RandomScores_EqualsScalarTermsBitForBit(ScoreSample sample)
    {
        var scores = sample.Values;
        var n = scores.Length;
        var terms = new long[n * BlockTerms.Columns];

        // Gaps are unclamped: spread them well past the saturation limit on both sides.
        var promiseGaps = scores.Select((s, i) => s * Math.Pow(10, i % 7) * (i % 3 == 0 ? -1 : 1)).ToArray();
        var settingGaps = scores.Select((s, i) => (i % 5 == 0 ? 1e9 : 3.0) * s).ToArray();
        BlockTerms.Compute(Felt, scores, promiseGaps, settingGaps, terms);
        for (var j = 0; j < n; j++)
        {
            var score = scores[j];
            var f = Felt.Normalised(score);
            Assert.Equal(double.ConvertToIntegerNative<long>(score * FixedPoint.One), terms[j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(score * score * FixedPoint.One), terms[n + j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(f * FixedPoint.One), terms[(2 * n) + j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(f * f * FixedPoint.One), terms[(3 * n) + j]);
            Assert.Equal(FixedPoint.BinOf(score), terms[(4 * n) + j]);
            Assert.Equal(LetterReference.GapTerm(promiseGaps[j]), terms[(5 * n) + j]);
            Assert.Equal(LetterReference.GapTerm(settingGaps[j]), terms[(6 * n) + j]);
            Assert.Equal(FixedPoint.GapTerm(settingGaps[j]), terms[(6 * n) + j]);
        }
    }
}
