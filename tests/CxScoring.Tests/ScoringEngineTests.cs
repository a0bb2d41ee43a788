using System.Collections.Concurrent;
using Channels = System.Threading.Channels;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests;

public class ScoringEngineTests
{
    /// <summary>
    /// Two duration measures in working time of a London office with bank holidays: "wait", whose promise ("within 2
    /// business hours") and zone (adequate 2½ business hours, desired 10 business minutes) are in business time, and
    /// "reply", whose promise ("by 17:00 on the next working day") and zone (adequate the third working day, desired the
    /// next) count working days. Every outcome resolves its levels on the calendar, on the plan's general path.
    /// </summary>
    private static readonly ScoringModel WorkingTimeModel = ScoringModel.CreateBuilder("working-time")
        .AddMeasure(Measure.Duration("wait", NodaTime.Duration.FromHours(1)))
        .AddMeasure(Measure.Duration("reply", NodaTime.Duration.FromHours(8)))
        .AddTouchpoint("phone", JourneyStage.Support, Channel.Phone)
        .AddTouchpoint("chat", JourneyStage.Support, Channel.Chat)
        .AddPromise(Promise.OfBusinessTime("wait-2h", "wait", new BusinessTimeLimit(NodaTime.Duration.FromHours(2), Calendars.CalendarFixtures.UkOffice), PromiseSource.ServiceLevelAgreement))
        .AddExpectation(new Expectation(
            "wait",
            ExpectationLevel.InBusinessTime(new BusinessTimeLimit(NodaTime.Duration.FromMinutes(150), Calendars.CalendarFixtures.UkOffice)),
            ExpectationLevel.InBusinessTime(new BusinessTimeLimit(NodaTime.Duration.FromMinutes(10), Calendars.CalendarFixtures.UkOffice))))
        .AddPromise(new Promise("reply-next-day", "reply", 0, PromiseSource.ServiceLevelAgreement, deadline: ZonedDeadline.OnWorkingDay(new NodaTime.LocalTime(17, 0), Calendars.CalendarFixtures.UkOffice, 1)))
        .AddExpectation(new Expectation(
            "reply",
            ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new NodaTime.LocalTime(17, 0), Calendars.CalendarFixtures.UkOffice, 3)),
            ExpectationLevel.ByDeadline(ZonedDeadline.OnWorkingDay(new NodaTime.LocalTime(17, 0), Calendars.CalendarFixtures.UkOffice, 1))))
        .Build();

    [Fact]
    public void ScoreColumns_WorkingTimeCells_AllocateNothingPerOutcome()
    {
        var engine = new ScoringEngine(ScoringPlan.Compile(WorkingTimeModel), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var options = new ScorecardOptions { ByPeriod = false };
        var small = WorkingTimeColumns(1_000);
        var large = WorkingTimeColumns(100_000);

        long SecondCall(OutcomeColumns columns)
        {
            // The first call builds what is built once (the calendar's year tables, the kernel's buffers). The least
            // of eight later calls is taken: the runtime may allocate now and then on the calling thread for itself
            // (a method recompiled by tiered compilation; a pooled buffer trimmed by a collection and rented again,
            // which under the memory pressure of the whole test run can happen in two or three calls running), while
            // an allocation per outcome would show in every call.
            engine.ScoreColumns(columns, engine.CreateScorecardBuilder(options));
            var least = long.MaxValue;
            for (var call = 0; call < 8; call++)
            {
                var builder = engine.CreateScorecardBuilder(options);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var result = engine.ScoreColumns(columns, builder);
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.Equal(columns.Count, result.Scored);
                Assert.Equal(columns.Count, builder.Scored);
            }

            return least;
        }

        var fewRows = SecondCall(small);
        var manyRows = SecondCall(large);
        Assert.True(Math.Abs(manyRows - fewRows) < 400, $"1,000 rows allocated {fewRows} B and 100,000 rows {manyRows} B: the difference grows with the rows.");
    }

    private static OutcomeColumns WorkingTimeColumns(int rows)
    {
        var random = new Random(7);
        var columns = new OutcomeColumns(rows);
        var start = UnixTime.ToNanoseconds(NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0));
        for (var i = 0; i < rows; i++)
        {
            var observed = start + (random.NextInt64(0, 365L * 86400) * 1_000_000_000);
            columns.Add(new OutcomeRow(random.Next(2), random.Next(2), random.NextDouble() * 4 * 3600, observed, OutcomeRow.NoSegment, 0));
        }

        return columns;
    }

    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);
    private static readonly ScoringEngine Sequential = new(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
    private static readonly ScorecardOptions Calendar = new() { TimeZone = EngineTestData.Berlin };

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 25)]
    public void Score_RandomOutcomes_ScoredPlusRejectedEqualsReceived_ReasonsMatchModel(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var expected = new long[Enum.GetValues<RejectionReason>().Length];
        var expectedScored = 0;
        foreach (var outcome in outcomes)
        {
            if (EngineTestData.Model.TryScore(outcome, out _, out var reason))
            {
                expectedScored++;
            }
            else
            {
                expected[(int)reason]++;
            }
        }

        var seen = new ConcurrentDictionary<long, RejectionReason>();
        var builder = Sequential.CreateScorecardBuilder(Calendar);
        var result = Sequential.ScoreOutcomes(outcomes, builder, (index, reason) => Assert.True(seen.TryAdd(index, reason)));
        var scorecard = builder.Build();

        Assert.Equal(outcomes.Length, result.Received);
        Assert.Equal(outcomes.Length, scorecard.Received);
        Assert.Equal(expectedScored, scorecard.Scored);
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            Assert.Equal(expected[(int)reason], scorecard.RejectedBy(reason));
        }

        Assert.Equal(scorecard.Rejected, seen.Count);
        foreach (var (index, reason) in seen)
        {
            Assert.False(EngineTestData.Model.TryScore(outcomes[index], out _, out var modelReason));
            Assert.Equal(modelReason, reason);
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 20)]
    public void Score_RandomOutcomes_AggregatesMatchModelScores(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var builder = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreOutcomes(outcomes, builder);
        var scorecard = builder.Build();
        var felt = EngineTestData.Model.FeltValue;

        for (var t = 0; t < Plan.TouchpointCount; t++)
        {
            var id = EngineTestData.Model.Touchpoints[t].Id;
            var scores = new List<GapResult>();
            foreach (var outcome in outcomes)
            {
                if (outcome.TouchpointId == id && EngineTestData.Model.TryScore(outcome, out var r, out _))
                {
                    scores.Add(r);
                }
            }

            var a = scorecard.ByTouchpoint[t];
            Assert.Equal(scores.Count, a.Count);
            Assert.Equal(scores.Count(r => r.Zone == Zone.Below), a.BelowCount);
            Assert.Equal(scores.Count(r => r.Zone == Zone.Above), a.AboveCount);
            Assert.Equal(scores.Count(r => r.PromiseKept), a.PromisesKept);
            Assert.Equal(scores.Aggregate(Int128.Zero, (s, r) => s + (long)(r.Score * ScoreAggregate.FixedPointOne)), a.ScoreSumFixed);
            LetterReference.AssertLetter(scores, a);
            if (scores.Count > 0)
            {
                Assert.Equal(scores.Min(r => r.Score), a.MinScore);
                Assert.Equal(scores.Max(r => r.Score), a.MaxScore);
                Assert.Equal(scores.Average(r => r.Score), a.ScoreMean, tolerance: 1e-9);
                Assert.Equal(scores.Average(r => felt.Evaluate(r.Score)), a.FeltMean, tolerance: 1e-4);
                var mean = scores.Average(r => r.Score);
                Assert.Equal(scores.Average(r => (r.Score - mean) * (r.Score - mean)), a.ScoreVariance, tolerance: 1e-8);
            }
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 15)]
    public void ThreeWaysIn_SameOutcomes_GiveIdenticalScorecards(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var rows = outcomes.Select(o => Plan.ToRow(o)).ToArray();

        var byOutcomes = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreOutcomes(outcomes, byOutcomes);

        var byRows = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.Score(rows, byRows);

        var byColumns = Sequential.CreateScorecardBuilder(Calendar);
        var columns = new OutcomeColumns(256);
        foreach (var chunk in rows.Chunk(256))
        {
            columns.Clear();
            foreach (var row in chunk)
            {
                columns.Add(row);
            }

            Sequential.ScoreColumns(columns, byColumns);
        }

        var byStream = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreAsync(outcomes.ToAsyncEnumerable(), byStream).GetAwaiter().GetResult();

        var channel = Channels.Channel.CreateBounded<Outcome>(64);
        var byChannel = Sequential.CreateScorecardBuilder(Calendar);
        var reading = Sequential.ScoreChannelAsync(channel.Reader, byChannel);
        foreach (var outcome in outcomes)
        {
            channel.Writer.WriteAsync(outcome).AsTask().GetAwaiter().GetResult();
        }

        channel.Writer.Complete();
        reading.GetAwaiter().GetResult();

        var expected = byOutcomes.Build();
        Assert.Equal(expected, byRows.Build());
        Assert.Equal(expected, byColumns.Build());
        Assert.Equal(expected, byStream.Build());
        Assert.Equal(expected, byChannel.Build());
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 15)]
    public void ScoreColumns_AnyDegreeOfParallelism_IsBitIdenticalToSequential(EngineBatch sample, byte threads)
    {
        var rows = sample.Items.Select(o => Plan.ToRow(o)).ToArray();
        var columns = new OutcomeColumns(rows.Length);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        var sequential = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreColumns(columns, sequential);

        var parallel = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 + (threads % 4), ParallelThreshold = 64 });
        var builder = parallel.CreateScorecardBuilder(Calendar);
        var rejected = new ConcurrentBag<long>();
        parallel.ScoreColumns(columns, builder, (index, _) => rejected.Add(index));
        parallel.ScoreColumns(columns, builder);

        var twice = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreColumns(columns, twice);
        Sequential.ScoreColumns(columns, twice);
        Assert.Equal(twice.Build(), builder.Build());
        Assert.Equal(sequential.Build().Rejected, rejected.Distinct().Count());
    }

    [Fact]
    public async Task ScoreAsync_Cancelled_EveryOutcomeReadIsCounted()
    {
        using var cancel = new CancellationTokenSource();
        var builder = Sequential.CreateScorecardBuilder();
        var yielded = 0L;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sequential.ScoreAsync(Endless(), builder, null, cancel.Token));
        Assert.Equal(yielded, builder.Received);   // including the rows still buffered when the token fired
        Assert.True(yielded >= 50_000);

        async IAsyncEnumerable<Outcome> Endless()
        {
            var outcomes = EngineTestData.Outcomes(1, 100);
            for (var i = 0; ; i++)
            {
                if (i == 50_001)
                {
                    await cancel.CancelAsync();
                }

                yielded++;
                yield return outcomes[i % outcomes.Length];
            }
        }
    }

    [Fact]
    public async Task ScoreAsync_SourceFails_OutcomesReadBeforeAreCountedAndErrorSurfaces()
    {
        var builder = Sequential.CreateScorecardBuilder();
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Sequential.ScoreAsync(Failing(), builder));
        Assert.Equal("line 1235", ex.Message);
        Assert.Equal(1234, builder.Received);

        static async IAsyncEnumerable<Outcome> Failing()
        {
            var outcomes = EngineTestData.Outcomes(2, 1234);
            foreach (var outcome in outcomes)
            {
                yield return outcome;
            }

            await Task.Yield();
            throw new InvalidDataException("line 1235");
        }
    }

    [Fact]
    public async Task ScoreChannelAsync_Cancelled_ReadPlusUnreadIsWritten()
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Outcome>();
        foreach (var outcome in EngineTestData.Outcomes(3, 10_000))
        {
            channel.Writer.TryWrite(outcome);
        }

        using var cancel = new CancellationTokenSource();
        var builder = Sequential.CreateScorecardBuilder();
        var handled = 0;
        void OnRejected(long index, RejectionReason reason)
        {
            if (++handled == 1)
            {
                cancel.Cancel();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sequential.ScoreChannelAsync(channel.Reader, builder, OnRejected, cancel.Token));
        Assert.Equal(10_000, builder.Received + channel.Reader.Count);
    }

    [Fact]
    public void ScoreColumns_HandlerThrowsOnParallelPath_CountsStayConsistentForTheNextCall()
    {
        var outcomes = EngineTestData.Outcomes(4, 20_000);
        var columns = new OutcomeColumns(outcomes.Length);
        foreach (var outcome in outcomes)
        {
            columns.Add(Plan.ToRow(outcome));
        }

        var parallel = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 2, ParallelThreshold = 64 });
        var builder = parallel.CreateScorecardBuilder();
        Assert.ThrowsAny<Exception>(() => parallel.ScoreColumns(columns, builder, (_, _) => throw new InvalidOperationException("handler failed")));
        var afterFailure = builder.Received;
        Assert.InRange(afterFailure, 1, outcomes.Length);

        var result = parallel.ScoreColumns(columns, builder);
        Assert.Equal(outcomes.Length, result.Scored + result.Rejected);
        Assert.Equal(afterFailure + outcomes.Length, builder.Received);
    }

    [Fact]
    public void ScoreOutcomes_InstantOutsideEngineRange_CountedAsInstantOutOfRange()
    {
        var builder = Sequential.CreateScorecardBuilder();
        var far = new Outcome("c", "bill", "amount", 1, NodaTime.Instant.FromUtc(2300, 1, 1, 0, 0));
        var near = new Outcome("c", "bill", "amount", 1, EngineTestData.Start);
        var reasons = new List<(long, RejectionReason)>();
        Sequential.ScoreOutcomes([near, far, near], builder, (i, r) => reasons.Add((i, r)));
        Assert.Equal(2, builder.Scored);
        Assert.Equal([(1L, RejectionReason.InstantOutOfRange)], reasons);
    }

    [Fact]
    public void ScoreOutcomes_InstantsNearTheEndsOfTime_RefusedAsModelTryScoreRefusesThem()
    {
        var near = EngineTestData.Start;
        Outcome[] outcomes =
        [
            Outcome.OfRequest("c", "install", "delivery", near, NodaTime.Instant.FromUtc(9999, 12, 31, 23, 59, 59)),
            Outcome.OfRequest("c", "install", "delivery", near, NodaTime.Instant.MaxValue),
            Outcome.OfRequest("c", "install", "delivery", NodaTime.Instant.MinValue, near),
            Outcome.OfDeadline("c", "install", "delivery", near, NodaTime.Instant.MinValue),
            new Outcome("c", "bill", "amount", 1, NodaTime.Instant.FromUtc(2300, 1, 1, 0, 0)),
        ];
        var reasons = new List<(long, RejectionReason)>();
        Sequential.ScoreOutcomes(outcomes, Sequential.CreateScorecardBuilder(), (i, r) => reasons.Add((i, r)));
        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.False(EngineTestData.Model.TryScore(outcomes[i], out _, out var reason));
            Assert.Equal(RejectionReason.InstantOutOfRange, reason);
            Assert.Equal(((long)i, reason), reasons[i]);
        }
    }

    [Fact]
    public void Score_NegativeDurations_RefusedAsValueOutOfRangeOnEveryPath()
    {
        // 'wait' at 'web-order' is a fast cell: a promise in force at all times and an expectation.
        var outcomes = Enumerable.Range(0, 64)
            .Select(i => new Outcome("c", "web-order", "wait", i % 2 == 0 ? -300 : 300, EngineTestData.Start + NodaTime.Duration.FromMinutes(i)))
            .ToArray();
        var rows = outcomes.Select(o => Plan.ToRow(o)).ToArray();
        var columns = new OutcomeColumns(rows.Length);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        foreach (var score in new Action<ScorecardBuilder, RejectionHandler>[]
        {
            (b, h) => Sequential.ScoreOutcomes(outcomes, b, h),
            (b, h) => Sequential.Score(rows, b, h),
            (b, h) => Sequential.ScoreColumns(columns, b, h),
        })
        {
            var builder = Sequential.CreateScorecardBuilder();
            var reasons = new List<(long Index, RejectionReason Reason)>();
            score(builder, (i, r) => reasons.Add((i, r)));
            Assert.Equal(32, builder.Scored);
            Assert.Equal(Enumerable.Range(0, 32).Select(i => ((long)(2 * i), RejectionReason.ValueOutOfRange)), reasons.OrderBy(r => r.Index));
        }

        Assert.False(EngineTestData.Model.TryScore(outcomes[0], out _, out var reason));
        Assert.Equal(RejectionReason.ValueOutOfRange, reason);
    }

    [Fact]
    public void Score_BadIndices_CountedWithReasons()
    {
        var at = NodaTime.Instant.FromUtc(2025, 5, 1, 12, 0);
        var builder = Sequential.CreateScorecardBuilder();
        OutcomeRow[] rows =
        [
            new(99, 0, 1, at), new(0, 99, 1, at), new(0, 0, 1, at, 7, 0), new(0, 0, 1, at, -5, 0), new(0, 0, 60, at),
        ];
        var result = Sequential.Score(rows, builder);
        var scorecard = builder.Build();
        Assert.Equal(5, result.Received);
        Assert.Equal(1, result.Scored);
        Assert.Equal(1, scorecard.RejectedBy(RejectionReason.UnknownTouchpoint));
        Assert.Equal(1, scorecard.RejectedBy(RejectionReason.UnknownMeasure));
        Assert.Equal(2, scorecard.RejectedBy(RejectionReason.UnknownSegment));
    }

    [Fact]
    public void Options_Defaults_Validate()
        => new ScoringEngineOptions().Validate("options");

    [Fact]
    public void Arguments_Invalid_ThrowNamingParameter()
    {
        var builder = Sequential.CreateScorecardBuilder();
        var other = new ScorecardBuilder(ScoringPlan.Compile(EngineTestData.Model));
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => new ScoringEngine((ScoringPlan)null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new ScoringEngine((ScoringModel)null!)).ParamName);
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 0 }), "ScoringEngineOptions.MaxDegreeOfParallelism");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ScoringEngine(Plan, new ScoringEngineOptions { ParallelThreshold = -1 }), "ScoringEngineOptions.ParallelThreshold");
        OptionsAssert.Refused<ArgumentException>(() => Sequential.CreateScorecardBuilder(new ScorecardOptions { TimeZone = null! }), "ScorecardOptions.TimeZone");
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => Sequential.Score([], null!)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentException>(() => Sequential.Score([], other)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentNullException>(() => Sequential.ScoreColumns(null!, builder)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => Sequential.ScoreColumns(new OutcomeColumns(1), null!)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentException>(() => Sequential.ScoreOutcomes([], other)).ParamName);
    }

    [Fact]
    public async Task StreamArguments_Invalid_ThrowNamingParameter()
    {
        var builder = Sequential.CreateScorecardBuilder();
        var other = new ScorecardBuilder(ScoringPlan.Compile(EngineTestData.Model));
        Assert.Equal("outcomes", (await Assert.ThrowsAsync<ArgumentNullException>(() => Sequential.ScoreAsync(null!, builder))).ParamName);
        Assert.Equal("scorecard", (await Assert.ThrowsAsync<ArgumentNullException>(() => Sequential.ScoreAsync(AsyncEnumerable.Empty<Outcome>(), null!))).ParamName);
        Assert.Equal("reader", (await Assert.ThrowsAsync<ArgumentNullException>(() => Sequential.ScoreChannelAsync(null!, builder))).ParamName);
        Assert.Equal("scorecard", (await Assert.ThrowsAsync<ArgumentException>(() => Sequential.ScoreChannelAsync(Channels.Channel.CreateUnbounded<Outcome>().Reader, other))).ParamName);
    }
}
