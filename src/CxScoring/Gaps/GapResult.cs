using System.Globalization;

namespace CxScoring.Gaps;

/// <summary>
/// The gaps of one delivered outcome against its promise and its zone of tolerance (DOMAIN formulas, after the
/// Gaps Model of Parasuraman, Zeithaml &amp; Berry 1985). With polarity s and scale:
/// <list type="bullet">
/// <item><description><see cref="PromiseGap"/> = s·(delivered − promised)·(1/scale): was the letter of the promise kept?</description></item>
/// <item><description><see cref="SettingGap"/> = s·(promised − adequate)·(1/scale): does the letter match what customers took it to mean?</description></item>
/// <item><description><see cref="Adequacy"/> (MSA) = s·(delivered − adequate)·(1/scale) = promise gap + setting gap, up to rounding.</description></item>
/// <item><description><see cref="Superiority"/> (MSS) = s·(delivered − desired)·(1/scale).</description></item>
/// </list>
/// </summary>
/// <remarks>
/// <para>Each gap is computed in double precision as (s·(a − b))·(1/scale): the reciprocal of the scale is rounded
/// once, then multiplied, not divided. The scoring kernels do it this way (one multiply per outcome) and
/// <see cref="GapCalculator"/> does exactly the same, so every path gives bit-identical results; a division of your
/// own, s·(a − b)/scale, may differ from them in the last bit (for example 5·(1/3) = 1.6666666666666665 but
/// 5/3 = 1.6666666666666667). See docs/gaps.md.</para>
/// <para>This type is an immutable value and is safe to use from any number of threads.</para>
/// </remarks>
public readonly struct GapResult : IEquatable<GapResult>
{
    internal GapResult(
        double delivered, double promised, double adequate, double desired,
        double promiseGap, double settingGap, double adequacy, double superiority,
        Zone zone, double score, double feltValue)
    {
        Delivered = delivered;
        Promised = promised;
        Adequate = adequate;
        Desired = desired;
        PromiseGap = promiseGap;
        SettingGap = settingGap;
        Adequacy = adequacy;
        Superiority = superiority;
        Zone = zone;
        Score = score;
        FeltValue = feltValue;
    }

    /// <summary>Gets the delivered value the gaps were computed from (a distance to the target for nearer-to-target measures, a lateness for deadlines).</summary>
    public double Delivered { get; }

    /// <summary>Gets the promised level the gaps were computed from.</summary>
    public double Promised { get; }

    /// <summary>Gets the adequate level the gaps were computed from.</summary>
    public double Adequate { get; }

    /// <summary>Gets the desired level the gaps were computed from.</summary>
    public double Desired { get; }

    /// <summary>Gets the promise gap s·(delivered − promised)·(1/scale) (Gap 4, communication): negative when the letter was broken.</summary>
    public double PromiseGap { get; }

    /// <summary>Gets the setting gap s·(promised − adequate)·(1/scale): negative when the letter of the promise is below what customers read into it.</summary>
    public double SettingGap { get; }

    /// <summary>Gets the measure of service adequacy (MSA) s·(delivered − adequate)·(1/scale) (Gap 5 against the adequate level).</summary>
    public double Adequacy { get; }

    /// <summary>Gets the measure of service superiority (MSS) s·(delivered − desired)·(1/scale).</summary>
    public double Superiority { get; }

    /// <summary>Gets where the delivered value falls against the zone of tolerance.</summary>
    public Zone Zone { get; }

    /// <summary>
    /// Gets the disconfirmation score (Oliver 1980, with a zone of tolerance): <see cref="Adequacy"/> when below,
    /// <see cref="Superiority"/> when above, 0 within, clamped to [−1, 1].
    /// </summary>
    /// <value>A number in [−1, 1].</value>
    public double Score { get; }

    /// <summary>Gets the felt value: the prospect value function applied to <see cref="Score"/>, so shortfalls weigh more than surpluses.</summary>
    public double FeltValue { get; }

    /// <summary>Gets a value indicating whether the letter of the promise was kept (<see cref="PromiseGap"/> ≥ 0).</summary>
    public bool PromiseKept => PromiseGap >= 0;

    /// <inheritdoc/>
    public bool Equals(GapResult other)
        => Delivered.Equals(other.Delivered) && Promised.Equals(other.Promised) && Adequate.Equals(other.Adequate)
           && Desired.Equals(other.Desired) && PromiseGap.Equals(other.PromiseGap) && SettingGap.Equals(other.SettingGap)
           && Adequacy.Equals(other.Adequacy) && Superiority.Equals(other.Superiority) && Zone == other.Zone
           && Score.Equals(other.Score) && FeltValue.Equals(other.FeltValue);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GapResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Delivered, Promised, Adequate, Desired, Adequacy, Superiority, Score, FeltValue);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Zone}: score {Score:0.###}, MSA {Adequacy:0.###}, MSS {Superiority:0.###}, promise gap {PromiseGap:0.###}, setting gap {SettingGap:0.###}, felt {FeltValue:0.###}");

    /// <summary>Determines whether two results are the same.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when every figure is equal.</returns>
    public static bool operator ==(GapResult left, GapResult right) => left.Equals(right);

    /// <summary>Determines whether two results differ.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when any figure differs.</returns>
    public static bool operator !=(GapResult left, GapResult right) => !left.Equals(right);
}
