using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
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
    private const ulong Ones = 0x0101_0101_0101_0101UL;
    private const ulong Low7 = 0x7F7F_7F7F_7F7F_7F7FUL;
    private const ulong High = 0x8080_8080_8080_8080UL;
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
    /// Parses <c>digits[.digits]</c> of at most 8 bytes, no sign, from one eight-byte word: the point found and taken
    /// out, the digits checked and combined all at once (no loop over them, no branch on their count); the same
    /// division as <see cref="TryParsePlainDecimal"/>, so the same double. <see langword="false"/> for anything else
    /// (which may still be a number).
    /// </summary>
    /// <param name="text">The number's bytes and at least as many after them as make eight in all (they are read, not used): <paramref name="length"/> bytes of it are the number.</param>
    /// <param name="length">The number's length in bytes.</param>
    /// <param name="value">The number.</param>
    /// <returns><see langword="true"/> when the bytes were such a number.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> text, int length, out double value)
    {
        value = 0;
        if ((uint)(length - 1) > 7 || text.Length < 8)
        {
            return false;
        }

        var word = Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(text));
        if (!BitConverter.IsLittleEndian)
        {
            word = BinaryPrimitives.ReverseEndianness(word);
        }

        // The number's bytes (byte i of the text in byte i of the word); the rest zero.
        var keep = ulong.MaxValue >> (64 - (8 * length));
        word &= keep;

        // The first point, by the exact zero-byte test; the digits after it move down one byte over it.
        var x = word ^ (Ones * '.');
        var points = ~(((x & Low7) + Low7) | x) & High & keep;
        var hasPoint = points != 0;
        var point = hasPoint ? BitOperations.TrailingZeroCount(points) >> 3 : length;
        var below = hasPoint ? (1UL << (8 * point)) - 1 : ulong.MaxValue;
        var digits = (word & below) | ((word >> 8) & ~below);
        var count = hasPoint ? length - 1 : length;
        var fractionDigits = length - 1 - point;

        // Every byte of the count an ASCII digit: high nibble 3, and adding 6 leaves it 3 (no byte above 0x7F, so no carry).
        var countKeep = count == 0 ? 0 : ulong.MaxValue >> (64 - (8 * count));
        digits &= countKeep;
        var digitPattern = (Ones * 0x33) & countKeep;
        if ((digits & High) != 0
            || ((digits & (Ones * 0xF0)) | (((digits + (Ones * 0x06)) & (Ones * 0xF0)) >> 4)) != digitPattern
            || count == 0
            || point == 0
            || (hasPoint && fractionDigits == 0))
        {
            return false;
        }

        // Right-align the digits (leading zeros in the low bytes), then combine pairs, fours and eights.
        var v = (digits & (Ones * 0x0F)) << (8 * (8 - count));
        v = (v * 2561) >> 8;
        v = ((v & 0x00FF_00FF_00FF_00FFUL) * 6553601) >> 16;
        var mantissa = ((v & 0x0000_FFFF_0000_FFFFUL) * 42949672960001UL) >> 32;
        value = mantissa / PowersOfTen[hasPoint ? fractionDigits : 0];
        return true;
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
