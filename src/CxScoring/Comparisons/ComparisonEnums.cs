namespace CxScoring.Comparisons;

/// <summary>The kind of group a comparison row compares: the whole scorecard, or one of its cells.</summary>
/// <remarks>More kinds may be added as scorecards carry them; treat unknown values as "other group".</remarks>
public enum ComparisonGroupKind
{
    /// <summary>All scored outcomes (for a comparison of two periods, the outcomes of each period).</summary>
    Total = 0,

    /// <summary>One touchpoint; the key is its identifier.</summary>
    Touchpoint = 1,

    /// <summary>One journey stage; the key is the stage name in lower case.</summary>
    Stage = 2,

    /// <summary>One channel; the key is the channel name.</summary>
    Channel = 3,

    /// <summary>One segment; the key is its identifier.</summary>
    Segment = 4,

    /// <summary>One owning unit (<see cref="Scorecards.Scorecard.ByOwner"/>, nested owners including their parts); the key is the owner path.</summary>
    Owner = 5,

    /// <summary>One measure; the key is its identifier.</summary>
    Measure = 6,

    /// <summary>One promise of the model (<see cref="Scorecards.Scorecard.ByPromise"/>); the key is its identifier.</summary>
    Promise = 7,
}

/// <summary>The figure a comparison row compares.</summary>
public enum ComparisonMetric
{
    /// <summary>The mean disconfirmation score, by Welch's t-test; effect size Hedges' g.</summary>
    MeanScore = 0,

    /// <summary>The share of outcomes below the zone of tolerance, by the two-proportion z-test.</summary>
    BelowShare = 1,

    /// <summary>The share of outcomes within the zone of tolerance, by the two-proportion z-test.</summary>
    WithinShare = 2,

    /// <summary>The share of outcomes above the zone of tolerance, by the two-proportion z-test.</summary>
    AboveShare = 3,

    /// <summary>The share of outcomes whose promise was kept to the letter, by the two-proportion z-test.</summary>
    PromiseKeptRate = 4,

    /// <summary>
    /// The share of outcomes kept to the letter that missed the spirit (promise kept, zone below:
    /// <see cref="Scorecards.ScoreAggregate.KeptButMissedShare"/>), by the two-proportion z-test.
    /// </summary>
    KeptButMissedShare = 5,
}

/// <summary>Whether a comparison row was tested, and if not why.</summary>
public enum ComparisonStatus
{
    /// <summary>The test was run: the row has a statistic, a p-value and a q-value.</summary>
    Tested = 0,

    /// <summary>
    /// Too few outcomes for the test's approximation: fewer than <see cref="ComparisonOptions.MinimumCount"/> in either
    /// group, or, for a share, fewer than <see cref="ComparisonOptions.MinimumExpected"/> outcomes in or out of it
    /// (n·p or n·(1 − p)) in either group. No p-value is given.
    /// </summary>
    NotEnoughData = 1,

    /// <summary>
    /// Enough outcomes, but nothing varies: every score is the same in both groups (zero variance, no t statistic), or —
    /// only when <see cref="ComparisonOptions.MinimumExpected"/> is 0 — a share is 0 or 1 in both groups.
    /// </summary>
    NoVariation = 2,
}
