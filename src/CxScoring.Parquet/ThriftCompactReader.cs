using System.Diagnostics.CodeAnalysis;

namespace CxScoring.Parquet;

/// <summary>
/// A reader of the Thrift compact protocol, as Parquet writes its footer and page headers: the fields a caller asks
/// for are read, every other field (of any type, nested to any depth up to a limit) is skipped. Every read is checked
/// against the end of the bytes; malformed bytes throw <see cref="InvalidDataException"/>, never read out of range.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>Compact-protocol type codes (the low nibble of a field header, of a list's element header).</summary>
    internal const byte Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> _data;
    private short _lastField;
    private int _depth;

    internal ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Gets the number of bytes read so far.</summary>
    internal int Position { get; private set; }

    /// <summary>Reads a field header; returns its type, <see cref="Stop"/> at the end of a struct.</summary>
    internal byte ReadFieldHeader(out short id)
    {
        var header = ReadByte();
        var type = (byte)(header & 0x0F);
        if (type == Stop)
        {
            id = 0;
            return Stop;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(_lastField + delta) : ToInt16(ZigZag(ReadVarint()));
        _lastField = id;
        if (type > Struct)
        {
            throw Invalid($"a field of unknown type {type}");
        }

        return type;
    }

    /// <summary>Starts reading a nested struct's fields; pass the value returned to <see cref="EndStruct"/>.</summary>
    internal short BeginStruct()
    {
        Enter();
        var saved = _lastField;
        _lastField = 0;
        return saved;
    }

    internal void EndStruct(short saved)
    {
        _depth--;
        _lastField = saved;
    }

    internal int ReadI32(byte type)
    {
        Expect(type, I32);
        var value = ZigZag(ReadVarint());
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Invalid($"an i32 field holding {value}");
    }

    internal long ReadI64(byte type)
    {
        Expect(type, I64);
        return ZigZag(ReadVarint());
    }

    /// <summary>Goes back to a position read before (<see cref="Position"/>), to read a value again.</summary>
    internal void Seek(int position) => Position = (uint)position <= (uint)_data.Length ? position : throw new ArgumentOutOfRangeException(nameof(position));

    /// <summary>Reads a binary field's bytes (bounds-checked against the bytes left).</summary>
    internal ReadOnlySpan<byte> ReadBinary(byte type)
    {
        Expect(type, Binary);
        return Take((int)ReadLength());
    }

    /// <summary>Reads a list header: the elements' type and their number (each element takes at least one byte, so the number is checked against the bytes left).</summary>
    internal int ReadListHeader(byte type, out byte elementType)
    {
        if (type is not (List or Set))
        {
            throw Invalid($"a field of type {type} where a list was expected");
        }

        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        var size = header >> 4;
        var count = size == 15 ? ReadVarint() : (ulong)size;
        if (count > (ulong)(_data.Length - Position))
        {
            throw Invalid($"a list of {count} elements in {_data.Length - Position} bytes");
        }

        return (int)count;
    }

    /// <summary>Skips a value of the given type (a field's value, or a list element when <paramref name="element"/>).</summary>
    internal void Skip(byte type, bool element = false)
    {
        switch (type)
        {
            case True or False:
                if (element)
                {
                    ReadByte();
                }

                break;
            case Byte:
                ReadByte();
                break;
            case I16 or I32 or I64:
                ReadVarint();
                break;
            case Double:
                Take(8);
                break;
            case Binary:
                Take((int)ReadLength());
                break;
            case List or Set:
                var count = ReadListHeader(type, out var elementType);
                Enter();
                for (var i = 0; i < count; i++)
                {
                    Skip(elementType, element: true);
                }

                _depth--;
                break;
            case Map:
                var entries = ReadVarint();
                if (entries > 0)
                {
                    if (entries > (ulong)(_data.Length - Position))
                    {
                        throw Invalid($"a map of {entries} entries in {_data.Length - Position} bytes");
                    }

                    var types = ReadByte();
                    Enter();
                    for (ulong i = 0; i < entries; i++)
                    {
                        Skip((byte)(types >> 4), element: true);
                        Skip((byte)(types & 0x0F), element: true);
                    }

                    _depth--;
                }

                break;
            case Struct:
                var saved = BeginStruct();
                while (ReadFieldHeader(out _) is var field and not Stop)
                {
                    Skip(field);
                }

                EndStruct(saved);
                break;
            default:
                throw Invalid($"a value of unknown type {type}");
        }
    }

    /// <summary>Goes one level deeper into nested structs, lists, sets or maps, at most <see cref="MaxDepth"/> levels (so that no file can exhaust the stack).</summary>
    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Invalid($"values nested more than {MaxDepth} levels deep");
        }
    }

    private static short ToInt16(long value)
        => value is >= short.MinValue and <= short.MaxValue ? (short)value : throw Invalid($"a field id of {value}");

    private ulong ReadLength()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - Position))
        {
            throw Invalid($"a binary of {length} bytes where {_data.Length - Position} are left");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - Position)
        {
            throw Truncated();
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }

    internal byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[Position++];
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Invalid("a variable-length integer longer than 10 bytes");
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void Expect(byte type, byte expected)
    {
        if (type != expected)
        {
            ThrowUnexpected(type, expected);
        }
    }

    [DoesNotReturn]
    private static void ThrowUnexpected(byte type, byte expected) => throw Invalid($"a field of type {type} where type {expected} was expected");

    private static InvalidDataException Truncated() => Invalid("the bytes end in the middle of a value");

    private static InvalidDataException Invalid(string what) => new($"malformed Thrift metadata: {what}.");
}
