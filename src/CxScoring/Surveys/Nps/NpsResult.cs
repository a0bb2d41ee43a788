using System.Globalization;

namespace CxScoring.Surveys.Nps;

/// <summary>
/// A Net Promoter Score (Reichheld 2003) from 0–10 likelihood-to-recommend ratings: promoters 9–10, passives
/// 7–8, detractors 0–6, NPS = 100·(promoters − detractors)/n, with its variance, standard error and Wald interval.
/// </summary>
/// <remarks>
/// <para>Two scales are in play, and every member names its own. Each respondent is scored +1 (promoter),
/// 0 (passive) or −1 (detractor), the unit scale −1..1; <see cref="VarianceUnitScale"/> is the variance of that
/// score, (p_P + p_D) − (p_P − p_D)², on the unit scale. The NPS itself and everything derived from it for
/// reporting — <see cref="Score"/>, <see cref="StandardError"/>, <see cref="WaldInterval"/>, <see cref="CompareTo"/> —
/// are in NPS points, the −100..100 scale: <see cref="StandardError"/> = 100·√(VarianceUnitScale/n). The variance
/// in NPS points² would be 10 000·<see cref="VarianceUnitScale"/>.</para>
/// <para>Create instances with <see cref="NpsScorer.Score(ReadOnlySpan{int})"/> or <see cref="NpsScorer.Score(int, int, int)"/>.
/// Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class NpsResult
{
    internal NpsResult(int promoters, int passives, int detractors)
    {
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
    }

    /// <summary>Gets the number of promoters (ratings 9–10).</summary>
    /// <value>A non-negative count.</value>
    public int Promoters { get; }

    /// <summary>Gets the number of passives (ratings 7–8).</summary>
    /// <value>A non-negative count.</value>
    public int Passives { get; }

    /// <summary>Gets the number of detractors (ratings 0–6).</summary>
    /// <value>A non-negative count.</value>
    public int Detractors { get; }

    /// <summary>Gets the number of ratings.</summary>
    /// <value>A positive count.</value>
    public int Count => Promoters + Passives + Detractors;

    /// <summary>Gets the share of promoters.</summary>
    /// <value>A number in [0, 1].</value>
    public double PromoterShare => (double)Promoters / Count;

    /// <summary>Gets the share of detractors.</summary>
    /// <value>A number in [0, 1].</value>
    public double DetractorShare => (double)Detractors / Count;

    /// <summary>Gets the Net Promoter Score, 100·(promoters − detractors)/n.</summary>
    /// <value>A number in [−100, 100].</value>
    public double Score => 100.0 * (Promoters - Detractors) / Count;

    /// <summary>
    /// Gets the variance of the per-respondent score (+1/0/−1) on the unit scale −1..1: (p_P + p_D) − (p_P − p_D)².
    /// Multiply by 10 000 for the variance in NPS points².
    /// </summary>
    /// <value>A number in [0, 1], on the unit scale (not in NPS points).</value>
    public double VarianceUnitScale
    {
        get
        {
            var diff = PromoterShare - DetractorShare;
            return Math.Max(0, PromoterShare + DetractorShare - (diff * diff));
        }
    }

    /// <summary>Gets the standard error of <see cref="Score"/> in NPS points (the −100..100 scale): 100·√(<see cref="VarianceUnitScale"/>/n).</summary>
    /// <value>A non-negative number of NPS points.</value>
    public double StandardError => 100.0 * Math.Sqrt(VarianceUnitScale / Count);

    /// <summary>Computes the Wald interval, score ± z·SE in NPS points, clamped to [−100, 100].</summary>
    /// <param name="confidenceLevel">The confidence level, in (0, 1); 0.95 by default.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public NpsInterval WaldInterval(double confidenceLevel = 0.95)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie in (0, 1).");
        }

        var half = SurveyStatistics.NormalQuantile(1 - ((1 - confidenceLevel) / 2)) * StandardError;
        return new NpsInterval(Math.Max(-100, Score - half), Math.Min(100, Score + half), confidenceLevel);
    }

    /// <summary>Compares this score with an independent sample's: the difference and a two-sample z test.</summary>
    /// <param name="other">The other sample's score.</param>
    /// <returns>This score minus <paramref name="other"/>, with its standard error, z and p-value.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    public NpsDifference CompareTo(NpsResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new NpsDifference(Score - other.Score, Math.Sqrt((StandardError * StandardError) + (other.StandardError * other.StandardError)));
    }

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"NPS {Score:0.##} (n={Count}, SE {StandardError:0.##})");
}
