using System.Text;
using CxScoring.Plans;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxScoring.Tests.Plans;

public sealed class Utf8IdLookupTests
{
    [Property(MaxTest = 300)]
    public Property Find_AnyIdsAndProbes_EqualsADictionaryOfStrings()
        => Prop.ForAll(
            (from count in Gen.Choose(0, 40)
             from ids in Gen.ArrayOf(Id(), count)
             from probes in Gen.ArrayOf(Id(), 30)
             select (ids: ids.Distinct().ToArray(), probes)).ToArbitrary(),
            t =>
            {
                var lookup = new Utf8IdLookup(t.ids);
                var expected = t.ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
                return t.ids.Concat(t.probes).All(id => lookup.Find(Encoding.UTF8.GetBytes(id)) == expected.GetValueOrDefault(id, -1));
            });

    [Fact]
    public void Find_LongIdsSharingTheirFirstAndLastEightBytes_AreTold()
    {
        // Longer than 16 bytes: equal length, head and tail, different middles; only the byte comparison tells them apart.
        string[] ids = ["abcdefgh-1-stuvwxyz", "abcdefgh-2-stuvwxyz", "ü-kunde-ü"];
        var lookup = new Utf8IdLookup(ids);
        Assert.Equal(0, lookup.Find("abcdefgh-1-stuvwxyz"u8));
        Assert.Equal(1, lookup.Find("abcdefgh-2-stuvwxyz"u8));
        Assert.Equal(-1, lookup.Find("abcdefgh-3-stuvwxyz"u8));
        Assert.Equal(2, lookup.Find(Encoding.UTF8.GetBytes("ü-kunde-ü")));
        Assert.Equal(-1, lookup.Find(ReadOnlySpan<byte>.Empty));
    }

    /// <summary>Ids of 0 to 40 characters over a small alphabet, so that lengths, heads and tails often coincide.</summary>
    private static Gen<string> Id()
        => from length in Gen.Frequency((4, Gen.Choose(1, 9)), (2, Gen.Choose(10, 20)), (1, Gen.Choose(0, 40)))
           from chars in Gen.ArrayOf(Gen.Elements('a', 'b', 'ü', '-'), length)
           select new string(chars);
}
