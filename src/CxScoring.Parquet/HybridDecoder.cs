using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxScoring.Parquet;

/// <summary>
/// A decoder of Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices): runs of one repeated
/// value and groups of eight values bit-packed least significant bit first, for bit widths 0 to 32. Reads are checked
/// against the end of the bytes; data that ends before the values asked for throws <see cref="InvalidDataException"/>.
/// Thread-safe (no state).
/// </summary>
internal static class HybridDecoder
{
    /// <summary>Decodes <paramref name="values"/>.Length values; returns the bytes read (a bit-packed run's padding beyond the last value asked for is passed over when present).</summary>
    internal static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> values)
    {
        if ((uint)bitWidth > 32)
        {
            throw new InvalidDataException($"a bit width of {bitWidth}; at most 32 is allowed.");
        }

        var position = 0;
        var done = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (done < values.Length)
        {
            var header = ReadVarint(data, ref position, done, values.Length);
            if ((header & 1) == 0)
            {
                // An RLE run: the count, then the value in ceil(bitWidth / 8) bytes, little-endian.
                var run = header >> 1;
                if (valueBytes > data.Length - position)
                {
                    throw Short(done, values.Length);
                }

                uint value = 0;
                for (var i = 0; i < valueBytes; i++)
                {
                    value |= (uint)data[position + i] << (8 * i);
                }

                position += valueBytes;
                var take = (int)Math.Min(run, (ulong)(values.Length - done));
                values.Slice(done, take).Fill((int)value);
                done += take;
            }
            else
            {
                // Bit-packed: header >> 1 groups of eight values, bitWidth bytes a group.
                var groups = header >> 1;
                var available = (ulong)(data.Length - position);
                var runBytes = groups * (ulong)bitWidth;
                var take = (int)Math.Min(groups * 8, (ulong)(values.Length - done));
                var needed = (((long)take * bitWidth) + 7) / 8;
                if ((ulong)needed > available)
                {
                    throw Short(done, values.Length);
                }

                Unpack(data.Slice(position, (int)Math.Min(runBytes, available)), bitWidth, values.Slice(done, take));
                position += (int)Math.Min(runBytes, available);
                done += take;
            }
        }

        return position;
    }

    /// <summary>Whether the data is one RLE run of <paramref name="value"/> (bit width 1) covering at least <paramref name="count"/> values.</summary>
    internal static bool IsSingleRun(ReadOnlySpan<byte> data, int count, int value)
    {
        var position = 0;
        ulong header = 0;
        for (var shift = 0; shift < 35 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            header |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (header & 1) == 0 && header >> 1 >= (ulong)count && position < data.Length && data[position] == value;
            }
        }

        return false;
    }

    /// <summary>Whether every value is at least 0 and below <paramref name="limit"/>.</summary>
    internal static bool AllBelow(ReadOnlySpan<int> values, int limit)
    {
        var unsigned = MemoryMarshal.Cast<int, uint>(values);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var bound = new Vector<uint>((uint)limit);
            var outside = Vector<uint>.Zero;
            for (; i <= unsigned.Length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                outside |= Vector.GreaterThanOrEqual(new Vector<uint>(unsigned[i..]), bound);
            }

            if (outside != Vector<uint>.Zero)
            {
                return false;
            }
        }

        for (; i < unsigned.Length; i++)
        {
            if (unsigned[i] >= (uint)limit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Unpacks values bit-packed least significant bit first; the bytes hold at least the bits of every value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> values)
    {
        if (bitWidth == 0)
        {
            values.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        var i = 0;
        if (bitWidth <= 8)
        {
            // A group of eight values is bitWidth bytes: one unaligned read gives all eight, while eight bytes can be read.
            var groups = data.Length >= 8 ? Math.Min(values.Length / 8, ((data.Length - 8) / bitWidth) + 1) : 0;
            ref var target = ref MemoryMarshal.GetReference(values);
            for (var g = 0; g < groups; g++)
            {
                var word = BinaryPrimitives.ReadUInt64LittleEndian(data[(g * bitWidth)..]);
                ref var group = ref Unsafe.Add(ref target, g * 8);
                group = (int)(word & mask);
                Unsafe.Add(ref group, 1) = (int)((word >> bitWidth) & mask);
                Unsafe.Add(ref group, 2) = (int)((word >> (2 * bitWidth)) & mask);
                Unsafe.Add(ref group, 3) = (int)((word >> (3 * bitWidth)) & mask);
                Unsafe.Add(ref group, 4) = (int)((word >> (4 * bitWidth)) & mask);
                Unsafe.Add(ref group, 5) = (int)((word >> (5 * bitWidth)) & mask);
                Unsafe.Add(ref group, 6) = (int)((word >> (6 * bitWidth)) & mask);
                Unsafe.Add(ref group, 7) = (int)((word >> (7 * bitWidth)) & mask);
            }

            i = groups * 8;
        }

        // While eight bytes can be read at a value's first byte, one unaligned read gives the value (at most 7 + 32 bits).
        var fast = data.Length >= 8 ? (int)Math.Min(values.Length, ((long)(data.Length - 8) * 8 / bitWidth) + 1) : 0;
        for (; i < fast; i++)
        {
            var bit = (long)i * bitWidth;
            var word = BinaryPrimitives.ReadUInt64LittleEndian(data[(int)(bit >> 3)..]);
            values[i] = (int)((word >> (int)(bit & 7)) & mask);
        }

        for (; i < values.Length; i++)
        {
            var bit = (long)i * bitWidth;
            var first = (int)(bit >> 3);
            ulong word = 0;
            for (var b = 0; b < 8 && first + b < data.Length; b++)
            {
                word |= (ulong)data[first + b] << (8 * b);
            }

            values[i] = (int)((word >> (int)(bit & 7)) & mask);
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position, int done, int count)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Short(done, count);
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("an RLE/bit-packed run header longer than 5 bytes.");
    }

    private static InvalidDataException Short(int done, int count)
        => new($"the RLE/bit-packed data ends after {done} of the {count} values expected.");
}
