using System.Collections.Immutable;
using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards;

/// <summary>
/// The aggregate of scored outcomes in one group (a touchpoint, a stage, a day, …): count; sum, mean and variance of
/// the score and of the felt value; minimum and maximum score; counts per zone; the promise-kept rate; a
/// fixed-bin histogram of scores giving quantiles; and letter vs spirit (DOMAIN §7): the sums of promise gap, setting
/// gap and adequacy, and the counts "kept to the letter, missed the spirit" and "broken, yet within or above the
/// zone".
/// </summary>
/// <remarks>
/// <para>Aggregates form a commutative monoid under <see cref="Merge(ScoreAggregate)"/> with <see cref="Empty"/> as
/// identity. Sums are kept in fixed point (each term is the value times 2³², truncated to an integer, added in 128
/// bits), so merging is exact: the same outcomes give bit-identical aggregates whatever the order, split or
/// parallelism. Variances are population variances (divided by <see cref="Count"/>).</para>
/// <para>Letter vs spirit is read over every scored outcome: each has a promise in force, the model's or its own
/// (an outcome-level promised level or deadline). Promise and setting gaps are not clamped per outcome, unlike the
/// score; their fixed-point terms are the gap, in full scales, saturated at ±<see cref="GapSaturation"/> and times
/// <see cref="GapFixedPointOne"/>, truncated toward zero. The adequacy sum is not summed separately but derived,
/// <see cref="AdequacySumFixed"/> = <see cref="PromiseGapSumFixed"/> + <see cref="SettingGapSumFixed"/>, so the
/// decomposition adequacy = promise gap + setting gap holds exactly in every aggregate (summing each outcome's adequacy
/// separately would differ by at most one unit per outcome).</para>
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

    /// <summary>The fixed-point unit of the gap sums (<see cref="PromiseGapSumFixed"/> and the others): 2¹⁶ per full scale of the measure.</summary>
    public const double GapFixedPointOne = FixedPoint.GapOne;

    /// <summary>The largest gap, in full scales, summed as it is: a promise or setting gap beyond ±2¹⁶ scales counts as ±2¹⁶.</summary>
    public const double GapSaturation = FixedPoint.GapLimit;

    private readonly ImmutableArray<long> _histogram;

    internal ScoreAggregate(
        long count, long below, long above, long kept,
        Int128 sum, Int128 sumSquares, Int128 felt, Int128 feltSquares, Int128 shortfall,
        double min, double max, ImmutableArray<long> histogram, double feltScale, LetterSums letter)
    {
        KeptButMissedCount = letter.KeptBelow;
        PromiseGapSumFixed = letter.PromiseGap;
        SettingGapSumFixed = letter.SettingGap;
        BrokenPromiseGapSumFixed = letter.BrokenGap;
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

    /// <summary>Gets the number of outcomes whose promise was broken to the letter (promise gap &lt; 0): <see cref="Count"/> − <see cref="PromisesKept"/>.</summary>
    public long PromisesBroken => Count - PromisesKept;

    /// <summary>Gets the share of outcomes whose promise was broken: <see cref="PromisesBroken"/> / <see cref="Count"/>.</summary>
    /// <value>A number in [0, 1]; NaN when <see cref="Count"/> is 0.</value>
    public double PromiseBrokenRate => Count == 0 ? double.NaN : (double)PromisesBroken / Count;

    /// <summary>
    /// Gets the number of outcomes "kept to the letter, missed the spirit": promise gap ≥ 0 and zone below. The promise
    /// was kept and the customer is still dissatisfied: the promise is set too loosely (setting gap &lt; 0), and keeping it
    /// will not fix the experience.
    /// </summary>
    public long KeptButMissedCount { get; }

    /// <summary>Gets the share of outcomes kept to the letter that missed the spirit: <see cref="KeptButMissedCount"/> / <see cref="Count"/>.</summary>
    /// <value>A number in [0, 1]; NaN when <see cref="Count"/> is 0.</value>
    public double KeptButMissedShare => Count == 0 ? double.NaN : (double)KeptButMissedCount / Count;

    /// <summary>
    /// Gets the number of outcomes "broken, yet within or above the zone": promise gap &lt; 0 and zone not below. The
    /// promise is stricter than customers need (setting gap &gt; 0): keeping it costs more than it earns. Derived from
    /// kept counts and zone counts: (<see cref="Count"/> − <see cref="BelowCount"/>) − (<see cref="PromisesKept"/> − <see cref="KeptButMissedCount"/>).
    /// </summary>
    public long BrokenYetSatisfiedCount => Count - BelowCount - (PromisesKept - KeptButMissedCount);

    /// <summary>
    /// Gets the number of outcomes broken and below the zone: promise gap &lt; 0 and zone below, the shortfall that keeping
    /// the promise would cure. Derived: <see cref="BelowCount"/> − <see cref="KeptButMissedCount"/>.
    /// </summary>
    public long BrokenAndMissedCount => BelowCount - KeptButMissedCount;

    /// <summary>Gets the share of outcomes broken yet within or above the zone: <see cref="BrokenYetSatisfiedCount"/> / <see cref="Count"/>.</summary>
    /// <value>A number in [0, 1]; NaN when <see cref="Count"/> is 0.</value>
    public double BrokenYetSatisfiedShare => Count == 0 ? double.NaN : (double)BrokenYetSatisfiedCount / Count;

    /// <summary>Gets the fixed-point sum of promise gaps s·(delivered − promised)/scale (see <see cref="GapFixedPointOne"/>).</summary>
    public Int128 PromiseGapSumFixed { get; }

    /// <summary>Gets the fixed-point sum of setting gaps s·(promised − adequate)/scale (see <see cref="GapFixedPointOne"/>).</summary>
    public Int128 SettingGapSumFixed { get; }

    /// <summary>Gets the fixed-point sum of adequacy (MSA): by definition <see cref="PromiseGapSumFixed"/> + <see cref="SettingGapSumFixed"/>, exactly.</summary>
    public Int128 AdequacySumFixed => PromiseGapSumFixed + SettingGapSumFixed;

    /// <summary>Gets the fixed-point sum of the promise gaps of the broken outcomes (all negative or zero).</summary>
    public Int128 BrokenPromiseGapSumFixed { get; }

    /// <summary>Gets the sum of promise gaps, in full scales.</summary>
    public double PromiseGapSum => (double)PromiseGapSumFixed / GapFixedPointOne;

    /// <summary>Gets the sum of setting gaps, in full scales.</summary>
    public double SettingGapSum => (double)SettingGapSumFixed / GapFixedPointOne;

    /// <summary>Gets the sum of adequacy, in full scales: <see cref="PromiseGapSum"/> + <see cref="SettingGapSum"/> up to rounding of the conversion.</summary>
    public double AdequacySum => (double)AdequacySumFixed / GapFixedPointOne;

    /// <summary>
    /// Gets the mean promise gap, Σ promise gap / <see cref="Count"/>: how far delivery ran ahead of (positive) or behind
    /// (negative) the letter of the promise, in full scales; to a CX lead, whether operations keep what was promised.
    /// </summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double PromiseGapMean => Count == 0 ? double.NaN : PromiseGapSum / Count;

    /// <summary>
    /// Gets the mean setting gap, Σ setting gap / <see cref="Count"/>: how far the letter of the promise lies above
    /// (positive) or below (negative) the least customers accept, in full scales; to a CX lead, whether the promise
    /// itself is set right. Negative means even a kept promise leaves customers short.
    /// </summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double SettingGapMean => Count == 0 ? double.NaN : SettingGapSum / Count;

    /// <summary>
    /// Gets the mean adequacy (MSA), Σ adequacy / <see cref="Count"/> = <see cref="PromiseGapMean"/> + <see cref="SettingGapMean"/>:
    /// how far delivery lay above the least customers accept, unclamped; the decomposition says whether a shortfall
    /// came from delivery (promise gap) or from how the promise was set (setting gap).
    /// </summary>
    /// <value>NaN when <see cref="Count"/> is 0.</value>
    public double AdequacyMean => Count == 0 ? double.NaN : AdequacySum / Count;

    /// <summary>Gets the mean promise gap of the broken outcomes, Σ promise gap of the broken / <see cref="PromisesBroken"/>: how badly a promise is broken when it is.</summary>
    /// <value>Negative or zero; NaN when no promise was broken.</value>
    public double BrokenPromiseGapMean => PromisesBroken == 0 ? double.NaN : (double)BrokenPromiseGapSumFixed / GapFixedPointOne / PromisesBroken;

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
           && KeptButMissedCount == other.KeptButMissedCount && PromiseGapSumFixed == other.PromiseGapSumFixed
           && SettingGapSumFixed == other.SettingGapSumFixed && BrokenPromiseGapSumFixed == other.BrokenPromiseGapSumFixed
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
