using System.Collections.Immutable;

namespace CxScoring.Comparisons;

/// <summary>The result of <see cref="ScorecardComparison.Compare(Scorecards.Scorecard, Scorecards.Scorecard, ComparisonOptions?)"/>: every compared figure of every group, and the significant ones.</summary>
/// <remarks>Immutable; safe to use from any number of threads.</remarks>
public sealed class ComparisonReport
{
    internal ComparisonReport(ImmutableArray<ComparisonRow> rows, ComparisonOptions options)
    {
        Rows = rows;
        Options = options;
        var tested = 0;
        var significant = ImmutableArray.CreateBuilder<ComparisonRow>();
        foreach (var row in rows)
        {
            if (row.Status == ComparisonStatus.Tested)
            {
                tested++;
            }

            if (row.IsSignificant)
            {
                significant.Add(row);
            }
        }

        TestCount = tested;
        Significant = [.. significant.OrderBy(r => r.QValue).ThenByDescending(r => Math.Abs(r.EffectSize ?? 0))];
    }

    /// <summary>Gets every row: per group (total, touchpoints in model order, stages early first, channels, segments), the mean score, the three zone shares and the promise-kept rate.</summary>
    public ImmutableArray<ComparisonRow> Rows { get; }

    /// <summary>Gets the rows flagged significant, smallest q-value first (then largest effect).</summary>
    public ImmutableArray<ComparisonRow> Significant { get; }

    /// <summary>Gets the number of rows tested: the m of the Benjamini–Hochberg adjustment.</summary>
    public int TestCount { get; }

    /// <summary>Gets the options the comparison used.</summary>
    public ComparisonOptions Options { get; }
}
