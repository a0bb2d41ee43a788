using CxScoring.Comparisons;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Comparisons;

public class ScorecardComparisonTests
{
    private static readonly ScoringEngine Engine = new(ScoringPlan.Compile(EngineTestData.Model), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });

    /// <summary>Options that test every group with at least two outcomes, so that the laws below see tested rows.</summary>
    private static readonly ComparisonOptions Eager = new() { MinimumCount = 2, MinimumExpected = 0 };

    private static Scorecard ScorecardOf(IEnumerable<Outcome> outcomes, ScorecardOptions? options = null)
    {
        var builder = Engine.CreateScorecardBuilder(options ?? new ScorecardOptions { TimeZone = EngineTestData.Berlin });
        Engine.ScoreOutcomes(outcomes.ToArray(), builder);
        return builder.Build();
    }

    /// <summary>Transfers at the phone touchpoint (promise: at most 1; zone from 2 down to 0), one a day from <paramref name="start"/>.</summary>
    private static IEnumerable<Outcome> Transfers(int count, Func<int, double> value, LocalDate start, string? segment = null)
        => Enumerable.Range(0, count).Select(i => new Outcome(
            "c" + i, "phone-help", "transfers", value(i), (start + Period.FromDays(i % 28)).AtMidnight().InZoneLeniently(EngineTestData.Berlin).ToInstant().Plus(Duration.FromHours(12)), segment));

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 30)]
    public void Compare_ScorecardWithItself_ChangesNothingAndFlagsNothing(EngineOutcomes sample)
    {
        var scorecard = ScorecardOf(sample.Items);
        var report = ScorecardComparison.Compare(scorecard, scorecard, Eager);
        Assert.Empty(report.Significant);
        foreach (var row in report.Rows)
        {
            Assert.False(row.IsSignificant);
            Assert.True(row.BeforeCount == 0 || row.Difference == 0, row.ToString());
            if (row.Status == ComparisonStatus.Tested)
            {
                Assert.Equal(0, row.Statistic);
                Assert.Equal(1, row.PValue);
                Assert.Equal(1, row.QValue);
                Assert.Equal(0, row.EffectSize);
            }
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 30)]
    public void Compare_SwappedScorecards_FlipsSignsKeepsPAndQ(PartitionedOutcomes sample)
    {
        var a = ScorecardOf(sample.Items.Where((_, i) => sample.PieceOf[i] % 2 == 0));
        var b = ScorecardOf(sample.Items.Where((_, i) => sample.PieceOf[i] % 2 == 1));
        var forward = ScorecardComparison.Compare(a, b, Eager);
        var backward = ScorecardComparison.Compare(b, a, Eager);
        Assert.Equal(forward.Rows.Length, backward.Rows.Length);
        Assert.Equal(forward.TestCount, backward.TestCount);
        for (var i = 0; i < forward.Rows.Length; i++)
        {
            var (f, r) = (forward.Rows[i], backward.Rows[i]);
            Assert.Equal((f.Kind, f.Key, f.Metric, f.Status), (r.Kind, r.Key, r.Metric, r.Status));
            Assert.Equal((f.BeforeCount, f.AfterCount), (r.AfterCount, r.BeforeCount));
            Assert.Equal(f.Difference, -r.Difference);
            Assert.Equal(f.Statistic, -r.Statistic);
            Assert.Equal(f.EffectSize, -r.EffectSize);
            Assert.Equal(f.Lower, -r.Upper);
            Assert.Equal(f.PValue, r.PValue);
            Assert.Equal(f.QValue, r.QValue);
            Assert.Equal(f.IsSignificant, r.IsSignificant);
            if (f.Status == ComparisonStatus.Tested)
            {
                Assert.InRange(f.PValue!.Value, 0, 1);
                Assert.InRange(f.QValue!.Value, f.PValue.Value, 1);
            }
            else
            {
                Assert.Null(f.PValue);
                Assert.Null(f.QValue);
                Assert.False(f.IsSignificant);
            }
        }
    }

    [Fact]
    public void Compare_MoreTransfers_FlagsPhoneMeanAndSharesWithSigns()
    {
        var before = ScorecardOf(Transfers(200, i => i % 3, new LocalDate(2025, 1, 1)));
        var after = ScorecardOf(Transfers(200, i => i % 5 == 0 ? 1 : 3 + (i % 2), new LocalDate(2025, 2, 1)));
        var report = ScorecardComparison.Compare(before, after);

        var mean = Row(report, ComparisonGroupKind.Touchpoint, "phone-help", ComparisonMetric.MeanScore);
        Assert.Equal(ComparisonStatus.Tested, mean.Status);
        Assert.True(mean.IsSignificant);
        Assert.True(mean.Difference < 0 && mean.Statistic < 0 && mean.EffectSize < 0, mean.ToString());
        Assert.True(mean.DegreesOfFreedom > 0);

        var below = Row(report, ComparisonGroupKind.Touchpoint, "phone-help", ComparisonMetric.BelowShare);
        Assert.Equal(0.0, below.Before);
        Assert.Equal(ComparisonStatus.NotEnoughData, below.Status); // no outcome below the zone before: n·p < 5
        Assert.Null(below.PValue);

        var kept = Row(report, ComparisonGroupKind.Touchpoint, "phone-help", ComparisonMetric.PromiseKeptRate);
        Assert.True(kept.IsSignificant);
        Assert.Equal(100 * kept.Difference, kept.EffectSize!.Value, 12);
        Assert.True(kept.Lower < kept.Difference && kept.Difference < kept.Upper && kept.Upper < 0, kept.ToString());

        var untouched = Row(report, ComparisonGroupKind.Touchpoint, "chat-help", ComparisonMetric.MeanScore);
        Assert.Equal(ComparisonStatus.NotEnoughData, untouched.Status);
        Assert.Equal(0, untouched.BeforeCount);
        Assert.Contains(report.Significant, r => r.Kind == ComparisonGroupKind.Stage && r.Key == "support");
        Assert.Contains(report.Significant, r => r.Kind == ComparisonGroupKind.Channel && r.Key == "phone");
        Assert.Equal(report.Significant.OrderBy(r => r.QValue), report.Significant);
    }

    [Fact]
    public void Compare_FewerThanMinimumCount_NotEnoughDataWithoutPValue()
    {
        var before = ScorecardOf(Transfers(29, i => i % 3, new LocalDate(2025, 1, 1)));
        var after = ScorecardOf(Transfers(100, i => 4, new LocalDate(2025, 2, 1)));
        var report = ScorecardComparison.Compare(before, after);
        Assert.Equal(0, report.TestCount);
        Assert.All(report.Rows, r => Assert.NotEqual(ComparisonStatus.Tested, r.Status));
        Assert.All(report.Rows, r => Assert.Null(r.PValue));
        var mean = Row(report, ComparisonGroupKind.Total, "all", ComparisonMetric.MeanScore);
        Assert.Equal((29L, 100L), (mean.BeforeCount, mean.AfterCount));
        Assert.True(mean.Difference < 0);
    }

    [Fact]
    public void Compare_ConstantScores_NoVariation()
    {
        var before = ScorecardOf(Transfers(40, _ => 1, new LocalDate(2025, 1, 1)));
        var report = ScorecardComparison.Compare(before, before);
        Assert.Equal(ComparisonStatus.NoVariation, Row(report, ComparisonGroupKind.Total, "all", ComparisonMetric.MeanScore).Status);
    }

    [Fact]
    public void Compare_DifferentTouchpoints_ThrowsNamingThem()
    {
        var other = ScoringModel.CreateBuilder("other")
            .AddTouchpoint("web-order", JourneyStage.Purchase, Channel.Web)
            .AddMeasure(Measure.YesNo("fcr"))
            .AddPromise(new Promise("fcr-yes", "fcr", 1, PromiseSource.Implicit))
            .AddExpectation(new Expectation("fcr", ExpectationLevel.Absolute(0), ExpectationLevel.Absolute(1)))
            .Build();
        var mine = ScorecardOf([]);
        var theirs = new ScoringEngine(other).CreateScorecardBuilder().Build();
        var e = Assert.Throws<ArgumentException>(() => ScorecardComparison.Compare(mine, theirs));
        Assert.Equal("after", e.ParamName);
        Assert.Contains("chat-help", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NullsAndInvalidOptions_Throw()
    {
        var scorecard = ScorecardOf([]);
        Assert.Equal("before", Assert.Throws<ArgumentNullException>(() => ScorecardComparison.Compare(null!, scorecard)).ParamName);
        Assert.Equal("after", Assert.Throws<ArgumentNullException>(() => ScorecardComparison.Compare(scorecard, null!)).ParamName);
        foreach (var options in new[]
                 {
                     new ComparisonOptions { FalseDiscoveryRate = 0 }, new ComparisonOptions { FalseDiscoveryRate = 1 },
                     new ComparisonOptions { ConfidenceLevel = double.NaN }, new ComparisonOptions { MinimumCount = 1 },
                     new ComparisonOptions { MinimumExpected = -1 },
                 })
        {
            Assert.Equal("options", Assert.Throws<ArgumentException>(() => ScorecardComparison.Compare(scorecard, scorecard, options)).ParamName);
        }
    }

    [Fact]
    public void ComparePeriods_TwoMonths_ComparesTotalsOfEach()
    {
        var scorecard = ScorecardOf(Transfers(200, i => i % 3, new LocalDate(2025, 1, 1)).Concat(Transfers(200, i => 3 + (i % 2), new LocalDate(2025, 2, 1))));
        var january = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31));
        var february = new DateInterval(new LocalDate(2025, 2, 1), new LocalDate(2025, 2, 28));
        var report = ScorecardComparison.ComparePeriods(scorecard, january, february);
        Assert.All(report.Rows, r => Assert.Equal((ComparisonGroupKind.Total, "all"), (r.Kind, r.Key)));
        Assert.Equal(6, report.Rows.Length);
        var mean = report.Rows[0];
        Assert.Equal((200L, 200L), (mean.BeforeCount, mean.AfterCount));
        Assert.True(mean.IsSignificant && mean.Difference < 0);

        var separate = ScorecardComparison.Compare(
            ScorecardOf(Transfers(200, i => i % 3, new LocalDate(2025, 1, 1))), ScorecardOf(Transfers(200, i => 3 + (i % 2), new LocalDate(2025, 2, 1))));
        Assert.Equal(separate.Rows[0].Statistic, mean.Statistic);
        Assert.Equal(separate.Rows[0].Before, mean.Before);
    }

    [Fact]
    public void ComparePeriods_OverlappingOrWithoutPeriods_Throws()
    {
        var january = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31));
        var late = new DateInterval(new LocalDate(2025, 1, 31), new LocalDate(2025, 2, 28));
        var scorecard = ScorecardOf([]);
        Assert.Equal("after", Assert.Throws<ArgumentException>(() => ScorecardComparison.ComparePeriods(scorecard, january, late)).ParamName);
        var flat = ScorecardOf([], new ScorecardOptions { ByPeriod = false });
        Assert.Equal("scorecard", Assert.Throws<ArgumentException>(() => ScorecardComparison.ComparePeriods(flat, january, january)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardComparison.ComparePeriods(null!, january, late)).ParamName);
        Assert.Equal("before", Assert.Throws<ArgumentNullException>(() => ScorecardComparison.ComparePeriods(scorecard, null!, late)).ParamName);
        Assert.Equal("after", Assert.Throws<ArgumentNullException>(() => ScorecardComparison.ComparePeriods(scorecard, january, null!)).ParamName);
    }

    [Fact]
    public void ComparePeriods_WithTouchpointPeriods_ComparesEachTouchpointAndOwner()
    {
        var outcomes = Transfers(200, i => i % 3, new LocalDate(2025, 1, 1)).Concat(Transfers(200, i => 3 + (i % 2), new LocalDate(2025, 2, 1)))
            .Concat(Enumerable.Range(0, 60).Select(i => new Outcome("b" + i, "bill", "amount", i % 7, Instant.FromUtc(2025, 1, 5 + (i % 20), 9, 0))))
            .ToArray();
        var options = new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByTouchpointPeriod = true };
        var scorecard = ScorecardOf(outcomes, options);
        var january = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31));
        var february = new DateInterval(new LocalDate(2025, 2, 1), new LocalDate(2025, 2, 28));
        var report = ScorecardComparison.ComparePeriods(scorecard, january, february);

        // Each touchpoint's rows are those of the two scorecards of its outcomes in each month.
        var separate = ScorecardComparison.Compare(
            ScorecardOf(outcomes.Where(o => january.Contains(o.ObservedAt.InZone(EngineTestData.Berlin).Date)), options),
            ScorecardOf(outcomes.Where(o => february.Contains(o.ObservedAt.InZone(EngineTestData.Berlin).Date)), options));
        foreach (var touchpoint in EngineTestData.Model.Touchpoints)
        {
            foreach (var metric in Enum.GetValues<ComparisonMetric>())
            {
                var row = Row(report, ComparisonGroupKind.Touchpoint, touchpoint.Id, metric);
                var expected = Row(separate, ComparisonGroupKind.Touchpoint, touchpoint.Id, metric);
                Assert.Equal((expected.BeforeCount, expected.AfterCount, expected.Before, expected.After, expected.Status, expected.Statistic), (row.BeforeCount, row.AfterCount, row.Before, row.After, row.Status, row.Statistic));
            }
        }

        var bill = Row(report, ComparisonGroupKind.Touchpoint, "bill", ComparisonMetric.MeanScore);
        Assert.Equal((60L, 0L), (bill.BeforeCount, bill.AfterCount));
        Assert.DoesNotContain(report.Rows, r => r.Kind == ComparisonGroupKind.Owner);
        Assert.Equal(6 * (1 + EngineTestData.Model.Touchpoints.Length), report.Rows.Length);

        // Owners of the touchpoints, nested owners including their parts.
        var engine = new ScoringEngine(ScoringPlan.Compile(CxScoring.Tests.Scorecards.PromiseReviewTests.Model));
        var builder = engine.CreateScorecardBuilder(options);
        engine.ScoreOutcomes(
            Enumerable.Range(0, 90).Select(i => Outcome.OfDuration("c", i % 3 == 0 ? "letter" : "phone", "reply", Duration.FromHours(i % 50), Instant.FromUtc(2025, 1 + (i % 2), 10, 12, 0))).ToArray(),
            builder);
        var owned = ScorecardComparison.ComparePeriods(builder.Build(), january, february);
        Assert.Equal(["billing", "billing/disputes", "retail", "support"], owned.Rows.Where(r => r.Kind == ComparisonGroupKind.Owner && r.Metric == ComparisonMetric.MeanScore).Select(r => r.Key));
        foreach (var metric in Enum.GetValues<ComparisonMetric>())
        {
            var letter = Row(owned, ComparisonGroupKind.Touchpoint, "letter", metric);
            var billing = Row(owned, ComparisonGroupKind.Owner, "billing", metric);
            Assert.Equal((letter.BeforeCount, letter.AfterCount, letter.Before, letter.After), (billing.BeforeCount, billing.AfterCount, billing.Before, billing.After));
        }

        Assert.Equal(30, Row(owned, ComparisonGroupKind.Owner, "support", ComparisonMetric.MeanScore).BeforeCount);
    }

    [Fact]
    public void Compare_PerOwnerMeasureAndPromise_WithTheKeptButMissedShare()
    {
        // The letter promise (5 days; customers accept 2): replies in 3 days keep it and miss the spirit; in 1 day they do not.
        var before = PromiseReviewTestsScorecard(("letter", Duration.FromDays(3), 40), ("letter", Duration.FromDays(1), 20), ("phone", Duration.FromDays(2), 30));
        var after = PromiseReviewTestsScorecard(("letter", Duration.FromDays(3), 10), ("letter", Duration.FromDays(1), 50), ("phone", Duration.FromDays(2), 30));
        var report = ScorecardComparison.Compare(before, after);

        var loose = Row(report, ComparisonGroupKind.Promise, "loose", ComparisonMetric.KeptButMissedShare);
        Assert.Equal((60L, 60L), (loose.BeforeCount, loose.AfterCount));
        Assert.Equal(before.ForPromise("loose").Aggregate.KeptButMissedShare, loose.Before);
        Assert.Equal(10.0 / 60, loose.After, 15);
        Assert.True(loose.IsSignificant && loose.Difference < 0);

        var owner = Row(report, ComparisonGroupKind.Owner, "billing", ComparisonMetric.KeptButMissedShare);
        Assert.Equal(loose.Before, owner.Before);
        Assert.Equal(loose.After, owner.After);
        Assert.Equal(ComparisonStatus.NoVariation, Row(report, ComparisonGroupKind.Promise, "right", ComparisonMetric.MeanScore).Status);
        Assert.Equal(90, Row(report, ComparisonGroupKind.Measure, "reply", ComparisonMetric.MeanScore).AfterCount);
        Assert.Equal(
            before.ByOwner.Keys.Order(StringComparer.Ordinal),
            report.Rows.Where(r => r.Kind == ComparisonGroupKind.Owner && r.Metric == ComparisonMetric.MeanScore).Select(r => r.Key));
        Assert.Equal(
            before.ByPromise.Select(p => p.Id),
            report.Rows.Where(r => r.Kind == ComparisonGroupKind.Promise && r.Metric == ComparisonMetric.MeanScore).Select(r => r.Key));
        Assert.Equal(0, Row(report, ComparisonGroupKind.Promise, "unused", ComparisonMetric.MeanScore).BeforeCount);
    }

    private static Scorecard PromiseReviewTestsScorecard(params (string Touchpoint, Duration Reply, int Count)[] groups)
        => CxScoring.Tests.Scorecards.PromiseReviewTests.ScorecardOf(groups);

    private static ComparisonRow Row(ComparisonReport report, ComparisonGroupKind kind, string key, ComparisonMetric metric)
        => report.Rows.Single(r => r.Kind == kind && r.Key == key && r.Metric == metric);
}
