namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The roll-up formulas on plain numbers (moments of a journey in order, oldest first). <see cref="JourneyRollUp"/>
/// applies them to scored events; they are public so that they can be checked against published figures.
/// </summary>
/// <remarks>All members are pure functions and safe to call from any number of threads.</remarks>
public static class RollUpFormulas
{
    /// <summary>Computes the arithmetic mean.</summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <returns>The mean.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    public static double Mean(ReadOnlySpan<double> moments)
    {
        RequireAny(moments, nameof(moments));
        var sum = 0.0;
        foreach (var x in moments)
        {
            sum += x;
        }

        return sum / moments.Length;
    }

    /// <summary>Computes the importance-weighted mean Σ wᵢ·xᵢ / Σ wᵢ.</summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <param name="weights">The weights, one per moment, each finite and greater than 0.</param>
    /// <returns>The weighted mean.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a weight is not a finite number greater than 0.</exception>
    public static double WeightedMean(ReadOnlySpan<double> moments, ReadOnlySpan<double> weights)
    {
        RequireAny(moments, nameof(moments));
        if (weights.Length != moments.Length)
        {
            throw new ArgumentException($"There are {moments.Length} moments but {weights.Length} weights; give one weight per moment.", nameof(weights));
        }

        double sum = 0, total = 0;
        for (var i = 0; i < moments.Length; i++)
        {
            var w = weights[i];
            if (!(double.IsFinite(w) && w > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"Weight {i} must be a finite number greater than 0.");
            }

            sum += w * moments[i];
            total += w;
        }

        return sum / total;
    }

    /// <summary>
    /// Gets the peak: the most intense moment, the one with the largest absolute value. When a delight and a shortfall
    /// are equally intense the shortfall is the peak (losses loom larger: Tversky &amp; Kahneman 1992).
    /// </summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <returns>The peak moment, with its sign.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    public static double Peak(ReadOnlySpan<double> moments)
    {
        RequireAny(moments, nameof(moments));
        var peak = moments[0];
        for (var i = 1; i < moments.Length; i++)
        {
            peak = MorePeak(peak, moments[i]);
        }

        return peak;
    }

    /// <summary>
    /// Computes the peak-end rule (Kahneman, Fredrickson, Schreiber &amp; Redelmeier 1993; Redelmeier &amp; Kahneman 1996):
    /// remembered = (peak + end)/2, duration neglected; peak as in <see cref="Peak(ReadOnlySpan{double})"/>, end = the last moment.
    /// </summary>
    /// <param name="moments">The moments in order; at least one.</param>
    /// <returns>The remembered value.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    public static double PeakEnd(ReadOnlySpan<double> moments) => (Peak(moments) + moments[^1]) / 2.0;

    /// <summary>
    /// Computes the mean lifted by the positive peak, after Verhoef, Antonides &amp; de Hoog 2004, who found that the
    /// average and the best moment of a service encounter explain satisfaction: (1 − w)·mean + w·best. The components
    /// are published; the convex combination with weight w is this library's heuristic.
    /// </summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <param name="peakWeight">The weight w of the best moment, in [0, 1].</param>
    /// <returns>The roll-up, between the mean and the best moment.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="peakWeight"/> is outside [0, 1].</exception>
    public static double MeanPlusPeak(ReadOnlySpan<double> moments, double peakWeight)
    {
        RequireUnit(peakWeight, nameof(peakWeight));
        return ((1 - peakWeight) * Mean(moments)) + (peakWeight * Best(moments));
    }

    /// <summary>Gets the weakest link: the worst moment (heuristic: a journey is as good as its worst step).</summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <returns>The minimum.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    public static double WeakestLink(ReadOnlySpan<double> moments)
    {
        RequireAny(moments, nameof(moments));
        var min = moments[0];
        foreach (var x in moments)
        {
            min = Math.Min(min, x);
        }

        return min;
    }

    /// <summary>Gets the best moment.</summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <returns>The maximum.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty.</exception>
    public static double Best(ReadOnlySpan<double> moments)
    {
        RequireAny(moments, nameof(moments));
        var max = moments[0];
        foreach (var x in moments)
        {
            max = Math.Max(max, x);
        }

        return max;
    }

    /// <summary>
    /// Computes the recency-weighted mean (heuristic, exponential forgetting): moment i weighs 2^(−ageᵢ/halfLife), where
    /// its age is measured back from the latest moment, so a moment one half-life older counts half as much.
    /// </summary>
    /// <param name="moments">The moments; at least one.</param>
    /// <param name="ageSeconds">The age of each moment in seconds, each finite and at least 0.</param>
    /// <param name="halfLifeSeconds">The half-life in seconds, greater than 0.</param>
    /// <returns>The recency-weighted mean.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="moments"/> is empty or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an age is negative or not finite, or the half-life is not positive.</exception>
    public static double RecencyWeighted(ReadOnlySpan<double> moments, ReadOnlySpan<double> ageSeconds, double halfLifeSeconds)
    {
        RequireAny(moments, nameof(moments));
        if (ageSeconds.Length != moments.Length)
        {
            throw new ArgumentException($"There are {moments.Length} moments but {ageSeconds.Length} ages; give one age per moment.", nameof(ageSeconds));
        }

        if (!(double.IsFinite(halfLifeSeconds) && halfLifeSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeSeconds), halfLifeSeconds, "The half-life must be a finite number of seconds greater than 0.");
        }

        double sum = 0, total = 0;
        for (var i = 0; i < moments.Length; i++)
        {
            var age = ageSeconds[i];
            if (!(double.IsFinite(age) && age >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(ageSeconds), age, $"Age {i} must be a finite number of seconds, at least 0.");
            }

            var w = Math.Pow(2, -age / halfLifeSeconds);
            sum += w * moments[i];
            total += w;
        }

        return total > 0 ? sum / total : moments[^1];
    }

    /// <summary>Computes the population standard deviation: the dispersion used by the consistency measure.</summary>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The standard deviation; 0 for a single value.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="values"/> is empty.</exception>
    public static double Dispersion(ReadOnlySpan<double> values)
    {
        RequireAny(values, nameof(values));
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var x in values)
        {
            sum += (x - mean) * (x - mean);
        }

        return Math.Sqrt(sum / values.Length);
    }

    internal static double MorePeak(double peak, double candidate)
    {
        var a = Math.Abs(candidate);
        var b = Math.Abs(peak);
        return a > b || (a == b && candidate < peak) ? candidate : peak;
    }

    internal static void RequireUnit(double value, string parameterName)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "The weight must lie in [0, 1].");
        }
    }

    private static void RequireAny(ReadOnlySpan<double> moments, string parameterName)
    {
        if (moments.IsEmpty)
        {
            throw new ArgumentException("A roll-up needs at least one moment.", parameterName);
        }
    }
}
