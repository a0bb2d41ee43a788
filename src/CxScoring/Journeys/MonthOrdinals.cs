using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Journeys;

/// <summary>
/// Local months of instants as ordinals (year · 12 + month − 1) for the journey passes: the local day from the shared
/// <see cref="CalendarIndex"/>, then the day's month from a per-day table filled as days are met (at most one entry
/// per day between the earliest and the latest instant seen, 4 bytes each).
/// </summary>
/// <remarks>Not thread-safe: one per pass.</remarks>
internal sealed class MonthOrdinals(DateTimeZone zone)
{
    private readonly CalendarIndex _calendar = CalendarIndex.For(zone);
    private int[] _months = [];
    private int _firstDay;

    /// <summary>Gets the local month of an instant, as an ordinal.</summary>
    /// <param name="nanoseconds">The instant, in nanoseconds since the Unix epoch.</param>
    /// <returns>year · 12 + month − 1 of the local date.</returns>
    internal int Of(long nanoseconds)
    {
        var day = _calendar.DayOf(nanoseconds);
        var slot = (uint)(day - _firstDay);
        if (slot < (uint)_months.Length)
        {
            var month = _months[slot];
            if (month != 0)
            {
                return month - 1;
            }
        }

        return Fill(day);
    }

    /// <summary>Gets the first day of a month ordinal.</summary>
    /// <remarks>Instants within <see cref="Model.UnixTime"/>'s range lie in years 1677 to 2262, so ordinals are positive.</remarks>
    internal static LocalDate ToDate(int ordinal) => new(ordinal / 12, (ordinal % 12) + 1, 1);

    /// <summary>Gets the month ordinal of a date.</summary>
    internal static int FromDate(LocalDate date) => (date.Year * 12) + date.Month - 1;

    private int Fill(int day)
    {
        if (_months.Length == 0)
        {
            _firstDay = day;
            _months = new int[64];
        }
        else if (day < _firstDay || day - _firstDay >= _months.Length)
        {
            // At least double, with the room on the side that grew, so that days met in falling order stay amortised O(1).
            var last = Math.Max(_firstDay + _months.Length - 1, day);
            var length = Math.Max(last - Math.Min(_firstDay, day) + 1, _months.Length * 2);
            var first = day < _firstDay ? last - length + 1 : _firstDay;
            var grown = new int[length];
            Array.Copy(_months, 0, grown, _firstDay - first, _months.Length);
            _months = grown;
            _firstDay = first;
        }

        var month = FromDate(CalendarIndex.DateOf(day));
        _months[day - _firstDay] = month + 1;
        return month;
    }
}

/// <summary>
/// A table of values per (month ordinal, column), dense within the months and columns met: one row per month from the
/// earliest to the latest month met, each as wide as the largest column met in it.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <remarks>Not thread-safe: one per pass.</remarks>
internal sealed class MonthTable<T>
    where T : struct
{
    private T[]?[] _rows = [];
    private int _firstMonth;

    /// <summary>Gets the first month ordinal of <see cref="Row(int)"/> 0.</summary>
    internal int FirstMonth => _firstMonth;

    /// <summary>Gets the number of month rows.</summary>
    internal int MonthCount => _rows.Length;

    /// <summary>Gets the values of one month row (<see cref="FirstMonth"/> + <paramref name="index"/>), or <see langword="null"/> when none was met.</summary>
    internal T[]? Row(int index) => _rows[index];

    /// <summary>Gets the value of a month and column, made (default) when first met.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal ref T At(int month, int column)
    {
        var index = (uint)(month - _firstMonth);
        if (index < (uint)_rows.Length && _rows[index] is { } row && (uint)column < (uint)row.Length)
        {
            return ref row[column];
        }

        return ref Grow(month, column);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ref T Grow(int month, int column)
    {
        if (_rows.Length == 0)
        {
            _firstMonth = month;
            _rows = new T[]?[1];
        }
        else if (month < _firstMonth || month - _firstMonth >= _rows.Length)
        {
            var first = Math.Min(_firstMonth, month);
            var last = Math.Max(_firstMonth + _rows.Length - 1, month);
            var grown = new T[]?[last - first + 1];
            Array.Copy(_rows, 0, grown, _firstMonth - first, _rows.Length);
            _rows = grown;
            _firstMonth = first;
        }

        ref var row = ref _rows[month - _firstMonth];
        if (row is null || column >= row.Length)
        {
            Array.Resize(ref row, Math.Max(column + 1, Math.Max(8, (row?.Length ?? 0) * 2)));
        }

        return ref row![column];
    }
}
