using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxScoring.Text;

/// <summary>
/// Decimal numbers read straight from UTF-8. Short plain decimals (at most 15 digits, no exponent) take an exact fast
/// path: the integer of their digits and the power of ten are both exact doubles, so one division is correctly rounded
/// and equals what <see cref="double.Parse(string, NumberStyles, IFormatProvider)"/> gives; anything else goes to
/// <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>.
/// </summary>
internal static class Utf8Numbers
{
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Parses a number as <see cref="NumberStyles.Float"/> with the invariant culture; finite numbers only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseFinite(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParsePlainDecimal(text, allowPlus: true, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// Parses <c>[sign]digits[.digits]</c> with at most 15 digits in all; <see langword="false"/> for anything else
    /// (which may still be a number).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, bool allowPlus, out double value)
    {
        value = 0;
        var length = text.Length;

        // A sign, 15 digits and a point at most; the digits read below cannot overflow the mantissa.
        if ((uint)(length - 1) > 16)
        {
            return false;
        }

        ref var s = ref MemoryMarshal.GetReference(text);
        var i = 0;
        var negative = s == (byte)'-';
        if (negative || (allowPlus && s == (byte)'+'))
        {
            i = 1;
        }

        var start = i;
        ulong mantissa = 0;
        uint digit;
        while (i < length && (digit = (uint)(Unsafe.Add(ref s, i) - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            i++;
        }

        var integerDigits = i - start;
        var fractionDigits = 0;
        if (i < length && Unsafe.Add(ref s, i) == (byte)'.')
        {
            i++;
            var fractionStart = i;
            while (i < length && (digit = (uint)(Unsafe.Add(ref s, i) - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                i++;
            }

            fractionDigits = i - fractionStart;
            if (fractionDigits == 0)
            {
                return false;
            }
        }

        if (i != length || integerDigits == 0 || integerDigits + fractionDigits > 15)
        {
            return false;
        }

        var magnitude = fractionDigits == 0 ? (double)mantissa : mantissa / PowersOfTen[fractionDigits];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
