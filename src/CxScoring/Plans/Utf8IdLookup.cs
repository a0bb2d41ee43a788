using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CxScoring.Plans;

/// <summary>
/// Identifiers to dense indices, looked up by their UTF-8 bytes without making a string: open addressing over a
/// power-of-two table at most a quarter full, keyed by the length and the first and last eight bytes (which together
/// are the whole identifier up to 16 bytes, so such identifiers are compared as three numbers), longer identifiers
/// then compared byte for byte. Immutable after construction and safe to use from any number of threads.
/// </summary>
internal sealed class Utf8IdLookup
{
    private const int WholeKeyLength = 16;
    private readonly Entry[] _entries;
    private readonly byte[][] _keys;
    private readonly int _mask;

    internal Utf8IdLookup(IReadOnlyList<string> ids)
    {
        var size = 16;
        while (size < ids.Count * 4)
        {
            size *= 2;
        }

        _entries = new Entry[size];
        _keys = new byte[size][];
        _entries.AsSpan().Fill(new Entry { Index = -1 });
        _mask = size - 1;
        for (var i = 0; i < ids.Count; i++)
        {
            var key = Encoding.UTF8.GetBytes(ids[i]);
            Read(key, out var head, out var tail);
            var slot = (int)Hash(head, tail, key.Length) & _mask;
            while (_entries[slot].Index >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _entries[slot] = new Entry { Head = head, Tail = tail, Length = key.Length, Index = i };
        }
    }

    /// <summary>Finds an identifier's index.</summary>
    /// <returns>The index, or −1 when the identifier is unknown.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(ReadOnlySpan<byte> id)
    {
        Read(id, out var head, out var tail);
        var slot = (int)Hash(head, tail, id.Length) & _mask;
        var entries = _entries;
        while (true)
        {
            ref readonly var entry = ref entries[slot];
            if (entry.Index < 0
                || (entry.Head == head && entry.Tail == tail && entry.Length == id.Length && (id.Length <= WholeKeyLength || id.SequenceEqual(_keys[slot]))))
            {
                return entry.Index;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The first and last bytes of an identifier: up to 16 bytes, with the length, they are all of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Read(ReadOnlySpan<byte> id, out ulong head, out ulong tail)
    {
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ulong head, ulong tail, int length)
    {
        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail + (ulong)length);
        h *= 0xC2B2AE3D27D4EB4FUL;
        return h ^ (h >> 29);
    }

    private struct Entry
    {
        internal ulong Head;
        internal ulong Tail;
        internal int Length;
        internal int Index;
    }
}
