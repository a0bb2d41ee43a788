namespace CxScoring.Model;

/// <summary>
/// Where in the customer's engagement a touchpoint sits, from before the first contact to disengagement.
/// The numeric order is the journey's order: a lower value is earlier. Reports show the stage beside each hotspot so
/// that early-journey problems, which cause later breakdowns, stand out.
/// </summary>
public enum JourneyStage
{
    /// <summary>The customer learns the organisation or offer exists (ads, word of mouth): before any contact.</summary>
    Awareness = 0,

    /// <summary>The customer weighs the offer (web visits, comparisons, first questions).</summary>
    Consideration = 1,

    /// <summary>The customer buys or signs (order, contract change).</summary>
    Purchase = 2,

    /// <summary>The product or service is set up and delivered (activation, installation, welcome).</summary>
    Onboarding = 3,

    /// <summary>The customer uses the product or service (including upgrades and changes).</summary>
    Usage = 4,

    /// <summary>The customer seeks help (questions, faults, complaints).</summary>
    Support = 5,

    /// <summary>The customer is invoiced and pays.</summary>
    Billing = 6,

    /// <summary>The relationship is renewed or extended.</summary>
    Renewal = 7,

    /// <summary>The customer leaves or disengages; experience goes on until the last contact.</summary>
    Exit = 8,

    /// <summary>The stage is not stated (a model file's touchpoint without <c>stage</c>); sorts after every stage of the journey.</summary>
    Unspecified = 9,
}
