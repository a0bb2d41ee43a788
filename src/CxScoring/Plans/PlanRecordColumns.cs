using System.Runtime.CompilerServices;
using CxScoring.OutcomeFiles;

namespace CxScoring.Plans;

/// <summary>
/// Puts parsed outcome records into <see cref="OutcomeColumns"/> batches against a plan: touchpoint, measure and
/// segment resolved from their UTF-8 bytes, unknown ones as <see cref="ScoringPlan.TryToRow"/> marks them (−1, −1,
/// −2) so that the engine refuses them with the same reasons. Immutable and safe to use from any number of threads.
/// </summary>
internal sealed class PlanRecordColumns
{
    private static readonly ConditionalWeakTable<ScoringPlan, PlanRecordColumns> ByPlan = [];

    private readonly Utf8IdLookup _touchpoints;
    private readonly Utf8IdLookup _measures;
    private readonly Utf8IdLookup _segments;

    private PlanRecordColumns(ScoringPlan plan)
    {
        _touchpoints = new Utf8IdLookup(Ids(plan.Model.Touchpoints, static t => t.Id));
        _measures = new Utf8IdLookup(Ids(plan.Model.Measures, static m => m.Id));
        _segments = new Utf8IdLookup(Ids(plan.Model.Segments, static s => s.Id));
    }

    /// <summary>Gets the lookups of a plan, made on first use.</summary>
    internal static PlanRecordColumns For(ScoringPlan plan) => ByPlan.GetValue(plan, static p => new PlanRecordColumns(p));

    /// <summary>Adds a record to a batch that has room for it.</summary>
    /// <returns><see langword="false"/> when one of its instants is outside the engine's range: nothing was added and the engine refuses it with <see cref="Gaps.RejectionReason.InstantOutOfRange"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryAdd(OutcomeColumns columns, scoped in Utf8OutcomeRecord record, long customerKey)
    {
        ref readonly var fields = ref record.Fields;
        if (fields.Observed.State != InstantField.Nanoseconds
            || fields.PromisedBy.State == InstantField.OutOfRange
            || fields.Requested.State == InstantField.OutOfRange)
        {
            return false;
        }

        var i = columns.Count;
        columns.Append(
            _touchpoints.Find(fields.Touchpoint),
            _measures.Find(fields.Measure),
            fields.Segment.IsEmpty ? OutcomeRow.NoSegment : _segments.Find(fields.Segment) is var s and >= 0 ? s : -2,
            fields.HasValue ? fields.Value : 0,
            fields.Observed.Value,
            customerKey);
        if (fields.HasPromisedLevel)
        {
            columns.SetPromisedLevel(i, fields.PromisedLevel);
        }

        if (fields.PromisedBy.IsPresent)
        {
            columns.SetPromisedBy(i, fields.PromisedBy.Value);
        }

        if (fields.Requested.IsPresent)
        {
            columns.SetRequestedAt(i, fields.Requested.Value);
        }

        if (fields.HasRating && !double.IsNaN(fields.Rating))
        {
            columns.SetPerceivedRating(i, fields.Rating);
        }

        return true;
    }

    private static string[] Ids<T>(System.Collections.Immutable.ImmutableArray<T> items, Func<T, string> id)
    {
        var ids = new string[items.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = id(items[i]);
        }

        return ids;
    }
}
