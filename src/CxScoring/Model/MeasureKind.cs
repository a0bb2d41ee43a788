namespace CxScoring.Model;

/// <summary>What a measure counts, which fixes how its values are read and checked.</summary>
public enum MeasureKind
{
    /// <summary>A span of time (response time, lead time). Values are NodaTime <c>Duration</c>s, held in seconds.</summary>
    Duration = 0,

    /// <summary>
    /// A deadline compared with the delivered instant. The scored value is the lateness
    /// (delivered instant − deadline) in seconds, lower is better; the promised level is always 0 (on time).
    /// </summary>
    Deadline = 1,

    /// <summary>A non-negative count (transfers, contacts, visits).</summary>
    Count = 2,

    /// <summary>A ratio in [0, 1] (share of items right, first-contact resolution).</summary>
    Ratio = 3,

    /// <summary>An amount of money in one currency (a refund, a bill's error).</summary>
    Money = 4,

    /// <summary>A rating on a 1..k point scale.</summary>
    Rating = 5,

    /// <summary>A yes/no outcome held as 1 (yes) or 0 (no).</summary>
    YesNo = 6,

    /// <summary>A plain number that may be negative (a balance, a temperature, a score difference), in a unit of your own.</summary>
    Number = 7,
}
