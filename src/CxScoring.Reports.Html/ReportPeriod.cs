namespace CxScoring.Reports.Html;

/// <summary>The calendar period of the report's trend charts.</summary>
public enum ReportPeriod
{
    /// <summary>Days when the scorecard spans at most 31 days, weeks up to two years, months beyond (so that the automatic comparison of the last full period with the one before has more than a day of outcomes on each side once the data spans over a month).</summary>
    Auto = 0,

    /// <summary>Local calendar days of the scorecard's time zone.</summary>
    Day = 1,

    /// <summary>Weeks starting on the scorecard's first day of the week.</summary>
    Week = 2,

    /// <summary>Calendar months.</summary>
    Month = 3,
}
