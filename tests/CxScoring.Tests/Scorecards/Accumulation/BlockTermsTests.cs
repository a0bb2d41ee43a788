using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Scorecards.Accumulation;

public class BlockTermsTests
{
    private static readonly FeltTable Felt = ScoringPlan.Compile(EngineTestData.Model).Felt;

    [Property(MaxTest = 100)]
    public void Compute_RandomScores_EqualsScalarTermsBitForBit(int seed, byte length)
    {
        var random = new Random(seed);
        double[] special = [-1.0, 1.0, 0.0, -1e-12, 1e-12, -0.5, 0.5, -1.0 / 32, 31.0 / 32, -31.0 / 32, BitConverter.Int64BitsToDouble(1)];
        var scores = new double[length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.Next(4) == 0 ? special[random.Next(special.Length)] : Math.Clamp((random.NextDouble() * 2.2) - 1.1, -1.0, 1.0);
        }

        var n = scores.Length;
        var terms = new long[n * BlockTerms.Columns];
        BlockTerms.Compute(Felt, scores, terms);
        for (var j = 0; j < n; j++)
        {
            var score = scores[j];
            var f = Felt.Normalised(score);
            Assert.Equal(double.ConvertToIntegerNative<long>(score * FixedPoint.One), terms[j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(score * score * FixedPoint.One), terms[n + j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(f * FixedPoint.One), terms[(2 * n) + j]);
            Assert.Equal(double.ConvertToIntegerNative<long>(f * f * FixedPoint.One), terms[(3 * n) + j]);
            Assert.Equal(FixedPoint.BinOf(score), terms[(4 * n) + j]);
        }
    }
}
