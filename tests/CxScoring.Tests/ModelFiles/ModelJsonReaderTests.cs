using CxScoring.ModelFiles;
using FsCheck.Xunit;

namespace CxScoring.Tests.ModelFiles;

public class ModelJsonReaderTests
{
    [Theory]
    [InlineData("wait", "wait", 0)]
    [InlineData("wiat", "wait", 2)]
    [InlineData("tp-4999x", "tp-4999", 1)]
    [InlineData("", "ab", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abcdef", "abc", 3)]
    public void EditDistance_KnownPairs_AreLevenshteinCappedAtLimitPlusOne(string a, string b, int levenshtein)
    {
        for (var limit = 0; limit <= 4; limit++)
        {
            Assert.Equal(Math.Min(levenshtein, limit + 1), ModelJsonReader.EditDistance(a, b, limit));
        }
    }

    [Property(MaxTest = 300)]
    public void EditDistance_BandedWithinTheLimit_EqualsTheFullTable(string? a, string? b)
    {
        a = (a ?? string.Empty)[..Math.Min((a ?? string.Empty).Length, 12)];
        b = (b ?? string.Empty)[..Math.Min((b ?? string.Empty).Length, 12)];
        var full = Full(a, b);
        for (var limit = 0; limit <= 3; limit++)
        {
            Assert.Equal(Math.Min(full, limit + 1), ModelJsonReader.EditDistance(a, b, limit));
        }
    }

    [Fact]
    public void EditDistance_LongIds_AllocatesNothing()
    {
        var a = new string('a', 128);
        var b = new string('a', 127) + "b";
        ModelJsonReader.EditDistance(a, b, 2);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var distance = ModelJsonReader.EditDistance(a, b, 2);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, distance);
    }

    private static int Full(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
