using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// One promise's figures over the outcomes it was in force for: how many, how many kept, kept to the letter yet below
/// the zone, broken yet within or above it, and the mean setting gap (s·(promised − adequate)/scale): 0 when the
/// promise's letter matches the least customers accept.
/// </summary>
/// <remarks>Setting gaps are summed in fixed point (2¹⁶ per scale), so figures do not depend on order. Instances are immutable and safe to share between threads.</remarks>
public sealed class PromiseFigures : IEquatable<PromiseFigures>
{
    internal PromiseFigures(string promiseId, long count, long kept, long keptButMissed, long brokenYetSatisfied, long settingGapFixed)
    {
        PromiseId = promiseId;
        Count = count;
        KeptCount = kept;
        KeptButMissedCount = keptButMissed;
        BrokenYetSatisfiedCount = brokenYetSatisfied;
        SettingGapSumFixed = settingGapFixed;
    }

    /// <summary>Gets the promise.</summary>
    public string PromiseId { get; }

    /// <summary>Gets the number of scored outcomes the promise was in force for.</summary>
    public long Count { get; }

    /// <summary>Gets the number of outcomes that kept the promise (promise gap ≥ 0).</summary>
    public long KeptCount { get; }

    /// <summary>Gets the number kept to the letter yet below the zone of tolerance.</summary>
    public long KeptButMissedCount { get; }

    /// <summary>Gets the number broken yet within or above the zone.</summary>
    public long BrokenYetSatisfiedCount { get; }

    /// <summary>Gets the fixed-point sum of the setting gaps (2¹⁶ per scale, each saturated at ±2¹⁶ scales).</summary>
    public long SettingGapSumFixed { get; }

    /// <summary>Gets the mean setting gap, in scales.</summary>
    /// <value>The mean; NaN when there is no outcome.</value>
    public double SettingGapMean => Count == 0 ? double.NaN : SettingGapSumFixed / FixedPoint.GapOne / Count;

    /// <inheritdoc/>
    public bool Equals(PromiseFigures? other)
        => other is not null && PromiseId == other.PromiseId && Count == other.Count && KeptCount == other.KeptCount && KeptButMissedCount == other.KeptButMissedCount
           && BrokenYetSatisfiedCount == other.BrokenYetSatisfiedCount && SettingGapSumFixed == other.SettingGapSumFixed;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PromiseFigures);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PromiseId, Count, KeptCount, SettingGapSumFixed);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{PromiseId}: {Count} outcomes, {KeptCount} kept, {KeptButMissedCount} kept but missed, {BrokenYetSatisfiedCount} broken yet satisfied, setting gap {SettingGapMean:0.###}");

    /// <summary>
    /// Takes the figures of every promise from a scorecard's per-promise aggregates (<see cref="Scorecard.ByPromise"/>),
    /// which the engine accumulated while scoring: no second pass over the rows. Equal to <see cref="Tally"/> over the
    /// rows the scorecard was built from.
    /// </summary>
    internal static PromiseFigures[] Of(Scorecard scorecard)
    {
        var promises = scorecard.ByPromise;
        var figures = new PromiseFigures[promises.Length];
        for (var p = 0; p < figures.Length; p++)
        {
            var a = promises[p].Aggregate;

            // The scorecard sums the same fixed-point terms in 128 bits; the low 64 bits are the 64-bit sum, wrapped alike.
            figures[p] = new PromiseFigures(promises[p].Id, a.Count, a.PromisesKept, a.KeptButMissedCount, a.BrokenYetSatisfiedCount, unchecked((long)a.SettingGapSumFixed));
        }

        return figures;
    }

    /// <summary>Tallies the figures of every promise over rows, scoring each row again (the reference for <see cref="Of"/>).</summary>
    internal static PromiseFigures[] Tally(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows)
    {
        var promises = plan.Model.Promises.Length;
        var count = new long[promises];
        var kept = new long[promises];
        var keptBelow = new long[promises];
        var brokenNotBelow = new long[promises];
        var setting = new long[promises];
        foreach (ref readonly var row in rows)
        {
            if (!plan.TryScore(row, out var gap, out _))
            {
                continue;
            }

            var p = plan.FindVersion(plan.CellIndex(row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex), row.HasRequestedAt ? row.RequestedAtNanoseconds : row.ObservedAtNanoseconds);
            if (p < 0)
            {
                continue;
            }

            count[p]++;
            var below = gap.Zone == Zone.Below;
            if (gap.PromiseKept)
            {
                kept[p]++;
                keptBelow[p] += below ? 1 : 0;
            }
            else
            {
                brokenNotBelow[p] += below ? 0 : 1;
            }

            setting[p] += FixedPoint.GapTerm(gap.SettingGap);
        }

        var figures = new PromiseFigures[promises];
        for (var p = 0; p < promises; p++)
        {
            figures[p] = new PromiseFigures(plan.Model.Promises[p].Id, count[p], kept[p], keptBelow[p], brokenNotBelow[p], setting[p]);
        }

        return figures;
    }
}
