using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// Cascades as evidence: for each pair of touchpoints A → B, the rate of a follow-on contact at B within the window
/// after a shortfall at A against the rate after a contact at A without a shortfall, as a relative risk with its
/// confidence interval; and the same for early-stage shortfalls taken together.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CascadeRiskReport
{
    private readonly FrozenDictionary<(string, string), CascadeRisk> _pairs;

    internal CascadeRiskReport(Duration window, long received, long scored, long contacts, ImmutableArray<CascadeRisk> pairs, RelativeRisk earlyStage, FrozenDictionary<(int Touchpoint, LocalDate Month), long> shortfallsByMonth)
    {
        Window = window;
        Received = received;
        Scored = scored;
        ContactCount = contacts;
        Pairs = pairs;
        EarlyStage = earlyStage;
        ShortfallsByMonth = shortfallsByMonth;
        _pairs = pairs.ToFrozenDictionary(p => (p.FromTouchpointId, p.ToTouchpointId));
    }

    /// <summary>Gets the window within which a contact counts as following another.</summary>
    public Duration Window { get; }

    /// <summary>Gets the number of outcomes received.</summary>
    public long Received { get; }

    /// <summary>Gets the number of outcomes scored; the others were rejected and play no part.</summary>
    public long Scored { get; }

    /// <summary>Gets the number of contacts: distinct (customer, touchpoint, instant) among the scored outcomes.</summary>
    public long ContactCount { get; }

    /// <summary>Gets every pair with at least one follow-on contact, the largest excess over the baseline first, then by touchpoint identifiers (ordinal).</summary>
    public ImmutableArray<CascadeRisk> Pairs { get; }

    /// <summary>
    /// Gets the lift of early-stage shortfalls: exposed units are contacts at a touchpoint of an early stage (up to
    /// <see cref="CascadeRiskOptions.LastEarlyStage"/>) with a shortfall, unexposed ones such contacts without; the
    /// event is any follow-on contact within the window.
    /// </summary>
    public RelativeRisk EarlyStage { get; }

    /// <summary>Gets the contacts with a shortfall per touchpoint index and local month, for pricing follow-ons per period.</summary>
    internal FrozenDictionary<(int Touchpoint, LocalDate Month), long> ShortfallsByMonth { get; }

    /// <summary>Gets one pair.</summary>
    /// <param name="fromTouchpointId">A: the touchpoint of the shortfall.</param>
    /// <param name="toTouchpointId">B: the touchpoint of the follow-on contact.</param>
    /// <param name="risk">The pair, when a contact at B followed a contact at A at least once.</param>
    /// <returns><see langword="true"/> when the pair was found.</returns>
    /// <exception cref="ArgumentNullException">Thrown when a touchpoint identifier is <see langword="null"/>.</exception>
    public bool TryGet(string fromTouchpointId, string toTouchpointId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CascadeRisk? risk)
    {
        ArgumentNullException.ThrowIfNull(fromTouchpointId);
        ArgumentNullException.ThrowIfNull(toTouchpointId);
        return _pairs.TryGetValue((fromTouchpointId, toTouchpointId), out risk);
    }
}
