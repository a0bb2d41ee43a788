using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// The separators (delimiters and line feeds) of plain CSV text, found 64 bytes at a time as a bit mask of their
/// positions (eight 64-bit words, each by the exact zero-byte test; no hardware intrinsics) and handed out in order.
/// Plain text is what <see cref="PlainLength"/> finds: no quote, no byte outside printable ASCII other than the
/// delimiter and the line break (LF or CR LF; a bare CR is not plain), so that every record is one line, no field
/// needs unquoting or trimming, and every identifier's characters are valid.
/// </summary>
/// <remarks>A stack-only cursor over one span; it is not shared between threads.</remarks>
internal ref struct CsvSeparators
{
    private const int Block = 64;
    private const ulong Ones = 0x0101_0101_0101_0101UL;
    private const ulong Low7 = 0x7F7F_7F7F_7F7F_7F7FUL;
    private const ulong High = 0x8080_8080_8080_8080UL;
    private readonly ReadOnlySpan<byte> _text;
    private readonly ulong _delimiters;
    private ulong _mask;
    private int _block;

    /// <summary>Initializes a new instance of the <see cref="CsvSeparators"/> struct.</summary>
    /// <param name="text">The text, ASCII only (every byte below 0x80, as plain text is); positions are counted from its start.</param>
    /// <param name="delimiter">The field delimiter.</param>
    internal CsvSeparators(ReadOnlySpan<byte> text, byte delimiter)
    {
        _text = text;
        _delimiters = delimiter * Ones;
        _block = 0;
        _mask = Mask(text, 0, _delimiters);
    }

    /// <summary>Gets the next separator's position.</summary>
    /// <returns>The position, or the text's length when no separator is left.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Next()
    {
        while (_mask == 0)
        {
            if (_block + Block >= _text.Length)
            {
                return _text.Length;
            }

            _block += Block;
            _mask = Mask(_text, _block, _delimiters);
        }

        var at = _block + BitOperations.TrailingZeroCount(_mask);
        _mask &= _mask - 1;
        return at;
    }

    /// <summary>The bytes plain text may hold with a delimiter: printable ASCII but the quote, the line break bytes and the delimiter.</summary>
    /// <param name="delimiter">The field delimiter.</param>
    /// <returns>The set, or <see langword="null"/> when the delimiter cannot separate plain text (a quote or a line break).</returns>
    internal static SearchValues<byte>? PlainBytes(byte delimiter)
    {
        if (delimiter is (byte)'"' or (byte)'\r' or (byte)'\n' or > 0x7F)
        {
            return null;
        }

        var bytes = new List<byte> { (byte)'\n', (byte)'\r', delimiter };
        for (var b = (byte)'!'; b <= (byte)'~'; b++)
        {
            if (b != (byte)'"' && b != delimiter)
            {
                bytes.Add(b);
            }
        }

        return SearchValues.Create([.. bytes]);
    }

    /// <summary>Finds how much of the text, from its start, is whole plain records: each ends with a line feed (a CR only right before it) and holds only the bytes of <paramref name="plain"/>.</summary>
    /// <param name="text">The text, starting at a record boundary.</param>
    /// <param name="plain">The set made by <see cref="PlainBytes"/>.</param>
    /// <returns>The length of those records (ending just after a line feed), 0 when the first record is not plain.</returns>
    internal static int PlainLength(ReadOnlySpan<byte> text, SearchValues<byte> plain) => WholeRecords(text[..FirstNotPlain(text, plain)]);

    /// <summary>Finds the first byte that is not in <paramref name="plain"/>.</summary>
    /// <returns>Its position, or the text's length when every byte is plain.</returns>
    internal static int FirstNotPlain(ReadOnlySpan<byte> text, SearchValues<byte> plain)
    {
        var other = text.IndexOfAnyExcept(plain);
        return other < 0 ? text.Length : other;
    }

    /// <summary>Finds how much of text whose bytes are all plain is whole plain records: up to the last line feed before the first bare CR.</summary>
    /// <param name="plainText">Text of plain bytes only, starting at a record boundary.</param>
    /// <returns>The length of those records, 0 when there is none.</returns>
    internal static int WholeRecords(ReadOnlySpan<byte> plainText)
    {
        var cr = plainText.IndexOf((byte)'\r');
        while (cr >= 0)
        {
            if (cr + 1 == plainText.Length || plainText[cr + 1] != (byte)'\n')
            {
                // A bare CR ends a record too (or may meet its LF in the next read): the general rules read from there.
                plainText = plainText[..cr];
                break;
            }

            var next = plainText[(cr + 2)..].IndexOf((byte)'\r');
            cr = next < 0 ? -1 : cr + 2 + next;
        }

        return plainText.LastIndexOf((byte)'\n') + 1;
    }

    /// <summary>One bit per byte of the block at <paramref name="start"/>: set for the delimiter and the line feed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(ReadOnlySpan<byte> text, int start, ulong delimiters)
    {
        if (text.Length - start < Block)
        {
            return TailMask(text[start..], delimiters);
        }

        ref var block = ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start);
        ulong mask = 0;
        for (var w = 0; w < Block / 8; w++)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, w * 8));
            if (!BitConverter.IsLittleEndian)
            {
                word = BinaryPrimitives.ReverseEndianness(word);
            }

            mask |= Gather(EitherAscii(word, delimiters, '\n' * Ones)) << (w * 8);
        }

        return mask;
    }

    /// <summary>The last, partial block: a copy padded with a byte that is neither separator.</summary>
    private static ulong TailMask(ReadOnlySpan<byte> tail, ulong delimiters)
    {
        Span<byte> block = stackalloc byte[Block];
        block.Fill((byte)delimiters == 0 ? (byte)1 : (byte)0);
        tail.CopyTo(block);
        return Mask(block, 0, delimiters);
    }

    /// <summary>
    /// The high bit of each byte of an ASCII <paramref name="word"/> (every byte below 0x80) equal to the byte of
    /// <paramref name="first"/> or of <paramref name="second"/>, exactly. With no high bit in a byte of
    /// <c>x = word ^ pattern</c>, <c>x + 0x7F</c> stays within the byte (at most 0xFE, no carry into the next) and has
    /// its high bit clear only where <c>x</c> is 0, so the general zero-byte test (<c>~(((x &amp; 0x7F..) + 0x7F..) | x)</c>,
    /// exact for any byte) needs neither its mask nor its <c>| x</c>, and both patterns share one complement.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EitherAscii(ulong word, ulong first, ulong second)
        => ~(((word ^ first) + Low7) & ((word ^ second) + Low7)) & High;

    /// <summary>Gathers the high bits of a word's eight bytes into the low eight bits (byte i to bit i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Gather(ulong highBits) => ((highBits >> 7) * 0x0102_0408_1020_4080UL) >> 56;
}
