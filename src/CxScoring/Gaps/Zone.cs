namespace CxScoring.Gaps;

/// <summary>Where a delivered outcome falls against the zone of tolerance; the boundaries belong to <see cref="Within"/>.</summary>
public enum Zone
{
    /// <summary>Worse than adequate (adequacy MSA &lt; 0): the customer is let down.</summary>
    Below = 0,

    /// <summary>Between adequate and desired, both included: tolerated, neither noticed nor praised.</summary>
    Within = 1,

    /// <summary>Better than desired (superiority MSS &gt; 0): a delight, which raises the bar next time.</summary>
    Above = 2,
}
