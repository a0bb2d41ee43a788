namespace CxScoring.Journeys.Dynamics;

/// <summary>How the zone of tolerance changes shape when it moves.</summary>
public enum ZoneWidthRule
{
    /// <summary>
    /// Both bounds move by the same amount, λ·(x − anchor), where the anchor is the bound the outcome was judged against
    /// (desired after a delight, adequate after a shortfall, the middle of the zone within it): the width is kept.
    /// </summary>
    Kept = 0,

    /// <summary>Each bound follows the adaptive rule on its own, b + λ·(x − b): the zone narrows towards what was delivered.</summary>
    EachBoundAdapts = 1,
}
