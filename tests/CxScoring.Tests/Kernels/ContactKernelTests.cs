using CxScoring.Journeys.Cascades;
using CxScoring.Kernels;
using FsCheck.Xunit;

namespace CxScoring.Tests.Kernels;

public sealed class ContactKernelTests
{
    [Fact]
    public void SharesAnInstant_OnePairAnywhere_IsFound()
    {
        // Every journey length the pairwise count takes, with the one shared instant at every pair of places (the
        // vector path's full vectors, its overlapping last vector and its scalar path for fewer than four rows).
        for (var n = 0; n <= CascadeCounter.PairwiseLimit; n++)
        {
            var times = new long[n];
            for (var i = 0; i < n; i++)
            {
                times[i] = 1_000 + (7 * i);
            }

            Assert.False(ContactKernel.SharesAnInstant(times), $"{n} distinct instants");
            Assert.False(ContactKernel.SharesAnInstantScalar(times), $"{n} distinct instants, row by row");
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var copy = (long[])times.Clone();
                    copy[j] = copy[i];
                    Assert.True(ContactKernel.SharesAnInstant(copy), $"{n} rows, rows {i} and {j} at one instant");
                    Assert.True(ContactKernel.SharesAnInstantScalar(copy), $"{n} rows, rows {i} and {j} at one instant, row by row");
                }
            }
        }
    }

    [Fact]
    public void SharesAnInstant_RowsPastTheJourney_AreNotRead()
    {
        // The journey is a prefix of a larger buffer: an instant after its end equal to one inside it is not a share.
        var buffer = new long[64];
        for (var n = 0; n <= CascadeCounter.PairwiseLimit; n++)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = i < n ? 10 * (i + 1) : 10;
            }

            Assert.False(ContactKernel.SharesAnInstant(buffer.AsSpan(0, n)), $"{n} rows");
            Assert.False(ContactKernel.SharesAnInstantScalar(buffer.AsSpan(0, n)), $"{n} rows, row by row");
        }
    }

    [Property(MaxTest = 300)]
    public void TryOrderByInstant_ShortJourney_IsTheStableSortByInstant(int seed)
    {
        // Every length up to the limit, instants drawn from few values (many ties, kept in row order) or from the whole
        // range of instants (its ends included); the buffer's instants past the journey repeat instants inside it and
        // are not compared; a longer journey is not ordered.
        var random = new Random(seed);
        long[] extremes = [long.MinValue, long.MaxValue, 0, -1, 1];
        var order = new byte[ContactKernel.OrderLimit];
        for (var n = 0; n <= ContactKernel.OrderLimit + 1; n++)
        {
            var few = random.Next(2) == 0;
            var times = new long[Math.Max(n, ContactKernel.OrderLimit)];
            for (var i = 0; i < times.Length; i++)
            {
                times[i] = i >= n && n > 0 ? times[random.Next(n)]
                    : few ? random.Next(4) : random.Next(4) == 0 ? extremes[random.Next(extremes.Length)] : random.NextInt64(long.MinValue, long.MaxValue);
            }

            var ordered = ContactKernel.TryOrderByInstant(times, n, order);
            if (n > ContactKernel.OrderLimit || !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                Assert.False(ordered, $"{n} moments");
                continue;
            }

            Assert.True(ordered, $"{n} moments");
            var expected = Enumerable.Range(0, n).OrderBy(i => times[i]).Select(i => (byte)i).ToArray();
            Assert.Equal(expected, order.AsSpan(0, n).ToArray());
        }
    }

    [Fact]
    public void SharesAnInstantInOrder_EqualsTheRowByRowCheck()
    {
        // Instants in order: a share is two neighbours at one instant, at every place, and none without one.
        for (var n = 0; n <= CascadeCounter.PairwiseLimit; n++)
        {
            var times = Enumerable.Range(0, n).Select(i => 1_000L + (7 * i)).ToArray();
            Assert.False(ContactKernel.SharesAnInstantInOrder(times), $"{n} distinct instants");
            for (var i = 1; i < n; i++)
            {
                var copy = (long[])times.Clone();
                copy[i] = copy[i - 1];
                Assert.True(ContactKernel.SharesAnInstantInOrder(copy), $"{n} rows, rows {i - 1} and {i} at one instant");
                Assert.Equal(ContactKernel.SharesAnInstantScalar(copy), ContactKernel.SharesAnInstantInOrder(copy));
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Followers_EqualsTheRowByRowMask(int seed)
    {
        // The contact columns of the rows strictly later and at most the window after an instant, whatever the number
        // of rows (whole vectors of four and a last one masked), at the window's edges and across the whole range of
        // instants; the buffers' slots past the rows hold rows that would follow, and are not read.
        var random = new Random(seed);
        var n = random.Next(0, 20);
        var window = (ulong)random.Next(1, 50);
        var length = (n + 3) & ~3;
        var times = new long[length];
        var bits = new ulong[length];
        for (var k = 0; k < length; k++)
        {
            times[k] = k >= n ? 1 : random.Next(4) == 0 ? (random.Next(2) == 0 ? long.MinValue : long.MaxValue) - random.Next(-3, 3) : random.Next(-60, 60);
            bits[k] = k >= n ? ulong.MaxValue : 1UL << random.Next(64);
        }

        foreach (var time in (long[])[0, -60, 60, long.MinValue, long.MaxValue, random.Next(-60, 60)])
        {
            ulong expected = 0;
            for (var k = 0; k < n; k++)
            {
                if (times[k] > time && (ulong)(times[k] - time) <= window)
                {
                    expected |= bits[k];
                }
            }

            Assert.Equal(expected, ContactKernel.Followers(times, bits, n, time, window));
            Assert.Equal(expected, ContactKernel.FollowersScalar(times, bits, n, time, window));
        }
    }
}
