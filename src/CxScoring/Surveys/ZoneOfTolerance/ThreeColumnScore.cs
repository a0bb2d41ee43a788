using System.Globalization;
using CxScoring.Gaps;

namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>
/// The zone-of-tolerance reading of a minimum, desired and perceived level (Parasuraman, Zeithaml &amp; Berry
/// 1994): measure of service adequacy MSA = P − minimum, measure of service superiority MSS = P − desired, the
/// location relative to the zone and the position inside it.
/// </summary>
/// <remarks>
/// An <em>inverted</em> zone (desired below minimum) is reported through <see cref="IsInverted"/> rather than
/// rejected; its location still follows the rule (below if MSA &lt; 0, else above if MSS &gt; 0), so it is never
/// within. Create readings with <see cref="ThreeColumnScorer"/>. This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct ThreeColumnScore : IEquatable<ThreeColumnScore>
{
    internal ThreeColumnScore(double minimum, double desired, double perceived)
    {
        Minimum = minimum;
        Desired = desired;
        Perceived = perceived;
    }

    /// <summary>Gets the minimum (adequate) level.</summary>
    /// <value>A rating or a mean rating.</value>
    public double Minimum { get; }

    /// <summary>Gets the desired level.</summary>
    /// <value>A rating or a mean rating.</value>
    public double Desired { get; }

    /// <summary>Gets the perceived level.</summary>
    /// <value>A rating or a mean rating.</value>
    public double Perceived { get; }

    /// <summary>Gets the measure of service adequacy, P − minimum.</summary>
    /// <value>Negative when the perception falls short of the minimum.</value>
    public double Msa => Perceived - Minimum;

    /// <summary>Gets the measure of service superiority, P − desired.</summary>
    /// <value>Positive when the perception exceeds the desired level.</value>
    public double Mss => Perceived - Desired;

    /// <summary>Gets the location of the perception: below if MSA &lt; 0, above if MSS &gt; 0, otherwise within (boundaries belong to the zone).</summary>
    /// <value>One of <see cref="Zone"/>, classified by <see cref="GapCalculator.ZoneOf(double, double)"/> as the scoring engine does.</value>
    public Zone Location => GapCalculator.ZoneOf(Msa, Mss);

    /// <summary>Gets a value indicating whether the zone is inverted (desired below minimum).</summary>
    /// <value><see langword="true"/> for an inverted zone, which reflects an inconsistent answer.</value>
    public bool IsInverted => GapCalculator.IsInverted(1.0, Minimum, Desired);

    /// <summary>Gets the zone's width, desired − minimum.</summary>
    /// <value>Negative for an inverted zone.</value>
    public double ZoneWidth => Desired - Minimum;

    /// <summary>Gets the position of the perception in the zone, (P − minimum) / (desired − minimum): 0 at the minimum, 1 at the desired level, outside [0, 1] outside the zone.</summary>
    /// <value>The position; <see langword="null"/> when the zone has no positive width (inverted or a single point).</value>
    public double? PositionInZone => ZoneWidth > 0 ? Msa / ZoneWidth : null;

    /// <inheritdoc/>
    public bool Equals(ThreeColumnScore other)
        => Minimum.Equals(other.Minimum) && Desired.Equals(other.Desired) && Perceived.Equals(other.Perceived);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ThreeColumnScore other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Minimum, Desired, Perceived);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"MSA {Msa:0.###}, MSS {Mss:0.###}, {Location}{(IsInverted ? " (inverted zone)" : string.Empty)}");

    /// <summary>Determines whether two readings have the same levels.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    /// <returns><see langword="true"/> when all three levels are equal.</returns>
    public static bool operator ==(ThreeColumnScore left, ThreeColumnScore right) => left.Equals(right);

    /// <summary>Determines whether two readings differ.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    /// <returns><see langword="true"/> when any level differs.</returns>
    public static bool operator !=(ThreeColumnScore left, ThreeColumnScore right) => !left.Equals(right);
}
