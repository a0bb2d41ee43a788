using System.Runtime.CompilerServices;
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
    private const long NanosecondsPerDay = 86_400L * NanosecondsPerSecond;

    /// <summary>Whether the fast path can hold every instant of a year (the engine's range is about 1677-09-21 to 2262-04-11).</summary>
    private const int MinFastYear = 1678;
    private const int MaxFastYear = 2261;

    /// <summary>Parses the common UTC form; <see langword="false"/> for anything else, including forms <see cref="Instants.TryParse"/> would accept.</summary>
    /// <param name="text">The text.</param>
    /// <param name="nanoseconds">The instant, in nanoseconds since the Unix epoch.</param>
    /// <returns><see langword="true"/> when the text is in the common form and names a valid date and time.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseUtcFast(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        var length = text.Length;
        if (length < 20 || length > 30 || length == 21 || text[length - 1] != (byte)'Z'
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        if (!Digits4(text, 0, out var year) || !Digits2(text, 5, out var month) || !Digits2(text, 8, out var day)
            || !Digits2(text, 11, out var hour) || !Digits2(text, 14, out var minute) || !Digits2(text, 17, out var second))
        {
            return false;
        }

        if (year is < MinFastYear or > MaxFastYear || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (length > 20)
        {
            if (text[19] != (byte)'.')
            {
                return false;
            }

            var digits = length - 21;
            for (var i = 20; i < length - 1; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                fraction = (fraction * 10) + d;
            }

            for (var i = digits; i < 9; i++)
            {
                fraction *= 10;
            }
        }

        nanoseconds = (DaysFromCivil(year, month, day) * NanosecondsPerDay) + ((((hour * 60L) + minute) * 60L + second) * NanosecondsPerSecond) + fraction;
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

    private static int DaysInMonth(int year, int month)
        => month == 2 ? (((year % 4 == 0) && (year % 100 != 0)) || (year % 400 == 0) ? 29 : 28)
            : month is 4 or 6 or 9 or 11 ? 30 : 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits2(ReadOnlySpan<byte> text, int at, out int value)
    {
        var a = (uint)(text[at] - '0');
        var b = (uint)(text[at + 1] - '0');
        value = (int)((a * 10) + b);
        return a <= 9 && b <= 9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits4(ReadOnlySpan<byte> text, int at, out int value)
    {
        var ok = Digits2(text, at, out var high) & Digits2(text, at + 2, out var low);
        value = (high * 100) + low;
        return ok;
    }
}
