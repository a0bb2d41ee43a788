namespace CxScoring.Parquet.Tests;

/// <summary>The RLE/bit-packed hybrid decoder on the Parquet format specification's examples (docs/sources.md, "Parquet RLE/bit-packed hybrid").</summary>
public sealed class HybridDecoderTests
{
    [Fact]
    public void Decode_SpecificationBitPackingExample_GivesZeroToSeven()
    {
        // Encodings.md: the values 0 to 7 with bit width 3 are bit-packed as 10001000 11000110 11111010. One group of
        // eight values: header (1 << 1) | 1.
        var values = new int[8];
        var read = HybridDecoder.Decode([0x03, 0b10001000, 0b11000110, 0b11111010], 3, values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
        Assert.Equal(4, read);
    }

    [Fact]
    public void Decode_RleRun_RepeatsItsValue()
    {
        // An RLE run: header (count << 1), then the value in ceil(bitWidth / 8) bytes, little-endian.
        var values = new int[5];
        HybridDecoder.Decode([5 << 1, 0x2C, 0x01], 9, values);
        Assert.Equal([300, 300, 300, 300, 300], values);
    }

    [Fact]
    public void Decode_RunsOneAfterAnother_GivesEveryValue()
    {
        // Definition levels (bit width 1): three ones as a run, then a bit-packed group 1,0,1,1,0,0,0,0 of which
        // five values are asked for (the group's padding is not read as values).
        var values = new int[8];
        HybridDecoder.Decode([3 << 1, 0x01, 0x03, 0b00001101], 1, values);
        Assert.Equal([1, 1, 1, 1, 0, 1, 1, 0], values);
    }

    [Fact]
    public void Decode_BitWidthZero_GivesZeros()
    {
        // A dictionary of one entry: indices of bit width 0, in a run of 4 with no value bytes.
        var values = new int[] { 7, 7, 7, 7 };
        HybridDecoder.Decode([4 << 1], 0, values);
        Assert.Equal([0, 0, 0, 0], values);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 24)]
    [InlineData(6, 61)]
    [InlineData(8, 40)]
    [InlineData(9, 16)]
    [InlineData(20, 16)]
    [InlineData(32, 9)]
    public void Decode_BitPackedValues_GivesEveryValueUpToTheEndOfTheData(int bitWidth, int count)
    {
        // Packed by the rule (least significant bit first, no padding beyond the last group): the last values lie
        // in the last bytes, where a read of eight bytes at once would run past the data.
        var expected = Enumerable.Range(0, count).Select(i => (int)((i * 2_654_435_761L) & ((1L << bitWidth) - 1))).ToArray();
        var groups = (count + 7) / 8;
        var packed = new byte[groups * bitWidth];
        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < bitWidth; b++)
            {
                if (((expected[i] >> b) & 1) != 0)
                {
                    var bit = (i * bitWidth) + b;
                    packed[bit >> 3] |= (byte)(1 << (bit & 7));
                }
            }
        }

        var values = new int[count];
        HybridDecoder.Decode([(byte)((groups << 1) | 1), .. packed], bitWidth, values);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0b10001000, 0b11000110 }, 3, 8)]
    [InlineData(new byte[] { 5 << 1 }, 8, 5)]
    [InlineData(new byte[] { 2 << 1, 0x01 }, 1, 3)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, 1, 1)]
    public void Decode_DataEndsEarly_ThrowsInvalidData(byte[] data, int bitWidth, int count)
        => Assert.Throws<InvalidDataException>(() => HybridDecoder.Decode(data, bitWidth, new int[count]));

    [Fact]
    public void Decode_BitWidthAbove32_ThrowsInvalidData()
        => Assert.Throws<InvalidDataException>(() => HybridDecoder.Decode([0x02, 0, 0, 0, 0, 0], 33, new int[1]));
}
