using System.Collections.Immutable;
using System.Globalization;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// How one roll-up is distributed over the customers of a cell of a <see cref="JourneyScorecard"/>: how many journeys
/// fall below the zone of tolerance (roll-up &lt; 0), within it (0) and above it (&gt; 0), the mean, the extremes and the
/// histogram in the bins of <see cref="ScoreAggregate.Histogram"/>.
/// </summary>
/// <remarks>
/// Sums are kept in fixed point (value · 2³², truncated toward zero, in 128 bits), so that distributions merge
/// bit-identically in any order. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class JourneyDistribution : IEquatable<JourneyDistribution>
{
    private readonly ImmutableArray<long> _histogram;

    internal JourneyDistribution(long count, long below, long above, Int128 sumFixed, double min, double max, ImmutableArray<long> histogram)
    {
        Count = count;
        BelowCount = below;
        AboveCount = above;
        SumFixed = sumFixed;
        Min = count == 0 ? double.NaN : min;
        Max = count == 0 ? double.NaN : max;
        _histogram = histogram;
    }

    /// <summary>Gets the number of journeys.</summary>
    public long Count { get; }

    /// <summary>Gets the number of journeys whose roll-up is below the zone (less than 0).</summary>
    public long BelowCount { get; }

    /// <summary>Gets the number of journeys whose roll-up is exactly 0 (within the zone).</summary>
    public long WithinCount => Count - BelowCount - AboveCount;

    /// <summary>Gets the number of journeys whose roll-up is above the zone (greater than 0).</summary>
    public long AboveCount { get; }

    /// <summary>Gets the share of journeys below the zone.</summary>
    /// <value>A number in [0, 1]; NaN when there is no journey.</value>
    public double BelowShare => Count == 0 ? double.NaN : (double)BelowCount / Count;

    /// <summary>Gets the share of journeys within the zone.</summary>
    /// <value>A number in [0, 1]; NaN when there is no journey.</value>
    public double WithinShare => Count == 0 ? double.NaN : (double)WithinCount / Count;

    /// <summary>Gets the share of journeys above the zone.</summary>
    /// <value>A number in [0, 1]; NaN when there is no journey.</value>
    public double AboveShare => Count == 0 ? double.NaN : (double)AboveCount / Count;

    /// <summary>Gets the fixed-point sum of the roll-ups (value · 2³² per journey, truncated toward zero).</summary>
    public Int128 SumFixed { get; }

    /// <summary>Gets the mean roll-up.</summary>
    /// <value>The mean; NaN when there is no journey.</value>
    public double Mean => Count == 0 ? double.NaN : (double)SumFixed / FixedPoint.One / Count;

    /// <summary>Gets the lowest roll-up.</summary>
    /// <value>The minimum; NaN when there is no journey.</value>
    public double Min { get; }

    /// <summary>Gets the highest roll-up.</summary>
    /// <value>The maximum; NaN when there is no journey.</value>
    public double Max { get; }

    /// <summary>Gets the histogram: <see cref="ScoreAggregate.HistogramBinCount"/> bins, 32 over [−1, 0), one for exactly 0, 32 over (0, 1]; values beyond ±1 fall in the outermost bins.</summary>
    public ImmutableArray<long> Histogram => _histogram;

    /// <inheritdoc/>
    public bool Equals(JourneyDistribution? other)
        => other is not null && Count == other.Count && BelowCount == other.BelowCount && AboveCount == other.AboveCount && SumFixed == other.SumFixed
           && Min.Equals(other.Min) && Max.Equals(other.Max) && _histogram.AsSpan().SequenceEqual(other._histogram.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as JourneyDistribution);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, BelowCount, AboveCount, SumFixed);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"n={Count}: below {BelowShare:P1}, within {WithinShare:P1}, above {AboveShare:P1}, mean {Mean:0.###}");
}

/// <summary>A mutable sum of one roll-up's distribution; exact in any order.</summary>
internal sealed class DistributionSum
{
    private readonly long[] _histogram = new long[FixedPoint.Bins];
    private long _count;
    private long _below;
    private long _above;
    private Int128 _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    // Roll-ups are sums of scores in [−1, 1] less at most a finite penalty; the fixed-point term saturates far beyond.
    private const double Saturation = 1L << 30;

    internal void Add(double value)
    {
        _count++;
        if (value < 0)
        {
            _below++;
        }
        else if (value > 0)
        {
            _above++;
        }

        _sum += (long)(Math.Clamp(value, -Saturation, Saturation) * FixedPoint.One);
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _histogram[FixedPoint.BinOf(Math.Clamp(value, -1.0, 1.0))]++;
    }

    internal void Add(JourneyDistribution d)
    {
        _count += d.Count;
        _below += d.BelowCount;
        _above += d.AboveCount;
        _sum += d.SumFixed;
        if (d.Count > 0)
        {
            _min = Math.Min(_min, d.Min);
            _max = Math.Max(_max, d.Max);
        }

        for (var i = 0; i < _histogram.Length; i++)
        {
            _histogram[i] += d.Histogram[i];
        }
    }

    internal JourneyDistribution ToDistribution() => new(_count, _below, _above, _sum, _min, _max, [.. _histogram]);
}
