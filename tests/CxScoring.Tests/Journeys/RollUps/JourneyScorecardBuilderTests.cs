using CxScoring.Gaps;
using CxScoring.Journeys.RollUps;
using CxScoring.Model;
using CxScoring.Plans;
using FsCheck;
using Outcome = CxScoring.Model.Outcome;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys.RollUps;

public class JourneyScorecardBuilderTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(JourneyFixtures.InexactModel);
    private static readonly Instant AsOf = JourneyFixtures.Base + Duration.FromDays(40);
    private static readonly JourneyScorecardOptions WithRecency = new() { AsOf = AsOf, TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };

    /// <summary>Random outcomes on the inexact model: customers 0..11, five touchpoints, ratings 1.00..9.00, instants over five weeks (with ties), segments or none.</summary>
    internal static (Outcome Outcome, long Customer)[] RandomOutcomes(int seed, int count)
    {
        var random = new Random(seed);
        var result = new (Outcome, long)[count];
        string?[] segments = [null, "consumer", "business"];
        for (var i = 0; i < count; i++)
        {
            var customer = random.Next(12);
            var at = JourneyFixtures.Base + Duration.FromHours(random.Next(0, 35 * 24 / 7) * 7);
            var value = Math.Round(1 + (random.NextDouble() * 8), 2);
            var touchpoint = JourneyFixtures.TouchpointIds[random.Next(JourneyFixtures.TouchpointIds.Length)];
            result[i] = (new Outcome($"c{customer}", touchpoint, "sat", value, at, segments[random.Next(3)]), customer);
        }

        return result;
    }

    private static OutcomeRow[] Rows((Outcome Outcome, long Customer)[] outcomes) => [.. outcomes.Select(o => Plan.ToRow(o.Outcome, o.Customer))];

    private static JourneyScorecardBuilder Fed(ReadOnlySpan<OutcomeRow> rows, JourneyScorecardOptions? options = null)
    {
        var builder = new JourneyScorecardBuilder(Plan, options);
        builder.Add(rows);
        return builder;
    }

    [Property(MaxTest = 100)]
    public void Add_AnySplitOfTheStream_EqualsTheOnePassOfTheCostAnalysis(int seed, PositiveInt parts)
    {
        // The streaming builder (a dictionary of states, any split, merged) and the one pass (dense ordinals, states
        // per customer in turn) build the same scorecard, bit for bit, on rows that reach the general path too.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var options = JourneyPassFixtures.Prices.Journeys;
        var onePass = CxScoring.Journeys.Costs.NonComplianceCostAnalysis.Analyze(JourneyPassFixtures.Plan, rows, JourneyPassFixtures.Prices).Journeys;
        var random = new Random(seed);
        var cuts = Enumerable.Range(0, Math.Min(parts.Get, 6)).Select(_ => random.Next(rows.Length + 1)).Append(0).Append(rows.Length).Order().ToArray();
        var merged = new JourneyScorecardBuilder(JourneyPassFixtures.Plan, options);
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            var part = new JourneyScorecardBuilder(JourneyPassFixtures.Plan, options);
            foreach (var row in rows.AsSpan(cuts[i], cuts[i + 1] - cuts[i]))
            {
                part.Add(row);
            }

            merged.Merge(part);
        }

        Assert.Equal(onePass, merged.Build());
    }

    [Property(MaxTest = 300)]
    public void FoldJourney_AnyMoments_EqualsTheFoldMomentByMomentBitForBit(int seed, bool recency)
    {
        // The one pass folds a customer's moments at once (sums and extremes in locals, the worst and last moment kept
        // as their cell); it must leave the same state, bit for bit, as one fold per moment: ties in score (0 and -0
        // among them), instant and order key included, with and without recency weights.
        var plan = JourneyPassFixtures.Plan;
        var options = recency ? JourneyPassFixtures.Prices.Journeys : new JourneyScorecardOptions();
        var builder = new JourneyScorecardBuilder(plan, options);
        var random = new Random(seed);

        // Cells of two (touchpoint, measure) pairs, in any segment: equal order keys in different segments are frequent.
        int[] pairs = [random.Next(plan.TouchpointCount * plan.MeasureCount), random.Next(plan.TouchpointCount * plan.MeasureCount)];
        double[] scores = [-1, -0.5, -0.0, 0.0, 0.25, 1, -2.75];
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        var moments = new CxScoring.Journeys.JourneyMoment[random.Next(1, 70)];
        for (var i = 0; i < moments.Length; i++)
        {
            var score = random.Next(3) == 0 ? (random.NextDouble() * 4) - 2 : scores[random.Next(scores.Length)];
            var time = start + (random.Next(random.Next(1, 6) == 1 ? 200 : 4) * 3_600_000_000_000L);
            moments[i] = new CxScoring.Journeys.JourneyMoment(7, time, score, (pairs[random.Next(2)] * plan.SegmentSlots) + random.Next(plan.SegmentSlots));
        }

        // The streaming builder's fold, one moment at a time, from the moment's touchpoint, measure and segment.
        var cells = new CxScoring.Journeys.CellDecoder(plan);
        var expected = CustomerJourneyState.Empty;
        foreach (var moment in moments)
        {
            builder.Fold(ref expected, cells.Touchpoint(moment.Cell), cells.Measure(moment.Cell), cells.Segment(moment.Cell), moment.Time, moment.Score);
        }

        Assert.Equal(Bits(expected), Bits(builder.FoldJourney(moments)));

        // Taken in order of the instants (moments of one instant in row order), as the one pass takes a short journey:
        // the same bits, the peak of all-zero journeys included (the first moment's in row order).
        var byInstant = Enumerable.Range(0, moments.Length).OrderBy(i => moments[i].Time).Select(i => (byte)i).ToArray();
        var none = default(CxScoring.Journeys.NoMomentRows);
        Assert.Equal(Bits(expected), Bits(builder.FoldJourney(moments, byInstant, ref none)));
    }

    [Fact]
    public void FoldJourney_PeakOfSignedZerosAndTies_IsTheFoldMomentByMoments()
    {
        // The at-once fold takes the peak from the least and largest scores: the largest |score| wins, a shortfall
        // wins a tie, and a journey of ±0 alone keeps its first moment's zero.
        var plan = JourneyPassFixtures.Plan;
        var builder = new JourneyScorecardBuilder(plan, new JourneyScorecardOptions());
        var cells = new CxScoring.Journeys.CellDecoder(plan);
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        double[][] journeys = [[0.0, -0.0], [-0.0, 0.0], [-0.0, -0.0, 0.0], [0.5, -0.5], [-0.5, 0.5], [0.25, -0.0, 1, -1], [1, 0.0, 1], [-0.25], [0.0], [-0.0], [0.75, -0.5, 0.0]];
        foreach (var scores in journeys)
        {
            var moments = scores.Select((score, i) => new CxScoring.Journeys.JourneyMoment(7, start + (i % 2 * 60_000_000_000L), score, 0)).ToArray();
            var expected = CustomerJourneyState.Empty;
            foreach (var moment in moments)
            {
                builder.Fold(ref expected, cells.Touchpoint(moment.Cell), cells.Measure(moment.Cell), cells.Segment(moment.Cell), moment.Time, moment.Score);
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Peak), BitConverter.DoubleToInt64Bits(builder.FoldJourney(moments).Peak));
            Assert.Equal(Bits(expected), Bits(builder.FoldJourney(moments)));
        }
    }

    /// <summary>Every field of a state, doubles by their bits.</summary>
    private static string Bits(in CustomerJourneyState s)
    {
        static long B(double x) => BitConverter.DoubleToInt64Bits(x);
        return string.Join(
            ",",
            s.Count, s.Sum, s.SumSquares, s.WeightedSum, s.WeightTotal, s.RecencySum, s.RecencyWeight, B(s.Max), B(s.Peak), B(s.Min), s.MinTime, s.MinKey,
            s.EndTime, s.EndKey, B(s.EndScore), s.Owners, s.EndSegment, s.MinTouchpoint, s.MinMeasure, s.MinSegment);
    }

    [Property(MaxTest = 200)]
    public void Merge_AnySplitAndOrder_BuildsTheSameScorecardBitForBit(int seed, PositiveInt parts)
    {
        var rows = Rows(RandomOutcomes(seed, 1 + Math.Abs(seed % 120)));
        var whole = Fed(rows, WithRecency).Build();

        var random = new Random(seed ^ 0x5eed);
        var shuffled = (OutcomeRow[])rows.Clone();
        random.Shuffle(shuffled);
        var cuts = Enumerable.Range(0, Math.Min(parts.Get, 8)).Select(_ => random.Next(shuffled.Length + 1)).Append(0).Append(shuffled.Length).Order().ToArray();
        var builders = new List<JourneyScorecardBuilder>();
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            builders.Add(Fed(shuffled.AsSpan(cuts[i], cuts[i + 1] - cuts[i]), WithRecency));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(builders));
        var merged = builders[0];
        foreach (var other in builders.Skip(1))
        {
            merged.Merge(other);
        }

        var split = merged.Build();
        Assert.Equal(whole, split);
        Assert.Equal(whole.Total.Get(RollUpKind.PeakEnd).SumFixed, split.Total.Get(RollUpKind.PeakEnd).SumFixed);
    }

    [Property(MaxTest = 100)]
    public void Add_StreamedRollUps_EqualTheInMemoryBatchPerCustomer(int seed)
    {
        var outcomes = RandomOutcomes(seed, 1 + Math.Abs(seed % 80));
        var shuffled = Rows(outcomes);
        new Random(seed).Shuffle(shuffled);
        var builder = Fed(shuffled, WithRecency);
        foreach (var journey in outcomes.GroupBy(o => o.Customer))
        {
            var events = journey.Select(o => JourneyFixtures.Event(JourneyFixtures.InexactModel, o.Outcome.CustomerId, o.Outcome.TouchpointId, o.Outcome.Value, o.Outcome.ObservedAt, o.Outcome.SegmentId)).ToArray();
            var batch = RollUpAnalysis.Analyze(events);
            Assert.True(builder.TryGetRollUp(journey.Key, RollUpKind.Mean, out var mean));
            Assert.Equal(batch.Mean, mean, 1e-9);
            builder.TryGetRollUp(journey.Key, RollUpKind.WeightedMean, out var weighted);
            Assert.Equal(batch.WeightedMean, weighted, 1e-8);
            builder.TryGetRollUp(journey.Key, RollUpKind.WeakestLink, out var weakest);
            Assert.Equal(batch.WeakestLink, weakest);
            builder.TryGetRollUp(journey.Key, RollUpKind.MeanPlusPeak, out var meanPlusPeak);
            Assert.Equal(batch.MeanPlusPeak, meanPlusPeak, 1e-9);
            builder.TryGetRollUp(journey.Key, RollUpKind.RecencyWeighted, out var recency);
            Assert.Equal(batch.RecencyWeighted, recency, 1e-6);

            // Ties at one instant on one touchpoint are broken by the score here and by the value in journey order:
            // the same moment, since on one touchpoint and measure a larger value is a larger score.
            builder.TryGetRollUp(journey.Key, RollUpKind.PeakEnd, out var peakEnd);
            Assert.Equal(batch.PeakEnd, peakEnd, 1e-12);
        }
    }

    [Fact]
    public void Build_PeakEnd_KahnemanPatientsAandB()
    {
        // Redelmeier & Kahneman 1996 (docs/sources.md): patient A peak 8, end 7 → 7.5; patient B peak 8, end 1 → 4.5.
        // Moments on a 0..10 "number" measure scored against a zone at 0 with scale 10: score = value / 10.
        var model = new ScoringModelBuilder("peak-end")
            .AddMeasure(Measure.Number("moment", 10, Polarity.HigherIsBetter))
            .AddTouchpoint("procedure", JourneyStage.Usage, Channel.FieldVisit)
            .AddPromise(new Promise("none", "moment", 0, PromiseSource.Implicit))
            .AddExpectation(new Expectation("moment", ExpectationLevel.Absolute(0), ExpectationLevel.Absolute(0)))
            .Build();
        var plan = ScoringPlan.Compile(model);
        var start = JourneyFixtures.Base;
        OutcomeRow Row(long customer, double value, int minute) => new(0, 0, value, start + Duration.FromMinutes(minute), OutcomeRow.NoSegment, customer);
        var builder = new JourneyScorecardBuilder(plan);
        builder.Add([Row(1, 7, 20), Row(1, 2, 0), Row(1, 8, 10), Row(2, 1, 30), Row(2, 8, 10), Row(2, 3, 0)]);
        Assert.True(builder.TryGetRollUp(1, RollUpKind.PeakEnd, out var a));
        Assert.True(builder.TryGetRollUp(2, RollUpKind.PeakEnd, out var b));
        Assert.Equal(0.75, a, 1e-12);
        Assert.Equal(0.45, b, 1e-12);
        Assert.Equal(2, builder.Build().Total.Get(RollUpKind.PeakEnd).AboveCount);
    }

    [Fact]
    public void Build_SharesPerSegmentAndMonth_CountCustomersByTheirLastMoment()
    {
        var start = JourneyFixtures.Base; // 1 March 2026
        OutcomeRow Row(long customer, double value, double days, string? segment)
            => Plan.ToRow(new Outcome($"c{customer}", "invoice", "sat", value, start + Duration.FromDays(days), segment), customer);

        // Customer 1: peak-end below the zone (ends on a shortfall), last moment in March as a consumer.
        // Customer 2: ends delighted in April as a business customer. Customer 3: within the zone, no segment.
        var builder = new JourneyScorecardBuilder(Plan);
        builder.Add([Row(1, 9, 1, "business"), Row(1, 2, 3, "consumer"), Row(2, 4, 1, "consumer"), Row(2, 9, 40, "business"), Row(3, 6, 2, null)]);
        var card = builder.Build();
        Assert.Equal(3, card.Total.CustomerCount);
        Assert.Equal(5, card.Total.OutcomeCount);
        Assert.Equal(1.0 / 3, card.Total.Get(RollUpKind.PeakEnd).BelowShare, 1e-12);
        Assert.Equal(1, card.BySegment["consumer"].Get(RollUpKind.PeakEnd).BelowCount);
        Assert.Equal(1, card.BySegment["business"].Get(RollUpKind.PeakEnd).AboveCount);
        Assert.Equal(1, card.WithoutSegment.Get(RollUpKind.PeakEnd).WithinCount);
        Assert.Equal([new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)], card.ByMonth.Keys);
        Assert.Equal(2, card.ByMonth[new LocalDate(2026, 3, 1)].CustomerCount);
        Assert.True(double.IsNaN(card.Total.Get(RollUpKind.RecencyWeighted).Mean));
    }

    [Property(MaxTest = 50)]
    public void Build_ManyGroups_EachDistributionIsThatOfItsCustomersRollUps(int seed)
    {
        // Customers spread over ten years of months, three segment slots and the owning units of five touchpoints: a
        // few hundred (segment, owners, month) groups, so the scorecard's table of groups grows several times. Each
        // month's, segment's and owning unit's distribution must be that of the roll-ups (TryGetRollUp) of the
        // customers whose last moment lies there, or who met a touchpoint of the unit, counted directly.
        var random = new Random(seed);
        string?[] segments = [null, "consumer", "business"];
        var rows = new List<OutcomeRow>();
        var plan = JourneyPassFixtures.Plan;
        var touchpoints = plan.Model.Touchpoints;
        var last = new Dictionary<long, (Instant At, string? Segment, int Count)>();
        var units = new Dictionary<long, HashSet<string>>();
        for (var customer = 0L; customer < 600; customer++)
        {
            var moments = 1 + random.Next(4);
            for (var m = 0; m < moments; m++)
            {
                // Distinct instants per customer (a minute apart at least), so the last moment is the latest instant.
                var at = JourneyFixtures.Base + Duration.FromMinutes((random.Next(0, 10 * 365 * 24) * 60L) + m);
                var segment = segments[random.Next(3)];
                var touchpoint = touchpoints[random.Next(touchpoints.Length)];
                rows.Add(plan.ToRow(new Outcome($"c{customer}", touchpoint.Id, "sat", Math.Round(1 + (random.NextDouble() * 8), 2), at, segment), customer));
                var met = units.TryGetValue(customer, out var set) ? set : units[customer] = [];
                for (var owner = touchpoint.Owner; !string.IsNullOrEmpty(owner); owner = owner.Contains('/') ? owner[..owner.LastIndexOf('/')] : null)
                {
                    met.Add(owner);
                }
                var previous = last.GetValueOrDefault(customer, (Instant.MinValue, null, 0));
                last[customer] = at > previous.At ? (at, segment, previous.Count + 1) : (previous.At, previous.Segment, previous.Count + 1);
            }
        }

        var builder = new JourneyScorecardBuilder(plan);
        builder.Add([.. rows]);
        var card = builder.Build();
        Assert.Equal(600, card.Total.CustomerCount);
        Assert.Equal(rows.Count, card.Total.OutcomeCount);
        var byMonth = last.GroupBy(c => new LocalDate(c.Value.At.InUtc().Year, c.Value.At.InUtc().Month, 1)).ToDictionary(g => g.Key, g => g.Select(c => c.Key).ToArray());
        var bySegment = last.Where(c => c.Value.Segment is not null).GroupBy(c => c.Value.Segment!).ToDictionary(g => g.Key, g => g.Select(c => c.Key).ToArray());
        Assert.Equal(byMonth.Keys.Order(), card.ByMonth.Keys);
        Assert.Equal(bySegment.Keys.Order(StringComparer.Ordinal), card.BySegment.Keys);
        foreach (var (month, customers) in byMonth)
        {
            AssertDistributionsOf(card.ByMonth[month], customers, last);
        }

        foreach (var (segment, customers) in bySegment)
        {
            AssertDistributionsOf(card.BySegment[segment], customers, last);
        }

        var byOwner = units.SelectMany(c => c.Value.Select(unit => (Unit: unit, Customer: c.Key))).GroupBy(u => u.Unit).ToDictionary(g => g.Key, g => g.Select(u => u.Customer).ToArray());
        Assert.Equal(byOwner.Keys.Order(StringComparer.Ordinal), card.ByOwner.Keys);
        foreach (var (unit, customers) in byOwner)
        {
            AssertDistributionsOf(card.ByOwner[unit], customers, last);
        }

        AssertDistributionsOf(card.WithoutSegment, [.. last.Where(c => c.Value.Segment is null).Select(c => c.Key)], last);

        void AssertDistributionsOf(JourneyAggregate aggregate, long[] customers, Dictionary<long, (Instant At, string? Segment, int Count)> lastOf)
        {
            Assert.Equal(customers.Length, aggregate.CustomerCount);
            Assert.Equal(customers.Sum(c => lastOf[c].Count), aggregate.OutcomeCount);
            foreach (var kind in new[] { RollUpKind.Mean, RollUpKind.PeakEnd, RollUpKind.WeakestLink })
            {
                var values = customers.Select(c => builder.TryGetRollUp(c, kind, out var v) ? v : double.NaN).ToArray();
                var distribution = aggregate.Get(kind);
                Assert.Equal(values.Count(v => v < 0), distribution.BelowCount);
                Assert.Equal(values.Count(v => v > 0), distribution.AboveCount);
                Assert.Equal(values.Min(), distribution.Min);
                Assert.Equal(values.Max(), distribution.Max);
            }
        }
    }

    [Fact]
    public void Add_RejectedRows_AreCountedByReason()
    {
        var builder = new JourneyScorecardBuilder(Plan);
        builder.Add([new OutcomeRow(99, 0, 5, JourneyFixtures.Base), new OutcomeRow(0, 0, 5, JourneyFixtures.Base), new OutcomeRow(0, 7, 5, JourneyFixtures.Base)]);
        Assert.Equal(3, builder.Received);
        Assert.Equal(1, builder.Scored);
        Assert.Equal(1, builder.RejectedBy(RejectionReason.UnknownTouchpoint));
        Assert.Equal(1, builder.RejectedBy(RejectionReason.UnknownMeasure));
        var card = builder.Build();
        Assert.Equal(3, card.Received);
        Assert.Equal(1, card.Total.CustomerCount);
    }

    [Fact]
    public void Forget_RemovesTheCustomerAndKeepsTheOthers()
    {
        var rows = Rows(RandomOutcomes(3, 60));
        var builder = Fed(rows);
        var before = builder.CustomerCount;
        Assert.True(builder.Forget(rows[0].CustomerKey));
        Assert.False(builder.Forget(rows[0].CustomerKey));
        Assert.Equal(before - 1, builder.CustomerCount);
        Assert.False(builder.TryGetRollUp(rows[0].CustomerKey, RollUpKind.Mean, out _));
        var other = rows.First(r => r.CustomerKey != rows[0].CustomerKey).CustomerKey;
        Assert.True(builder.TryGetRollUp(other, RollUpKind.Mean, out var mean));
        var expected = Fed(rows.Where(r => r.CustomerKey == other).ToArray());
        expected.TryGetRollUp(other, RollUpKind.Mean, out var alone);
        Assert.Equal(alone, mean);
    }

    [Fact]
    public void Constructor_InvalidArguments_NameTheParameter()
    {
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => new JourneyScorecardBuilder(null!)).ParamName);
        var felt = Assert.Throws<ArgumentException>(() => new JourneyScorecardBuilder(Plan, new JourneyScorecardOptions { RollUps = new RollUpOptions { Value = MomentValue.FeltValue } }));
        Assert.Equal("options", felt.ParamName);
        Assert.Contains("JourneyScorecardOptions.RollUps.Value", felt.Message, StringComparison.Ordinal);
        var halfLife = Assert.Throws<ArgumentOutOfRangeException>(() => new JourneyScorecardBuilder(Plan, new JourneyScorecardOptions { RollUps = new RollUpOptions { HalfLife = Duration.Zero } }));
        Assert.Equal("options", halfLife.ParamName);
    }

    [Fact]
    public void Merge_InvalidArguments_NameTheParameter()
    {
        var builder = new JourneyScorecardBuilder(Plan);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => builder.Merge(null!)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => builder.Merge(builder)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => builder.Merge(new JourneyScorecardBuilder(ScoringPlan.Compile(JourneyFixtures.Model)))).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => builder.TryGetRollUp(1, (RollUpKind)99, out _)).ParamName);
    }

    [Fact]
    public void JourneyScorecardMerge_DisjointCustomers_EqualsOneBuilder()
    {
        var rows = Rows(RandomOutcomes(11, 200));
        var even = Fed(rows.Where(r => r.CustomerKey % 2 == 0).ToArray()).Build();
        var odd = Fed(rows.Where(r => r.CustomerKey % 2 == 1).ToArray()).Build();
        Assert.Equal(Fed(rows).Build(), even.Merge(odd));
        Assert.Equal(Fed(rows).Build(), odd.Merge(even));
    }
}
