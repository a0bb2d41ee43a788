using System.Runtime.CompilerServices;

namespace CxScoring.Gaps;

/// <summary>
/// The reference definition of every per-outcome gap. The scoring engine computes exactly these formulas; this
/// class is the place to read them.
/// </summary>
/// <remarks>
/// <para>Every gap is s·(a − b)·(1/scale), computed left to right in double precision with the reciprocal of the
/// scale rounded once: a multiplication by 1/scale, not a division by scale. The engine's kernels spend one multiply
/// per outcome this way, and this class does exactly the same operations so that its results are bit-identical to
/// the engine's on every path. A division of your own, s·(a − b)/scale, may differ from them by one unit in the last
/// place (5·(1/3) = 1.6666666666666665, 5/3 = 1.6666666666666667); see <see cref="GapResult"/> and docs/gaps.md.</para>
/// <para>All members are pure functions and safe to call from any number of threads.</para>
/// </remarks>
public static class GapCalculator
{
    /// <summary>Calculates the gaps of a delivered value against a promise and a zone of tolerance.</summary>
    /// <param name="axis">The axis the gaps are read on: polarity, scale and (for nearer-to-target measures) the target; a model's measure gives it as <c>Measure.Axis</c>.</param>
    /// <param name="delivered">The delivered value, in the measure's unit.</param>
    /// <param name="promised">The promised level.</param>
    /// <param name="adequate">The adequate level (resolved: absolute).</param>
    /// <param name="desired">The desired level (resolved: absolute).</param>
    /// <param name="feltValue">The value function for <see cref="GapResult.FeltValue"/>; <see cref="ProspectValueFunction.Default"/> when omitted.</param>
    /// <returns>The gaps.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a value is not finite.</exception>
    /// <exception cref="ArgumentException">Thrown when desired is worse than adequate (an inverted zone), or <paramref name="axis"/> or <paramref name="feltValue"/> is the uninitialised default of its struct.</exception>
    public static GapResult Calculate(GapAxis axis, double delivered, double promised, double adequate, double desired, ProspectValueFunction? feltValue = null)
    {
        GapAxis.ThrowIfUninitialized(axis, nameof(axis));
        if (feltValue is { } given)
        {
            ProspectValueFunction.ThrowIfUninitialized(given, nameof(feltValue));
        }

        RequireFinite(delivered, nameof(delivered));
        RequireFinite(promised, nameof(promised));
        RequireFinite(adequate, nameof(adequate));
        RequireFinite(desired, nameof(desired));
        var sign = axis.Sign;
        if (!TryMapToPolarity(sign, axis.Target, ref delivered, ref promised, ref adequate, ref desired))
        {
            throw new ArgumentException(
                $"The desired level {desired} is worse than the adequate level {adequate} ({axis.Polarity}); a zone of tolerance needs desired at least as good as adequate.",
                nameof(desired));
        }

        return Calculate(sign, 1.0 / axis.Scale, delivered, promised, adequate, desired, feltValue ?? ProspectValueFunction.Default);
    }

    /// <summary>Classifies adequacy and superiority into a zone: below if MSA &lt; 0, above if MSS &gt; 0, else within.</summary>
    /// <param name="adequacy">The measure of service adequacy (MSA).</param>
    /// <param name="superiority">The measure of service superiority (MSS).</param>
    /// <returns>The zone.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Zone ZoneOf(double adequacy, double superiority)
        => adequacy < 0 ? Zone.Below : superiority > 0 ? Zone.Above : Zone.Within;

    /// <summary>Computes the disconfirmation score: MSA when below, MSS when above, 0 within, clamped to [−1, 1].</summary>
    /// <param name="adequacy">The measure of service adequacy (MSA).</param>
    /// <param name="superiority">The measure of service superiority (MSS).</param>
    /// <returns>The score in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ScoreOf(double adequacy, double superiority)
        => adequacy < 0 ? Math.Max(adequacy, -1.0) : superiority > 0 ? Math.Min(superiority, 1.0) : 0.0;

    /// <summary>Determines whether a zone of tolerance is inverted: desired worse than adequate for the polarity's sign.</summary>
    /// <param name="sign">+1 when higher is better, −1 when lower is better.</param>
    /// <param name="adequate">The adequate level.</param>
    /// <param name="desired">The desired level.</param>
    /// <returns><see langword="true"/> when desired is worse than adequate.</returns>
    internal static bool IsInverted(double sign, double adequate, double desired) => sign * (desired - adequate) < 0;

    /// <summary>
    /// Maps resolved levels into the measure's polarity space (distances from the target for nearer-to-target
    /// measures) and checks the zone: the one place where both rules live, shared by the model, its builder, the
    /// plan and this calculator.
    /// </summary>
    /// <returns><see langword="false"/> when the mapped zone is inverted (desired worse than adequate).</returns>
    /// <param name="sign">+1 when higher is better, −1 otherwise.</param>
    /// <param name="target">The target of a nearer-to-target measure, else <see langword="null"/>.</param>
    /// <param name="delivered">The delivered value, mapped in place.</param>
    /// <param name="promised">The promised level, mapped in place.</param>
    /// <param name="adequate">The adequate level, mapped in place.</param>
    /// <param name="desired">The desired level, mapped in place.</param>
    internal static bool TryMapToPolarity(double sign, double? target, ref double delivered, ref double promised, ref double adequate, ref double desired)
    {
        if (target is { } t)
        {
            delivered = Math.Abs(delivered - t);
            promised = Math.Abs(promised - t);
            adequate = Math.Abs(adequate - t);
            desired = Math.Abs(desired - t);
        }

        return !IsInverted(sign, adequate, desired);
    }

    /// <summary>
    /// The kernel shared with the engine: levels already mapped to the polarity's value space. Each gap is
    /// <c>sign * (a - b) * inverseScale</c> with <paramref name="inverseScale"/> = 1/scale, a multiply and not a
    /// division, so that it stays bit-identical to the vectorised kernels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static GapResult Calculate(double sign, double inverseScale, double delivered, double promised, double adequate, double desired, in ProspectValueFunction feltValue)
    {
        var promiseGap = sign * (delivered - promised) * inverseScale;
        var settingGap = sign * (promised - adequate) * inverseScale;
        var adequacy = sign * (delivered - adequate) * inverseScale;
        var superiority = sign * (delivered - desired) * inverseScale;
        var score = ScoreOf(adequacy, superiority);
        return new GapResult(
            delivered, promised, adequate, desired,
            promiseGap, settingGap, adequacy, superiority,
            ZoneOf(adequacy, superiority), score, feltValue.Evaluate(score));
    }

    private static void RequireFinite(double value, string parameterName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "Gaps need finite values.");
        }
    }
}
