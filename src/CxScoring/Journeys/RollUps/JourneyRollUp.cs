using System.Globalization;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// How a whole journey (or any set of scored events) felt, by every roll-up: the published ones (peak-end, mean plus
/// peak) and the heuristics (weakest link, recency-weighted, consistency-adjusted), with the figures they are made of.
/// Moments are the events' scores (or felt values, by <see cref="RollUpOptions.Value"/>).
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class JourneyRollUp
{
    internal JourneyRollUp(
        int count, int touchpointCount, double mean, double weightedMean, double peak, double end, double peakEnd,
        double meanPlusPeak, double weakestLink, double best, double recencyWeighted, double dispersion,
        double consistencyAdjusted, RollUpOptions options)
    {
        Count = count;
        TouchpointCount = touchpointCount;
        Mean = mean;
        WeightedMean = weightedMean;
        Peak = peak;
        End = end;
        PeakEnd = peakEnd;
        MeanPlusPeak = meanPlusPeak;
        WeakestLink = weakestLink;
        Best = best;
        RecencyWeighted = recencyWeighted;
        Dispersion = dispersion;
        ConsistencyAdjusted = consistencyAdjusted;
        Options = options;
    }

    /// <summary>Gets the number of events rolled up.</summary>
    public int Count { get; }

    /// <summary>Gets the number of distinct touchpoints among the events.</summary>
    public int TouchpointCount { get; }

    /// <summary>Gets the arithmetic mean of the moments.</summary>
    public double Mean { get; }

    /// <summary>Gets the mean weighted by touchpoint importance, Σ wᵢ·xᵢ / Σ wᵢ.</summary>
    public double WeightedMean { get; }

    /// <summary>Gets the peak: the most intense moment by absolute value (the shortfall when a delight ties with it).</summary>
    public double Peak { get; }

    /// <summary>Gets the end: the last moment in <see cref="JourneyEventOrder"/>.</summary>
    public double End { get; }

    /// <summary>Gets the peak-end value (<see cref="Peak"/> + <see cref="End"/>)/2 (Kahneman et al. 1993).</summary>
    public double PeakEnd { get; }

    /// <summary>Gets (1 − w)·mean + w·max(best, 0): the mean lifted by the positive peak (after Verhoef et al. 2004; the weighting is a heuristic).</summary>
    public double MeanPlusPeak { get; }

    /// <summary>Gets the worst moment (heuristic).</summary>
    public double WeakestLink { get; }

    /// <summary>Gets the best moment.</summary>
    public double Best { get; }

    /// <summary>Gets the recency-weighted mean: weights 2^(−age/half-life), ages counted back from the latest event (heuristic).</summary>
    public double RecencyWeighted { get; }

    /// <summary>Gets the dispersion across touchpoints: the population standard deviation of the per-touchpoint mean moments.</summary>
    /// <value>0 when all events are at one touchpoint.</value>
    public double Dispersion { get; }

    /// <summary>Gets the mean less the consistency penalty, mean − k·<see cref="Dispersion"/> (heuristic; may fall below the worst moment).</summary>
    public double ConsistencyAdjusted { get; }

    /// <summary>Gets the options the roll-up was computed with.</summary>
    public RollUpOptions Options { get; }

    /// <summary>Gets one roll-up by kind.</summary>
    /// <param name="kind">The roll-up.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="kind"/> is not defined.</exception>
    public double Get(RollUpKind kind) => kind switch
    {
        RollUpKind.Mean => Mean,
        RollUpKind.WeightedMean => WeightedMean,
        RollUpKind.PeakEnd => PeakEnd,
        RollUpKind.MeanPlusPeak => MeanPlusPeak,
        RollUpKind.WeakestLink => WeakestLink,
        RollUpKind.RecencyWeighted => RecencyWeighted,
        RollUpKind.ConsistencyAdjusted => ConsistencyAdjusted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a roll-up."),
    };

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"n={Count}: mean {Mean:0.###}, weighted {WeightedMean:0.###}, peak-end {PeakEnd:0.###}, mean+peak {MeanPlusPeak:0.###}, weakest {WeakestLink:0.###}, recency {RecencyWeighted:0.###}, dispersion {Dispersion:0.###}");
}
