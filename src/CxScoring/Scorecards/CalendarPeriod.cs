namespace CxScoring.Scorecards;

/// <summary>A period of a scorecard's calendar: a local day, a week from <see cref="Scorecard.WeekStart"/>, or a month, in <see cref="Scorecard.TimeZone"/>.</summary>
public enum CalendarPeriod
{
    /// <summary>A local date.</summary>
    Day = 0,

    /// <summary>A week, from the scorecard's first day of the week (ISO weeks from Monday by default).</summary>
    Week = 1,

    /// <summary>A calendar month.</summary>
    Month = 2,
}
