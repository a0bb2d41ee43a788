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
}
