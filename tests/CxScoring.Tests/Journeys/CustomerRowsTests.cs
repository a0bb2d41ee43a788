using CxScoring.Journeys;
using CxScoring.Model;
using CxScoring.Plans;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys;

public class CustomerRowsTests
{
    [Property(MaxTest = 150)]
    public void Visit_GivesEachCustomerItsScoredRowsInRowOrder_WhateverThePartitioning(int seed)
    {
        // Every scored row once, with its customer's other scored rows and in row order, however many partitions the
        // rows are spread over (1 moment a partition: up to 2¹⁰ partitions for a few hundred rows); keys anywhere in the
        // range of a long, duplicates, one customer, and keys whose hashes share their top bits included.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var plan = JourneyPassFixtures.Plan;
        var expected = new Dictionary<long, List<string>>();
        var rejectedRows = 0L;
        foreach (var row in rows)
        {
            if (!plan.TryScore(row, out var gap, out _))
            {
                rejectedRows++;
                continue;
            }

            if (!expected.TryGetValue(row.CustomerKey, out var journey))
            {
                expected.Add(row.CustomerKey, journey = []);
            }

            journey.Add(Moment(row.CustomerKey, row.ObservedAtNanoseconds, gap.Score, plan.CellIndex(row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex)));
        }

        // Moments in a managed array, and (nativeBytes 0) in native memory advised to use huge pages on Linux.
        foreach (var (perPartition, layout, nativeBytes) in new[] { (1, MomentLayout.Auto, long.MaxValue), (3, MomentLayout.Wide, long.MaxValue), (64, MomentLayout.Auto, long.MaxValue), (CustomerRows.MomentsPerPartition, MomentLayout.Auto, long.MaxValue), (CustomerRows.MomentsPerPartition, MomentLayout.Wide, long.MaxValue), (3, MomentLayout.Auto, 0), (3, MomentLayout.Wide, 0) })
        {
            var none = default(NoScoredRowSink);
            using var grouped = CustomerRows.Build(plan, rows, ref none, perPartition, layout, nativeBytes);
            Assert.Equal(layout == MomentLayout.Auto && rows.Length > 0, grouped.IsPacked);
            Assert.Equal(nativeBytes == 0 && rows.Length > 0 && OperatingSystem.IsLinux(), grouped.IsNative);
            var collector = new Collector([]);
            grouped.Visit(ref collector);
            Assert.Equal(rows.Length, grouped.Scored + grouped.Rejected.Sum());
            Assert.Equal(rejectedRows, grouped.Rejected.Sum());
            Assert.Equal(expected.Count, collector.Journeys.Count);
            foreach (var (key, journey) in expected)
            {
                Assert.Equal(journey, collector.Journeys[key]);
            }
        }
    }

    [Fact]
    public void Build_SpreadsManyCustomersOverPartitions_AndVisitsEveryOneOnce()
    {
        var plan = JourneyPassFixtures.Plan;
        var rows = new OutcomeRow[40_000];
        for (var i = 0; i < rows.Length; i++)
        {
            // Keys that differ only in their high bits, and their negatives.
            var key = ((long)(i % 5_000) << 40) * (i % 2 == 0 ? 1 : -1);
            rows[i] = new OutcomeRow(i % 5, 0, 1 + (i % 9), UnixTime.ToNanoseconds(JourneyPassFixtures.Start) + i, OutcomeRow.NoSegment, key);
        }

        var none = default(NoScoredRowSink);
        var grouped = CustomerRows.Build(plan, rows, ref none);
        var collector = new Collector([]);
        grouped.Visit(ref collector);
        Assert.True(grouped.PartitionCount > 1);
        Assert.Equal(rows.Length, grouped.Scored + grouped.Rejected.Sum());
        Assert.Equal(rows.Select(r => r.CustomerKey).Distinct().Count(), collector.Journeys.Count);
        Assert.Equal(grouped.Scored, collector.Journeys.Values.Sum(j => j.Count));
    }

