using CxScoring.Calendars;
using NodaTime;

namespace CxScoring.Tests.Calendars;

/// <summary>Office calendars in three zones with real 2025–2026 public holidays, and round-the-clock Sunday calendars that cross daylight-saving changes.</summary>
internal static class CalendarFixtures
{
    internal static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    internal static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    internal static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    internal static WorkingHours Hours(int fromHour, int fromMinute, int toHour, int toMinute)
        => new(new LocalTime(fromHour, fromMinute), toHour == 24 ? LocalTime.Midnight : new LocalTime(toHour, toMinute));

    /// <summary>England and Wales bank holidays of the test period (gov.uk/bank-holidays), 09:00–17:00 Monday to Friday.</summary>
    internal static BusinessCalendar UkOffice { get; } = new BusinessCalendarBuilder("uk-office", London)
        .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], Hours(9, 0, 17, 0))
        .AddHolidays([new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26), new(2026, 1, 1)])
        .Build();

    /// <summary>A split day, 09:00–12:30 and 13:30–17:00, Monday to Friday, in London.</summary>
    internal static BusinessCalendar UkSplit { get; } = BusinessCalendar.Weekdays("uk-split", London, Hours(9, 0, 12, 30), Hours(13, 30, 17, 0));

    /// <summary>US federal holidays around Thanksgiving and the year end, 08:00–18:00 Monday to Friday, in New York.</summary>
    internal static BusinessCalendar UsOffice { get; } = new BusinessCalendarBuilder("us-office", NewYork)
        .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], Hours(8, 0, 18, 0))
        .AddHolidays([new(2025, 11, 11), new(2025, 11, 27), new(2025, 12, 25), new(2026, 1, 1)])
        .Build();

    /// <summary>New South Wales public holidays of late 2025, 09:00–17:00 Monday to Friday, in Sydney.</summary>
    internal static BusinessCalendar AuOffice { get; } = new BusinessCalendarBuilder("au-office", Sydney)
        .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], Hours(9, 0, 17, 0))
        .AddHolidays([new(2025, 10, 6), new(2025, 12, 25), new(2025, 12, 26), new(2026, 1, 1), new(2026, 1, 26)])
        .Build();

    /// <summary>Round-the-clock on Sundays and a night shift 00:30–03:30 on Saturdays: the daylight-saving changes of all three zones fall on Sundays.</summary>
    internal static BusinessCalendar SundayShift(DateTimeZone zone)
        => new BusinessCalendarBuilder("sunday-" + zone.Id.Replace('/', '-'), zone)
            .SetHours(IsoDayOfWeek.Sunday, Hours(0, 0, 24, 0))
            .SetHours(IsoDayOfWeek.Monday, Hours(0, 30, 3, 30))
            .SetHours(IsoDayOfWeek.Wednesday, Hours(1, 15, 2, 45), Hours(2, 45, 4, 0))
            .Build();

    internal static BusinessCalendar[] All { get; } =
        [UkOffice, UkSplit, UsOffice, AuOffice, SundayShift(London), SundayShift(NewYork), SundayShift(Sydney)];
}
