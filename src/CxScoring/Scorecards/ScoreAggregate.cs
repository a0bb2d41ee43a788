using System.Collections.Immutable;
using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards;

/// <summary>
/// The aggregate of scored outcomes in one group (a touchpoint, a stage, a day, …): count; sum, mean and variance of
/// the score and of the felt value; minimum and maximum score; counts per zone; the promise-kept rate; and a
/// fixed-bin histogram of scores giving quantiles.
/// </summary>
/// <remarks>
/// <para>Aggregates form a commutative monoid under <see cref="Merge(ScoreAggregate)"/> with <see cref="Empty"/> as
/// identity. Sums are kept in fixed point (each term is the value times 2³², truncated to an integer, added in 128
/// bits), so merging is exact: the same outcomes give bit-identical aggregates whatever the order, split or
/// parallelism. Variances are population variances (divided by <see cref="Count"/>).</para>
/// <para>Felt values in aggregates come from a deterministic table of the value function (linear interpolation
/// between 4096 nodes per side): each term is within 1e-4 of <see cref="ProspectValueFunction.Evaluate(double)"/>
/// for the published parameters.</para>
/// <para>Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class ScoreAggregate : IEquatable<ScoreAggregate>
{
    /// <summary>
    /// The number of histogram bins: bins 0–31 cover scores [−1 + i/32, −1 + (i+1)/32) below the zone, bin 32 holds
    /// exactly 0 (within the zone), bins 33–64 cover ((i−33)/32, (i−32)/32] above it.
    /// </summary>
    public const int HistogramBinCount = FixedPoint.Bins;

    /// <summary>The fixed-point unit of the <c>…Fixed</c> sums: 2³².</summary>
    public const double FixedPointOne = FixedPoint.One;

    private readonly ImmutableArray<long> _histogram;

    internal ScoreAggregate(
        long count, long below, long above, long kept,
        Int128 sum, Int128 sumSquares, Int128 felt, Int128 feltSquares, Int128 shortfall,
        double min, double max, ImmutableArray<long> histogram, double feltScale)
    {
        Count = count;
        BelowCount = below;
        AboveCount = above;
        PromisesKept = kept;
        ScoreSumFixed = sum;
        ScoreSquaresSumFixed = sumSquares;
        FeltSumFixed = felt;
        FeltSquaresSumFixed = feltSquares;
        ShortfallSumFixed = shortfall;
        MinScore = min;
        MaxScore = max;
        _histogram = histogram;
        FeltScale = feltScale;
    }

    /// <summary>Gets the empty aggregate for felt values scaled by 4 (the scale of the published λ = 2.25).</summary>
    public static ScoreAggregate Empty { get; } = new AggregateSum().ToAggregate(4.0);

    /// <summary>Gets the number of scored outcomes.</summary>
    public long Count { get; }

    /// <summary>Gets the number of outcomes below the zone of tolerance.</summary>
    public long BelowCount { get; }

    /// <summary>Gets the number of outcomes within the zone of tolerance.</summary>
    public long WithinCount => Count - BelowCount - AboveCount;

    /// <summary>Gets the number of outcomes above the zone of tolerance.</summary>
    public long AboveCount { get; }

    /// <summary>Gets the number of outcomes whose promise was kept to the letter (promise gap ≥ 0).</summary>
    public long PromisesKept { get; }

    /// <summary>Gets the share of outcomes whose promise was kept.</summary>
    /// <value>A number in [0, 1]; NaN when <see cref="Count"/> is 0.</value>
    public double PromiseKeptRate => Count == 0 ? double.NaN : (double)PromisesKept / Count;

    /// <summary>Gets the sum of scores.</summary>
    public double ScoreSum => (double)ScoreSumFixed / FixedPointOne;

    /// <summary>Gets the mean score.</summary>
    /// <value>A number in [−1, 1]; NaN when <see cref="Count"/> is 0.</value>
    public double ScoreMean => Count == 0 ? double.NaN : ScoreSum / Count;

    /// <summary>Gets the population variance of scores.</summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double ScoreVariance => Variance(ScoreSumFixed, ScoreSquaresSumFixed, Count, 1.0);

    /// <summary>Gets the sum of felt values.</summary>
    public double FeltSum => (double)FeltSumFixed / FixedPointOne * FeltScale;

    /// <summary>Gets the mean felt value.</summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double FeltMean => Count == 0 ? double.NaN : FeltSum / Count;

    /// <summary>Gets the population variance of felt values.</summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double FeltVariance => Variance(FeltSumFixed, FeltSquaresSumFixed, Count, FeltScale);

    /// <summary>Gets the sum of shortfalls: the magnitudes of negative scores (positive scores count 0).</summary>
    public double ShortfallSum => (double)ShortfallSumFixed / FixedPointOne;

    /// <summary>Gets the lowest score.</summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double MinScore { get; }

    /// <summary>Gets the highest score.</summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double MaxScore { get; }

    /// <summary>Gets the counts of the score histogram, <see cref="HistogramBinCount"/> fixed bins over [−1, 1].</summary>
    public ImmutableArray<long> Histogram => _histogram;

    /// <summary>Gets the 10th percentile of scores, estimated from the histogram.</summary>
    public double P10 => Quantile(0.1);

    /// <summary>Gets the median score, estimated from the histogram.</summary>
    public double P50 => Quantile(0.5);

    /// <summary>Gets the 90th percentile of scores, estimated from the histogram.</summary>
    public double P90 => Quantile(0.9);

    /// <summary>Gets the fixed-point sum of scores (each term ⌊score · 2³²⌋ toward zero).</summary>
    public Int128 ScoreSumFixed { get; }

    /// <summary>Gets the fixed-point sum of squared scores.</summary>
    public Int128 ScoreSquaresSumFixed { get; }

    /// <summary>Gets the fixed-point sum of felt values divided by <see cref="FeltScale"/>.</summary>
    public Int128 FeltSumFixed { get; }

    /// <summary>Gets the fixed-point sum of squared felt values divided by the square of <see cref="FeltScale"/>.</summary>
    public Int128 FeltSquaresSumFixed { get; }

    /// <summary>Gets the fixed-point sum of shortfalls.</summary>
    public Int128 ShortfallSumFixed { get; }

    /// <summary>Gets the power of two felt values are divided by before fixed-point summing: the least not below λ.</summary>
    public double FeltScale { get; }

    /// <summary>Gets the lower bound of a histogram bin.</summary>
    /// <param name="bin">The bin, from 0 to <see cref="HistogramBinCount"/> − 1.</param>
    /// <returns>The lowest score the bin holds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="bin"/> is outside the bins.</exception>
    public static double BinLowerBound(int bin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, HistogramBinCount);
        return bin < 32 ? -1.0 + (bin / 32.0) : bin == 32 ? 0.0 : (bin - 33) / 32.0;
    }

    private static double BinWidth(int bin) => bin == 32 ? 0.0 : 1.0 / 32;

    /// <summary>Gets the share of outcomes in a zone.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>A number in [0, 1]; NaN when <see cref="Count"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="zone"/> is not defined.</exception>
    public double ZoneShare(Zone zone)
    {
        var count = zone switch
        {
            Zone.Below => BelowCount,
            Zone.Within => WithinCount,
            Zone.Above => AboveCount,
            _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "Not a zone."),
        };
        return Count == 0 ? double.NaN : (double)count / Count;
    }

    /// <summary>
    /// Estimates a quantile of scores from the histogram: the bin holding the p·<see cref="Count"/>-th score, linearly
    /// interpolated inside it and clamped to [<see cref="MinScore"/>, <see cref="MaxScore"/>]; exact to 1/32, and exactly 0 when
    /// that score is within the zone.
    /// </summary>
    /// <param name="p">The probability, in [0, 1].</param>
    /// <returns>The estimate; NaN when <see cref="Count"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="p"/> is outside [0, 1].</exception>
    public double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile's probability must lie in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        var target = p * Count;
        long cumulative = 0;
        for (var bin = 0; bin < HistogramBinCount; bin++)
        {
            var count = _histogram[bin];
            if (count > 0 && cumulative + count >= target)
            {
                var value = BinLowerBound(bin) + ((target - cumulative) / count * BinWidth(bin));
                return Math.Clamp(value, MinScore, MaxScore);
            }

            cumulative += count;
        }

        return MaxScore;
    }

    /// <summary>Merges two aggregates: the aggregate of both groups of outcomes. Commutative and associative, exactly.</summary>
    /// <param name="other">The other aggregate.</param>
    /// <returns>The merged aggregate.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the aggregates scale felt values differently (models with different λ).</exception>
    public ScoreAggregate Merge(ScoreAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var scale = MergedFeltScale(this, other);
        var sum = new AggregateSum();
        sum.Add(this);
        sum.Add(other);
        return sum.ToAggregate(scale);
    }

    /// <inheritdoc/>
    public bool Equals(ScoreAggregate? other)
        => other is not null && Count == other.Count && BelowCount == other.BelowCount && AboveCount == other.AboveCount
           && PromisesKept == other.PromisesKept && ScoreSumFixed == other.ScoreSumFixed
           && ScoreSquaresSumFixed == other.ScoreSquaresSumFixed && FeltSumFixed == other.FeltSumFixed
           && FeltSquaresSumFixed == other.FeltSquaresSumFixed && ShortfallSumFixed == other.ShortfallSumFixed
           && MinScore.Equals(other.MinScore) && MaxScore.Equals(other.MaxScore) && FeltScale.Equals(other.FeltScale)
           && _histogram.AsSpan().SequenceEqual(other._histogram.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ScoreAggregate);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, BelowCount, AboveCount, PromisesKept, ScoreSumFixed, FeltSumFixed, MinScore, MaxScore);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"n={Count}, mean score {ScoreMean:0.###}, below {ZoneShareOrZero(Zone.Below):P1}, within {ZoneShareOrZero(Zone.Within):P1}, above {ZoneShareOrZero(Zone.Above):P1}, promise kept {PromiseKeptRate:P1}");

    internal static double MergedFeltScale(ScoreAggregate a, ScoreAggregate b)
    {
        if (a.FeltScale.Equals(b.FeltScale) || b.Count == 0)
        {
            return a.FeltScale;
        }

        if (a.Count == 0)
        {
            return b.FeltScale;
        }

        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Cannot merge aggregates whose felt values are scaled differently ({a.FeltScale} and {b.FeltScale}): they come from models with different loss aversion."),
            nameof(b));
    }

    private double ZoneShareOrZero(Zone zone) => Count == 0 ? 0 : ZoneShare(zone);

    private static double Variance(Int128 sum, Int128 squares, long count, double scale)
    {
        if (count == 0)
        {
            return double.NaN;
        }

        var mean = (double)sum / FixedPointOne / count;
        var meanOfSquares = (double)squares / FixedPointOne / count;
        return Math.Max(0, meanOfSquares - (mean * mean)) * scale * scale;
    }
}
