using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards;

/// <summary>
/// Accumulates scored and refused outcomes into the groups of a <see cref="Scorecard"/>; the engine fills it, and
/// <see cref="Build"/> takes a snapshot at any time. Every outcome the engine receives is counted exactly once, as
/// scored or as refused with its <see cref="RejectionReason"/>.
/// </summary>
/// <remarks>
/// A builder is not thread-safe: give each thread its own and merge the scorecards (the engine does this for its
/// parallel path). The scorecards it builds are immutable and thread-safe.
/// </remarks>
public sealed class ScorecardBuilder
{
    /// <summary>Initializes a new instance of the <see cref="ScorecardBuilder"/> class.</summary>
    /// <param name="plan">The plan whose touchpoints and segments the scorecard groups by.</param>
    /// <param name="options">The calendar and customer options; the defaults when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <see cref="ScorecardOptions.TimeZone"/> is <see langword="null"/>, or (an <see cref="ArgumentOutOfRangeException"/>) when <see cref="ScorecardOptions.WeekStart"/> is not a day of the week; the message names the property.</exception>
    public ScorecardBuilder(ScoringPlan plan, ScorecardOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new ScorecardOptions();

        Plan = plan;
        Options = options;
        Customers = options.Customers ?? new CustomerDirectory();
        Accumulator = new ScoreAccumulator(
            plan.Felt,
            plan.VersionCellCount,
            options.ByPeriod ? CalendarIndex.For(options.TimeZone) : null,
            options.ByCustomer,
            options.ByTouchpointPeriod ? plan.VersionCellTouchpoint : null,
            plan.TouchpointCount);
    }

    /// <summary>Gets the plan the scorecard groups by.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the options the builder was created with.</summary>
    public ScorecardOptions Options { get; }

    /// <summary>Gets the directory numbering customers of model-level outcomes.</summary>
    public CustomerDirectory Customers { get; }

    /// <summary>Gets the number of outcomes received so far: <see cref="Scored"/> + <see cref="Rejected"/>.</summary>
    public long Received => Scored + Rejected;

    /// <summary>Gets the number of outcomes scored so far.</summary>
    public long Scored => Accumulator.Scored;

    /// <summary>Gets the number of outcomes rejected so far.</summary>
    public long Rejected => Accumulator.Rejected;

    /// <summary>Gets the accumulator the kernels write to.</summary>
    internal ScoreAccumulator Accumulator { get; }

    /// <summary>Takes a snapshot of the scorecard so far; the builder can go on accumulating.</summary>
    /// <returns>The scorecard.</returns>
    public Scorecard Build()
    {
        var accumulator = Accumulator;
        var scale = accumulator.Felt.Scale;
        var table = accumulator.CellTable;
        var cells = new ScoreAggregate[table.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = ToAggregate(table, i, scale);
        }

        var days = new SortedDictionary<int, ScoreAggregate>();
        foreach (var (day, slot) in accumulator.DaySlots())
        {
            days.Add(day, ToAggregate(accumulator.DayTable, slot, scale));
        }

        var customers = new SortedDictionary<long, ScoreAggregate>();
        foreach (var (key, slot) in accumulator.CustomerSlots())
        {
            customers.Add(key, ToAggregate(accumulator.CustomerTable, slot, scale));
        }

        var touchpointDays = new SortedDictionary<long, ScoreAggregate>();
        foreach (var (day, touchpoint, slot) in accumulator.TouchpointDaySlots())
        {
            touchpointDays.Add(Scorecard.TouchpointDayKey(day, touchpoint), ToAggregate(accumulator.TouchpointDayTable, slot, scale));
        }

        return new Scorecard(
            Plan, Options.TimeZone, Options.WeekStart, cells, days, customers, [.. accumulator.RejectionCounts()], scale, accumulator.ByCustomer ? Customers : null, accumulator.ByPeriod,
            accumulator.ByTouchpointPeriod ? touchpointDays : null, ScorecardRatings.From(accumulator.Ratings, scale));
    }

    private static ScoreAggregate ToAggregate(AggregateTable table, int index, double scale)
    {
        var sum = new AggregateSum();
        sum.Add(table, index);
        return sum.ToAggregate(scale);
    }
}
