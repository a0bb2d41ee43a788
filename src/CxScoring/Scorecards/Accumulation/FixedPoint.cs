using System.Runtime.InteropServices;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// The fixed-point units of scorecard sums: a score or felt value v in [−1, 1] is added as the integer v · 2³²
/// truncated toward zero; a promise or setting gap g (unclamped per outcome, in full scales) as
/// clamp(g, −2¹⁶, 2¹⁶) · 2¹⁶ truncated toward zero. Every term is at most 2³² in magnitude, so 2³⁰ terms between
/// flushes stay below 2⁶² in the 64-bit sums.
/// </summary>
internal static class FixedPoint
{
    /// <summary>2³² as a double: the fixed-point unit. Terms are converted with the native truncating conversion: every term is within range, where all platforms agree.</summary>
    internal const double One = 4294967296.0;

    /// <summary>Rows that may be added to 64-bit sums before they are folded into 128-bit sums: |term| ≤ 2³², so 2³⁰ terms stay below 2⁶².</summary>
    internal const long FlushLimit = 1L << 30;

    /// <summary>2¹⁶ as a double: the fixed-point unit of gap sums (a resolution of 1/65,536 of a measure's scale).</summary>
    internal const double GapOne = 65536.0;

    /// <summary>The largest gap magnitude, in scales, summed as it is: gaps beyond ±2¹⁶ scales saturate there.</summary>
    internal const double GapLimit = 65536.0;

    /// <summary>The fixed-point term of a promise or setting gap: saturated at ±<see cref="GapLimit"/>, times <see cref="GapOne"/>, truncated toward zero.</summary>
    /// <param name="gap">The gap, finite.</param>
    /// <returns>The term, at most 2³² in magnitude.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static long GapTerm(double gap) => double.ConvertToIntegerNative<long>(double.MinNative(double.MaxNative(gap, -GapLimit), GapLimit) * GapOne);

    /// <summary>The number of fixed bins of the score histogram: 32 over [−1, 0), one for exactly 0 (within the zone), 32 over (0, 1].</summary>
    internal const int Bins = 65;

    /// <summary>The bin of scores of exactly 0; bins below it hold negative scores, bins above it positive ones.</summary>
    internal const int ZeroBin = 32;

    /// <summary>The histogram bin of a score in [−1, 1].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int BinOf(double score)
    {
        var below = Math.Min(double.ConvertToIntegerNative<int>((score + 1.0) * 32), 31);
        var above = 33 + Math.Min(double.ConvertToIntegerNative<int>(score * 32), 31);
        return score < 0 ? below : score > 0 ? above : 32;
    }

    internal static readonly int ReasonCount = Enum.GetValues<Gaps.RejectionReason>().Max(r => (int)r) + 1;
}

/// <summary>
/// The running sums of one aggregate, a cache line and a half: 64-bit, folded into <see cref="Wide"/> before they could
/// overflow. Count and zone counts are not kept: they are sums of the histogram (bins below 0, the zero bin, bins
/// above 0). Score terms are added to <see cref="SumAbove"/> or <see cref="SumBelow"/> by their sign, so that the
/// score sum is their total and the shortfall is −<see cref="SumBelow"/>. Letter vs spirit: the promise-gap and
/// setting-gap sums (<see cref="FixedPoint.GapTerm"/>; the adequacy sum is their total, exactly), the promise-gap sum of
/// the broken outcomes, and the count of outcomes kept to the letter yet below the zone (the count broken yet not
/// below is derived: not below − (kept − kept below)).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Accum
{
    internal long SumAbove;
    internal long SumBelow;
    internal long SumSquares;
    internal long Felt;
    internal long FeltSquares;
    internal long Kept;
    internal double Min;
    internal double Max;
    internal long PromiseGap;
    internal long SettingGap;
    internal long BrokenGap;
    internal long KeptBelow;

    internal static Accum Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };
}

/// <summary>The 128-bit part of the fixed-point sums of one aggregate.</summary>
internal struct Wide
{
    internal Int128 Sum;
    internal Int128 SumSquares;
    internal Int128 Felt;
    internal Int128 FeltSquares;
    internal Int128 Shortfall;
    internal Int128 PromiseGap;
    internal Int128 SettingGap;
    internal Int128 BrokenGap;
}
