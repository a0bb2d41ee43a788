namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>Where a perceived rating falls relative to a zone of tolerance.</summary>
public enum ToleranceZoneLocation
{
    /// <summary>Below the zone: the perception is under the minimum (MSA &lt; 0).</summary>
    Below = 0,

    /// <summary>Within the zone, boundaries included: MSA ≥ 0 and MSS ≤ 0.</summary>
    Within = 1,

    /// <summary>Above the zone: the perception exceeds the desired level (MSS &gt; 0) and is not below the minimum.</summary>
    Above = 2,
}
