using System.Buffers.Binary;

namespace CxScoring.Scorecards.State;

/// <summary>A growable byte buffer with the primitive encodings of the state format: little-endian fixed widths and LEB128 varints (signed values zigzag-encoded).</summary>
internal sealed class StateBuffer
{
    private byte[] _bytes;

    internal StateBuffer(int capacity) => _bytes = new byte[Math.Max(capacity, 64)];

    internal int Length { get; private set; }

    internal Span<byte> Written => _bytes.AsSpan(0, Length);

    internal void WriteByte(byte value) => Grow(1)[0] = value;

    internal void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), value);

    internal void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), value);

    internal void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Grow(8), value);

    internal void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Grow(8), value);

    internal void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Grow(value.Length));

    internal void WriteVarUInt64(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    internal void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    internal void WriteVarInt128(Int128 value)
    {
        var zigzag = (UInt128)((value << 1) ^ (value >> 127));
        while (zigzag >= 0x80)
        {
            WriteByte((byte)((byte)(zigzag & 0x7F) | 0x80));
            zigzag >>= 7;
        }

        WriteByte((byte)zigzag);
    }

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them, to be filled now or patched later.</summary>
    internal Span<byte> Grow(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(Length + count, checked(_bytes.Length * 2)));
        }

        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
