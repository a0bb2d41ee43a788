using CxScoring.Gaps;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards;

/// <summary>
/// The ratings a scorecard scored beside its outcomes (<see cref="Model.Measure.RatedBy"/>): the perceived aggregates
/// they feed, per promise-version cell of the perceived measure; the agreement counts per delivered plan cell
/// (<see cref="RatingTable.AgreementCells"/> each); and the rejected ratings per <see cref="RejectionReason"/>.
/// </summary>
/// <remarks>Immutable once built; every part adds exactly, so ratings merge as the scorecard does.</remarks>
internal sealed class ScorecardRatings
{
    internal ScorecardRatings(ScoreAggregate[] cells, long[] agreement, long[] rejections)
    {
        Cells = cells;
        Agreement = agreement;
        Rejections = rejections;
        Scored = Counts.Sum(agreement);
        Rejected = Counts.Sum(rejections);
    }

    /// <summary>Gets the perceived aggregates fed by ratings, per promise-version cell.</summary>
    internal ScoreAggregate[] Cells { get; }

    /// <summary>Gets the agreement counts per plan cell of the delivered measure: delivered zone × 3 + perceived zone.</summary>
    internal long[] Agreement { get; }

    /// <summary>Gets the rejected ratings per reason.</summary>
    internal long[] Rejections { get; }

    internal long Scored { get; }

    internal long Rejected { get; }

    internal static ScorecardRatings? From(RatingTable? table, double feltScale)
    {
        if (table is null)
        {
            return null;
        }

        table.Flush();
        var cells = new ScoreAggregate[table.CellTable.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var sum = new AggregateSum();
            sum.Add(table.CellTable, i);
            cells[i] = sum.ToAggregate(feltScale);
        }

        return new ScorecardRatings(cells, table.Agreement.ToArray(), table.RejectionCounts());
    }

    internal static ScorecardRatings? Merge(ScorecardRatings? a, ScorecardRatings? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var cells = new ScoreAggregate[a.Cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = a.Cells[i].Merge(b.Cells[i]);
        }

        return new ScorecardRatings(cells, Counts.Add(a.Agreement, b.Agreement), Counts.Add(a.Rejections, b.Rejections));
    }

    /// <summary>Whether two scorecards hold the same ratings; none at all equals an empty table.</summary>
    internal static bool Same(ScorecardRatings? a, ScorecardRatings? b)
    {
        if (a is null || b is null)
        {
            return (a ?? b) is not { } some || some.IsEmpty;
        }

        return a.Agreement.AsSpan().SequenceEqual(b.Agreement) && a.Rejections.AsSpan().SequenceEqual(b.Rejections) && a.Cells.AsSpan().SequenceEqual(b.Cells);
    }

    internal bool IsEmpty => Scored == 0 && Rejected == 0;
}