    [Fact]
    public void Visit_PartitionWithFarMoreCustomersThanTheOneBefore_KeepsEveryJourney()
    {
        // Two partitions (the top bit of the key's hash): the first holds one customer of 1,000 moments, the second 1,000
        // customers of two moments each, met once all and then again, so that the second partition's buckets, sized by
        // the one customer before it (16), are each shared by many customers and split.
        var plan = JourneyPassFixtures.Plan;
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        var low = Enumerable.Range(1, 10_000).Select(i => (long)i).First(k => JourneyMoment.Hash(k) >> 63 == 0);
        var high = Enumerable.Range(1, 10_000).Select(i => (long)i).Where(k => JourneyMoment.Hash(k) >> 63 == 1).Take(1_000).ToArray();
        var rows = new List<OutcomeRow>();
        for (var i = 0; i < 1_000; i++)
        {
            rows.Add(new OutcomeRow(i % 5, 0, 1 + (i % 9), start + i, OutcomeRow.NoSegment, low));
        }

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < high.Length; i++)
            {
                rows.Add(new OutcomeRow((i + round) % 5, 0, 1 + ((i + round) % 9), start + rows.Count, OutcomeRow.NoSegment, high[i]));
            }
        }

        var expected = ScoredJourneys(plan, rows);

        var none = default(NoScoredRowSink);
        using var grouped = CustomerRows.Build(plan, rows.ToArray(), ref none, rows.Count / 2);
        Assert.Equal(2, grouped.PartitionCount);
        var collector = new Collector([]);
        grouped.Visit(ref collector);
        AssertSameJourneys(expected, collector.Journeys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1_000)]
    public void Visit_CustomersWhoseHashesShareTheirHighBits_AreSplitIntoTheirOwnJourneysInRowOrder(int perPartition)
    {
        // A partition's counting sort buckets customers by the bits of the key's hash after the partition's: customers
        // whose hashes share their top 40 bits share a bucket, whatever the buckets. Each must still get its own moments
        // once, in row order, beside customers of buckets of their own; 60 customers of 3 moments each, met in turn, so
        // that the shared bucket (180 moments) holds them interleaved.
        var plan = JourneyPassFixtures.Plan;
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        var shared = Enumerable.Range(1, 60).Select(i => unchecked((long)(((0x5DEECE66DUL << 24) | (uint)(i * 7919)) * JourneyMoment.InverseFibonacci))).ToArray();
        var rows = new List<OutcomeRow>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < shared.Length; i++)
            {
                rows.Add(new OutcomeRow((i + round) % 5, 0, 1 + ((i + (3 * round)) % 9), start + ((rows.Count * 7) % 500), OutcomeRow.NoSegment, shared[i]));
                rows.Add(new OutcomeRow(round % 5, 0, 1 + (i % 9), start + rows.Count, OutcomeRow.NoSegment, 1_000 + i));
            }
        }

        var expected = ScoredJourneys(plan, rows);

        Assert.All(shared, key => Assert.Equal(0x5DEECE66DUL, JourneyMoment.Hash(key) >> 24));
        var none = default(NoScoredRowSink);
        using var grouped = CustomerRows.Build(plan, rows.ToArray(), ref none, perPartition);
        var collector = new Collector([]);
        grouped.Visit(ref collector);
        AssertSameJourneys(expected, collector.Journeys);
    }

    [Property(MaxTest = 60)]
    public void Visit_InstantsTooFarApartForPackedMoments_FallsBackToWideMomentsWithTheSameJourneys(int seed)
    {
        // Instants spread over more than 2⁶⁴ ns / 2^cell bits cannot share 64 bits with the cell: the partitions then
        // hold 32-byte moments. Either way every customer gets the same moments, bit for bit; with one row from the far
        // past or future the packed layout is out of reach.
        var plan = JourneyPassFixtures.Plan;
        var rows = JourneyPassFixtures.RandomRows(seed).ToList();
        var far = new Random(seed).Next(2) == 0 ? long.MinValue + 1 : long.MaxValue;
        rows.Add(new OutcomeRow(1, 0, 4, far, OutcomeRow.NoSegment, rows.Count > 0 ? rows[^1].CustomerKey : 5));
        var none = default(NoScoredRowSink);
        var packed = CustomerRows.Build(plan, rows.ToArray()[..^1], ref none, 3);
        var wide = CustomerRows.Build(plan, rows.ToArray(), ref none, 3);
        Assert.Equal(rows.Count > 1, packed.IsPacked);
        Assert.False(wide.IsPacked);
        var reference = CustomerRows.Build(plan, rows.ToArray(), ref none, 3, MomentLayout.Wide);
        var expected = new Collector([]);
        reference.Visit(ref expected);
        var actual = new Collector([]);
        wide.Visit(ref actual);
        Assert.Equal(expected.Journeys.Count, actual.Journeys.Count);
        foreach (var (key, journey) in expected.Journeys)
        {
            Assert.Equal(journey, actual.Journeys[key]);
        }
    }

    [Fact]
    public void Build_InstantsOfAYearOnAPlanOfFewCells_PacksTheMoments()
    {
        // The benchmark's shape: a year of instants to the nanosecond (2⁵⁵ ns) leaves 9 bits for the cell.
        var plan = JourneyPassFixtures.Plan;
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        var year = 365L * 24 * 3_600_000_000_000L;
        OutcomeRow[] rows = [new(0, 0, 4, start, OutcomeRow.NoSegment, 1), new(4, 2, 20, start + year, 1, -1), new(2, 1, 30, start + (year / 2) + 1, 0, long.MinValue)];
        var none = default(NoScoredRowSink);
        var grouped = CustomerRows.Build(plan, rows, ref none);
        Assert.True(grouped.IsPacked);
        var collector = new Collector([]);
        grouped.Visit(ref collector);
        Assert.StartsWith(FormattableString.Invariant($"-1|{start + year}|"), Assert.Single(collector.Journeys[-1]), StringComparison.Ordinal);
        Assert.Equal(grouped.Scored, collector.Journeys.Values.Sum(j => j.Count));
    }

    [Fact]
    public void Visit_AfterDispose_Throws_AndDisposeTwiceDoesNothing()
    {
        var plan = JourneyPassFixtures.Plan;
        var rows = JourneyPassFixtures.RandomRows(7).Append(new OutcomeRow(1, 0, 4, UnixTime.ToNanoseconds(JourneyPassFixtures.Start), OutcomeRow.NoSegment, 5)).ToArray();
        foreach (var nativeBytes in new[] { 0L, long.MaxValue })
        {
            var none = default(NoScoredRowSink);
            var grouped = CustomerRows.Build(plan, rows, ref none, 3, MomentLayout.Auto, nativeBytes);
            var collector = new Collector([]);
            grouped.Visit(ref collector);
            Assert.Equal(grouped.Scored, collector.Journeys.Values.Sum(j => j.Count));
            grouped.Dispose();
            grouped.Dispose();
            Assert.Throws<ObjectDisposedException>(() =>
            {
                var after = new Collector([]);
                grouped.Visit(ref after);
            });
        }
    }

    [Fact]
    public void MomentMemory_FromTheThreshold_IsNativeOnLinux_AndHoldsWhatIsWritten()
    {
        using var small = MomentMemory<PackedMoment>.Allocate(1000);
        Assert.False(small.IsNative);
        var length = (int)(MomentMemory<PackedMoment>.NativeBytes / 24) + 1;
        using var large = MomentMemory<PackedMoment>.Allocate(length);
        Assert.Equal(OperatingSystem.IsLinux(), large.IsNative);
        var span = large.Span;
        Assert.Equal(length, span.Length);
        for (var i = 0; i < span.Length; i += 4099)
        {
            span[i] = new PackedMoment((ulong)i, (ulong)i * 3, i);
        }

        span[^1] = new PackedMoment(1, 2, 3);
        for (var i = 0; i < span.Length - 1; i += 4099)
        {
            Assert.Equal((ulong)i * 3, large.Span[i].TimeAndCell);
        }

        Assert.Equal(3, large.Span[^1].Score);
    }

    /// <summary>Each customer's moments, in row order, from rows the plan scores every one of.</summary>
    private static Dictionary<long, List<string>> ScoredJourneys(ScoringPlan plan, IEnumerable<OutcomeRow> rows)
    {
        var journeys = new Dictionary<long, List<string>>();
        foreach (var row in rows)
        {
            Assert.True(plan.TryScore(row, out var gap, out _));
            if (!journeys.TryGetValue(row.CustomerKey, out var journey))
            {
                journeys.Add(row.CustomerKey, journey = []);
            }

            journey.Add(Moment(row.CustomerKey, row.ObservedAtNanoseconds, gap.Score, plan.CellIndex(row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex)));
        }

        return journeys;
    }

    private static void AssertSameJourneys(Dictionary<long, List<string>> expected, Dictionary<long, List<string>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, journey) in expected)
        {
            Assert.Equal(journey, actual[key]);
        }
    }

    private static string Moment(long key, long time, double score, int cell)
        => FormattableString.Invariant($"{key}|{time}|{BitConverter.DoubleToInt64Bits(score)}|{cell}");

    private readonly struct Collector(Dictionary<long, List<string>> journeys) : IJourneyVisitor
    {
        public Dictionary<long, List<string>> Journeys { get; } = journeys;

        public void Visit(ReadOnlySpan<JourneyMoment> journey)
        {
            Assert.False(journey.IsEmpty);
            var key = journey[0].CustomerKey;
            var moments = new List<string>(journey.Length);
            foreach (var moment in journey)
            {
                Assert.Equal(key, moment.CustomerKey);
                moments.Add(Moment(moment.CustomerKey, moment.Time, moment.Score, moment.Cell));
            }

            Journeys.Add(key, moments);
        }
    }
}
