using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace CxScoring.Scorecards.State;

/// <summary>Reads the primitive encodings of the state format from a span, tracking the offset from the state's first byte and refusing reads past the end of the current section.</summary>
internal ref struct StateSpan
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private readonly string _what;
    private int _position;

    internal StateSpan(ReadOnlySpan<byte> data, int baseOffset, string what)
    {
        _data = data;
        _base = baseOffset;
        _what = what;
        _position = 0;
    }

    /// <summary>Gets the offset of the next byte from the state's first byte.</summary>
    internal readonly int Offset => _base + _position;

    internal readonly bool AtEnd => _position == _data.Length;

    internal byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            ThrowEnd();
        }

        return _data[_position++];
    }

    internal ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            ThrowEnd();
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    internal double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadBytes(8));

    internal ulong ReadVarUInt64()
    {
        var start = Offset;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                break;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Corrupt($"a number that does not fit in 64 bits", start);
    }

    internal long ReadVarInt64()
    {
        var zigzag = ReadVarUInt64();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    internal Int128 ReadVarInt128()
    {
        var start = Offset;
        UInt128 zigzag = 0;
        for (var shift = 0; shift < 128; shift += 7)
        {
            var b = ReadByte();
            if (shift == 126 && b > 3)
            {
                break;
            }

            zigzag |= (UInt128)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (Int128)(zigzag >> 1) ^ -(Int128)(zigzag & 1);
            }
        }

        throw Corrupt("a number that does not fit in 128 bits", start);
    }

    /// <summary>Reads a varint count of items, each taking at least <paramref name="minBytesEach"/> bytes, refusing one the rest of the section cannot hold.</summary>
    internal int ReadCount(int minBytesEach)
    {
        var start = Offset;
        var count = ReadVarUInt64();
        if (count > (ulong)((_data.Length - _position) / Math.Max(minBytesEach, 1)))
        {
            throw Corrupt($"a count of {count} items that the rest of the section cannot hold", start);
        }

        return (int)count;
    }

    internal readonly ScorecardStateException Corrupt(string what, int offset)
        => new($"The scorecard state is corrupt: {_what} holds {what} at byte {offset}.", offset);

    [DoesNotReturn]
    private readonly void ThrowEnd()
        => throw new ScorecardStateException($"The scorecard state is corrupt: {_what} ends early, at byte {_base + _data.Length}.", _base + _data.Length);
}
