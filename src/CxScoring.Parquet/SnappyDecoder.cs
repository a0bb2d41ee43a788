using System.Buffers.Binary;

namespace CxScoring.Parquet;

/// <summary>
/// A decoder of the Snappy block format (the raw format Parquet pages are compressed with, not the framed stream):
/// a varint of the decompressed length, then literals and back-references. Every element is checked against the
/// input's end, the output's end and the bytes already written, so corrupt input throws
/// <see cref="InvalidDataException"/> and never reads or writes out of range; each element consumes input, so it
/// cannot loop forever. Thread-safe (no state).
/// </summary>
internal static class SnappyDecoder
{
    /// <summary>Reads the decompressed length a block starts with.</summary>
    /// <returns>The length, and in <paramref name="headerLength"/> the bytes of the varint.</returns>
    internal static int DecompressedLength(ReadOnlySpan<byte> input, out int headerLength)
    {
        ulong length = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= input.Length)
            {
                throw Invalid("the block ends inside its length");
            }

            var b = input[i];
            length |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (length > int.MaxValue)
                {
                    throw Invalid($"a decompressed length of {length} bytes");
                }

                headerLength = i + 1;
                return (int)length;
            }
        }

        throw Invalid("the block's length is longer than 5 bytes");
    }

    /// <summary>Decompresses a block into <paramref name="output"/>, whose length must be the block's decompressed length.</summary>
    internal static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var expected = DecompressedLength(input, out var ip);
        if (expected != output.Length)
        {
            throw Invalid($"the block holds {expected} bytes where {output.Length} were expected");
        }

        var op = 0;
        while (ip < input.Length)
        {
            var tag = input[ip++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        // 60 to 63: the length less one follows in 1 to 4 bytes, little-endian.
                        var bytes = length - 59;
                        if (bytes > input.Length - ip)
                        {
                            throw Invalid("the block ends inside a literal's length");
                        }

                        length = 0;
                        for (var i = bytes - 1; i >= 0; i--)
                        {
                            length = (length << 8) | input[ip + i];
                        }

                        ip += bytes;
                        if (length < 0 || length == int.MaxValue)
                        {
                            throw Invalid("a literal longer than any page");
                        }
                    }

                    length++;
                    if (length > input.Length - ip)
                    {
                        throw Invalid($"a literal of {length} bytes where {input.Length - ip} are left");
                    }

                    if (length > output.Length - op)
                    {
                        throw Invalid($"a literal of {length} bytes past the decompressed length of {output.Length}");
                    }

                    input.Slice(ip, length).CopyTo(output[op..]);
                    ip += length;
                    op += length;
                    continue;
                case 1:
                    if (ip >= input.Length)
                    {
                        throw Invalid("the block ends inside a copy");
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[ip++];
                    break;
                case 2:
                    if (input.Length - ip < 2)
                    {
                        throw Invalid("the block ends inside a copy");
                    }

                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]);
                    ip += 2;
                    break;
                default:
                    if (input.Length - ip < 4)
                    {
                        throw Invalid("the block ends inside a copy");
                    }

                    length = (tag >> 2) + 1;
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
                    offset = wide > int.MaxValue ? int.MaxValue : (int)wide;
                    ip += 4;
                    break;
            }

            if (offset == 0 || offset > op)
            {
                throw Invalid($"a copy from {offset} bytes back where {op} are written");
            }

            if (length > output.Length - op)
            {
                throw Invalid($"a copy of {length} bytes past the decompressed length of {output.Length}");
            }

            if (offset >= length)
            {
                output.Slice(op - offset, length).CopyTo(output[op..]);
            }
            else
            {
                // Overlapping: a run that repeats the last `offset` bytes, copied byte by byte.
                for (var i = 0; i < length; i++)
                {
                    output[op + i] = output[op - offset + i];
                }
            }

            op += length;
        }

        if (op != output.Length)
        {
            throw Invalid($"the block ends after {op} of its {output.Length} bytes");
        }
    }

    private static InvalidDataException Invalid(string what) => new($"corrupt Snappy data: {what}.");
}
