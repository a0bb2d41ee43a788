using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using NodaTime;

namespace CxScoring.Text;

/// <summary>
/// ISO-8601 instants read straight from UTF-8: the common <c>YYYY-MM-DDTHH:MM:SS[.f…]Z</c> form computed to Unix
/// nanoseconds without allocating, everything else through <see cref="Instants.TryParse"/> (NodaTime's rules), so that
/// both give exactly the same instant.
/// </summary>
internal static class Utf8Instants
{
    private const long NanosecondsPerSecond = 1_000_000_000L;

    /// <summary>Whether the fast path can hold every instant of a year (the engine's range is about 1677-09-21 to 2262-04-11).</summary>
    private const int MinFastYear = 1678;
    private const int MaxFastYear = 2261;

    /// <summary>Days since 1970-01-01 of the first of each month of the fast years, and of the month after the last.</summary>
    private static readonly int[] MonthStarts = BuildMonthStarts();

    /// <summary>The factor that scales a fraction of 1 to 9 digits to nanoseconds, by its digit count.</summary>
    private static readonly long[] FractionScale = [0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>Parses the common UTC form; <see langword="false"/> for anything else, including forms <see cref="Instants.TryParse"/> would accept.</summary>
    /// <param name="text">The text.</param>
    /// <param name="nanoseconds">The instant, in nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="true"/> when the text is in the common form and names a valid date and time.</returns>
    /// <remarks>
    /// The fixed part <c>YYYY-MM-DDTHH:MM:SS</c> is checked and read eight bytes at a time (all its digits and
    /// separators at once), the date through a table of month starts; the fraction digits one by one.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseUtcFast(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        var length = text.Length;
        if ((uint)(length - 20) > 10 || length == 21)
        {
            return false;
        }

        ref var s = ref MemoryMarshal.GetReference(text);
        if (Unsafe.Add(ref s, length - 1) != (byte)'Z' || (length > 20 && Unsafe.Add(ref s, 19) != (byte)'.'))
        {
            return false;
        }

        // Little-endian lanes: "YYYY-MM-", "DDTHH:MM", ":SS" then 'Z' or '.'.
        var a = Unsafe.ReadUnaligned<ulong>(ref s);
        var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, 8));
        var c = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, 16)) & 0x00FF_FFFFu;
        if ((a & 0xFF00_00FF_0000_0000UL) != 0x2D00_002D_0000_0000UL
            || (b & 0x0000_FF00_00FF_0000UL) != 0x0000_3A00_0054_0000UL
            || (c & 0xFFu) != 0x3Au
            || !AreDigits(a, 0x00FF_FF00_FFFF_FFFFUL)
            || !AreDigits(b, 0xFFFF_00FF_FF00_FFFFUL)
            || !AreDigits(c, 0x00FF_FF00UL))
        {
            return false;
        }

        var da = a - 0x0030_3000_3030_3030UL;
        var db = b - 0x3030_0030_3000_3030UL;
        var dc = c - 0x0030_3000u;
        var year = (Lane(da, 0) * 1000) + (Lane(da, 1) * 100) + (Lane(da, 2) * 10) + Lane(da, 3);
        var month = (Lane(da, 5) * 10) + Lane(da, 6);
        var day = (Lane(db, 0) * 10) + Lane(db, 1);
        var hour = (Lane(db, 3) * 10) + Lane(db, 4);
        var minute = (Lane(db, 6) * 10) + Lane(db, 7);
        var second = (Lane(dc, 1) * 10) + Lane(dc, 2);
        var monthIndex = ((year - MinFastYear) * 12) + month - 1;
        if ((uint)(year - MinFastYear) > MaxFastYear - MinFastYear || (uint)(month - 1) > 11 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var monthStart = MonthStarts[monthIndex];
        if (day == 0 || day > MonthStarts[monthIndex + 1] - monthStart)
        {
            return false;
        }

        long fraction = 0;
        if (length == 24)
        {
            // Milliseconds, the most common fraction: the three digits and the 'Z' read as one word.
            var f = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, 20));
            if (!AreDigits(f, 0x00FF_FFFFUL))
            {
                return false;
            }

            var df = f - 0x0030_3030u;
            fraction = ((Lane(df, 0) * 100) + (Lane(df, 1) * 10) + Lane(df, 2)) * 1_000_000L;
        }
        else if (length > 20)
        {
            for (var i = 20; i < length - 1; i++)
            {
                var d = (uint)(Unsafe.Add(ref s, i) - '0');
                if (d > 9)
                {
                    return false;
                }

                fraction = (fraction * 10) + d;
            }

            fraction *= FractionScale[length - 21];
        }

        var seconds = ((monthStart + day - 1) * 86_400L) + (hour * 3600) + (minute * 60) + second;
        nanoseconds = (seconds * NanosecondsPerSecond) + fraction;
        return true;
    }

    /// <summary>Parses an instant by NodaTime's rules (after the fast path declined).</summary>
    /// <param name="text">The UTF-8 text.</param>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when the text is an ISO-8601 instant.</returns>
    internal static bool TryParseGeneral(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length > 256)
        {
            return false;
        }

        return Instants.TryParse(Encoding.UTF8.GetString(text), out instant);
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), for years from 1 on.</summary>
    internal static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468L;
    }

    private static int[] BuildMonthStarts()
    {
        var starts = new int[(((MaxFastYear - MinFastYear) + 1) * 12) + 1];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = (int)DaysFromCivil(MinFastYear + (i / 12), (i % 12) + 1, 1);
        }

        return starts;
    }

    /// <summary>Whether the bytes of <paramref name="lanes"/> that <paramref name="mask"/> keeps are all ASCII digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreDigits(ulong lanes, ulong mask)
    {
        // '0'..'9' is 0x30..0x39: the high nibble is 3, and adding 6 keeps it 3 (no lane of 0x30..0x3F carries).
        var digits = lanes & mask;
        var threes = 0x3030_3030_3030_3030UL & mask;
        return (digits & (0xF0F0_F0F0_F0F0_F0F0UL & mask)) == threes
               && ((digits + (0x0606_0606_0606_0606UL & mask)) & (0xF0F0_F0F0_F0F0_F0F0UL & mask)) == threes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lane(ulong lanes, int index) => (int)((lanes >> (index * 8)) & 0xFF);
}
