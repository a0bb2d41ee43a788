using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.Text;

/// <summary>ISO-8601 instants as model files and outcome records write them: UTC (<c>Z</c>) or with an offset.</summary>
internal static class Instants
{
    internal static bool TryParse([NotNullWhen(true)] string? text, out Instant instant)
    {
        instant = default;
        if (text is null || text.Length > 64)
        {
            return false;
        }

        var utc = InstantPattern.ExtendedIso.Parse(text);
        if (utc.Success)
        {
            instant = utc.Value;
            return true;
        }

        var offset = OffsetDateTimePattern.Rfc3339.Parse(text);
        if (offset.Success)
        {
            instant = offset.Value.ToInstant();
            return true;
        }

        return false;
    }

    internal static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
