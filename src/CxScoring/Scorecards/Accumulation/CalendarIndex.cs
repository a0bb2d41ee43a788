using System.Runtime.CompilerServices;
using NodaTime;

namespace CxScoring.Scorecards.Accumulation;

/// <summary>
/// Maps instants (nanoseconds since the Unix epoch) to local day numbers in a time zone. Tables give the local day of
/// each UTC hour, in chunks of 1,024 hours (about six weeks) built the first time an instant falls in them; hours in
/// which a local midnight or an offset change falls take the exact path through the zone (none, in a zone whose offsets
/// are whole hours, except around offset changes; one hour a day in a zone such as Asia/Kolkata, UTC+5:30). One index per zone is
/// shared by every builder (<see cref="For"/>), so a builder costs no calendar work beyond the chunks its outcomes
/// reach that no builder reached before. Thread-safe: a chunk is filled completely before it is published, and two
/// threads filling the same chunk at once publish identical tables, one of which wins.
/// </summary>
internal sealed class CalendarIndex
{
    internal const int ChunkShift = 10;
    internal const int ChunkHours = 1 << ChunkShift;
    internal const long HourNanoseconds = 3_600_000_000_000;
    private const long DayNanoseconds = 86_400_000_000_000;
    private const int Exact = int.MinValue;

    /// <summary>
    /// The first whole UTC hour of the 64-bit range (a multiple of an hour since the Unix epoch): hour h starts at
    /// <c>Origin + h</c> hours, so hour boundaries are UTC hour boundaries and, in zones whose offsets are whole hours,
    /// no hour holds a local midnight. Instants before it (the first 47 minutes of the range) wrap to
    /// <see cref="LastHour"/> and beyond, and take the exact path.
    /// </summary>
    internal const long Origin = long.MinValue - (long.MinValue % HourNanoseconds);

    /// <summary>The number of whole hours from <see cref="Origin"/> to the end of the 64-bit range; later hours (and wrapped earlier instants) take the exact path.</summary>
    private const ulong LastHour = ((ulong)long.MaxValue + (ulong)(-Origin)) / HourNanoseconds;

    /// <summary>The most hours any 64-bit instant can map to, wrapped ones included.</summary>
    private const ulong MaxHour = ulong.MaxValue / HourNanoseconds;

    private static readonly ConditionalWeakTable<DateTimeZone, CalendarIndex> Shared = [];

    private readonly int[]?[] _chunks;

    internal CalendarIndex(DateTimeZone zone)
    {
        Zone = zone;
        _chunks = new int[]?[(int)(MaxHour >> ChunkShift) + 1];
    }

    internal DateTimeZone Zone { get; }

    /// <summary>Gets the number of chunks built so far.</summary>
    internal int FilledChunks
    {
        get
        {
            var filled = 0;
            for (var i = 0; i < _chunks.Length; i++)
            {
                if (Volatile.Read(ref _chunks[i]) is not null)
                {
                    filled++;
                }
            }

            return filled;
        }
    }

    /// <summary>Gets the number of hours, in the chunks built so far, that take the exact path.</summary>
    internal int ExactHours
    {
        get
        {
            var exact = 0;
            for (var i = 0; i < _chunks.Length; i++)
            {
                if (Volatile.Read(ref _chunks[i]) is { } chunk)
                {
                    exact += chunk.AsSpan().Count(Exact);
                }
            }

            return exact;
        }
    }

    /// <summary>Gets the index shared by all builders for <paramref name="zone"/>.</summary>
    internal static CalendarIndex For(DateTimeZone zone)
        => Shared.GetValue(zone, static z => new CalendarIndex(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int DayOf(long nanoseconds)
    {
        var day = TableDay(HourOf(nanoseconds));
        return day != Exact ? day : ExactDay(nanoseconds);
    }

    /// <summary>Gets the hour of an instant, counted from <see cref="Origin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HourOf(long nanoseconds) => unchecked((ulong)(nanoseconds - Origin)) / HourNanoseconds;

    /// <summary>Gets whether every instant of the hour of <paramref name="nanoseconds"/> falls on one local day, so that the hour's day can stand for all of them.</summary>
    internal bool IsHourInOneDay(long nanoseconds) => TableDay(HourOf(nanoseconds)) != Exact;

    /// <summary>Gets the table's day of an hour, or <see cref="Exact"/> when the hour spans two local days or an offset change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TableDay(ulong hour)
    {
        var chunk = _chunks[(int)(hour >> ChunkShift)] ?? Fill((int)(hour >> ChunkShift));
        return chunk[(int)hour & (ChunkHours - 1)];
    }

    internal static LocalDate DateOf(int day) => new LocalDate(1970, 1, 1).PlusDays(day);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int ExactDay(long nanoseconds)
    {
        var local = (Int128)nanoseconds + OffsetNanoseconds(nanoseconds);
        return (int)FloorDivide(local, DayNanoseconds);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int[] Fill(int index)
    {
        var days = new int[ChunkHours];
        var first = (ulong)index << ChunkShift;
        for (var h = 0; h < ChunkHours; h++)
        {
            var hour = first + (ulong)h;
            if (hour >= LastHour)
            {
                // The last, partial hour of the 64-bit range and the hours beyond it.
                days[h] = Exact;
                continue;
            }

            var from = unchecked(Origin + (long)(hour * HourNanoseconds));
            var to = from + HourNanoseconds - 1;
            var a = ExactDay(from);
            var b = ExactDay(to);
            var sameOffset = OffsetNanoseconds(from) == OffsetNanoseconds(to);
            days[h] = a == b && sameOffset ? a : Exact;
        }

        return Interlocked.CompareExchange(ref _chunks[index], days, null) ?? days;
    }

    private long OffsetNanoseconds(long nanoseconds)
        => Zone.GetUtcOffset(Model.UnixTime.FromNanoseconds(nanoseconds)).Nanoseconds;

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
