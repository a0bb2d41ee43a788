using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Scorecards;

public class ScorecardTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);
    private static readonly ScoringEngine Engine = new(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });

    private static Scorecard ScorecardOf(IEnumerable<Outcome> outcomes, ScorecardOptions? options = null)
    {
        var builder = Engine.CreateScorecardBuilder(options ?? new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByCustomer = true, Customers = Directory });
        Engine.ScoreOutcomes(outcomes.ToArray(), builder);
        return builder.Build();
    }

    private static readonly CustomerDirectory Directory = new();

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 25)]
    public void Merge_RandomPartitionsAndShuffles_EqualsScorecardOfUnion(PartitionedOutcomes sample)
    {
        var outcomes = sample.Items;
        var whole = ScorecardOf(outcomes);
        var shuffled = Enumerable.Range(0, outcomes.Length).OrderBy(i => sample.ShuffleKey[i]).ToArray();
        var pieces = shuffled.GroupBy(i => sample.PieceOf[i]).Select(g => ScorecardOf(g.Select(i => outcomes[i]))).ToList();
        pieces.Add(ScorecardOf([]));
        var merged = Scorecard.Merge(pieces.Select((piece, i) => (piece, i)).OrderBy(p => sample.MergeKey[p.i]).Select(p => p.piece));
        Assert.Equal(whole, merged);
        Assert.Equal(whole.Total, merged.Total);
        Assert.Equal(whole.ByDay.Count, merged.ByDay.Count);
        Assert.Equal(whole.ByPromise.ToArray(), merged.ByPromise.ToArray());
        Assert.Equal(whole.ByMeasure.ToArray(), merged.ByMeasure.ToArray());
        Assert.Equal(whole.WithoutModelPromise, merged.WithoutModelPromise);
        Assert.Equal(whole.ByOwner.ToArray(), merged.ByOwner.ToArray());
        Assert.Equal(whole.PerceivedVsDelivered.ToArray(), merged.PerceivedVsDelivered.ToArray());
        Assert.Equal(whole.BySource.ToArray(), merged.BySource.ToArray());
        if (pieces.Count >= 2)
        {
            Assert.Equal(pieces[0].Merge(pieces[1]), pieces[1].Merge(pieces[0]));
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 10)]
    public void ByPeriod_False_SameGroupsWithoutPeriods(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var withPeriods = ScorecardOf(outcomes, new ScorecardOptions { TimeZone = EngineTestData.Berlin });
        var without = ScorecardOf(outcomes, new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByPeriod = false });
        Assert.True(withPeriods.HasPeriods);
        Assert.False(without.HasPeriods);
        Assert.Equal(withPeriods.Total, without.Total);
        Assert.Equal(withPeriods.ByTouchpoint.ToArray(), without.ByTouchpoint.ToArray());
        Assert.Equal(withPeriods.BySegment.OrderBy(p => p.Key), without.BySegment.OrderBy(p => p.Key));
        Assert.Empty(without.ByDay);
        Assert.Empty(without.ByWeek);
        Assert.Empty(without.ByMonth);
        var reversed = ScorecardOf(outcomes.Reverse(), new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByPeriod = false });
        Assert.Equal(without.ByTouchpoint.ToArray(), reversed.ByTouchpoint.ToArray());
        Assert.Equal(without.Rejected, reversed.Rejected);
        Assert.Equal(without, reversed);
    }

    [Fact]
    public void Merge_PeriodsInOneOnly_Throws()
    {
        var outcomes = EngineTestData.Outcomes(7, 50);
        var withPeriods = ScorecardOf(outcomes, new ScorecardOptions());
        var without = ScorecardOf(outcomes, new ScorecardOptions { ByPeriod = false });
        var error = Assert.Throws<ArgumentException>(() => withPeriods.Merge(without));
        Assert.Equal("other", error.ParamName);
        Assert.NotEqual(withPeriods, without);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 10)]
    public void Calendar_DaysWeeksMonths_FollowLocalDatesInZone(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var scorecard = ScorecardOf(outcomes);
        var scored = outcomes.Where(o => EngineTestData.Model.TryScore(o, out _, out _)).ToList();
        var days = scored.GroupBy(o => o.ObservedAt.InZone(EngineTestData.Berlin).Date).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(days.OrderBy(p => p.Key), scorecard.ByDay.Select(p => KeyValuePair.Create(p.Key, p.Value.Count)));
        var weeks = scored.GroupBy(o => o.ObservedAt.InZone(EngineTestData.Berlin).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)));
        Assert.Equal(weeks.Select(g => KeyValuePair.Create(g.Key, (long)g.Count())).OrderBy(p => p.Key), scorecard.ByWeek.Select(p => KeyValuePair.Create(p.Key, p.Value.Count)));
        var months = scored.GroupBy(o => o.ObservedAt.InZone(EngineTestData.Berlin).Date.With(DateAdjusters.StartOfMonth));
        Assert.Equal(months.Select(g => KeyValuePair.Create(g.Key, (long)g.Count())).OrderBy(p => p.Key), scorecard.ByMonth.Select(p => KeyValuePair.Create(p.Key, p.Value.Count)));
    }

    [Fact]
    public void Calendar_AroundDaylightSavingAndMidnight_UsesLocalDate()
    {
        // 2025-10-26 01:30 UTC is 02:30 CET after the fall-back; 2025-03-29 23:30 UTC is 00:30 CET on the 30th.
        Instant[] instants =
        [
            Instant.FromUtc(2025, 10, 25, 21, 59), Instant.FromUtc(2025, 10, 25, 22, 0), Instant.FromUtc(2025, 10, 26, 1, 30),
            Instant.FromUtc(2025, 10, 26, 22, 59), Instant.FromUtc(2025, 10, 26, 23, 0), Instant.FromUtc(2025, 3, 29, 23, 30),
            Instant.FromUtc(2025, 3, 30, 21, 59), Instant.FromUtc(2025, 3, 30, 22, 0), Instant.FromUtc(2019, 1, 1, 0, 0),
        ];
        var outcomes = instants.Select(i => new Outcome("c", "bill", "amount", 1, i)).ToArray();
        var scorecard = ScorecardOf(outcomes);
        var expected = instants.GroupBy(i => i.InZone(EngineTestData.Berlin).Date).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, (long)g.Count()));
        Assert.Equal(expected, scorecard.ByDay.Select(p => KeyValuePair.Create(p.Key, p.Value.Count)));
    }

    [Fact]
    public void Merge_PerCustomerScorecardsOfDifferentDirectories_Throws()
    {
        var outcomes = EngineTestData.Outcomes(8, 50);
        var a = ScorecardOf(outcomes, new ScorecardOptions { ByCustomer = true, Customers = new CustomerDirectory() });
        var b = ScorecardOf(outcomes.Reverse(), new ScorecardOptions { ByCustomer = true, Customers = new CustomerDirectory() });
        var ex = Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.Equal("other", ex.ParamName);
        Assert.Contains("customer directories", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByCustomer_CountsPerCustomerId()
    {
        var directory = new CustomerDirectory();
        var outcomes = EngineTestData.Outcomes(3, 300);
        var scorecard = ScorecardOf(outcomes, new ScorecardOptions { ByCustomer = true, Customers = directory });
        foreach (var group in outcomes.Where(o => EngineTestData.Model.TryScore(o, out _, out _)).GroupBy(o => o.CustomerId))
        {
            Assert.Equal(group.Count(), scorecard.ByCustomer[directory.KeyOf(group.Key)].Count);
        }

        Assert.Same(directory, scorecard.CustomerDirectory);
        Assert.Empty(ScorecardOf(outcomes, new ScorecardOptions()).ByCustomer);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 25)]
    public void LetterVsSpirit_EveryCell_PromiseGapPlusSettingGapIsAdequacyExactly(EngineOutcomes sample)
    {
        var scorecard = ScorecardOf(sample.Items);
        for (var t = 0; t < Plan.TouchpointCount; t++)
        {
            for (var s = OutcomeRow.NoSegment; s < Plan.SegmentCount; s++)
            {
                var cell = scorecard.ForTouchpointAndSegment(t, s);
                var results = sample.Items
                    .Where(o => o.TouchpointId == Plan.Model.Touchpoints[t].Id && o.SegmentId == (s < 0 ? null : Plan.Model.Segments[s].Id))
                    .Select(o => EngineTestData.Model.TryScore(o, out var r, out _) ? r : (GapResult?)null)
                    .OfType<GapResult>()
                    .ToList();
                Assert.Equal(cell.PromiseGapSumFixed + cell.SettingGapSumFixed, cell.AdequacySumFixed);

                // Summed outcome by outcome, adequacy differs from the derived sum by under one unit per outcome (truncation).
                var separate = results.Aggregate(Int128.Zero, (sum, r) => sum + LetterReference.GapTerm(r.Adequacy));
                Assert.True(Int128.Abs(separate - cell.AdequacySumFixed) <= 2 * results.Count);
                LetterReference.AssertLetter(results, cell);
                Assert.Equal(cell.Count, cell.KeptButMissedCount + cell.BrokenYetSatisfiedCount
                    + results.Count(r => r.PromiseKept && r.Zone != Zone.Below) + results.Count(r => !r.PromiseKept && r.Zone == Zone.Below));
            }
        }

        Assert.Equal(scorecard.Total.PromiseGapSumFixed + scorecard.Total.SettingGapSumFixed, scorecard.Total.AdequacySumFixed);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 20)]
    public void ByPromiseAndByMeasure_EachEqualsTheScorecardOfItsOwnOutcomes_AndTheyAddUpToTotal(EngineOutcomes sample)
    {
        var model = EngineTestData.Model;
        var options = new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByPeriod = false };
        var scorecard = ScorecardOf(sample.Items, options);
        var scored = sample.Items.Where(o => model.TryScore(o, out _, out _)).ToList();

        // The oracle: the model's own rule for the promise in force (ScoringModel.FindPromise), outcome by outcome.
        string? PromiseOf(Outcome o) => model.FindPromise(o.MeasureId!, model.Touchpoints.Single(t => t.Id == o.TouchpointId), o.SegmentId, o.RequestedAt ?? o.ObservedAt)?.Id;
        foreach (var promise in scorecard.ByPromise)
        {
            var own = scored.Where(o => PromiseOf(o) == promise.Id).ToList();
            Assert.Equal(ScorecardOf(own, options).Total, promise.Aggregate);
            Assert.Same(promise, scorecard.ForPromise(promise.Id));
            LetterReference.AssertLetter(own.Select(o => model.Score(o)).ToList(), promise.Aggregate);
            Assert.Equal(promise.Aggregate.PromiseGapSumFixed + promise.Aggregate.SettingGapSumFixed, promise.Aggregate.AdequacySumFixed);
        }

        Assert.Equal(ScorecardOf(scored.Where(o => PromiseOf(o) is null), options).Total, scorecard.WithoutModelPromise);
        Assert.Equal(scorecard.Total, Sum(scorecard.ByPromise.Select(p => p.Aggregate).Append(scorecard.WithoutModelPromise)));
        for (var m = 0; m < Plan.MeasureCount; m++)
        {
            var id = model.Measures[m].Id;
            Assert.Equal(ScorecardOf(scored.Where(o => o.MeasureId == id), options).Total, scorecard.ByMeasure[m]);
            Assert.Same(scorecard.ByMeasure[m], scorecard.ForMeasure(id));
        }

        Assert.Equal(scorecard.Total, Sum(scorecard.ByMeasure));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 20)]
    public void PerceivedVsDelivered_EachSideIsTheScorecardOfItsOwnOutcomes_AndTogetherTheTouchpointExactly(EngineOutcomes sample)
    {
        var model = EngineTestData.Model;
        var options = new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByPeriod = false };
        // Without ratings carried on delivered outcomes (those add to the perceived side: RatingTableTests).
        var items = sample.Items.Select(o => new Outcome(o.CustomerId!, o.TouchpointId!, o.MeasureId!, o.Value, o.ObservedAt, o.SegmentId, o.PromisedLevel, o.PromisedBy, o.RequestedAt)).ToArray();
        var scorecard = ScorecardOf(items, options);
        var scored = items.Where(o => model.TryScore(o, out _, out _)).ToList();
        bool IsPerceived(Outcome o) => model.Measures.Single(m => m.Id == o.MeasureId).Source == MeasureSource.Perceived;
        Assert.True(scorecard.HasPerceivedMeasures);
        Assert.Equal(model.Touchpoints.Length, scorecard.PerceivedVsDelivered.Length);
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var row = scorecard.PerceivedVsDelivered[t];
            var id = model.Touchpoints[t].Id;
            Assert.Same(row, scorecard.ForPerceivedVsDelivered(id));
            Assert.Equal(model.Touchpoints[t], row.Touchpoint);

            // The oracle: each side is the scorecard of that touchpoint's outcomes of measures of that source alone.
            Assert.Equal(ScorecardOf(scored.Where(o => o.TouchpointId == id && !IsPerceived(o)), options).Total, row.Delivered);
            Assert.Equal(ScorecardOf(scored.Where(o => o.TouchpointId == id && IsPerceived(o)), options).Total, row.Perceived);

            // Decomposition, exact in fixed point: delivered + perceived = the touchpoint.
            Assert.Equal(scorecard.ByTouchpoint[t], row.Delivered.Merge(row.Perceived));
            Assert.Equal(scorecard.ByTouchpoint[t].Count, row.Delivered.Count + row.Perceived.Count);
            Assert.Equal(row.Delivered.Count == 0 || row.Perceived.Count == 0, row.Agreement == PerceptionAgreement.NotComparable);
        }

        Assert.Equal(scorecard.Total, scorecard.BySource[MeasureSource.Delivered].Merge(scorecard.BySource[MeasureSource.Perceived]));
        Assert.Equal(ScorecardOf(scored.Where(IsPerceived), options).Total, scorecard.BySource[MeasureSource.Perceived]);
    }

    [Fact]
    public void PerceivedVsDelivered_DeliveredWithinTheZonePerceivedBelow_IsDeliveredFinePerceivedPoor()
    {
        // Waits of 30 min against a 1 h scale with no expectation: the default zone; csat 2 of 5 is below a zone of 3..5.
        var model = new ScoringModelBuilder("agreement")
            .AddTouchpoint(new Touchpoint("chat", JourneyStage.Support, Channel.Chat))
            .AddMeasure(Measure.Duration("wait", Duration.FromHours(1)))
            .AddMeasure(Measure.Rating("csat", 5).WithSource(MeasureSource.Perceived))
            .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(3600), ExpectationLevel.Absolute(600)))
            .AddExpectation(new Expectation("csat", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5)))
            .AddPromise(new Promise("wait-1h", "wait", 3600, PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("csat-4", "csat", 4, PromiseSource.Implicit))
            .Build();
        var at = Instant.FromUtc(2025, 3, 1, 10, 0);
        Scorecard Of(params Outcome[] outcomes)
        {
            var engine = new ScoringEngine(ScoringPlan.Compile(model));
            var builder = engine.CreateScorecardBuilder();
            engine.ScoreOutcomes(outcomes, builder);
            return builder.Build();
        }

        var fine = Of(new Outcome("c1", "chat", "wait", 1800, at), new Outcome("c1", "chat", "csat", 2, at)).ForPerceivedVsDelivered("chat");
        Assert.Equal(PerceptionAgreement.DeliveredFinePerceivedPoor, fine.Agreement);
        Assert.Equal(-0.75, fine.AdequacyMeanGap, 4);
        Assert.Equal(1.0, fine.BelowShareGap);
        Assert.True(fine.ScoreMeanGap < 0);

        var reverse = Of(new Outcome("c1", "chat", "wait", 7200, at), new Outcome("c1", "chat", "csat", 4, at)).ForPerceivedVsDelivered("chat");
        Assert.Equal(PerceptionAgreement.DeliveredPoorPerceivedFine, reverse.Agreement);
        Assert.Equal(PerceptionAgreement.BothShort, Of(new Outcome("c1", "chat", "wait", 7200, at), new Outcome("c1", "chat", "csat", 1, at)).ForPerceivedVsDelivered("chat").Agreement);
        Assert.Equal(PerceptionAgreement.BothAdequate, Of(new Outcome("c1", "chat", "wait", 60, at), new Outcome("c1", "chat", "csat", 5, at)).ForPerceivedVsDelivered("chat").Agreement);
        var onlyDelivered = Of(new Outcome("c1", "chat", "wait", 60, at));
        Assert.Equal(PerceptionAgreement.NotComparable, onlyDelivered.ForPerceivedVsDelivered("chat").Agreement);
        Assert.True(double.IsNaN(onlyDelivered.ForPerceivedVsDelivered("chat").ScoreMeanGap));
        Assert.Throws<ArgumentNullException>("touchpointId", () => onlyDelivered.ForPerceivedVsDelivered(null!));
    }

    [Fact]
    public void ByOwner_PromiseWithItsOwnOwner_CountsItsOutcomesThereInsteadOfTheTouchpointsOwner()
    {
        var model = EngineTestData.Model;
        var builder = new ScoringModelBuilder(model.Name).UseFeltValue(model.FeltValue);
        foreach (var segment in model.Segments)
        {
            builder.AddSegment(segment);
        }

        foreach (var tp in model.Touchpoints)
        {
            builder.AddTouchpoint(new Touchpoint(tp.Id, tp.Stage, tp.Channel, tp.Weight, tp.Name, tp.Id == "bill" ? "billing" : "service"));
        }

        foreach (var measure in model.Measures)
        {
            builder.AddMeasure(measure);
        }

        foreach (var p in model.Promises)
        {
            builder.AddPromise(p.Id == "accurate" ? new Promise(p.Id, p.MeasureId, p.Level, p.Source, p.Validity, p.Scope, p.Deadline, p.Description, "legal/contracts") : p);
        }

        foreach (var expectation in model.Expectations)
        {
            builder.AddExpectation(expectation);
        }

        var plan = ScoringPlan.Compile(builder.Build());
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var scorecardBuilder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(EngineTestData.Outcomes(13, 2000).ToArray(), scorecardBuilder);
        var scorecard = scorecardBuilder.Build();

        var accurate = scorecard.ForPromise("accurate");
        Assert.Equal("legal/contracts", accurate.Owner);
        Assert.True(accurate.Aggregate.Count > 0);
        Assert.Equal(accurate.Aggregate, scorecard.ByOwner["legal/contracts"]);
        Assert.Equal(accurate.Aggregate, scorecard.ByOwner["legal"]);

        // Every outcome counts under exactly one owner: the promise's or, without one, the touchpoint's.
        Assert.Equal(scorecard.Total, Sum([scorecard.ByOwner["legal"], scorecard.ByOwner["billing"], scorecard.ByOwner["service"]]));
        Assert.Equal(scorecard.Total.Count - accurate.Aggregate.Count, scorecard.ByOwner["billing"].Count + scorecard.ByOwner["service"].Count);

        // Without an owner of its own, a promise belongs to its touchpoints' owner when they share one.
        Assert.Equal("service", scorecard.ForPromise("chat-10m").Owner);
        Assert.Null(scorecard.ForPromise("wait-2h").Owner);
    }

    private static readonly ScorecardOptions TrendOptions = new() { TimeZone = EngineTestData.Berlin, WeekStart = IsoDayOfWeek.Sunday, ByTouchpointPeriod = true };

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 15)]
    public void TouchpointTrend_EachDayIsTheScorecardOfThatTouchpointsOutcomes_AndTheTrendAddsUpToTheTouchpointAndTheDay(EngineOutcomes sample)
    {
        var scorecard = ScorecardOf(sample.Items, TrendOptions);
        Assert.True(scorecard.HasTouchpointPeriods);
        var dayTotals = new Dictionary<LocalDate, ScoreAggregate>();
        foreach (var touchpoint in Plan.Model.Touchpoints)
        {
            var own = ScorecardOf(sample.Items.Where(o => o.TouchpointId == touchpoint.Id), TrendOptions);
            var days = scorecard.TouchpointTrend(touchpoint.Id, CalendarPeriod.Day);
            Assert.Equal(own.ByDay.ToArray(), days.ToArray());
            Assert.Equal(own.ByWeek.ToArray(), scorecard.TouchpointTrend(touchpoint.Id, CalendarPeriod.Week).ToArray());
            Assert.Equal(own.ByMonth.ToArray(), scorecard.TouchpointTrend(touchpoint.Id, CalendarPeriod.Month).ToArray());
            var touchpointTotal = scorecard.ForTouchpoint(touchpoint.Id);
            Assert.Equal(touchpointTotal.Count, days.Values.Sum(a => a.Count));
            if (days.Count > 0)
            {
                Assert.Equal(touchpointTotal, Sum(days.Values));
            }

            foreach (var (date, aggregate) in days)
            {
                dayTotals[date] = dayTotals.TryGetValue(date, out var sum) ? sum.Merge(aggregate) : aggregate;
            }
        }

        Assert.Equal(scorecard.ByDay.ToArray(), dayTotals.OrderBy(p => p.Key).ToArray());
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 15)]
    public void TouchpointTrend_MergeOfAnySplitAndOrder_EqualsScorecardOfUnion(PartitionedOutcomes sample)
    {
        var outcomes = sample.Items;
        var whole = ScorecardOf(outcomes, TrendOptions);
        var shuffled = Enumerable.Range(0, outcomes.Length).OrderBy(i => sample.ShuffleKey[i]).ToArray();
        var pieces = shuffled.GroupBy(i => sample.PieceOf[i]).Select(g => ScorecardOf(g.Select(i => outcomes[i]), TrendOptions)).ToList();
        var merged = Scorecard.Merge(pieces.Append(ScorecardOf([], TrendOptions)));
        Assert.Equal(whole, merged);
        foreach (var touchpoint in Plan.Model.Touchpoints)
        {
            Assert.Equal(whole.TouchpointTrend(touchpoint.Id, CalendarPeriod.Day).ToArray(), merged.TouchpointTrend(touchpoint.Id, CalendarPeriod.Day).ToArray());
        }
    }

    [Fact]
    public void TouchpointTrend_ParallelWorkers_SameAsOneThread()
    {
        var outcomes = EngineTestData.Outcomes(21, 30_000);
        var columns = new OutcomeColumns(outcomes.Length);
        foreach (var outcome in outcomes)
        {
            columns.Add(Plan.ToRow(outcome));
        }

        var parallel = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 3, ParallelThreshold = 64 });
        var parallelBuilder = parallel.CreateScorecardBuilder(TrendOptions);
        parallel.ScoreColumns(columns, parallelBuilder);
        parallel.ScoreColumns(columns, parallelBuilder);
        var single = Engine.CreateScorecardBuilder(TrendOptions);
        Engine.ScoreColumns(columns, single);
        Engine.ScoreColumns(columns, single);
        Assert.Equal(single.Build(), parallelBuilder.Build());
    }

    [Fact]
    public void TouchpointTrend_WithoutTouchpointPeriods_ThrowsAndMergingWithItThrows()
    {
        var plain = ScorecardOf(EngineTestData.Outcomes(3, 50), new ScorecardOptions { TimeZone = EngineTestData.Berlin });
        Assert.False(plain.HasTouchpointPeriods);
        Assert.Throws<InvalidOperationException>(() => plain.TouchpointTrend("bill", CalendarPeriod.Day));
        var trends = ScorecardOf(EngineTestData.Outcomes(3, 50), TrendOptions);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => plain.Merge(trends)).ParamName);
        Assert.Equal("touchpointId", Assert.Throws<ArgumentException>(() => trends.TouchpointTrend("nowhere", CalendarPeriod.Day)).ParamName);
        Assert.Equal("measureId", Assert.Throws<ArgumentException>(() => trends.ForMeasure("nothing")).ParamName);
        Assert.Equal("promiseId", Assert.Throws<ArgumentException>(() => trends.ForPromise("nothing")).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => trends.TouchpointTrend("bill", (CalendarPeriod)7)).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => new ScorecardBuilder(Plan, new ScorecardOptions { ByPeriod = false, ByTouchpointPeriod = true }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("ScorecardOptions.ByTouchpointPeriod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_PlansWithDifferentPromises_Throws()
    {
        var model = EngineTestData.Model;
        var builder = new ScoringModelBuilder(model.Name).UseFeltValue(model.FeltValue);
        foreach (var segment in model.Segments)
        {
            builder.AddSegment(segment);
        }

        foreach (var tp in model.Touchpoints)
        {
            builder.AddTouchpoint(tp);
        }

        foreach (var measure in model.Measures)
        {
            builder.AddMeasure(measure);
        }

        foreach (var p in model.Promises.Where(p => p.Id != "chat-10m"))
        {
            builder.AddPromise(p);
        }

        foreach (var expectation in model.Expectations)
        {
            builder.AddExpectation(expectation);
        }

        var other = new ScorecardBuilder(ScoringPlan.Compile(builder.Build())).Build();
        var ex = Assert.Throws<ArgumentException>(() => new ScorecardBuilder(Plan).Build().Merge(other));
        Assert.Equal("other", ex.ParamName);
    }

    private static ScoreAggregate Sum(IEnumerable<ScoreAggregate> parts) => parts.Aggregate((a, b) => a.Merge(b));

    [Fact]
    public void Owners_NestedOwnersRollUpToParents_EqualTheSumOfTheirTouchpoints()
    {
        var model = EngineTestData.Model;
        var owners = new[] { "sales", "billing/disputes", null, "billing", "support/chat" };
        var builder = new ScoringModelBuilder(model.Name).UseFeltValue(model.FeltValue);
        foreach (var segment in model.Segments)
        {
            builder.AddSegment(segment);
        }

        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var tp = model.Touchpoints[t];
            builder.AddTouchpoint(new Touchpoint(tp.Id, tp.Stage, tp.Channel, tp.Weight, tp.Name, owners[t % owners.Length]));
        }

        foreach (var measure in model.Measures)
        {
            builder.AddMeasure(measure);
        }

        foreach (var promise in model.Promises)
        {
            builder.AddPromise(promise);
        }

        foreach (var expectation in model.Expectations)
        {
            builder.AddExpectation(expectation);
        }

        var plan = ScoringPlan.Compile(builder.Build());
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var scorecardBuilder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(EngineTestData.Outcomes(12, 1500).ToArray(), scorecardBuilder);
        var scorecard = scorecardBuilder.Build();
        foreach (var (owner, aggregate) in scorecard.ByOwner)
        {
            var parts = plan.Model.Touchpoints
                .Select((tp, t) => (tp, t))
                .Where(x => x.tp.Owner is { } o && (o == owner || o.StartsWith(owner + "/", StringComparison.Ordinal)))
                .Aggregate(new AggregateSum(), (sum, x) => { sum.Add(scorecard.ByTouchpoint[x.t]); return sum; })
                .ToAggregate(scorecard.Total.FeltScale);
            Assert.Equal(parts, aggregate);
            var byStage = scorecard.ByStageAndOwner.Values.Where(d => d.ContainsKey(owner)).Aggregate(new AggregateSum(), (sum, d) => { sum.Add(d[owner]); return sum; }).ToAggregate(scorecard.Total.FeltScale);
            Assert.Equal(aggregate, byStage);
        }

        Assert.Equal(["billing", "billing/disputes", "sales", "support", "support/chat"], scorecard.ByOwner.Keys);
    }

    [Fact]
    public void Rollups_StageChannelSegment_AddUpToTotal()
    {
        var scorecard = ScorecardOf(EngineTestData.Outcomes(11, 800));
        Assert.Equal(scorecard.Total.Count, scorecard.ByStage.Values.Sum(a => a.Count));
        Assert.Equal(scorecard.Total.Count, scorecard.ByChannel.Values.Sum(a => a.Count));
        Assert.Equal(scorecard.Total.Count, scorecard.BySegment.Values.Sum(a => a.Count) + scorecard.WithoutSegment.Count);
        Assert.Equal(scorecard.Total, scorecard.ByTouchpoint.Aggregate(new AggregateSum(), (s, a) => { s.Add(a); return s; }).ToAggregate(scorecard.Total.FeltScale));
        Assert.Equal(scorecard.ByStage[JourneyStage.Support], scorecard.ForTouchpoint("chat-help").Merge(scorecard.ForTouchpoint("phone-help")));
        Assert.Equal(scorecard.ForTouchpoint("bill").Count, Enumerable.Range(-1, 3).Sum(s => scorecard.ForTouchpointAndSegment(Plan.TouchpointIndex("bill"), s).Count));
    }

    [Fact]
    public void Hotspots_RankedByWeightedShortfall()
    {
        var scorecard = ScorecardOf(EngineTestData.Outcomes(5, 2000));
        var hotspots = scorecard.Hotspots(10);
        Assert.NotEmpty(hotspots);
        Assert.Equal(Enumerable.Range(1, hotspots.Count), hotspots.Select(h => h.Rank));
        Assert.True(hotspots.Zip(hotspots.Skip(1)).All(p => p.First.WeightedShortfall >= p.Second.WeightedShortfall));
        var top = hotspots[0];
        var aggregate = scorecard.ForTouchpoint(top.Touchpoint.Id);
        Assert.Equal(top.Touchpoint.Weight * aggregate.ShortfallSum, top.WeightedShortfall, 9);
        Assert.Equal(aggregate.Count, top.Count);
        Assert.Equal(aggregate.BelowCount, top.BelowCount);
        Assert.Equal(1.0, scorecard.Hotspots(int.MaxValue)[^1].CumulativeShare);
        Assert.True(hotspots.Sum(h => h.Share) <= 1 + 1e-12);
        Assert.Single(scorecard.Hotspots(1));
    }

    [Fact]
    public void Flush_Into128BitSums_GivesSameScorecard()
    {
        var rows = EngineTestData.Outcomes(9, 600).Select(o => Plan.ToRow(o)).ToArray();
        var plain = Engine.CreateScorecardBuilder();
        Engine.Score(rows, plain);
        var flushed = Engine.CreateScorecardBuilder();
        Engine.Score(rows.AsSpan(0, 300), flushed);
        flushed.Accumulator.Reserve(FixedPoint.FlushLimit);
        Engine.Score(rows.AsSpan(300), flushed);
        Assert.Equal(plain.Build(), flushed.Build());
    }

    [Fact]
    public void Arguments_Invalid_ThrowNamingParameter()
    {
        var scorecard = ScorecardOf(EngineTestData.Outcomes(1, 50));
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => scorecard.Merge(null!)).ParamName);
        Assert.Equal("scorecards", Assert.Throws<ArgumentNullException>(() => Scorecard.Merge(null!)).ParamName);
        Assert.Equal("scorecards", Assert.Throws<ArgumentException>(() => Scorecard.Merge([])).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => scorecard.Merge(ScorecardOf([], new ScorecardOptions()))).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentOutOfRangeException>(() => scorecard.RejectedBy((RejectionReason)99)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => scorecard.ForTouchpoint("nowhere")).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => scorecard.Hotspots(-1)).ParamName);
        Assert.Equal("touchpointIndex", Assert.Throws<ArgumentOutOfRangeException>(() => scorecard.ForTouchpointAndSegment(6, -1)).ParamName);
        Assert.Equal("segmentIndex", Assert.Throws<ArgumentOutOfRangeException>(() => scorecard.ForTouchpointAndSegment(0, 2)).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => new ScorecardBuilder(null!)).ParamName);
        OptionsAssert.Refused<ArgumentException>(() => new ScorecardBuilder(Plan, new ScorecardOptions { TimeZone = null! }), "ScorecardOptions.TimeZone");
        OptionsAssert.Refused<ArgumentOutOfRangeException>(() => new ScorecardBuilder(Plan, new ScorecardOptions { WeekStart = IsoDayOfWeek.None }), "ScorecardOptions.WeekStart");
    }

    [Fact]
    public void Options_Defaults_Validate()
        => new ScorecardOptions().Validate("options");
}
