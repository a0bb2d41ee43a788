namespace CxScoring.Scorecards.Accumulation;

/// <summary>Exact arithmetic on tables of counts (rejections per reason, agreement cells), shared by every scorecard that merges them.</summary>
internal static class Counts
{
    /// <summary>Gets the total of a table of counts.</summary>
    internal static long Sum(ReadOnlySpan<long> counts)
    {
        long sum = 0;
        foreach (var count in counts)
        {
            sum += count;
        }

        return sum;
    }

    /// <summary>Adds two tables of counts of the same length, cell by cell, into a new table.</summary>
    internal static long[] Add(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var sum = new long[a.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = a[i] + b[i];
        }

        return sum;
    }
}
