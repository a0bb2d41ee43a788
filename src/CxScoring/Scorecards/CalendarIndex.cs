using System.Runtime.CompilerServices;
using NodaTime;

namespace CxScoring.Scorecards;

/// <summary>
/// Maps instants (nanoseconds since the Unix epoch) to local day numbers in a time zone. A table gives the local day
/// of each UTC hour in a window; hours in which a local midnight or an offset change falls, and instants outside the
/// window, take the exact path through the zone. Immutable and thread-safe.
/// </summary>
internal sealed class CalendarIndex
{
    private const long HourNanoseconds = 3_600_000_000_000;
    private const long DayNanoseconds = 86_400_000_000_000;
    private const int Exact = int.MinValue;

    private readonly long _start;
    private readonly int[] _days;

    internal CalendarIndex(DateTimeZone zone, long around, int daysEachSide)
    {
        Zone = zone;
        var hours = daysEachSide * 2 * 24;
        var centre = FloorDivide(around, HourNanoseconds);
        _start = (centre - (hours / 2)) * HourNanoseconds;
        _days = new int[hours];
        for (var h = 0; h < hours; h++)
        {
            var from = _start + (h * HourNanoseconds);
            var to = from + HourNanoseconds - 1;
            var a = ExactDay(from);
            var b = ExactDay(to);
            var sameOffset = OffsetNanoseconds(from) == OffsetNanoseconds(to);
            _days[h] = a == b && sameOffset ? a : Exact;
        }
    }

    internal DateTimeZone Zone { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int DayOf(long nanoseconds)
    {
        var hour = (ulong)(nanoseconds - _start) / HourNanoseconds;
        if (hour < (ulong)_days.Length)
        {
            var day = _days[(int)hour];
            if (day != Exact)
            {
                return day;
            }
        }

        return ExactDay(nanoseconds);
    }

    internal static LocalDate DateOf(int day) => new LocalDate(1970, 1, 1).PlusDays(day);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int ExactDay(long nanoseconds)
    {
        var local = (Int128)nanoseconds + OffsetNanoseconds(nanoseconds);
        return (int)FloorDivide(local, DayNanoseconds);
    }

    private long OffsetNanoseconds(long nanoseconds)
        => Zone.GetUtcOffset(Engine.UnixTime.FromNanoseconds(nanoseconds)).Nanoseconds;

    private static long FloorDivide(Int128 value, long divisor)
    {
        var quotient = value / divisor;
        if (value % divisor < 0)
        {
            quotient--;
        }

        return (long)quotient;
    }
}
