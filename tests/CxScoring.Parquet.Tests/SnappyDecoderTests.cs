using System.Text;

namespace CxScoring.Parquet.Tests;

/// <summary>
/// The Snappy block decoder on vectors built by hand from the format description (docs/sources.md, "Snappy block
/// format"): literals with short and long lengths, copies with 1-, 2- and 4-byte offsets, overlapping copies; and
/// corrupt blocks, which must throw <see cref="InvalidDataException"/>, never read or write out of range.
/// Pages written by ParquetSharp (Snappy) are decoded by every Parquet property test.
/// </summary>
public sealed class SnappyDecoderTests
{
    public static TheoryData<string, byte[], string> Vectors => new()
    {
        // Length 5; one literal of 5 bytes: tag (5 - 1) << 2.
        { "literal", [0x05, 0x10, .. "hello"u8], "hello" },

        // Length 8; literal "ab"; copy with a 1-byte offset, length 6 (tag (6 - 4) << 2 | 1), offset 2: overlapping.
        { "copy-1 overlapping", [0x08, 0x04, (byte)'a', (byte)'b', 0x09, 0x02], "abababab" },

        // Length 8; literal "abcd"; copy with a 2-byte offset, length 4 (tag (4 - 1) << 2 | 2), offset 4.
        { "copy-2", [0x08, 0x0C, .. "abcd"u8, 0x0E, 0x04, 0x00], "abcdabcd" },

        // Length 7; literal "xyz"; copy with a 4-byte offset, length 4 (tag (4 - 1) << 2 | 3), offset 3.
        { "copy-4", [0x07, 0x08, .. "xyz"u8, 0x0F, 0x03, 0x00, 0x00, 0x00], "xyzxyzx" },

        // Length 0: no elements.
        { "empty", [0x00], "" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decompress_KnownVector_GivesTheBytes(string name, byte[] block, string expected)
    {
        var length = SnappyDecoder.DecompressedLength(block, out _);
        var output = new byte[length];
        SnappyDecoder.Decompress(block, output);
        Assert.True(expected == Encoding.ASCII.GetString(output), name);
    }

    [Fact]
    public void Decompress_LiteralWithOneByteLength_GivesTheBytes()
    {
        // Length 100 (varint 0x64); tag 60 << 2: the length less one (99) follows in one byte.
        var text = Enumerable.Range(0, 100).Select(i => (byte)('a' + (i % 26))).ToArray();
        byte[] block = [0x64, 0xF0, 99, .. text];
        var output = new byte[100];
        SnappyDecoder.Decompress(block, output);
        Assert.Equal(text, output);
    }

    [Fact]
    public void Decompress_LiteralWithTwoByteLength_GivesTheBytes()
    {
        // Length 300 (varint 0xAC 0x02); tag 61 << 2: the length less one (299 = 0x012B) in two bytes, little-endian.
        var text = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        byte[] block = [0xAC, 0x02, 0xF4, 0x2B, 0x01, .. text];
        var output = new byte[300];
        SnappyDecoder.Decompress(block, output);
        Assert.Equal(text, output);
    }

    public static TheoryData<string, byte[], int> Corrupt => new()
    {
        { "copy before any byte", [0x04, 0x01, 0x01], 4 },
        { "offset 0", [0x08, 0x04, (byte)'a', (byte)'b', 0x09, 0x00], 8 },
        { "offset beyond the bytes written", [0x08, 0x04, (byte)'a', (byte)'b', 0x09, 0x03], 8 },
        { "literal past the input", [0x05, 0x10, (byte)'h', (byte)'i'], 5 },
        { "literal past the declared length", [0x02, 0x10, .. "hello"u8], 2 },
        { "copy past the declared length", [0x04, 0x04, (byte)'a', (byte)'b', 0x09, 0x02], 4 },
        { "fewer bytes than declared", [0x09, 0x10, .. "hello"u8], 9 },
        { "cut inside a copy", [0x08, 0x04, (byte)'a', (byte)'b', 0x0E, 0x02], 8 },
        { "cut inside a literal length", [0x64, 0xF4, 0x2B], 100 },
        { "length longer than 5 bytes", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], 0 },
        { "length other than expected", [0x05, 0x10, .. "hello"u8], 4 },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void Decompress_CorruptBlock_ThrowsInvalidData(string name, byte[] block, int outputLength)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SnappyDecoder.Decompress(block, new byte[outputLength]));
        Assert.True(ex.Message.StartsWith("corrupt Snappy data:", StringComparison.Ordinal), name + ": " + ex.Message);
    }
}
