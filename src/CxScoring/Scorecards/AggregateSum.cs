using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards;

/// <summary>A mutable sum of aggregates, used to build and roll up immutable <see cref="ScoreAggregate"/>s.</summary>
internal sealed class AggregateSum
{
    private readonly long[] _histogram = new long[FixedPoint.Bins];
    private long _count;
    private long _below;
    private long _above;
    private long _kept;
    private long _keptBelow;
    private Int128 _promiseGap;
    private Int128 _settingGap;
    private Int128 _brokenGap;
    private Int128 _sum;
    private Int128 _sumSquares;
    private Int128 _felt;
    private Int128 _feltSquares;
    private Int128 _shortfall;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Adds aggregate <paramref name="index"/> of an accumulation table.</summary>
    internal void Add(AggregateTable table, int index)
        => Add(table.Items[index], table.WideAt(index), table.HistogramAt(index), table.WideHistogramAt(index));

    internal void Add(in Accum a, in Wide w, ReadOnlySpan<int> histogram, ReadOnlySpan<long> wideHistogram)
    {
        _kept += a.Kept;
        _keptBelow += a.KeptBelow;
        _promiseGap += w.PromiseGap + a.PromiseGap;
        _settingGap += w.SettingGap + a.SettingGap;
        _brokenGap += w.BrokenGap + a.BrokenGap;
        _sum += w.Sum + a.SumAbove + a.SumBelow;
        _sumSquares += w.SumSquares + a.SumSquares;
        _felt += w.Felt + a.Felt;
        _feltSquares += w.FeltSquares + a.FeltSquares;
        _shortfall += w.Shortfall - a.SumBelow;
        _min = Math.Min(_min, a.Min);
        _max = Math.Max(_max, a.Max);
        for (var i = 0; i < FixedPoint.Bins; i++)
        {
            var count = histogram[i] + (wideHistogram.IsEmpty ? 0 : wideHistogram[i]);
            _histogram[i] += count;
            _count += count;
            if (i < FixedPoint.ZeroBin)
            {
                _below += count;
            }
            else if (i > FixedPoint.ZeroBin)
            {
                _above += count;
            }
        }
    }

    internal void Add(ScoreAggregate a)
    {
        _count += a.Count;
        _below += a.BelowCount;
        _above += a.AboveCount;
        _kept += a.PromisesKept;
        _keptBelow += a.KeptButMissedCount;
        _promiseGap += a.PromiseGapSumFixed;
        _settingGap += a.SettingGapSumFixed;
        _brokenGap += a.BrokenPromiseGapSumFixed;
        _sum += a.ScoreSumFixed;
        _sumSquares += a.ScoreSquaresSumFixed;
        _felt += a.FeltSumFixed;
        _feltSquares += a.FeltSquaresSumFixed;
        _shortfall += a.ShortfallSumFixed;
        if (a.Count > 0)
        {
            _min = Math.Min(_min, a.MinScore);
            _max = Math.Max(_max, a.MaxScore);
        }

        var histogram = a.Histogram;
        for (var i = 0; i < FixedPoint.Bins; i++)
        {
            _histogram[i] += histogram[i];
        }
    }

    internal ScoreAggregate ToAggregate(double feltScale)
        => new(_count, _below, _above, _kept, _sum, _sumSquares, _felt, _feltSquares, _shortfall,
            _count == 0 ? double.NaN : _min, _count == 0 ? double.NaN : _max, [.. _histogram], feltScale,
            new LetterSums(_keptBelow, _promiseGap, _settingGap, _brokenGap));
}

/// <summary>The letter-vs-spirit sums of an aggregate, passed together to its constructor.</summary>
internal readonly record struct LetterSums(long KeptBelow, Int128 PromiseGap, Int128 SettingGap, Int128 BrokenGap);
