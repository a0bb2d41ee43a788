namespace CxScoring.Model;

/// <summary>
/// The unit of plain numbers given for a time measure in model and outcome files (<c>"unit": "minutes"</c>).
/// Values are always held in seconds; the unit only says how a plain number such as <c>70</c> is read.
/// ISO-8601 duration strings such as <c>"PT70M"</c> carry their own unit and are not affected.
/// </summary>
public enum TimeUnit
{
    /// <summary>Plain numbers are seconds (the default).</summary>
    Seconds = 0,

    /// <summary>Plain numbers are minutes (60 s).</summary>
    Minutes = 1,

    /// <summary>Plain numbers are hours (3,600 s).</summary>
    Hours = 2,

    /// <summary>Plain numbers are days of 24 hours (86,400 s).</summary>
    Days = 3,
}
