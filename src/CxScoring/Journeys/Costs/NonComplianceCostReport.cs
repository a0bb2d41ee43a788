using System.Collections.Immutable;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using NodaTime;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// The cost of non-compliance: every priced line with its inputs, and the sums per kind, touchpoint, owner, month and
/// promise; each sum is the exact decimal sum of its lines, so the lines add up to <see cref="Total"/> every way they
/// are grouped. The pass that priced them also built the <see cref="Journeys"/> scorecard and the <see cref="Cascades"/>.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class NonComplianceCostReport
{
    internal NonComplianceCostReport(ImmutableArray<NonComplianceCostLine> lines, JourneyScorecard journeys, CascadeRiskReport cascades, string? currency = null)
    {
        Lines = lines;
        Currency = currency;
        Journeys = journeys;
        Cascades = cascades;
        var byKind = new SortedDictionary<NonComplianceCostKind, decimal>();
        var byTouchpoint = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byOwner = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byMonth = new SortedDictionary<LocalDate, decimal>();
        var byPromise = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        decimal total = 0, unowned = 0;
        foreach (var line in lines)
        {
            total += line.Amount;
            byKind[line.Kind] = byKind.GetValueOrDefault(line.Kind) + line.Amount;
            byTouchpoint[line.TouchpointId] = byTouchpoint.GetValueOrDefault(line.TouchpointId) + line.Amount;
            byMonth[line.Month] = byMonth.GetValueOrDefault(line.Month) + line.Amount;
            if (line.Owner is { } owner)
            {
                byOwner[owner] = byOwner.GetValueOrDefault(owner) + line.Amount;
            }
            else
            {
                unowned += line.Amount;
            }

            if (line.PromiseId is { } promise)
            {
                byPromise[promise] = byPromise.GetValueOrDefault(promise) + line.Amount;
            }
        }

        Total = total;
        Unowned = unowned;
        ByKind = byKind.ToImmutableSortedDictionary();
        ByTouchpoint = byTouchpoint.ToImmutableSortedDictionary(StringComparer.Ordinal);
        ByOwner = byOwner.ToImmutableSortedDictionary(StringComparer.Ordinal);
        ByMonth = byMonth.ToImmutableSortedDictionary();
        ByPromise = byPromise.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets every priced line, by kind, month, touchpoint, promise, segment and follow-on touchpoint.</summary>
    public ImmutableArray<NonComplianceCostLine> Lines { get; }

    /// <summary>Gets the label of the currency the amounts are in, as given by <see cref="NonComplianceCostOptions.Currency"/>.</summary>
    /// <value>The label, or <see langword="null"/> when the prices named none.</value>
    public string? Currency { get; }

    /// <summary>Gets the sum of all lines.</summary>
    public decimal Total { get; }

    /// <summary>Gets the sums per kind of cost.</summary>
    public ImmutableSortedDictionary<NonComplianceCostKind, decimal> ByKind { get; }

    /// <summary>Gets the sums per touchpoint charged.</summary>
    public ImmutableSortedDictionary<string, decimal> ByTouchpoint { get; }

    /// <summary>Gets the sums per owning unit of the touchpoint charged (the unit itself, not the units above it).</summary>
    public ImmutableSortedDictionary<string, decimal> ByOwner { get; }

    /// <summary>Gets the sum of the lines charged to touchpoints without an owner; <see cref="ByOwner"/> plus this is <see cref="Total"/>.</summary>
    public decimal Unowned { get; }

    /// <summary>Gets the sums per local month (its first day).</summary>
    public ImmutableSortedDictionary<LocalDate, decimal> ByMonth { get; }

    /// <summary>Gets the sums per promise, over the lines that name one (follow-on contacts name none).</summary>
    public ImmutableSortedDictionary<string, decimal> ByPromise { get; }

    /// <summary>Gets the journey scorecard built in the same pass.</summary>
    public JourneyScorecard Journeys { get; }

    /// <summary>Gets the cascades found in the same pass, which priced the follow-on contacts.</summary>
    public CascadeRiskReport Cascades { get; }
}
