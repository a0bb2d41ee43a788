using System.Runtime.Intrinsics.X86;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Kernels;

/// <summary>
/// The cell-run kernel (large batches, on AVX-512 hardware) against the row kernel (small
/// batches): the same scorecards bit for bit and the same refusals in the same order. Batches below
/// <see cref="CellRunKernel.MinChunk"/> / 2 rows always take the row kernel, so scoring the same rows in batches of
/// 1,000 is the reference. Each test also states which kernel scored the large batch: the cell-run kernel where the
/// machine supports it (AVX-512F and AVX-512DQ, and not switched off with <c>DOTNET_EnableAVX512F=0</c> or
/// <c>DOTNET_EnableHWIntrinsic=0</c>), else the row kernel, which then agrees with itself over different splits.
/// </summary>
public class CellRunKernelTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);
    private static readonly ScoringEngine Sequential = new(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
    private static readonly ScorecardOptions NoPeriods = new() { ByPeriod = false };
    private static readonly ScorecardOptions Days = new() { TimeZone = EngineTestData.Berlin };

    /// <summary>
    /// Two chunks with days less 1,003 rows: the second chunk takes the cell-run kernel with its day slots found in pass
    /// 1, and its length is not a whole number of vectors, so the loops' tails run too (two chunks of 131,064 rows, the
    /// test plan's, where the hardware has no cell-run kernel).
    /// </summary>
    private static readonly int TwoChunksWithATail = Math.Max((2 * CellRunKernel.ChunkRowsFor(Plan, Sequential.CreateScorecardBuilder(Days).Accumulator, int.MaxValue)) - 1003, 261_125);

    /// <summary>Whether this machine, as the runtime is configured, can take the cell-run kernel.</summary>
    private static readonly bool CellRunsSupported = Avx512F.IsSupported && Avx512DQ.IsSupported;

    [Theory]
    [InlineData(1, 0.02, false)]
    [InlineData(2, 0.05, false)]
    [InlineData(3, 0.12, false)]
    [InlineData(1, 0.02, true)]
    [InlineData(2, 0.05, true)]
    [InlineData(3, 0.12, true)]
    public void LargeBatch_EqualsSmallBatches_BitForBit_WithRefusalsInIndexOrder(int seed, double faultRate, bool days)
    {
        var options = days ? Days : NoPeriods;
        var columns = Rows(Plan, seed, 200_000, faultRate);
        var slowShare = SlowShare(Plan, columns);
        Assert.InRange(slowShare, 0.01, 0.24); // both kinds of row, and few enough slow rows for the cell-run kernel to keep the chunk
        Assert.Equal(CellRunsSupported, CellRunKernel.ChunkRowsFor(Plan, Sequential.CreateScorecardBuilder(options).Accumulator, columns.Count) > 0);
        AssertKernel(CellRunsSupported, Sequential, columns, options);

        var (whole, wholeRefusals) = ScoreInBatches(Sequential, columns, columns.Count, options);
        var (small, smallRefusals) = ScoreInBatches(Sequential, columns, 1000, options);

        Assert.Equal(small, whole);
        Assert.Equal(days, whole.HasPeriods && whole.ByDay.Count > 700);
        Assert.Equal(smallRefusals, wholeRefusals);
        Assert.Equal(wholeRefusals.OrderBy(r => r.Index), wholeRefusals);
        Assert.Equal(columns.Count, whole.Received);
        Assert.True(whole.Rejected > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LargeBatch_WithSparseRatings_EqualsSmallBatchesAndTheRowsApi(bool days)
    {
        // A survey sample: about one row in fifty carries a rating, some outside csat's scale; the side pass after
        // the kernel scores them whichever kernel scored the batch.
        var options = days ? Days : NoPeriods;
        var columns = Rows(Plan, 6, 150_000, 0.05);
        var random = new Random(6);
        for (var i = 0; i < columns.Count; i++)
        {
            if (random.Next(50) == 0)
            {
                columns.SetPerceivedRating(i, random.Next(20) == 0 ? 7 : random.Next(1, 6));
            }
        }

        AssertKernel(CellRunsSupported, Sequential, columns, options);
        var (whole, _) = ScoreInBatches(Sequential, columns, columns.Count, options);
        var (small, _) = ScoreInBatches(Sequential, columns, 1000, options);
        var fromRows = Sequential.CreateScorecardBuilder(options);
        Sequential.Score(Enumerable.Range(0, columns.Count).Select(columns.GetRow).ToArray(), fromRows);

        Assert.True(whole.ScoredRatings > 0 && whole.RejectedRatings > 0, $"{whole.ScoredRatings} scored, {whole.RejectedRatings} refused ratings");
        Assert.Equal(small, whole);
        Assert.Equal(fromRows.Build(), whole);
        Assert.Equal(small.PerceivedVsDelivered.ToArray(), whole.PerceivedVsDelivered.ToArray());
    }

    [Fact]
    public void LargeBatch_MostRowsSlow_FallsBackToRowKernel_SameResults()
    {
        var columns = Rows(Plan, 4, 150_000, 0.6);
        Assert.True(SlowShare(Plan, columns) > 0.25);
        AssertKernel(cellRuns: false, Sequential, columns, NoPeriods);

        var (whole, wholeRefusals) = ScoreInBatches(Sequential, columns, columns.Count);
        var (small, smallRefusals) = ScoreInBatches(Sequential, columns, 1000);

        Assert.Equal(small, whole);
        Assert.Equal(smallRefusals, wholeRefusals);
    }

    [Fact]
    public void RowsApi_LargeBatch_EqualsColumns()
    {
        var columns = Rows(Plan, 5, 120_000, 0.05);
        var rows = Enumerable.Range(0, columns.Count).Select(columns.GetRow).ToArray();
        AssertKernel(CellRunsSupported, Sequential, columns, NoPeriods);
        var fromRows = Sequential.CreateScorecardBuilder(NoPeriods);
        var rowRefusals = new List<(long, RejectionReason)>();
        Sequential.Score(rows, fromRows, (index, reason) => rowRefusals.Add((index, reason)));

        var (expected, expectedRefusals) = ScoreInBatches(Sequential, columns, 1000);
        Assert.Equal(expected, fromRows.Build());
        Assert.Equal(expectedRefusals, rowRefusals);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 6)]
    public void AnySplitIntoBatches_MergesToTheWholeBatch(LargeBatchSplit split)
    {
        var options = split.Days ? Days : NoPeriods;
        var columns = Rows(Plan, split.FillerSeed, split.Rows, split.FaultPercent / 100.0);
        var (whole, _) = ScoreInBatches(Sequential, columns, columns.Count, options);
        AssertKernel(CellRunsSupported, Sequential, columns, options);

        var builder = Sequential.CreateScorecardBuilder(options);
        var bounds = new[] { 0, split.Cuts.First, split.Cuts.Second, columns.Count };
        for (var b = 0; b < 3; b++)
        {
            Sequential.ScoreColumns(Slice(columns, bounds[b], bounds[b + 1]), builder);
        }

        Assert.Equal(whole, builder.Build());
    }

    /// <summary>
    /// With calendar periods the cell-run kernel adds each row to its day from the run it is scored in (day sums per
    /// chunk, histogram, minimum and maximum straight into the day's aggregate) instead of grouping rows by day: over
    /// any spread of days, from one to several years, with days new to the scorecard in every chunk and days far outside
    /// its window, every day's aggregate (and so every week, month and total) is the row kernel's, bit for bit.
    /// </summary>
    [Property(MaxTest = 6)]
    public void DaysAddedFromRuns_AnySpreadOfDays_EqualRowKernel(PositiveInt seed, PositiveInt spread, bool far)
    {
        var spreadDays = 1 + (spread.Get % 1500);
        var columns = Rows(Plan, seed.Get, TwoChunksWithATail, 0.03, spreadDays, far ? 0.01 : 0);
        var (whole, wholeRefusals) = AssertDaysEqualSmallBatches(columns);
        Assert.InRange(whole.ByDay.Count, Math.Min(spreadDays, 100), spreadDays + 1 + (far ? spreadDays + 1 : 0));
        var days = whole.ByDay.Values.Aggregate(ScoreAggregate.Empty, (m, a) => m.Merge(a));
        Assert.Equal(whole.Scored, days.Count);
        Assert.Equal(whole.Total.MinScore, days.MinScore);
        Assert.Equal(whole.Total.MaxScore, days.MaxScore);
    }

    /// <summary>
    /// Rows in time order over 600 days in one call: the first chunk meets a few days and sizes the day scratch for 512,
    /// later chunks take the scorecard past 512 days (the day sums' array, rented for exactly 512 slots, must grow even
    /// where the histogram's, rounded up further, still fits), and every day is the row kernel's.
    /// </summary>
    [Fact]
    public void DaysInTimeOrder_PastFiveHundredTwelveDaysInOneCall_EqualRowKernel()
    {
        var columns = Rows(Plan, 12, TwoChunksWithATail, 0.03);
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var observed = columns.ObservedAt;
        var step = 600L * 86_400_000_000_000 / columns.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            observed[i] = start + (i * step);
        }

        var (whole, _) = AssertDaysEqualSmallBatches(columns);
        Assert.InRange(whole.ByDay.Count, 513, 602);
    }

    /// <summary>
    /// The runs update a day's minimum and maximum only for the rows outside bounds taken over the days before the
    /// chunk's runs (widened between runs to the days the chunk adds, once they have rows); every other row adds only its
    /// sums and bin. With the day changing anywhere in a run (from every row to about once in 300, so that runs of one
    /// day have every length and the day changes at every lane of a vector), a few rows a day or thousands, and days
    /// first met in a later chunk among the rows of known days, every day (its minimum and maximum too) is the row
    /// kernel's, bit for bit.
    /// </summary>
    [Property(MaxTest = 6)]
    public void DayExtremes_DayChangesAnywhereInARun_NewDaysInALaterChunk_EqualRowKernel(PositiveInt seed, PositiveInt changeEvery, PositiveInt spread, bool lateDays)
    {
        var columns = Rows(Plan, seed.Get, TwoChunksWithATail, 0.03);
        var random = new Random(seed.Get);
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var every = 1 + (changeEvery.Get % 300);
        var spreadDays = 1 + (spread.Get % 1000);
        var observed = columns.ObservedAt;
        var day = 0L;
        var late = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            if (random.Next(every) == 0)
            {
                // In the last 30,000 rows, one row in eight goes to a day no earlier row has: new days among known ones.
                day = lateDays && i >= columns.Count - 30_000 && random.Next(8) == 0 ? spreadDays + 1 + late++ : random.Next(spreadDays);
            }

            observed[i] = start + (day * 86_400_000_000_000L) + (random.NextInt64(0, 86_400) * 1_000_000_000);
        }

        var (whole, _) = AssertDaysEqualSmallBatches(columns);
        Assert.InRange(whole.ByDay.Count, Math.Min(spreadDays, 2), spreadDays + 1 + late + 1);
        var days = whole.ByDay.Values.Aggregate(ScoreAggregate.Empty, (m, a) => m.Merge(a));
        Assert.Equal(whole.Scored, days.Count);
        Assert.Equal(whole.Total.MinScore, days.MinScore);
        Assert.Equal(whole.Total.MaxScore, days.MaxScore);
    }

    /// <summary>
    /// The day slots are looked up in a pass of their own, which marks the rows whose hour the call has not met yet and
    /// gives them their day after its loop. Whatever the order of the rows (hours first met anywhere in a chunk, or one
    /// after another in time order) and wherever the refused rows lie in time (far outside the call's window of hours,
    /// or before the first accepted row), every day is the row kernel's and no refused row adds a day.
    /// </summary>
    [Property(MaxTest = 6)]
    public void DaySlots_HoursFirstMetAnywhere_RefusedRowsFarInTime_EqualRowKernel(PositiveInt seed, bool timeOrdered, bool refusedFirst)
    {
        var columns = Rows(Plan, seed.Get, TwoChunksWithATail, 0.03);
        var random = new Random(seed.Get);
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var observed = columns.ObservedAt;
        var touchpoints = columns.Touchpoints;
        for (var i = 0; i < columns.Count; i++)
        {
            if (timeOrdered)
            {
                // About 41 seconds apart: each hour is new to the call once, in order, at any place in a chunk.
                observed[i] = start + (i * 41_000_000_000L);
            }

            if ((i < 50 && refusedFirst) || random.Next(40) == 0)
            {
                // Refused (an unknown touchpoint), 150 years later: far outside the call's window of hours.
                touchpoints[i] = -1;
                observed[i] += 150L * 365 * 86_400_000_000_000;
            }
        }

        var (whole, wholeRefusals) = AssertDaysEqualSmallBatches(columns);
        Assert.True(wholeRefusals.Count >= (refusedFirst ? 50 : 1));
        var lastAccepted = EngineTestData.Start.Plus(Duration.FromDays(2 * 365 + 2));
        Assert.All(whole.ByDay.Keys, day => Assert.True(day.AtStartOfDayInZone(EngineTestData.Berlin).ToInstant() < lastAccepted, $"{day} holds only refused rows"));
    }

    /// <summary>
    /// From a call's second chunk on, the day slots are found in pass 1, eight rows at a time: each row's hour in the
    /// call's window computed through a double and corrected by the exact remainder, then one gather of eight slots.
    /// Over three chunks (the last not a whole number of vectors), in UTC (every local midnight a whole hour) and in
    /// Berlin (offset changes in the rows), with instants on whole hours and a nanosecond either side, within two hours
    /// of either end of the 64-bit range, the call's window of hours at either end of the engine's range or in its middle
    /// (a window starting in 2262 with rows of 1677 to follow, or the reverse: each placement in every case), and rows far
    /// outside the window, every day is the row kernel's, from columns and from rows alike.
    /// </summary>
    [Property(MaxTest = 1)]
    public void DaySlotsInPass1_InstantsAnywhereInTheRange_EqualRowKernel(PositiveInt seed)
    {
        const long Hour = 3_600_000_000_000;
        foreach (var zone in new[] { DateTimeZone.Utc, EngineTestData.Berlin })
        {
            for (var placement = 0; placement < 3; placement++)
            {
                AssertDaySlotsInPass1(seed.Get + placement, zone, placement);
            }
        }

        static void AssertDaySlotsInPass1(int seed, DateTimeZone zone, int placement)
        {
            var options = new ScorecardOptions { TimeZone = zone };
            var chunk = CellRunKernel.ChunkRowsFor(Plan, Sequential.CreateScorecardBuilder(options).Accumulator, int.MaxValue);
            var columns = Rows(Plan, seed, Math.Max((3 * chunk) - 1003, 300_003), 0.03);
            var random = new Random(seed);
            var start = UnixTime.ToNanoseconds(EngineTestData.Start);
            var earliest = UnixTime.ToNanoseconds(Instant.FromUtc(1677, 9, 22, 0, 0));
            var latest = UnixTime.ToNanoseconds(Instant.FromUtc(2262, 4, 10, 0, 0));
            var summerTime = UnixTime.ToNanoseconds(Instant.FromUtc(2025, 3, 30, 1, 0));
            var first = placement switch { 0 => earliest + Hour, 1 => latest - Hour, _ => start + (400 * 24 * Hour) };
            var observed = columns.ObservedAt;
            for (var i = 0; i < columns.Count; i++)
            {
                var edge = random.Next(3) - 1;
                observed[i] = i < 20 ? first : random.Next(12) switch
                {
                    0 or 1 => start + (random.NextInt64(0, 2 * 365 * 24) * Hour) + edge,
                    2 => earliest + (random.NextInt64(0, 400 * 24) * Hour) + edge,
                    3 => latest - (random.NextInt64(1, 400 * 24) * Hour) + edge,
                    4 => summerTime + random.NextInt64(-Hour, 2 * Hour),
                    5 => observed[i] + (150L * 365 * 24 * Hour),
                    6 => long.MinValue + random.NextInt64(0, 2 * Hour),
                    7 => long.MaxValue - random.NextInt64(0, 2 * Hour),
                    _ => observed[i] + random.Next(1_000_000_000),
                };
            }

            var (whole, _) = AssertDaysEqualSmallBatches(columns, options);
            var fromRows = Sequential.CreateScorecardBuilder(options);
            Sequential.Score(Enumerable.Range(0, columns.Count).Select(columns.GetRow).ToArray(), fromRows);
            var rows = fromRows.Build();
            Assert.Equal(whole, rows);
            Assert.Equal(whole.ByDay, rows.ByDay);
            Assert.Contains(whole.ByDay.Keys, day => day.Year == 1677);
            Assert.Contains(whole.ByDay.Keys, day => day.Year == 2262);
        }
    }

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/Santiago")]
    [InlineData("Etc/UTC")]
    public void LargeBatch_DaysInAnyZone_EqualsSmallBatches(string zone)
    {
        // Kolkata (UTC+5:30) has a local midnight inside one UTC hour a day, whose outcomes cannot share the hour's day.
        var options = new ScorecardOptions { TimeZone = NodaTime.DateTimeZoneProviders.Tzdb[zone] };
        var columns = Rows(Plan, 11, TwoChunksWithATail, 0.05);
        AssertKernel(CellRunsSupported, Sequential, columns, options);
        var (whole, wholeRefusals) = ScoreInBatches(Sequential, columns, columns.Count, options);
        var (small, smallRefusals) = ScoreInBatches(Sequential, columns, 1000, options);
        Assert.Equal(small, whole);
        Assert.Equal(smallRefusals, wholeRefusals);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParallelPath_LargeBatch_EqualsSequential(bool days)
    {
        var options = days ? Days : NoPeriods;
        var columns = Rows(Plan, 6, 300_000, 0.05);
        var parallel = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 2 });
        var builder = parallel.CreateScorecardBuilder(options);

        // Each of the two partitions is large enough for cell runs, and these rows take them where they can.
        Assert.Equal(CellRunsSupported, CellRunKernel.ChunkRowsFor(Plan, builder.Accumulator, columns.Count / 2) > 0);
        AssertKernel(CellRunsSupported, Sequential, columns, options);
        parallel.ScoreColumns(columns, builder);
        var (expected, _) = ScoreInBatches(Sequential, columns, 1000, options);
        Assert.Equal(expected, builder.Build());
    }

    [Fact]
    public void ManyMeasures_LimitsLookedUpOneByOne_EqualsRowKernel()
    {
        var plan = ScoringPlan.Compile(ManyMeasures(12));
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var random = new Random(7);
        var columns = new OutcomeColumns(150_000);
        for (var i = 0; i < columns.Capacity; i++)
        {
            var measure = random.Next(12);
            var value = random.Next(100) == 0 ? -1 : random.NextDouble() * 3 * (measure + 1);
            columns.Add(new OutcomeRow(random.Next(3), measure, value, i * 1_000_000_000L, OutcomeRow.NoSegment, 0));
        }

        AssertKernel(CellRunsSupported, engine, columns, NoPeriods);
        var (whole, wholeRefusals) = ScoreInBatches(engine, columns, columns.Count);
        var (small, smallRefusals) = ScoreInBatches(engine, columns, 1000);
        Assert.Equal(small, whole);
        Assert.Equal(smallRefusals, wholeRefusals);
        Assert.NotEmpty(wholeRefusals);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LargeBatch_LetterVsSpirit_EqualsTryScorePerOutcome(bool days)
    {
        var options = days ? Days : NoPeriods;
        var columns = Rows(Plan, 4, 200_000, 0.05);
        var builder = Sequential.CreateScorecardBuilder(options);
        Sequential.ScoreColumns(columns, builder);
        var scorecard = builder.Build();
        var perTouchpoint = new List<GapResult>[Plan.TouchpointCount];
        for (var t = 0; t < perTouchpoint.Length; t++)
        {
            perTouchpoint[t] = [];
        }

        var all = new List<GapResult>();
        for (var i = 0; i < columns.Count; i++)
        {
            var row = columns.GetRow(i);
            if (Plan.TryScore(row, out var result, out _))
            {
                perTouchpoint[row.TouchpointIndex].Add(result);
                all.Add(result);
            }
        }

        for (var t = 0; t < perTouchpoint.Length; t++)
        {
            LetterReference.AssertLetter(perTouchpoint[t], scorecard.ByTouchpoint[t]);
        }

        LetterReference.AssertLetter(all, scorecard.Total);
        Assert.True(scorecard.Total.KeptButMissedCount + scorecard.Total.BrokenYetSatisfiedCount > 0, "the data exercise the letter-vs-spirit counts");
        if (days)
        {
            var byDay = scorecard.ByDay.Values.Aggregate(ScoreAggregate.Empty, (m, a) => m.Merge(a));
            LetterReference.AssertLetter(all, byDay);
        }
    }

    [Fact]
    public void ManyCells_SeveralChunksAndAShortLastOne_EqualsRowKernel()
    {
        // 3,000 touchpoints × 2 measures, grouped by blocks of cells: chunks of 262,136 rows (6,000 cells × 64 rounded
        // down to a power of two, less a vector), and a last chunk of 15,728 rows that the row kernel takes.
        var plan = ScoringPlan.Compile(ManyTouchpoints(3000));
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var random = new Random(8);
        var columns = new OutcomeColumns(540_000);
        for (var i = 0; i < columns.Capacity; i++)
        {
            var measure = random.Next(2);
            var value = measure == 0 ? random.NextDouble() * 4 * 3600 : random.Next(1, 6);
            columns.Add(new OutcomeRow(random.Next(3000), measure, value, i * 1_000_000_000L, OutcomeRow.NoSegment, 0));
        }

        AssertKernel(CellRunsSupported, engine, columns, NoPeriods);
        var (whole, _) = ScoreInBatches(engine, columns, columns.Count);
        var (small, _) = ScoreInBatches(engine, columns, 1000);
        Assert.Equal(small, whole);
        Assert.Equal(columns.Count, whole.Scored);
    }

    /// <summary>
    /// With many cells, chunks are grouped by blocks of cells first: whether the cell count is a whole number of blocks
    /// (1,024 or 8,192 cells: the slow bucket opens a block of its own) or not (2,000 cells: it ends the last block), up
    /// to 20,000 cells in chunks of 1,048,568 rows, with days or without, every cell's and every day's aggregate is the
    /// row kernel's bit for bit, refusals come in index order, and nothing is lost.
    /// </summary>
    [Theory]
    [InlineData(512, 300_000, false)]
    [InlineData(1000, 300_000, false)]
    [InlineData(10_000, 1_100_000, false)]
    [InlineData(4096, 600_000, true)]
    [InlineData(10_000, 1_100_000, true)]
    public void ManyCells_GroupedByBlocks_EqualsRowKernel(int touchpoints, int count, bool days)
    {
        var options = days ? Days : NoPeriods;
        var plan = ScoringPlan.Compile(ManyTouchpoints(touchpoints));
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var columns = ManyTouchpointRows(plan, touchpoints, count, 0.02, hotTouchpoints: 0, spreadDays: 365);
        var sink = engine.CreateScorecardBuilder(options).Accumulator;
        Assert.True(CellRunKernel.InBlocks(plan, sink));
        Assert.Equal(CellRunsSupported, CellRunKernel.ChunkRowsFor(plan, sink, count) > 0);
        AssertKernel(CellRunsSupported, engine, columns, options);

        var (whole, wholeRefusals) = ScoreInBatches(engine, columns, columns.Count, options);
        var (small, smallRefusals) = ScoreInBatches(engine, columns, 1000, options);
        Assert.Equal(days, whole.ByDay.Count > 300);
        Assert.Equal(small.ByDay, whole.ByDay);
        Assert.Equal(small, whole);
        Assert.Equal(smallRefusals, wholeRefusals);
        Assert.Equal(wholeRefusals.OrderBy(r => r.Index), wholeRefusals);
        Assert.Equal(columns.Count, whole.Received);
        Assert.Equal(whole.Received, whole.Scored + whole.Rejected);
        Assert.True(whole.Rejected > 0);
        Assert.Equal(touchpoints, whole.ByTouchpoint.Count(t => t.Count > 0));
    }

    /// <summary>
    /// Grouped by blocks of cells, any number of cells (from 1,024 to 10,000 without days, from 8,192 to 12,190 with),
    /// any spread of rows over them (even, or nearly all on a few touchpoints, so that one block holds most of a chunk)
    /// and over time (random over up to three years, or in time order as exports often are) give the row kernel's
    /// scorecard, every day included.
    /// </summary>
    [Property(MaxTest = 6)]
    public void ManyCells_AnyCountSkewAndDays_GroupedByBlocks_EqualsRowKernel(PositiveInt seed, PositiveInt cells, bool skewed, bool days, bool timeOrdered)
    {
        var options = days ? Days : NoPeriods;
        var touchpoints = days ? 4096 + (cells.Get % 2000) : 512 + (cells.Get % 4489);
        var plan = ScoringPlan.Compile(ManyTouchpoints(touchpoints));
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        Assert.True(CellRunKernel.InBlocks(plan, engine.CreateScorecardBuilder(options).Accumulator));
        var columns = ManyTouchpointRows(plan, seed.Get, 600_000, 0.03, hotTouchpoints: skewed ? 3 : 0, spreadDays: timeOrdered ? 0 : 1 + (seed.Get % 1100));

        var (whole, wholeRefusals) = ScoreInBatches(engine, columns, columns.Count, options);
        var (small, smallRefusals) = ScoreInBatches(engine, columns, 1000, options);
        Assert.Equal(small.ByDay, whole.ByDay);
        Assert.Equal(small, whole);
        Assert.Equal(smallRefusals, wholeRefusals);
        Assert.Equal(columns.Count, whole.Scored + whole.Rejected);
    }

    /// <summary>
    /// The move into blocks counts each cell's rows in 16 bits, exact only in a block of fewer than 2¹⁶ rows; a block of
    /// more is counted again from its places. With one chunk's first block holding just under, exactly or just over 2¹⁶
    /// rows, all on one cell (whose 16-bit count wraps past 2¹⁶) or spread over the block's cells, and the rest of the
    /// chunk spread over the other blocks, with days or without, the scorecard is the row kernel's and nothing is lost.
    /// </summary>
    [Theory]
    [InlineData(65_535, true, false)]
    [InlineData(65_536, true, false)]
    [InlineData(65_537, true, false)]
    [InlineData(65_535, false, false)]
    [InlineData(65_536, false, false)]
    [InlineData(65_537, false, false)]
    [InlineData(65_535, true, true)]
    [InlineData(65_536, true, true)]
    [InlineData(65_537, true, true)]
    [InlineData(65_535, false, true)]
    [InlineData(65_536, false, true)]
    [InlineData(65_537, false, true)]
    public void ManyCells_ABlockAroundTwoToTheSixteenRows_EqualsRowKernel(int hot, bool oneCell, bool days)
    {
        var options = days ? Days : NoPeriods;
        var touchpoints = days ? 4096 : 1024;
        var plan = ScoringPlan.Compile(ManyTouchpoints(touchpoints));
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var sink = engine.CreateScorecardBuilder(options).Accumulator;
        Assert.True(CellRunKernel.InBlocks(plan, sink));
        var chunk = CellRunKernel.ChunkRowsFor(plan, sink, int.MaxValue);
        var count = CellRunsSupported ? chunk : 2 * (1 << 16);
        var random = new Random(hot + (oneCell ? 10 : 0) + (days ? 20 : 0));
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var hotRows = new bool[count];
        foreach (var r in Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(hot))
        {
            hotRows[r] = true;
        }

        // Touchpoints 0 to 63 are the first block's 128 cells (two measures each); the others are in later blocks.
        var columns = new OutcomeColumns(count);
        for (var i = 0; i < count; i++)
        {
            var touchpoint = hotRows[i] ? (oneCell ? 0 : random.Next(64)) : 64 + random.Next(touchpoints - 64);
            var measure = hotRows[i] && oneCell ? 1 : random.Next(2);
            var value = measure == 0 ? random.NextDouble() * 4 * 3600 : random.Next(1, 6);
            columns.Add(new OutcomeRow(touchpoint, measure, value, start + (random.NextInt64(0, 90L * 86400) * 1_000_000_000L), OutcomeRow.NoSegment, 0));
        }

        AssertKernel(CellRunsSupported, engine, columns, options);
        var (whole, _) = ScoreInBatches(engine, columns, columns.Count, options);
        var (small, _) = ScoreInBatches(engine, columns, 1000, options);
        Assert.Equal(small.ByDay, whole.ByDay);
        Assert.Equal(small, whole);
        Assert.Equal(count, whole.Scored);
        Assert.Equal(hot, whole.ByTouchpoint.Take(64).Sum(t => t.Count));
    }

    /// <summary>
    /// Grouping one block by cell (places read four at a time, the last one to three rows one by one): for any number of
    /// rows and of places, even or nearly all rows on two places, each place's run holds exactly the values of the rows
    /// with that place, in row order, the bounds are the running counts, and no row is lost or repeated.
    /// </summary>
    [Property(MaxTest = 60)]
    public void GroupBlock_AnyPlaces_IsTheStablePartitionByPlace(PositiveInt seed, NonNegativeInt rowCount, PositiveInt keyCount, bool skewed)
    {
        var rows = rowCount.Get % 3000;
        var keys = 1 + (keyCount.Get % 129);
        var random = new Random(seed.Get);
        var places = new byte[rows + 4];
        var values = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            places[i] = (byte)random.Next(skewed ? Math.Min(2, keys) : keys);
            values[i] = i + random.NextDouble();
        }

        var fill = new int[256];
        var bounds = new int[257];
        var run = new double[rows + 8];
        CellRunKernel.GroupBlock(ref places[0], ref values.AsSpan().GetPinnableReference(), rows, keys, ref fill[0], ref bounds[0], ref run[0]);

        Assert.Equal(0, bounds[0]);
        Assert.Equal(rows, bounds[keys]);
        for (var l = 0; l < keys; l++)
        {
            var expected = Enumerable.Range(0, rows).Where(i => places[i] == l).Select(i => values[i]).ToArray();
            Assert.Equal(expected, run[bounds[l]..bounds[l + 1]]);
        }
    }

    [Fact]
    public void HandlerThrows_LargeBatch_CountsStayConsistentForTheNextCall()
    {
        var columns = Rows(Plan, 9, 150_000, 0.05);
        AssertKernel(CellRunsSupported, Sequential, columns, NoPeriods);
        var builder = Sequential.CreateScorecardBuilder(NoPeriods);
        var calls = 0;
        Assert.Throws<InvalidOperationException>(() => Sequential.ScoreColumns(columns, builder, (_, _) =>
        {
            if (++calls == 3)
            {
                throw new InvalidOperationException("handler failed");
            }
        }));
        var afterFailure = builder.Build();
        Assert.Equal(afterFailure.Scored + afterFailure.Rejected, afterFailure.Received);
        Assert.InRange(afterFailure.Received, 1, columns.Count - 1);

        var result = Sequential.ScoreColumns(columns, builder);
        Assert.Equal(columns.Count, result.Received);
        Assert.Equal(afterFailure.Received + columns.Count, builder.Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HandlerThrowsAtARefusal_NothingAfterItIsCounted(bool days)
    {
        var columns = Rows(Plan, 12, 200_000, 0.05);
        AssertKernel(CellRunsSupported, Sequential, columns, days ? Days : NoPeriods);
        var builder = Sequential.CreateScorecardBuilder(days ? Days : NoPeriods);
        var refusals = 0;
        long failedAt = -1;
        Assert.Throws<InvalidOperationException>(() => Sequential.ScoreColumns(columns, builder, (index, _) =>
        {
            if (++refusals == 40)
            {
                failedAt = index;
                throw new InvalidOperationException("handler failed");
            }
        }));

        // As the row kernel: the refused outcome is counted, none after it (the chunk's fast rows come after its slow ones).
        Assert.InRange(failedAt, 1, columns.Count - 1);
        Assert.Equal(40, builder.Rejected);
        Assert.InRange(builder.Received, 40, failedAt + 1);
    }

    /// <summary>
    /// A handler that throws at a refusal in a call's second chunk, whose rows fall on days the first chunk has none of:
    /// the second chunk's fast rows are not counted (its slow rows come first), and none of their days is added to the
    /// scorecard either, so every day the scorecard lists holds outcomes, as with the row kernel.
    /// </summary>
    [Fact]
    public void HandlerThrowsInALaterChunk_AddsNoDayWithoutOutcomes()
    {
        var chunk = (TwoChunksWithATail + 1003) / 2;
        var rows = Rows(Plan, 31, TwoChunksWithATail, 0.0, spreadDays: 30);
        var columns = new OutcomeColumns(rows.Count);
        const long Later = 400L * 86_400_000_000_000;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows.GetRow(i);
            var value = i == chunk + 100 ? double.NaN : row.Value;
            columns.Add(new OutcomeRow(row.TouchpointIndex, row.MeasureIndex, value, row.ObservedAtNanoseconds + (i >= chunk ? Later : 0), row.SegmentIndex, row.CustomerKey));
        }

        var builder = Sequential.CreateScorecardBuilder(Days);
        Assert.Throws<InvalidOperationException>(() => Sequential.ScoreColumns(columns, builder, (_, _) => throw new InvalidOperationException("handler failed")));
        Assert.Equal(1, builder.Rejected);
        var scorecard = builder.Build();
        Assert.NotEmpty(scorecard.ByDay);
        Assert.All(scorecard.ByDay, day => Assert.True(day.Value.Count > 0, $"{day.Key} lists no outcome"));
        if (!CellRunsSupported)
        {
            return;
        }

        // The cell-run kernel scores a chunk's slow rows first, so none of the second chunk's fast rows is counted.
        var lastOfFirstChunk = EngineTestData.Start.Plus(Duration.FromDays(31));
        Assert.All(scorecard.ByDay.Keys, day => Assert.True(day.AtStartOfDayInZone(EngineTestData.Berlin).ToInstant() < lastOfFirstChunk, $"{day} is a day of the chunk not kept"));
    }

    /// <summary>
    /// Asserts which kernel scores <paramref name="columns"/> as one batch, seen from outside. A probe row past the first
    /// 4,096 is made refusable (a NaN value); when the handler hears of the first refusal at or after it, the row kernel
    /// has added every 512-row block before the refused row to the scorecard, so most rows before it are scored, while
    /// the cell-run kernel scores a chunk's slow rows before any of its fast ones, so at most its slow rows (under a
    /// quarter of the chunk, or it falls back) are.
    /// </summary>
    private static void AssertKernel(bool cellRuns, ScoringEngine engine, OutcomeColumns columns, ScorecardOptions options)
    {
        const int Probe = 5000;
        var probe = new OutcomeColumns(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var row = columns.GetRow(i);
            probe.Add(i == Probe ? new OutcomeRow(row.TouchpointIndex, row.MeasureIndex, double.NaN, row.ObservedAtNanoseconds, row.SegmentIndex, row.CustomerKey) : row);
        }

        var builder = engine.CreateScorecardBuilder(options);
        long refusedAt = -1;
        long scoredBefore = -1;
        Assert.Throws<ProbeReached>(() => engine.ScoreColumns(probe, builder, (index, _) =>
        {
            if (index >= 4096)
            {
                refusedAt = index;
                scoredBefore = builder.Scored;
                throw new ProbeReached();
            }
        }));

        Assert.InRange(refusedAt, 4096, Probe);
        var tookCellRuns = scoredBefore < refusedAt / 2;
        Assert.True(cellRuns == tookCellRuns, $"expected the {(cellRuns ? "cell-run" : "row")} kernel; {scoredBefore} of the {refusedAt} rows before the first refusal past row 4,096 were scored");
    }

    private sealed class ProbeReached : Exception;

    /// <summary>
    /// Scores <paramref name="columns"/> with days (<see cref="Days"/> unless <paramref name="options"/> are given) in one
    /// call (the cell-run kernel) and in batches of 1,000 (the row kernel), asserts the two scorecards, their days and
    /// their refusals are equal, and returns the one call's.
    /// </summary>
    private static (Scorecard Scorecard, List<(long Index, RejectionReason Reason)> Refusals) AssertDaysEqualSmallBatches(OutcomeColumns columns, ScorecardOptions? options = null)
    {
        options ??= Days;
        AssertKernel(CellRunsSupported, Sequential, columns, options);
        var (whole, wholeRefusals) = ScoreInBatches(Sequential, columns, columns.Count, options);
        var (small, smallRefusals) = ScoreInBatches(Sequential, columns, 1000, options);
        Assert.Equal(small, whole);
        Assert.Equal(small.ByDay, whole.ByDay);
        Assert.Equal(smallRefusals, wholeRefusals);
        return (whole, wholeRefusals);
    }

    /// <summary>Scores the columns in batches of <paramref name="batch"/> rows; returns the scorecard and the refusals in the order the handler saw them.</summary>
    private static (Scorecard Scorecard, List<(long Index, RejectionReason Reason)> Refusals) ScoreInBatches(ScoringEngine engine, OutcomeColumns columns, int batch, ScorecardOptions? options = null)
    {
        var builder = engine.CreateScorecardBuilder(options ?? NoPeriods);
        var refusals = new List<(long, RejectionReason)>();
        for (var from = 0; from < columns.Count; from += batch)
        {
            var to = Math.Min(columns.Count, from + batch);
            var offset = from;
            engine.ScoreColumns(from == 0 && to == columns.Count ? columns : Slice(columns, from, to), builder, (index, reason) => refusals.Add((offset + index, reason)));
        }

        return (builder.Build(), refusals);
    }

    private static OutcomeColumns Slice(OutcomeColumns columns, int from, int to)
    {
        var slice = new OutcomeColumns(Math.Max(1, to - from));
        for (var i = from; i < to; i++)
        {
            slice.Add(columns.GetRow(i));
        }

        return slice;
    }

    /// <summary>
    /// Random rows of the engine test model (bulk filler drawn from <paramref name="seed"/>), mostly on fast cells; with probability <paramref name="faultRate"/> a row
    /// is one the cell-run kernel hands to the row kernel: an index out of range, NaN or out-of-range value, an own
    /// promise or request instant, a yes/no or nearer-to-target measure, or a cell that is not fast.
    /// </summary>
    /// <remarks>
    /// Rows are observed at random over <paramref name="spreadDays"/> days from the test data's start; a share
    /// <paramref name="farShare"/> of them about 250 years later, beyond the accumulator's window of consecutive days.
    /// </remarks>
    private static OutcomeColumns Rows(ScoringPlan plan, int seed, int count, double faultRate, int spreadDays = 2 * 365, double farShare = 0)
    {
        var random = new Random(seed);
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var columns = new OutcomeColumns(count);
        var fastMeasures = new[] { "transfers", "accuracy", "wait" }.Select(plan.MeasureIndex).ToArray();
        var slowMeasures = new[] { "fcr", "amount", "delivery", "orphan", "csat" }.Select(plan.MeasureIndex).ToArray();
        var wait = plan.MeasureIndex("wait");
        var chat = plan.TouchpointIndex("chat-help");
        for (var i = 0; i < count; i++)
        {
            var observed = start + (random.NextInt64(0, (long)spreadDays * 86400) * 1_000_000_000);
            observed += random.NextDouble() < farShare ? 250L * 365 * 86_400_000_000_000 : 0;
            var fault = random.NextDouble() < faultRate ? random.Next(9) : -1;
            var touchpoint = fault == 0 ? (random.Next(2) == 0 ? -1 : plan.TouchpointCount + 3) : random.Next(plan.TouchpointCount);
            var measure = fault == 1 ? 99 : fault == 2 ? slowMeasures[random.Next(slowMeasures.Length)] : fastMeasures[random.Next(fastMeasures.Length)];
            var segment = fault == 3 ? 7 : random.Next(3) - 1;
            if (measure == wait && fault != 4)
            {
                // Chat waits and business waits have promises valid part of the time: not fast cells. Keep them for fault 4.
                touchpoint = touchpoint == chat ? (chat + 1) % plan.TouchpointCount : touchpoint;
                segment = segment == plan.SegmentIndex("business") ? OutcomeRow.NoSegment : segment;
            }

            var value = EngineTestData.ValueOf(measure < plan.MeasureCount ? plan.Model.Measures[measure].Id : "unknown", random);
            value = fault == 5 ? double.NaN : fault == 6 ? -7 : value;
            columns.Add(new OutcomeRow(touchpoint, measure, value, observed, segment, random.Next(40)));
            if (fault == 7)
            {
                columns.SetPromisedLevel(i, random.NextDouble() * 3);
            }
            else if (fault == 8)
            {
                columns.SetRequestedAt(i, observed - (random.Next(1, 72) * 3_600_000_000_000L));
            }
        }

        return columns;
    }

    /// <summary>The share of rows the cell-run kernel cannot score itself, by the rules in its documentation.</summary>
    private static double SlowShare(ScoringPlan plan, OutcomeColumns columns)
    {
        var slow = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var row = columns.GetRow(i);
            var t = row.TouchpointIndex;
            var m = row.MeasureIndex;
            var s = row.SegmentIndex + 1;
            var fast = (uint)t < (uint)plan.TouchpointCount && (uint)m < (uint)plan.MeasureCount && (uint)s < (uint)plan.SegmentSlots
                && (!columns.HasOptional || columns.FlagColumn![i] == 0)
                && plan.MeasureLimits[m].Flags == 0 && row.Value >= plan.MeasureLimits[m].Low && row.Value <= plan.MeasureLimits[m].High
                && !double.IsNaN(plan.FastCells[(((t * plan.MeasureCount) + m) * plan.SegmentSlots) + s].SignedInverseScale);
            slow += fast ? 0 : 1;
        }

        return (double)slow / columns.Count;
    }

    /// <summary>
    /// Random rows of <see cref="ManyTouchpoints"/>: waits and ratings on any touchpoint (or, with
    /// <paramref name="hotTouchpoints"/> above 0, nine rows in ten on the first few), and with probability
    /// <paramref name="faultRate"/> a row the cell-run kernel hands to the row kernel: a touchpoint or measure out of
    /// range, a NaN or out-of-range value, a segment the model does not have, or an own promised level. Rows are observed
    /// at random over <paramref name="spreadDays"/> days from the test data's start, or, when it is 0, one second apart
    /// in index order (about 7 days per 600,000 rows).
    /// </summary>
    private static OutcomeColumns ManyTouchpointRows(ScoringPlan plan, int seed, int count, double faultRate, int hotTouchpoints, int spreadDays)
    {
        var random = new Random(seed);
        var start = UnixTime.ToNanoseconds(EngineTestData.Start);
        var touchpoints = plan.TouchpointCount;
        var columns = new OutcomeColumns(count);
        for (var i = 0; i < count; i++)
        {
            var fault = random.NextDouble() < faultRate ? random.Next(6) : -1;
            var touchpoint = hotTouchpoints > 0 && random.Next(10) != 0 ? random.Next(hotTouchpoints) : random.Next(touchpoints);
            touchpoint = fault == 0 ? (random.Next(2) == 0 ? -1 : touchpoints + 3) : touchpoint;
            var measure = fault == 1 ? 2 : random.Next(2);
            var value = measure == 0 ? random.NextDouble() * 4 * 3600 : random.Next(1, 6);
            value = fault == 2 ? double.NaN : fault == 3 ? -5 : value;
            var segment = fault == 4 ? 0 : OutcomeRow.NoSegment;
            var observed = start + ((spreadDays == 0 ? i : random.NextInt64(0, (long)spreadDays * 86400)) * 1_000_000_000L);
            columns.Add(new OutcomeRow(touchpoint, measure, value, observed, segment, 0));
            if (fault == 5)
            {
                columns.SetPromisedLevel(i, random.NextDouble() * 3);
            }
        }

        return columns;
    }

    private static ScoringModel ManyMeasures(int measures)
    {
        var builder = ScoringModel.CreateBuilder("many-measures")
            .AddTouchpoint("a", JourneyStage.Purchase, Channel.Web)
            .AddTouchpoint("b", JourneyStage.Support, Channel.Chat)
            .AddTouchpoint("c", JourneyStage.Billing, Channel.Letter);
        for (var m = 0; m < measures; m++)
        {
            builder.AddMeasure(Measure.Count($"m{m}", m + 1))
                .AddPromise(new Promise($"p{m}", $"m{m}", m + 1, PromiseSource.Implicit))
                .AddExpectation(new Expectation($"m{m}", ExpectationLevel.Absolute(2 * (m + 1)), ExpectationLevel.Absolute(0)));
        }

        return builder.Build();
    }

    private static ScoringModel ManyTouchpoints(int touchpoints)
    {
        var builder = ScoringModel.CreateBuilder("many-touchpoints")
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
            .AddMeasure(Measure.Rating("csat", 5, 4));
        for (var t = 0; t < touchpoints; t++)
        {
            builder.AddTouchpoint($"tp{t}", (JourneyStage)(t % 9), Channel.WellKnown[t % Channel.WellKnown.Count]);
        }

        return builder
            .AddPromise(Promise.OfDuration("wait-2h", "wait", Duration.FromHours(2), PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("wait", ExpectationLevel.RelativeToPromise(Duration.FromMinutes(30)), ExpectationLevel.Absolute(Duration.FromMinutes(10))))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .Build();
    }
}
