namespace CxScoring.Scorecards;

/// <summary>What the promise review (<see cref="PromiseReview"/>) advises for a promise: keep it as it is, keep it better, or change it.</summary>
public enum PromiseVerdict
{
    /// <summary>No outcome was scored while the promise was in force.</summary>
    NoOutcomes = 0,

    /// <summary>Every outcome kept the promise and met the customer's zone of tolerance (within or above): nothing to change.</summary>
    Sound = 1,

    /// <summary>
    /// Broken, and the customer fell below the zone, more often than either kind of "set wrong": the promise is right, delivery
    /// is not. Keep it better.
    /// </summary>
    KeepBetter = 2,

    /// <summary>
    /// "Kept to the letter, missed the spirit" is the largest kind of miss: the promise is kept and customers are still below
    /// the zone, so the promise is set looser than what customers expect (setting gap &lt; 0). Change the promise: tighten it.
    /// </summary>
    SetTooLoose = 3,

    /// <summary>
    /// "Broken, yet within or above the zone" is the largest kind of miss: customers are satisfied although the letter is
    /// broken, so the promise is stricter than they need (setting gap &gt; 0) and keeping it costs more than it earns. Change
    /// the promise: relax it.
    /// </summary>
    SetTooStrict = 4,
}
