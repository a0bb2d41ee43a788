namespace CxScoring.Model;

/// <summary>Where a promise comes from; explicit promises are written down, implicit ones are read from price, brand or channel.</summary>
public enum PromiseSource
{
    /// <summary>A term of the customer's contract.</summary>
    Contract = 0,

    /// <summary>A published service-level agreement or service standard.</summary>
    ServiceLevelAgreement = 1,

    /// <summary>Advertising, offers and web copy.</summary>
    Advertising = 2,

    /// <summary>Something an agent or employee said to the customer.</summary>
    Agent = 3,

    /// <summary>Nothing was said; the level is implied by price, brand or channel (a chat answers in minutes).</summary>
    Implicit = 4,
}
