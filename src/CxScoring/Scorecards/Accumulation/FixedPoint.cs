using System.Runtime.InteropServices;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>The fixed-point units of scorecard sums: a value v in [−1, 1] is added as the integer ⌊v · 2³²⌉ (truncated).</summary>
internal static class FixedPoint
{
    /// <summary>2³² as a double: the fixed-point unit. Terms are converted with the native truncating conversion: every term is within range, where all platforms agree.</summary>
    internal const double One = 4294967296.0;

    /// <summary>Rows that may be added to 64-bit sums before they are folded into 128-bit sums: |term| ≤ 2³², so 2³⁰ terms stay below 2⁶².</summary>
    internal const long FlushLimit = 1L << 30;

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
/// The running sums of one aggregate, one cache line: 64-bit, folded into <see cref="Wide"/> before they could
/// overflow. Count and zone counts are not kept: they are sums of the histogram (bins below 0, the zero bin, bins
/// above 0). Score terms are added to <see cref="SumAbove"/> or <see cref="SumBelow"/> by their sign, so that the
/// score sum is their total and the shortfall is −<see cref="SumBelow"/>.
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
}
