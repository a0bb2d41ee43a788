namespace CxScoring.Scorecards;

/// <summary>
/// Whether a touchpoint's delivered and perceived outcomes tell the same story (<see cref="PerceivedVsDelivered.Agreement"/>).
/// A side falls short when its mean adequacy (MSA) is below zero: on average its outcomes lie below the adequate level of
/// the customers' zone of tolerance. Where the two disagree, the perceived side is the customers' own word: expectations,
/// not specifications, decide.
/// </summary>
public enum PerceptionAgreement
{
    /// <summary>One side has no scored outcomes at the touchpoint: nothing to compare.</summary>
    NotComparable = 0,

    /// <summary>Both sides reach the adequate level on average.</summary>
    BothAdequate = 1,

    /// <summary>Both sides fall short of the adequate level on average.</summary>
    BothShort = 2,

    /// <summary>Delivered reaches the adequate level on average, yet customers perceive a shortfall: look at what the operational measures miss.</summary>
    DeliveredFinePerceivedPoor = 3,

    /// <summary>Delivered falls short on average, yet customers perceive it as adequate: the operational expectation may be stricter than customers are.</summary>
    DeliveredPoorPerceivedFine = 4,
}
