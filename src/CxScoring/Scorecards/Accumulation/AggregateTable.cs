namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// A growable array of running aggregates with their histograms; the storage behind a scorecard builder. Histogram
/// counts are 32-bit, like the 64-bit sums folded into wide storage before they could overflow (at most
/// <see cref="FixedPoint.FlushLimit"/> outcomes between folds), so that the hot part of a table is half the size.
/// </summary>
/// <remarks>
/// The histogram is written once when it is allocated, although the runtime hands it out zeroed: a large array may
/// lie on pages the operating system has not yet mapped, and their first writes would otherwise fault inside the
/// scoring loop, page by page in the order of the cells (at 10,000 touchpoints 1,270 faults of the 5.2 MB histogram,
/// which made a fresh builder score about 1.5 times slower than a reused one). Written in order here they cost less
/// than half as much.
/// </remarks>
internal sealed class AggregateTable
{
    private Wide[]? _wides;
    private long[]? _wideHistogram;

    internal AggregateTable(int capacity)
    {
        Items = new Accum[Math.Max(capacity, 1)];
        Histogram = new int[Items.Length * FixedPoint.Bins];
        Items.AsSpan().Fill(Accum.Empty);
        Histogram.AsSpan().Clear();
    }

    internal Accum[] Items { get; private set; }

    internal int[] Histogram { get; private set; }

    internal int Count { get; private set; }

    internal void EnsureCount(int count)
    {
        if (count > Items.Length)
        {
            var capacity = Math.Max(count, Items.Length * 2);
            var items = new Accum[capacity];
            items.AsSpan().Fill(Accum.Empty);
            Items.CopyTo(items, 0);
            var histogram = new int[capacity * FixedPoint.Bins];
            Histogram.CopyTo(histogram, 0);
            histogram.AsSpan(Histogram.Length).Clear();
            if (_wides is not null)
            {
                var wides = new Wide[capacity];
                _wides.CopyTo(wides, 0);
                _wides = wides;
                var wideHistogram = new long[capacity * FixedPoint.Bins];
                _wideHistogram!.CopyTo(wideHistogram, 0);
                _wideHistogram = wideHistogram;
            }

            Items = items;
            Histogram = histogram;
        }

        Count = Math.Max(Count, count);
    }

    internal void ResetCount() => Count = 0;

    internal int Append()
    {
        EnsureCount(Count + 1);
        return Count - 1;
    }

    /// <summary>Moves the 64-bit sums into the 128-bit sums and the 32-bit histogram counts into the 64-bit ones.</summary>
    internal void Flush()
    {
        EnsureWide();
        for (var i = 0; i < Count; i++)
        {
            ref var a = ref Items[i];
            ref var w = ref _wides![i];
            w.Sum += a.SumAbove;
            w.Sum += a.SumBelow;
            w.SumSquares += a.SumSquares;
            w.Felt += a.Felt;
            w.FeltSquares += a.FeltSquares;
            w.Shortfall -= a.SumBelow;
            w.PromiseGap += a.PromiseGap;
            w.SettingGap += a.SettingGap;
            w.BrokenGap += a.BrokenGap;
            a.SumAbove = a.SumBelow = a.SumSquares = a.Felt = a.FeltSquares = 0;
            a.PromiseGap = a.SettingGap = a.BrokenGap = 0;
        }

        var histogram = Histogram.AsSpan(0, Count * FixedPoint.Bins);
        var wide = _wideHistogram.AsSpan(0, histogram.Length);
        for (var i = 0; i < histogram.Length; i++)
        {
            wide[i] += histogram[i];
        }

        histogram.Clear();
    }

    internal void Clear()
    {
        Items.AsSpan(0, Count).Fill(Accum.Empty);
        Histogram.AsSpan(0, Count * FixedPoint.Bins).Clear();
        _wides?.AsSpan(0, Count).Clear();
        _wideHistogram?.AsSpan(0, Count * FixedPoint.Bins).Clear();
    }

    /// <summary>Adds aggregate <paramref name="from"/> of <paramref name="other"/> into aggregate <paramref name="to"/>; this table must have room for the other's unflushed outcomes.</summary>
    internal void AddFrom(AggregateTable other, int from, int to)
    {
        ref var a = ref Items[to];
        ref readonly var b = ref other.Items[from];
        a.Kept += b.Kept;
        a.KeptBelow += b.KeptBelow;
        a.PromiseGap += b.PromiseGap;
        a.SettingGap += b.SettingGap;
        a.BrokenGap += b.BrokenGap;
        a.SumAbove += b.SumAbove;
        a.SumBelow += b.SumBelow;
        a.SumSquares += b.SumSquares;
        a.Felt += b.Felt;
        a.FeltSquares += b.FeltSquares;
        a.Min = Math.Min(a.Min, b.Min);
        a.Max = Math.Max(a.Max, b.Max);
        var target = Histogram.AsSpan(to * FixedPoint.Bins, FixedPoint.Bins);
        var source = other.Histogram.AsSpan(from * FixedPoint.Bins, FixedPoint.Bins);
        for (var i = 0; i < FixedPoint.Bins; i++)
        {
            target[i] += source[i];
        }

        if (other._wides is not null)
        {
            EnsureWide();
            ref var w = ref _wides![to];
            ref readonly var v = ref other._wides[from];
            w.Sum += v.Sum;
            w.SumSquares += v.SumSquares;
            w.Felt += v.Felt;
            w.FeltSquares += v.FeltSquares;
            w.Shortfall += v.Shortfall;
            w.PromiseGap += v.PromiseGap;
            w.SettingGap += v.SettingGap;
            w.BrokenGap += v.BrokenGap;
            var wideTarget = _wideHistogram.AsSpan(to * FixedPoint.Bins, FixedPoint.Bins);
            var wideSource = other._wideHistogram.AsSpan(from * FixedPoint.Bins, FixedPoint.Bins);
            for (var i = 0; i < FixedPoint.Bins; i++)
            {
                wideTarget[i] += wideSource[i];
            }
        }
    }

    /// <summary>Gets a value indicating whether aggregate <paramref name="index"/> holds any outcome.</summary>
    internal bool Any(int index) => Items[index].Min <= Items[index].Max;

    /// <summary>Gets the 128-bit sums flushed so far into aggregate <paramref name="index"/>; zero before the first flush.</summary>
    internal Wide WideAt(int index) => _wides is null ? default : _wides[index];

    /// <summary>Gets the histogram of aggregate <paramref name="index"/> since the last flush.</summary>
    internal ReadOnlySpan<int> HistogramAt(int index) => Histogram.AsSpan(index * FixedPoint.Bins, FixedPoint.Bins);

    /// <summary>Gets the histogram counts flushed so far into aggregate <paramref name="index"/>; empty before the first flush.</summary>
    internal ReadOnlySpan<long> WideHistogramAt(int index) => _wideHistogram is null ? default : _wideHistogram.AsSpan(index * FixedPoint.Bins, FixedPoint.Bins);

    private void EnsureWide()
    {
        _wides ??= new Wide[Items.Length];
        _wideHistogram ??= new long[Items.Length * FixedPoint.Bins];
    }
}
