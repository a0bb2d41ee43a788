using System.Globalization;
using CxScoring.Journeys.RollUps;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// A customer's revenue at risk: the churn probability of the journey score on the host's curve, times the customer's
/// revenue, and the part in excess of a journey entirely within the zone of tolerance (score 0).
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CustomerRisk
{
    internal CustomerRisk(string customerId, string? segmentId, RollUpKind scoreKind, double journeyScore, double revenue, double churnProbability, double baselineProbability)
    {
        CustomerId = customerId;
        SegmentId = segmentId;
        ScoreKind = scoreKind;
        JourneyScore = journeyScore;
        Revenue = revenue;
        ChurnProbability = churnProbability;
        BaselineProbability = baselineProbability;
    }

    /// <summary>Gets the customer.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the customer's segment, or <see langword="null"/>.</summary>
    public string? SegmentId { get; }

    /// <summary>Gets the roll-up used as journey score.</summary>
    public RollUpKind ScoreKind { get; }

    /// <summary>Gets the journey score.</summary>
    public double JourneyScore { get; }

    /// <summary>Gets the customer's revenue (from the segment's entry or the default).</summary>
    public double Revenue { get; }

    /// <summary>Gets the churn probability at <see cref="JourneyScore"/>.</summary>
    public double ChurnProbability { get; }

    /// <summary>Gets the churn probability at score 0 (every outcome within the zone of tolerance).</summary>
    public double BaselineProbability { get; }

    /// <summary>Gets the revenue at risk, <see cref="Revenue"/> × <see cref="ChurnProbability"/>.</summary>
    public double RevenueAtRisk => Revenue * ChurnProbability;

    /// <summary>Gets the revenue at risk attributable to the gaps, <see cref="Revenue"/> × max(<see cref="ChurnProbability"/> − <see cref="BaselineProbability"/>, 0).</summary>
    public double ExcessRevenueAtRisk => Revenue * Math.Max(ChurnProbability - BaselineProbability, 0);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CustomerId}: {ScoreKind} {JourneyScore:0.###} → p {ChurnProbability:0.####} (baseline {BaselineProbability:0.####}) × {Revenue} = {RevenueAtRisk:0.##}");
}
