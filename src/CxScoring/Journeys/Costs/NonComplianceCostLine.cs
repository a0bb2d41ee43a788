using System.Globalization;
using NodaTime;

namespace CxScoring.Journeys.Costs;

/// <summary>What a line of a <see cref="NonComplianceCostReport"/> prices.</summary>
public enum NonComplianceCostKind
{
    /// <summary>Broken promises × the promise's penalty: quantity = broken outcomes.</summary>
    BreachPenalty = 0,

    /// <summary>Shortfall below the zone × the measure's rate: quantity = Σ −min(adequacy, 0) in scales.</summary>
    Shortfall = 1,

    /// <summary>Follow-on contacts beyond the baseline × the contact cost of their touchpoint: quantity = excess contacts.</summary>
    FollowOnContacts = 2,

    /// <summary>Revenue at risk: quantity = Σ (p(churn | journey score) − p(churn | 0)) over customers, × the segment's revenue.</summary>
    RevenueAtRisk = 3,
}

/// <summary>
/// One priced line: a kind of cost at a touchpoint (and promise, segment) in a month, with the quantity and unit cost it
/// came from; <see cref="Amount"/> = <see cref="Quantity"/> × <see cref="UnitCost"/>, rounded to 6 decimal places.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class NonComplianceCostLine
{
    internal NonComplianceCostLine(NonComplianceCostKind kind, string touchpointId, string? owner, string? promiseId, string? segmentId, LocalDate month, decimal quantity, decimal unitCost, string? followOnTouchpointId)
    {
        Kind = kind;
        TouchpointId = touchpointId;
        Owner = owner;
        PromiseId = promiseId;
        SegmentId = segmentId;
        Month = month;
        Quantity = quantity;
        UnitCost = unitCost;
        Amount = Math.Round(quantity * unitCost, 6, MidpointRounding.ToEven);
        FollowOnTouchpointId = followOnTouchpointId;
    }

    /// <summary>Gets what the line prices.</summary>
    public NonComplianceCostKind Kind { get; }

    /// <summary>Gets the touchpoint the cost is charged to: of the outcome, of the shortfall a follow-on came after, or of the customer's weakest moment (revenue at risk).</summary>
    public string TouchpointId { get; }

    /// <summary>Gets the unit owning <see cref="TouchpointId"/>.</summary>
    /// <value>The owner, or <see langword="null"/> when the touchpoint has none.</value>
    public string? Owner { get; }

    /// <summary>Gets the promise in force at the outcome (for revenue at risk, at the customer's weakest moment).</summary>
    /// <value>The promise, or <see langword="null"/> for follow-on contacts and outcomes without a promise.</value>
    public string? PromiseId { get; }

    /// <summary>Gets the customer segment of a revenue-at-risk line (the segment of the journey's last moment).</summary>
    /// <value>The segment, or <see langword="null"/> for other lines and customers without one.</value>
    public string? SegmentId { get; }

    /// <summary>Gets the local month (its first day): of the outcome, of the shortfall, or of the journey's last moment.</summary>
    public LocalDate Month { get; }

    /// <summary>Gets the quantity priced (see <see cref="NonComplianceCostKind"/>).</summary>
    public decimal Quantity { get; }

    /// <summary>Gets the price of one unit of <see cref="Quantity"/>: a penalty, a rate, a contact cost or a customer's revenue.</summary>
    public decimal UnitCost { get; }

    /// <summary>Gets the amount: <see cref="Quantity"/> × <see cref="UnitCost"/>, rounded to 6 decimal places (to even).</summary>
    public decimal Amount { get; }

    /// <summary>Gets the touchpoint of the follow-on contacts of a <see cref="NonComplianceCostKind.FollowOnContacts"/> line.</summary>
    /// <value>The touchpoint, or <see langword="null"/> for other lines.</value>
    public string? FollowOnTouchpointId { get; }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Month:yyyy-MM} {Kind} at {TouchpointId}{(FollowOnTouchpointId is null ? "" : " → " + FollowOnTouchpointId)}{(PromiseId is null ? "" : " (" + PromiseId + ")")}: {Quantity:0.######} × {UnitCost} = {Amount}");
}
