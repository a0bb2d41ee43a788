using CxScoring.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxScoring.Tests.Calendars.CalendarFixtures;

namespace CxScoring.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    private static Instant At(DateTimeZone zone, int year, int month, int day, int hour, int minute = 0)
        => new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();

    // ---- Europe/London -------------------------------------------------------------------------------------------

    [Fact]
    public void AddBusinessTime_London_ChristmasRun_SkipsTheBankHolidaysAndTheWeekend()
    {
        // Wed 24 Dec 2025 16:00 GMT + 4 h: 1 h that day; 25, 26 Dec are bank holidays, 27–28 a weekend; 3 h on Mon 29 Dec.
        var deadline = UkOffice.AddBusinessTime(Instant.FromUtc(2025, 12, 24, 16, 0), Duration.FromHours(4));
        Assert.Equal(Instant.FromUtc(2025, 12, 29, 12, 0), deadline);
    }

    [Fact]
    public void AddWorkingDays_London_AcrossTheYearEnd_SkipsNewYearsDay()
    {
        // From Wed 24 Dec 2025: 29, 30, 31 Dec, Fri 2 Jan (1 Jan is a bank holiday), Mon 5 Jan.
        Assert.Equal(new LocalDate(2026, 1, 5), UkOffice.AddWorkingDays(new LocalDate(2025, 12, 24), 5));
        Assert.Equal(new LocalDate(2025, 12, 29), UkOffice.AddWorkingDays(new LocalDate(2025, 12, 25), 0));
        Assert.Equal(new LocalDate(2025, 12, 24), UkOffice.AddWorkingDays(new LocalDate(2025, 12, 24), 0));
    }

    [Fact]
    public void AddBusinessTime_London_SplitDay_SkipsTheLunchBreak()
    {
        // Mon 2 Jun 2025 12:00 BST + 2 h: 12:00–12:30, then 13:30–15:00 BST = 14:00 UTC.
        Assert.Equal(Instant.FromUtc(2025, 6, 2, 14, 0), UkSplit.AddBusinessTime(At(London, 2025, 6, 2, 12), Duration.FromHours(2)));
        Assert.False(UkSplit.IsWorkingTime(At(London, 2025, 6, 2, 13)));
        Assert.True(UkSplit.IsWorkingTime(At(London, 2025, 6, 2, 13, 30)));
        Assert.Equal(Duration.FromHours(7), UkSplit.BusinessDuration(At(London, 2025, 6, 2, 0), At(London, 2025, 6, 3, 0)));
    }

    [Fact]
    public void BusinessDuration_London_SpringForwardSunday_Has23Hours()
        => Assert.Equal(Duration.FromHours(23), SundayShift(London).BusinessDuration(At(London, 2025, 3, 29, 12), At(London, 2025, 3, 31, 0)));

    [Fact]
    public void BusinessDuration_London_FallBackSunday_Has25Hours()
        => Assert.Equal(Duration.FromHours(25), SundayShift(London).BusinessDuration(At(London, 2025, 10, 25, 12), At(London, 2025, 10, 27, 0)));

    [Fact]
    public void AddBusinessTime_London_RequestInTheSkippedHourOfASpringForwardSunday_CountsFromTheRealInstant()
    {
        // 00:30 GMT on 30 Mar 2025; 01:00 GMT becomes 02:00 BST. Two hours of work later it is 02:30 UTC = 03:30 BST.
        var deadline = SundayShift(London).AddBusinessTime(Instant.FromUtc(2025, 3, 30, 0, 30), Duration.FromHours(2));
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 2, 30), deadline);
    }

    // ---- America/New_York ----------------------------------------------------------------------------------------

    [Fact]
    public void AddBusinessTime_NewYork_Thanksgiving_SkipsTheHoliday()
    {
        // Wed 26 Nov 2025 17:00 EST + 4 h: 1 h that day, Thanksgiving off, Fri 28 Nov 08:00 + 3 h = 11:00 EST = 16:00 UTC.
        Assert.Equal(Instant.FromUtc(2025, 11, 28, 16, 0), UsOffice.AddBusinessTime(At(NewYork, 2025, 11, 26, 17), Duration.FromHours(4)));
    }

    [Fact]
    public void BusinessDuration_NewYork_OverTheFallBackWeekend_CountsOnlyWorkingHours()
    {
        // Fri 31 Oct 2025 17:00 EDT to Mon 3 Nov 09:00 EST: 1 h + 1 h, though 65 h pass on the clock.
        var from = At(NewYork, 2025, 10, 31, 17);
        var to = At(NewYork, 2025, 11, 3, 9);
        Assert.Equal(Duration.FromHours(65), to - from);
        Assert.Equal(Duration.FromHours(2), UsOffice.BusinessDuration(from, to));
        Assert.Equal(to, UsOffice.AddBusinessTime(from, Duration.FromHours(2)));
    }

    [Fact]
    public void BusinessDuration_NewYork_SundayShifts_23And25Hours()
    {
        var shift = SundayShift(NewYork);
        Assert.Equal(Duration.FromHours(23), shift.BusinessDuration(At(NewYork, 2025, 3, 9, 0), At(NewYork, 2025, 3, 10, 0)));
        Assert.Equal(Duration.FromHours(25), shift.BusinessDuration(At(NewYork, 2025, 11, 2, 0), At(NewYork, 2025, 11, 3, 0)));
    }

    [Fact]
    public void AddWorkingDays_NewYork_YearEnd_SkipsChristmasAndNewYear()
        => Assert.Equal(new LocalDate(2026, 1, 2), UsOffice.AddWorkingDays(new LocalDate(2025, 12, 24), 5));

    // ---- Australia/Sydney ----------------------------------------------------------------------------------------

    [Fact]
    public void AddBusinessTime_Sydney_LabourDayAfterSpringForward_EndsOnTuesday()
    {
        // Fri 3 Oct 2025 16:00 AEST + 2 h: 1 h that day; DST starts Sun 5 Oct; Mon 6 Oct is Labour Day;
        // Tue 7 Oct 09:00 AEDT + 1 h = 10:00 AEDT = 23:00 UTC on 6 Oct.
        Assert.Equal(Instant.FromUtc(2025, 10, 6, 23, 0), AuOffice.AddBusinessTime(At(Sydney, 2025, 10, 3, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void BusinessDuration_Sydney_SundayShifts_25HoursInAprilAnd23InOctober()
    {
        var shift = SundayShift(Sydney);
        Assert.Equal(Duration.FromHours(25), shift.BusinessDuration(At(Sydney, 2025, 4, 6, 0), At(Sydney, 2025, 4, 7, 0)));
        Assert.Equal(Duration.FromHours(23), shift.BusinessDuration(At(Sydney, 2025, 10, 5, 0), At(Sydney, 2025, 10, 6, 0)));
    }

    [Fact]
    public void AddWorkingDays_Sydney_SummerHolidays_SkipsBoxingDayAndAustraliaDay()
    {
        // From Wed 24 Dec 2025: 29, 30, 31 Dec, 2, 5, …; from Fri 23 Jan 2026 the next working day is Tue 27 Jan.
        Assert.Equal(new LocalDate(2026, 1, 2), AuOffice.AddWorkingDays(new LocalDate(2025, 12, 24), 4));
        Assert.Equal(new LocalDate(2026, 1, 27), AuOffice.AddWorkingDays(new LocalDate(2026, 1, 23), 1));
    }

    // ---- Edges and arguments -------------------------------------------------------------------------------------

    [Fact]
    public void AddWorkingDays_Instant_KeepsTheWallClockTime()
        => Assert.Equal(At(London, 2025, 12, 29, 10, 30), UkOffice.AddWorkingDays(At(London, 2025, 12, 24, 10, 30), 1));

    [Fact]
    public void BusinessDuration_Backwards_IsNegative()
        => Assert.Equal(-Duration.FromHours(4), UkOffice.BusinessDuration(Instant.FromUtc(2025, 12, 29, 12, 0), Instant.FromUtc(2025, 12, 24, 16, 0)));

    [Fact]
    public void IsWorkingTime_HalfOpen_StartIsEndIsNot()
    {
        Assert.True(UkOffice.IsWorkingTime(At(London, 2025, 6, 2, 9)));
        Assert.False(UkOffice.IsWorkingTime(At(London, 2025, 6, 2, 17)));
        Assert.False(UkOffice.IsWorkingTime(At(London, 2025, 12, 25, 12)));
    }

    [Fact]
    public void AddBusinessTime_NegativeAmount_ThrowsNamingTheParameter()
        => Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.AddBusinessTime(Instant.FromUtc(2025, 1, 1, 0, 0), -Duration.FromHours(1))).ParamName);

    [Fact]
    public void AddWorkingDays_NegativeDays_ThrowsNamingTheParameter()
        => Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.AddWorkingDays(new LocalDate(2025, 1, 1), -1)).ParamName);

    [Fact]
    public void BusinessDuration_AtTheEndOfTime_ThrowsNamingTheParameter()
        => Assert.Equal("to", Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.BusinessDuration(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.MaxValue)).ParamName);

    [Fact]
    public void GetHours_NotADay_ThrowsNamingTheParameter()
        => Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => UkOffice.GetHours(IsoDayOfWeek.None)).ParamName);

    [Fact]
    public void TryAddBusinessTime_AllHolidaysForACentury_ReturnsFalse()
    {
        var dates = Enumerable.Range(0, BusinessCalendar.MaxDaysWithoutWork + 10).Select(i => new LocalDate(2025, 1, 1).PlusDays(i));
        var closed = new BusinessCalendarBuilder("closed", London).SetHours(IsoDayOfWeek.Monday, Hours(9, 0, 17, 0)).AddHolidays(dates).Build();
        Assert.False(closed.TryAddBusinessTime(Instant.FromUtc(2025, 1, 1, 0, 0), Duration.FromHours(1), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => closed.AddBusinessTime(Instant.FromUtc(2025, 1, 1, 0, 0), Duration.FromHours(1)));
    }

    [Fact]
    public void Builder_OverlappingHours_ThrowsNamingTheHours()
        => Assert.Equal("hours", Assert.Throws<ArgumentException>(() => new BusinessCalendarBuilder("x", London).SetHours(IsoDayOfWeek.Monday, Hours(9, 0, 13, 0), Hours(12, 0, 17, 0))).ParamName);

    [Fact]
    public void Builder_NoWorkingHours_Throws()
        => Assert.Throws<InvalidOperationException>(() => new BusinessCalendarBuilder("x", London).Build());

    [Fact]
    public void WorkingHours_EndBeforeStart_ThrowsNamingTheEnd()
        => Assert.Equal("end", Assert.Throws<ArgumentOutOfRangeException>(() => Hours(17, 0, 9, 0)).ParamName);

    [Fact]
    public void Equals_SameDefinition_IsEqual()
    {
        var again = new BusinessCalendarBuilder("uk-office", London)
            .SetHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], Hours(9, 0, 17, 0))
            .AddHolidays(UkOffice.Holidays.Reverse())
            .Build();
        Assert.Equal(UkOffice, again);
        Assert.Equal(UkOffice.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(UkOffice, UkSplit);
    }

    // ---- Laws ----------------------------------------------------------------------------------------------------

    public static Arbitrary<(BusinessCalendar Calendar, Instant Start, Duration Amount)> Additions()
        => Arb.From(
            from calendar in Gen.Elements(All)
            from minutes in Gen.Choose(0, 3 * 366 * 24 * 60)
            from seconds in Gen.Choose(0, 59)
            from amount in Gen.Choose(0, 200 * 60)
            select (calendar, Instant.FromUtc(2024, 6, 1, 0, 0) + Duration.FromMinutes(minutes) + Duration.FromSeconds(seconds), Duration.FromMinutes(amount)));

    public static Arbitrary<(BusinessCalendar Calendar, Instant A, Instant B, Instant C)> Triples()
        => Arb.From(
            from calendar in Gen.Elements(All)
            from a in Gen.Choose(0, 3 * 366 * 24 * 60)
            from b in Gen.Choose(0, 3 * 366 * 24 * 60)
            from c in Gen.Choose(0, 3 * 366 * 24 * 60)
            select (calendar, Minute(a), Minute(b), Minute(c)));

    [Property(Arbitrary = new[] { typeof(BusinessCalendarTests) }, MaxTest = 400)]
    public void AddBusinessTime_ThenBusinessDuration_GivesTheAmountBack((BusinessCalendar Calendar, Instant Start, Duration Amount) c)
    {
        var deadline = c.Calendar.AddBusinessTime(c.Start, c.Amount);
        Assert.Equal(c.Amount, c.Calendar.BusinessDuration(c.Start, deadline));
    }

    [Property(Arbitrary = new[] { typeof(BusinessCalendarTests) }, MaxTest = 400)]
    public void AddBusinessTime_Deadline_NeverFallsInsideANonWorkingPeriod((BusinessCalendar Calendar, Instant Start, Duration Amount) c)
    {
        if (c.Amount == Duration.Zero)
        {
            return;
        }

        // The last instant counted is working time: the deadline is in working time or at the end of a stretch.
        var deadline = c.Calendar.AddBusinessTime(c.Start, c.Amount);
        Assert.True(c.Calendar.IsWorkingTime(deadline - Duration.Epsilon), $"{deadline} ends a non-working instant");
        Assert.True(deadline > c.Start);
    }

    [Property(Arbitrary = new[] { typeof(BusinessCalendarTests) }, MaxTest = 400)]
    public void BusinessDuration_IsAdditiveOverSplitPoints((BusinessCalendar Calendar, Instant A, Instant B, Instant C) t)
        => Assert.Equal(
            t.Calendar.BusinessDuration(t.A, t.C),
            t.Calendar.BusinessDuration(t.A, t.B) + t.Calendar.BusinessDuration(t.B, t.C));

    [Property(Arbitrary = new[] { typeof(BusinessCalendarTests) }, MaxTest = 200)]
    public void BusinessDuration_NeverExceedsTheWallClock((BusinessCalendar Calendar, Instant A, Instant B, Instant C) t)
    {
        var (from, to) = t.A <= t.B ? (t.A, t.B) : (t.B, t.A);
        var business = t.Calendar.BusinessDuration(from, to);
        Assert.InRange(business, Duration.Zero, to - from);
    }

    private static Instant Minute(int minutes) => Instant.FromUtc(2024, 6, 1, 0, 0) + Duration.FromMinutes(minutes);
}
