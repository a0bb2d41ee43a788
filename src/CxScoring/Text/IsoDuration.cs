using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CxScoring.Text;

/// <summary>
/// ISO-8601 durations with fixed-length units only (days, hours, minutes, seconds): <c>PT48H</c>, <c>P2D</c>,
/// <c>PT1H30M</c>, <c>PT0.5S</c>; a leading <c>-</c> for negative offsets. Arithmetic is decimal, so a value written
/// by <see cref="Format"/> reads back to the same double. <see cref="Format"/> refuses a value it cannot write exactly:
/// 10^15 seconds or more in size, or one with digits beyond the 28 decimal places a decimal holds (such as 1e-30 seconds).
/// </summary>
internal static partial class IsoDuration
{
    internal const string Hint = "use an ISO-8601 duration with days, hours, minutes and seconds such as 'PT48H', 'P2D', 'PT1H30M' or '-PT2H' (years and months have no fixed length)";

    private const decimal MaxSeconds = 1e15m;

    [GeneratedRegex(@"^(-)?P(?:(\d{1,9})D)?(?:T(?:(\d{1,15})H)?(?:(\d{1,15})M)?(?:(\d{1,15}(?:\.\d{1,28})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    internal static bool TryParseSeconds([NotNullWhen(true)] string? text, out double seconds)
    {
        seconds = 0;
        if (!TryParseDecimal(text, out var total))
        {
            return false;
        }

        seconds = double.Parse(total.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    internal static bool TryParse([NotNullWhen(true)] string? text, out NodaTime.Duration duration)
    {
        duration = default;
        if (!TryParseDecimal(text, out var total) || Math.Abs(total) > 9e9m)
        {
            return false;
        }

        duration = NodaTime.Duration.FromNanoseconds((long)decimal.Round(total * 1_000_000_000m));
        return true;
    }

    private static bool TryParseDecimal([NotNullWhen(true)] string? text, out decimal total)
    {
        total = 0;
        if (text is null || text.Length > 80 || text.EndsWith('T') || text is "P" or "-P")
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            total = Part(match, 2) * 86_400m + Part(match, 3) * 3_600m + Part(match, 4) * 60m + Part(match, 5);
            if (match.Groups[1].Success)
            {
                total = -total;
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    internal static string Format(double seconds)
    {
        if (!double.IsFinite(seconds) || Math.Abs(seconds) >= (double)MaxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A duration must be finite and shorter than 10^15 seconds to be written as ISO-8601.");
        }

        var total = decimal.Parse(seconds.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.Parse(total.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture) != seconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, string.Create(CultureInfo.InvariantCulture, $"{seconds:R} seconds has digits beyond the 28 decimal places an ISO-8601 duration is written with here; it would read back as {total} seconds."));
        }

        var negative = total < 0;
        total = Math.Abs(total);
        var hours = decimal.Floor(total / 3_600m);
        var rest = total - (hours * 3_600m);
        var minutes = decimal.Floor(rest / 60m);
        var secs = rest - (minutes * 60m);
        var text = new System.Text.StringBuilder(negative ? "-PT" : "PT");
        if (hours > 0)
        {
            text.Append(hours.ToString("0", CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes > 0)
        {
            text.Append(minutes.ToString("0", CultureInfo.InvariantCulture)).Append('M');
        }

        if (secs > 0 || (hours == 0 && minutes == 0))
        {
            text.Append(secs.ToString("0.############################", CultureInfo.InvariantCulture)).Append('S');
        }

        return text.ToString();
    }

    private static decimal Part(Match match, int group)
        => match.Groups[group].Success ? decimal.Parse(match.Groups[group].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
}
