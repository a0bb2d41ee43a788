namespace CxScoring.Journeys.RollUps;

/// <summary>The journey roll-ups; <see cref="JourneyRollUp"/> computes them all. docs/journeys.md gives each source.</summary>
public enum RollUpKind
{
    /// <summary>The arithmetic mean of the moments.</summary>
    Mean = 0,

    /// <summary>The mean weighted by touchpoint importance.</summary>
    WeightedMean = 1,

    /// <summary>(peak + end)/2 (Kahneman et al. 1993).</summary>
    PeakEnd = 2,

    /// <summary>The mean lifted by the best moment (after Verhoef et al. 2004).</summary>
    MeanPlusPeak = 3,

    /// <summary>The worst moment (heuristic).</summary>
    WeakestLink = 4,

    /// <summary>The mean with exponential forgetting by a half-life (heuristic).</summary>
    RecencyWeighted = 5,

    /// <summary>The mean less a penalty for dispersion across touchpoints (heuristic).</summary>
    ConsistencyAdjusted = 6,
}
