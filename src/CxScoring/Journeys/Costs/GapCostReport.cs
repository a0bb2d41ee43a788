using System.Collections.Immutable;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// The cost of gaps: every priced shortfall (<see cref="EventCosts"/>) and customer at risk (<see cref="CustomerRisks"/>)
/// with the inputs it came from, summed per touchpoint and per segment.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class GapCostReport
{
    internal GapCostReport(
        GapCostOptions options,
        ImmutableArray<EventCost> eventCosts,
        ImmutableArray<CustomerRisk> customerRisks,
        ImmutableArray<CostLine> byTouchpoint,
        ImmutableArray<CostLine> bySegment)
    {
        Options = options;
        EventCosts = eventCosts;
        CustomerRisks = customerRisks;
        ByTouchpoint = byTouchpoint;
        BySegment = bySegment;
        foreach (var cost in eventCosts)
        {
            TotalShortfallCost += cost.Cost;
        }

        foreach (var risk in customerRisks)
        {
            TotalRevenueAtRisk += risk.RevenueAtRisk;
            TotalExcessRevenueAtRisk += risk.ExcessRevenueAtRisk;
        }
    }

    /// <summary>Gets the prices the report was computed with.</summary>
    public GapCostOptions Options { get; }

    /// <summary>Gets every outcome below the zone of tolerance whose measure has a price, in customer and journey order.</summary>
    public ImmutableArray<EventCost> EventCosts { get; }

    /// <summary>Gets every customer's revenue at risk, ordered by customer; empty when no churn curve is given.</summary>
    public ImmutableArray<CustomerRisk> CustomerRisks { get; }

    /// <summary>Gets the cost per touchpoint, largest total first (then by identifier).</summary>
    public ImmutableArray<CostLine> ByTouchpoint { get; }

    /// <summary>Gets the cost per segment, largest total first (then by identifier; customers with no segment last).</summary>
    public ImmutableArray<CostLine> BySegment { get; }

    /// <summary>Gets the sum of all shortfall costs.</summary>
    public double TotalShortfallCost { get; }

    /// <summary>Gets the sum of all customers' revenue at risk.</summary>
    public double TotalRevenueAtRisk { get; }

    /// <summary>Gets the sum of all customers' revenue at risk attributable to gaps.</summary>
    public double TotalExcessRevenueAtRisk { get; }
}
