using System.Text;
using CxScoring.Model;
using CxScoring.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.Tests.Text;

public sealed class Utf8InstantsTests
{
    [Property(MaxTest = 2000)]
    public Property TryParseUtcFast_AnyInstantInTheFastYears_EqualsNodaTime()
        => Prop.ForAll(
            (from seconds in Gen.Choose(0, int.MaxValue).Select(s => (long)s * 3)
             from nanos in Gen.Choose(0, 999_999_999)
             from digits in Gen.Choose(0, 9)
             select (seconds, nanos, digits)).ToArbitrary(),
            t =>
            {
                var start = Instant.FromUtc(1678, 1, 1, 0, 0).ToUnixTimeSeconds();
                var nanos = Truncate(t.nanos, t.digits);
                var instant = Instant.FromUnixTimeSeconds(start + (t.seconds % (584L * 365 * 86_400))).PlusNanoseconds(nanos);
                var text = InstantPattern.ExtendedIso.Format(instant);
                var parsed = Utf8Instants.TryParseUtcFast(Encoding.ASCII.GetBytes(text), out var fast);
                return (!parsed && instant.InUtc().Year > 2261) || (parsed && fast == UnixTime.ToNanoseconds(InstantPattern.ExtendedIso.Parse(text).Value));
            });

    [Property(MaxTest = 3000)]
    public Property TryParseUtcFast_AnyEditOfAnInstant_AcceptsOnlyWhatNodaTimeReadsTheSame()
        => Prop.ForAll(
            (from seconds in Gen.Choose(0, int.MaxValue).Select(s => (long)s * 9)
             from digits in Gen.Choose(0, 9)
             from edits in Gen.Choose(0, 2)
             from positions in Gen.ArrayOf(Gen.Choose(0, 29), edits)
             from chars in Gen.ArrayOf(Gen.Elements("0123456789-:TZ.+ /9".ToCharArray()), edits)
             from cut in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(15, 30)))
             select (seconds, digits, positions, chars, cut)).ToArbitrary(),
            t =>
            {
                var start = Instant.FromUtc(1600, 1, 1, 0, 0).ToUnixTimeSeconds();
                var instant = Instant.FromUnixTimeSeconds(start + (t.seconds % (700L * 365 * 86_400))).PlusNanoseconds(Truncate(123_456_789, t.digits));
                var text = InstantPattern.ExtendedIso.Format(instant).ToCharArray();
                for (var i = 0; i < t.positions.Length; i++)
                {
                    if (t.positions[i] < text.Length)
                    {
                        text[t.positions[i]] = t.chars[i];
                    }
                }

                var edited = new string(text);
                if (t.cut >= 0 && t.cut < edited.Length)
                {
                    edited = edited[..t.cut];
                }

                var bytes = Encoding.ASCII.GetBytes(edited);
                var fast = Utf8Instants.TryParseUtcFast(bytes, out var nanoseconds);
                var general = Utf8Instants.TryParseGeneral(bytes, out var reference);
                var fastForm = System.Text.RegularExpressions.Regex.IsMatch(edited, @"^(1[6-9]|2[0-2])[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$")
                               && int.Parse(edited[..4], System.Globalization.CultureInfo.InvariantCulture) is >= 1678 and <= 2261;
                return fast
                    ? general && nanoseconds == UnixTime.ToNanoseconds(reference)
                    : !(general && fastForm);
            });

    [Theory]
    [InlineData("2025-02-29T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T00:00:60Z")]
    [InlineData("2024-01-01T00:00:00.Z")]
    [InlineData("2024-01-01T00:00:00,5Z")]
    [InlineData("2024-01-01t00:00:00Z")]
    [InlineData("2024-01-01T00:00:00+00:00")]
    [InlineData("1600-01-01T00:00:00Z")]
    public void TryParseUtcFast_RareOrInvalidForms_LeavesThemToNodaTime(string text)
        => Assert.False(Utf8Instants.TryParseUtcFast(Encoding.ASCII.GetBytes(text), out _));

    [Property(MaxTest = 2000)]
    public bool TryParsePlainDecimal_AnyShortDecimal_EqualsDoubleParse(long mantissa, byte scale, bool negative)
    {
        var digits = Math.Abs(mantissa % 1_000_000_000_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var point = scale % (digits.Length + 1);
        var text = (negative ? "-" : string.Empty) + (point == 0 ? digits : digits[..^point].PadLeft(1, '0') + "." + digits[^point..]);
        var parsed = Utf8Numbers.TryParsePlainDecimal(Encoding.ASCII.GetBytes(text), allowPlus: true, out var fast);
        var reference = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return parsed ? BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(reference) : text.Count(char.IsAsciiDigit) > 15;
    }

    private static long Truncate(int nanos, int digits)
    {
        var unit = (long)Math.Pow(10, 9 - digits);
        return nanos / unit * unit;
    }
}
