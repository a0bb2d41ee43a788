using System.Globalization;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// One pair of touchpoints A → B of a <see cref="CascadeRiskReport"/>: how often a contact at B followed a shortfall at
/// A within the window, against how often it followed a contact at A without a shortfall (the baseline).
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CascadeRisk
{
    internal CascadeRisk(string fromTouchpointId, string toTouchpointId, RelativeRisk risk)
    {
        FromTouchpointId = fromTouchpointId;
        ToTouchpointId = toTouchpointId;
        Risk = risk;
    }

    /// <summary>Gets A: the touchpoint of the shortfall (or of the contact without one).</summary>
    public string FromTouchpointId { get; }

    /// <summary>Gets B: the touchpoint of the follow-on contact.</summary>
    public string ToTouchpointId { get; }

    /// <summary>Gets the relative risk: exposed units are contacts at A with a shortfall, unexposed ones contacts at A without; the event is a contact at B within the window.</summary>
    public RelativeRisk Risk { get; }

    /// <summary>
    /// Gets the follow-on contacts beyond the baseline: a − (a + b)·c/(c + d), the contacts at B after shortfalls at A
    /// less those expected had the shortfalls' contacts been followed at the baseline rate; 0 when there is no baseline.
    /// </summary>
    public double ExcessFollowOns => Risk.UnexposedCount == 0 ? 0 : Risk.ExposedEvents - (Risk.ExposedCount * Risk.UnexposedRisk);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FromTouchpointId} → {ToTouchpointId}: {Risk}, {ExcessFollowOns:0.#} beyond the baseline");
}
