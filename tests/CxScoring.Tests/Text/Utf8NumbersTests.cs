using System.Globalization;
using System.Text;
using CxScoring.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxScoring.Tests.Text;

public sealed class Utf8NumbersTests
{
    [Property(MaxTest = 3000)]
    public Property TryParsePlainDecimal_AnyTextOfNumberCharacters_AcceptsOnlyWhatDoubleParseGivesBitForBit()
        => Prop.ForAll(
            (from length in Gen.Choose(0, 19)
             from chars in Gen.ArrayOf(Gen.Frequency((12, Gen.Elements("0123456789".ToCharArray())), (1, Gen.Elements('.', '-', '+', 'e', ' '))), length)
             select new string(chars)).ToArbitrary(),
            text =>
            {
                var parsed = Utf8Numbers.TryParsePlainDecimal(Encoding.ASCII.GetBytes(text), allowPlus: true, out var fast);
                var reference = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
                var plain = System.Text.RegularExpressions.Regex.IsMatch(text, @"^[-+]?[0-9]+(\.[0-9]+)?$") && text.Count(char.IsAsciiDigit) <= 15;
                return parsed == plain && (!parsed || (reference && BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(value)));
            });

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+7")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("99999999999999.9")]
    [InlineData("1234.567")]
    [InlineData("0.1")]
    public void TryParsePlainDecimal_EdgeCases_EqualDoubleParseBitForBit(string text)
    {
        Assert.True(Utf8Numbers.TryParsePlainDecimal(Encoding.ASCII.GetBytes(text), allowPlus: true, out var fast));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e3")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData(" 1")]
    public void TryParsePlainDecimal_OtherForms_LeavesThemToDoubleParse(string text)
        => Assert.False(Utf8Numbers.TryParsePlainDecimal(Encoding.ASCII.GetBytes(text), allowPlus: true, out _));

    [Property(MaxTest = 5000)]
    public Property TryParseShortDecimal_AnyShortTextAndAnyBytesAfter_AcceptsEveryUnsignedPlainDecimalAsThePlainPathReadsIt()
        => Prop.ForAll(
            (from length in Gen.Choose(0, 9)
             from chars in Gen.ArrayOf(Gen.Frequency((10, Gen.Elements("0123456789".ToCharArray())), (2, Gen.Constant('.')), (1, Gen.Elements('-', '+', 'e', ' ', '/', ':', ',', '\n'))), length)
             from after in Gen.ArrayOf(Gen.Elements("0123456789.,-\nZ".ToCharArray()), 8)
             select (new string(chars), new string(after))).ToArbitrary(),
            pair =>
            {
                var (text, after) = pair;
                var bytes = Encoding.ASCII.GetBytes(text + after);
                var parsed = Utf8Numbers.TryParseShortDecimal(bytes, text.Length, out var fast);
                var plain = Utf8Numbers.TryParsePlainDecimal(bytes.AsSpan(0, text.Length), allowPlus: true, out var value);
                var unsigned = text.Length <= 8 && System.Text.RegularExpressions.Regex.IsMatch(text, @"^[0-9]+(\.[0-9]+)?\z");
                return parsed == unsigned && (!parsed || (plain && BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(value)));
            });

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("12345678")]
    [InlineData("1234.567")]
    [InlineData("0.000001")]
    [InlineData("9999999.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("-1.5")]
    [InlineData("1e5")]
    [InlineData("123456789")]
    public void TryParseShortDecimal_EdgeCases_AsThePlainPathOrLeftToIt(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text + "0.0.0.0.0");
        var parsed = Utf8Numbers.TryParseShortDecimal(bytes, text.Length, out var fast);
        var expected = text.Length <= 8 && System.Text.RegularExpressions.Regex.IsMatch(text, @"^[0-9]+(\.[0-9]+)?\z");
        Assert.Equal(expected, parsed);
        if (parsed)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
        }
    }

    [Fact]
    public void TryParseShortDecimal_FewerThanEightBytesToRead_LeavesTheNumberToThePlainPath()
        => Assert.False(Utf8Numbers.TryParseShortDecimal("1.5\n"u8, 3, out _));
}
