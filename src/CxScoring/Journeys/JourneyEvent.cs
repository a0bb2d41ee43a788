using System.Diagnostics;
using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Journeys;

/// <summary>
/// One scored moment of a customer's journey: the <see cref="Model.Outcome"/>, its <see cref="GapResult"/>, and the
/// touchpoint and measure it was scored against (which give its stage, channel, importance weight and scale).
/// Create events with <see cref="JourneyEventScorer"/>, which scores outcomes with a <see cref="ScoringModel"/>.
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct JourneyEvent : IEquatable<JourneyEvent>
{
    /// <summary>Initializes a new instance of the <see cref="JourneyEvent"/> struct.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="gap">The gaps the outcome was scored to.</param>
    /// <param name="touchpoint">The outcome's touchpoint.</param>
    /// <param name="measure">The outcome's measure.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpoint"/> or <paramref name="measure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value, or names another touchpoint or measure.</exception>
    public JourneyEvent(in Outcome outcome, GapResult gap, Touchpoint touchpoint, Measure measure)
    {
        ArgumentNullException.ThrowIfNull(touchpoint);
        ArgumentNullException.ThrowIfNull(measure);
        if (outcome.CustomerId is null)
        {
            throw new ArgumentException("The outcome is the default value; it names no customer.", nameof(outcome));
        }

        if (!string.Equals(outcome.TouchpointId, touchpoint.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The outcome is at touchpoint '{outcome.TouchpointId}', not '{touchpoint.Id}'.", nameof(touchpoint));
        }

        if (!string.Equals(outcome.MeasureId, measure.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The outcome is of measure '{outcome.MeasureId}', not '{measure.Id}'.", nameof(measure));
        }

        Outcome = outcome;
        Gap = gap;
        Touchpoint = touchpoint;
        Measure = measure;
    }

    /// <summary>Gets the outcome.</summary>
    public Outcome Outcome { get; }

    /// <summary>Gets the gaps the outcome was scored to.</summary>
    public GapResult Gap { get; }

    /// <summary>Gets the outcome's touchpoint.</summary>
    public Touchpoint Touchpoint { get; }

    /// <summary>Gets the outcome's measure.</summary>
    public Measure Measure { get; }

    /// <summary>Gets the customer.</summary>
    public string CustomerId => Outcome.CustomerId;

    /// <summary>Gets the customer's segment.</summary>
    /// <value>The segment identifier, or <see langword="null"/> when the outcome carries none.</value>
    public string? SegmentId => Outcome.SegmentId;

    /// <summary>Gets when the outcome was observed.</summary>
    public Instant ObservedAt => Outcome.ObservedAt;

    /// <summary>Gets the journey stage of the touchpoint.</summary>
    public JourneyStage Stage => Touchpoint.Stage;

    /// <summary>Gets the channel of the touchpoint.</summary>
    public Channel Channel => Touchpoint.Channel;

    /// <summary>Gets the importance weight of the touchpoint.</summary>
    public double Weight => Touchpoint.Weight;

    /// <summary>Gets the disconfirmation score in [−1, 1].</summary>
    public double Score => Gap.Score;

    /// <summary>Gets the weighted shortfall: −min(score, 0) × touchpoint weight (0 unless the outcome fell below the zone).</summary>
    public double WeightedShortfall => -Math.Min(Gap.Score, 0.0) * Touchpoint.Weight;

    /// <summary>Returns a copy of this event with other gaps (used when expectations move).</summary>
    /// <param name="gap">The new gaps.</param>
    /// <returns>The event with <paramref name="gap"/>.</returns>
    public JourneyEvent WithGap(GapResult gap) => new(Outcome, gap, Touchpoint, Measure, trusted: true);

    private JourneyEvent(in Outcome outcome, GapResult gap, Touchpoint touchpoint, Measure measure, bool trusted)
    {
        Debug.Assert(trusted, "Copies keep a validated event's touchpoint and measure.");
        Outcome = outcome;
        Gap = gap;
        Touchpoint = touchpoint;
        Measure = measure;
    }

    /// <inheritdoc/>
    public bool Equals(JourneyEvent other)
        => Outcome == other.Outcome && Gap == other.Gap && Equals(Touchpoint, other.Touchpoint) && Equals(Measure, other.Measure);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JourneyEvent other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Outcome, Gap);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Outcome.CustomerId} @ {Outcome.TouchpointId} ({Touchpoint?.Stage}): {Outcome.MeasureId} score {Gap.Score:0.###} at {Outcome.ObservedAt}");

    /// <summary>Determines whether two events are the same.</summary>
    /// <param name="left">The first event.</param>
    /// <param name="right">The second event.</param>
    /// <returns><see langword="true"/> when outcome, gaps, touchpoint and measure are equal.</returns>
    public static bool operator ==(JourneyEvent left, JourneyEvent right) => left.Equals(right);

    /// <summary>Determines whether two events differ.</summary>
    /// <param name="left">The first event.</param>
    /// <param name="right">The second event.</param>
    /// <returns><see langword="true"/> when anything differs.</returns>
    public static bool operator !=(JourneyEvent left, JourneyEvent right) => !left.Equals(right);
}
