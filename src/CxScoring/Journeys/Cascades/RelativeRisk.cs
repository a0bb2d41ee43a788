using System.Globalization;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// A relative risk with its confidence interval by the log (Katz) method: RR = (a/(a + b)) / (c/(c + d)),
/// SE(ln RR) = √(1/a − 1/(a + b) + 1/c − 1/(c + d)), interval exp(ln RR ± z·SE) (Katz, Baptista, Azen &amp; Pike 1978;
/// as given by Morris &amp; Gardner 1988 and Altman 1991). When a or c is 0, 0.5 is added to all four cells (the usual
/// continuity correction, as MedCalc does after Pagano &amp; Gauvreau 2000), and <see cref="ContinuityCorrected"/> says so.
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct RelativeRisk : IEquatable<RelativeRisk>
{
    /// <summary>The z value of a two-sided 95 % interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    private RelativeRisk(long exposedEvents, long exposedCount, long unexposedEvents, long unexposedCount, double estimate, double lower, double upper, bool corrected)
    {
        ExposedEvents = exposedEvents;
        ExposedCount = exposedCount;
        UnexposedEvents = unexposedEvents;
        UnexposedCount = unexposedCount;
        Estimate = estimate;
        Lower = lower;
        Upper = upper;
        ContinuityCorrected = corrected;
    }

    /// <summary>Gets a: the exposed units followed by the event.</summary>
    public long ExposedEvents { get; }

    /// <summary>Gets a + b: all exposed units.</summary>
    public long ExposedCount { get; }

    /// <summary>Gets c: the unexposed units followed by the event.</summary>
    public long UnexposedEvents { get; }

    /// <summary>Gets c + d: all unexposed units.</summary>
    public long UnexposedCount { get; }

    /// <summary>Gets the risk of the event after exposure, a/(a + b) (uncorrected).</summary>
    /// <value>The risk; NaN when there is no exposed unit.</value>
    public double ExposedRisk => ExposedCount == 0 ? double.NaN : (double)ExposedEvents / ExposedCount;

    /// <summary>Gets the risk of the event without exposure, c/(c + d) (uncorrected): the baseline.</summary>
    /// <value>The risk; NaN when there is no unexposed unit.</value>
    public double UnexposedRisk => UnexposedCount == 0 ? double.NaN : (double)UnexposedEvents / UnexposedCount;

    /// <summary>Gets the relative risk (after the continuity correction when one was needed).</summary>
    /// <value>The estimate; NaN when either group is empty.</value>
    public double Estimate { get; }

    /// <summary>Gets the lower bound of the confidence interval.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper bound of the confidence interval.</summary>
    public double Upper { get; }

    /// <summary>Gets a value indicating whether 0.5 was added to every cell because a or c was 0.</summary>
    public bool ContinuityCorrected { get; }

    /// <summary>Gets a value indicating whether the interval excludes 1: evidence of a raised (or lowered) risk, not a coincidence.</summary>
    public bool ExcludesOne => Lower > 1 || Upper < 1;

    /// <summary>Computes a relative risk and its log (Katz) confidence interval from a 2 × 2 table.</summary>
    /// <param name="exposedEvents">a: exposed units followed by the event.</param>
    /// <param name="exposedCount">a + b: all exposed units.</param>
    /// <param name="unexposedEvents">c: unexposed units followed by the event.</param>
    /// <param name="unexposedCount">c + d: all unexposed units.</param>
    /// <param name="z">The normal quantile of the interval; <see cref="Z95"/> for 95 %.</param>
    /// <returns>The relative risk.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a count is negative, events exceed their group, or <paramref name="z"/> is not a finite number greater than 0.</exception>
    public static RelativeRisk Katz(long exposedEvents, long exposedCount, long unexposedEvents, long unexposedCount, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exposedEvents);
        ArgumentOutOfRangeException.ThrowIfNegative(unexposedEvents);
        ArgumentOutOfRangeException.ThrowIfLessThan(exposedCount, exposedEvents);
        ArgumentOutOfRangeException.ThrowIfLessThan(unexposedCount, unexposedEvents);
        if (!(double.IsFinite(z) && z > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The z value must be a finite number greater than 0.");
        }

        if (exposedCount == 0 || unexposedCount == 0)
        {
            return new RelativeRisk(exposedEvents, exposedCount, unexposedEvents, unexposedCount, double.NaN, double.NaN, double.NaN, false);
        }

        var corrected = exposedEvents == 0 || unexposedEvents == 0;
        var add = corrected ? 0.5 : 0.0;
        var a = exposedEvents + add;
        var n1 = exposedCount + (2 * add);
        var c = unexposedEvents + add;
        var n0 = unexposedCount + (2 * add);
        var estimate = a / n1 / (c / n0);
        var se = Math.Sqrt((1 / a) - (1 / n1) + (1 / c) - (1 / n0));
        var log = Math.Log(estimate);
        return new RelativeRisk(exposedEvents, exposedCount, unexposedEvents, unexposedCount, estimate, Math.Exp(log - (z * se)), Math.Exp(log + (z * se)), corrected);
    }

    /// <inheritdoc/>
    public bool Equals(RelativeRisk other)
        => ExposedEvents == other.ExposedEvents && ExposedCount == other.ExposedCount && UnexposedEvents == other.UnexposedEvents && UnexposedCount == other.UnexposedCount
           && Estimate.Equals(other.Estimate) && Lower.Equals(other.Lower) && Upper.Equals(other.Upper);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RelativeRisk other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ExposedEvents, ExposedCount, UnexposedEvents, UnexposedCount);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"RR {Estimate:0.###} ({Lower:0.###} to {Upper:0.###}){(ContinuityCorrected ? ", 0.5 added to each cell" : "")}: {ExposedEvents}/{ExposedCount} vs {UnexposedEvents}/{UnexposedCount}");

    /// <summary>Determines whether two relative risks are the same.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when the counts and figures are equal.</returns>
    public static bool operator ==(RelativeRisk left, RelativeRisk right) => left.Equals(right);

    /// <summary>Determines whether two relative risks differ.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when anything differs.</returns>
    public static bool operator !=(RelativeRisk left, RelativeRisk right) => !left.Equals(right);
}
