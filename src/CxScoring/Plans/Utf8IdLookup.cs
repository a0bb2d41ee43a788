using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CxScoring.Plans;

/// <summary>
/// Identifiers to dense indices, looked up by their UTF-8 bytes without making a string: open addressing over a
/// power-of-two table at most a quarter full, hashing the length and the first and last eight bytes, then comparing
/// the bytes. Immutable after construction and safe to use from any number of threads.
/// </summary>
internal sealed class Utf8IdLookup
{
    private readonly byte[][] _keys;
    private readonly int[] _indices;
    private readonly int _mask;

    internal Utf8IdLookup(IReadOnlyList<string> ids)
    {
        var size = 16;
        while (size < ids.Count * 4)
        {
            size *= 2;
        }

        _keys = new byte[size][];
        _indices = new int[size];
        _indices.AsSpan().Fill(-1);
        _mask = size - 1;
        for (var i = 0; i < ids.Count; i++)
        {
            var key = Encoding.UTF8.GetBytes(ids[i]);
            var slot = (int)Hash(key) & _mask;
            while (_indices[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _indices[slot] = i;
        }
    }

    /// <summary>Finds an identifier's index.</summary>
    /// <returns>The index, or −1 when the identifier is unknown.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(ReadOnlySpan<byte> id)
    {
        var slot = (int)Hash(id) & _mask;
        while (true)
        {
            var index = _indices[slot];
            if (index < 0 || id.SequenceEqual(_keys[slot]))
            {
                return index;
            }

            slot = (slot + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> id)
    {
        ulong head;
        ulong tail;
        if (id.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(id);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(id[^8..]);
        }
        else if (id.Length >= 4)
        {
            head = BinaryPrimitives.ReadUInt32LittleEndian(id);
            tail = BinaryPrimitives.ReadUInt32LittleEndian(id[^4..]);
        }
        else
        {
            head = id.Length > 0 ? id[0] : 0u;
            tail = id.Length > 1 ? ((ulong)id[1] << 8) | id[^1] : 0u;
        }

        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail + (ulong)id.Length);
        h *= 0xC2B2AE3D27D4EB4FUL;
        return h ^ (h >> 29);
    }
}
