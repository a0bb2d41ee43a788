using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// Cascades with a baseline, on the engine's rows: is a follow-on contact at B more likely after a shortfall at A than
/// after a contact at A that went well? For each pair A → B the analysis counts, over the contacts at A, those with a
/// shortfall (exposed) and those without (unexposed), and how many of each were followed within the window by a
/// contact at B by the same customer, and reports the relative risk with its Katz interval (<see cref="RelativeRisk"/>).
/// </summary>
/// <remarks>
/// <para>A contact is a distinct (customer, touchpoint, instant): several measures observed at one call are one contact,
/// which is a shortfall when any of them fell below the zone of tolerance. A contact at B follows one at A when it is
/// strictly later and at most the window after it; each contact at A counts once per B, however many contacts at B
/// follow it. A → A counts repeat contacts.</para>
/// <para>Order: follow-ons depend on time, so each customer's contacts are put in time order (instant, then stage,
/// then touchpoint identifier). The rows may come in any order: the analysis groups the scored rows by customer
/// (O(n): partitioned by a hash of the customer key, then a counting sort within each partition; 32 bytes per row, see
/// docs/journeys.md), compares each short journey's rows pairwise (a longer one is ordered and scanned backwards), so its result does not depend on the order or the split of the input.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class CascadeRiskAnalysis
{
    /// <summary>Analyzes cascades over rows.</summary>
    /// <param name="plan">The plan that scores the rows.</param>
    /// <param name="rows">The rows, in any order; <see cref="OutcomeRow.CustomerKey"/> identifies the customer.</param>
    /// <param name="options">The window, contact touchpoints and early stages; <see cref="CascadeRiskOptions.Default"/> when omitted.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range), or names a touchpoint the model does not define; the message names it.</exception>
    public static CascadeRiskReport Analyze(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options = null)
        => Analyze(plan, rows, options, DateTimeZone.Utc);

    internal static CascadeRiskReport Analyze(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options, DateTimeZone zone, int pendingCapacity = CascadeCounter.PendingCapacity, int pairwiseLimit = CascadeCounter.PairwiseLimit)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        var counter = new CascadeCounter(plan, options ?? CascadeRiskOptions.Default, zone, pendingCapacity, pairwiseLimit);
        var none = default(NoScoredRowSink);
        using var grouped = CustomerRows.Build(plan, rows, ref none);
        var visitor = new ContactVisitor(counter);
        grouped.Visit(ref visitor);
        return counter.ToReport(rows.Length, grouped.Scored);
    }

    private readonly struct ContactVisitor(CascadeCounter counter) : IJourneyVisitor
    {
        public void Visit(ReadOnlySpan<JourneyMoment> journey)
        {
            counter.AddJourney(journey);
        }
    }
}
