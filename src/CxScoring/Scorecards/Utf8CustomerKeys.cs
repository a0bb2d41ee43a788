using System.Text;

namespace CxScoring.Scorecards;

/// <summary>
/// Customer keys by UTF-8 identifier, cached in front of a scorecard's <see cref="CustomerDirectory"/> so that only a new
/// customer makes a string; used by the file and columnar readers, one instance per worker (not thread-safe).
/// </summary>
internal sealed class Utf8CustomerKeys(CustomerDirectory directory)
{
    private const int StackChars = 512;

    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);

    /// <summary>Gets the key of a customer identifier given as UTF-8 bytes, numbering it in the directory when new.</summary>
    internal long KeyOf(ReadOnlySpan<byte> utf8Id)
    {
        if (utf8Id.Length > StackChars)
        {
            return Slow(Encoding.UTF8.GetString(utf8Id));
        }

        Span<char> chars = stackalloc char[StackChars];
        var count = Encoding.UTF8.GetChars(utf8Id, chars);
        var lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(chars[..count], out var key) ? key : Slow(new string(chars[..count]));
    }

    private long Slow(string id)
    {
        var key = directory.KeyOf(id);
        _keys[id] = key;
        return key;
    }
}
