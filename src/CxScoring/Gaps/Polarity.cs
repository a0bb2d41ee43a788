namespace CxScoring.Gaps;

/// <summary>Which direction of a measure is better for the customer.</summary>
public enum Polarity
{
    /// <summary>More is better (a rating, a first-contact resolution rate). Sign s = +1.</summary>
    HigherIsBetter = 0,

    /// <summary>Less is better (a waiting time, a lateness, a number of transfers). Sign s = −1.</summary>
    LowerIsBetter = 1,

    /// <summary>
    /// Closeness to a target is better (a bill that matches the quoted price, a room at 21 °C). Every level —
    /// delivered, promised, adequate, desired — is an absolute value in the measure's unit, mapped to its distance
    /// from the target, |x − target|, which is then scored as <see cref="LowerIsBetter"/>. With target 21 an adequate
    /// level of 26 (or 16) means "within 5 of the target".
    /// </summary>
    NearerToTargetIsBetter = 2,
}
