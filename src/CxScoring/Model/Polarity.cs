namespace CxScoring.Model;

/// <summary>Which direction of a measure is better for the customer.</summary>
public enum Polarity
{
    /// <summary>More is better (a rating, a first-contact resolution rate). Sign s = +1.</summary>
    HigherIsBetter = 0,

    /// <summary>Less is better (a waiting time, a lateness, a number of transfers). Sign s = −1.</summary>
    LowerIsBetter = 1,

    /// <summary>
    /// Closeness to a target is better (a bill that matches the quoted price, a room at 21 °C). The delivered
    /// value is first mapped to its distance from the target, |x − target|, which is then scored as
    /// <see cref="LowerIsBetter"/>; promised, adequate and desired levels are read the same way, so an adequate
    /// level of 5 means "within 5 of the target".
    /// </summary>
    NearerToTargetIsBetter = 2,
}
