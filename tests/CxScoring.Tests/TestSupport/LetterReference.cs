using CxScoring.Gaps;
using CxScoring.Scorecards;

namespace CxScoring.Tests.TestSupport;

/// <summary>Letter-vs-spirit figures of an aggregate computed from per-outcome reference results (<c>TryScore</c>).</summary>
internal static class LetterReference
{
    /// <summary>The fixed-point term of a gap as the scorecard documents it: saturated, times 2¹⁶, truncated toward zero.</summary>
    internal static long GapTerm(double gap)
        => (long)(Math.Clamp(gap, -ScoreAggregate.GapSaturation, ScoreAggregate.GapSaturation) * ScoreAggregate.GapFixedPointOne);

    /// <summary>Asserts that an aggregate's letter-vs-spirit figures are those of the given outcomes, exactly.</summary>
    internal static void AssertLetter(IReadOnlyCollection<GapResult> results, ScoreAggregate a)
    {
        Assert.Equal(results.Aggregate(Int128.Zero, (s, r) => s + GapTerm(r.PromiseGap)), a.PromiseGapSumFixed);
        Assert.Equal(results.Aggregate(Int128.Zero, (s, r) => s + GapTerm(r.SettingGap)), a.SettingGapSumFixed);
        Assert.Equal(results.Where(r => !r.PromiseKept).Aggregate(Int128.Zero, (s, r) => s + GapTerm(r.PromiseGap)), a.BrokenPromiseGapSumFixed);
        Assert.Equal(results.Count(r => r.PromiseKept && r.Zone == Zone.Below), a.KeptButMissedCount);
        Assert.Equal(results.Count(r => !r.PromiseKept && r.Zone != Zone.Below), a.BrokenYetSatisfiedCount);
        Assert.Equal(a.PromiseGapSumFixed + a.SettingGapSumFixed, a.AdequacySumFixed);
    }
}
