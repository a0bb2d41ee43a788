using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Scorecards.Accumulation;

/// <summary>
/// Ratings carried on delivered outcomes (<see cref="Measure.RatedBy"/>): the side pass against an oracle that scores
/// each rating as an outcome of the perceived measure, the ratings' own accounting, the agreement tables, merges and
/// the state section. The engine test model rates <c>wait</c> and <c>fcr</c> by the perceived <c>csat</c>.
/// </summary>
public class RatingTableTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);
    private static readonly ScoringEngine Sequential = new(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
    private static readonly ScorecardOptions Calendar = new() { TimeZone = EngineTestData.Berlin };
    private static readonly Zone[] Zones = [Zone.Below, Zone.Within, Zone.Above];

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 40)]
    public void Ratings_EqualAnOracleOfRatingsScoredAsPerceivedOutcomes(EngineOutcomes sample)
    {
        var outcomes = sample.Items;
        var scorecard = Score(outcomes);
        var model = EngineTestData.Model;

        // The oracle: each rating on a rated measure's outcome that itself scores, as an outcome of csat.
        var asOutcomes = new List<Outcome>();
        var rated = 0L;
        var refusedWithOutcome = new long[Enum.GetValues<RejectionReason>().Length];
        var expected = new long[model.Touchpoints.Length, 3, 3];
        foreach (var o in outcomes)
        {
            if (o.PerceivedRating is not { } rating || double.IsNaN(rating) || !Plan.TryGetMeasureIndex(o.MeasureId!, out var m) || model.Measures[m].RatedBy is null)
            {
                continue;
            }

            rated++;
            if (!model.TryScore(o, out var delivered, out var reason))
            {
                refusedWithOutcome[(int)reason]++;
                continue;
            }

            var perceived = new Outcome(o.CustomerId!, o.TouchpointId!, model.Measures[m].RatedBy!, rating, o.ObservedAt, o.SegmentId, requestedAt: o.RequestedAt);
            asOutcomes.Add(perceived);
            if (model.TryScore(perceived, out var felt, out _))
            {
                expected[Plan.TouchpointIndex(o.TouchpointId!), (int)delivered.Zone, (int)felt.Zone]++;
            }
        }

        var oracle = Score([.. asOutcomes]);
        Assert.Equal(rated, scorecard.RatedOutcomes);
        Assert.Equal(scorecard.ScoredRatings + scorecard.RejectedRatings, scorecard.RatedOutcomes);
        Assert.Equal(oracle.Scored, scorecard.ScoredRatings);
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            Assert.Equal(oracle.RejectedBy(reason) + refusedWithOutcome[(int)reason], scorecard.RejectedRatingsBy(reason));
        }

        // The perceived cells fed by ratings are the oracle's cells, bit for bit.
        var ratingCells = scorecard.Ratings?.Cells ?? [];
        for (var v = 0; v < Plan.VersionCellCount; v++)
        {
            Assert.Equal(oracle.VersionCells[v], ratingCells.Length == 0 ? ScoreAggregate.Empty : ratingCells[v]);
        }

        // The perceived side is the outcomes' perceived side with the oracle's added; the delivered side is unchanged.
        var withoutRatings = Score([.. outcomes.Select(WithoutRating)]);
        Assert.Equal(withoutRatings.VersionCells.ToArray(), scorecard.VersionCells.ToArray());
        Assert.Equal(withoutRatings.Received, scorecard.Received);
        var agreementTotal = 0L;
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var row = scorecard.PerceivedVsDelivered[t];
            Assert.Equal(withoutRatings.PerceivedVsDelivered[t].Delivered, row.Delivered);
            Assert.Equal(withoutRatings.PerceivedVsDelivered[t].Perceived.Merge(oracle.PerceivedVsDelivered[t].Perceived), row.Perceived);
            foreach (var d in Zones)
            {
                foreach (var p in Zones)
                {
                    Assert.Equal(expected[t, (int)d, (int)p], row.Ratings.Count(d, p));
                }
            }

            agreementTotal += row.RatedOutcomes;
        }

        Assert.Equal(scorecard.ScoredRatings, agreementTotal);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 25)]
    public void Ratings_AnySplitOrderAndMergeOrder_AreBitIdentical(PartitionedOutcomes sample)
    {
        var whole = Score(sample.Items);
        var pieces = Enumerable.Range(0, sample.Pieces)
            .Select(p => Score([.. sample.Items.Select((o, i) => (o, i)).Where(x => sample.PieceOf[x.i] == p).OrderBy(x => sample.ShuffleKey[x.i]).Select(x => x.o)]))
            .ToArray();
        var merged = Scorecard.Merge(pieces.Select((s, i) => (s, i)).OrderBy(x => sample.MergeKey[x.i % sample.MergeKey.Length]).Select(x => x.s));

        Assert.Equal(whole, merged);
        Assert.Equal(whole.ScoredRatings, merged.ScoredRatings);
        Assert.Equal(whole.RejectedRatings, merged.RejectedRatings);
        Assert.Equal(whole.PerceivedVsDelivered.ToArray(), merged.PerceivedVsDelivered.ToArray());
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 10)]
    public void Ratings_ParallelColumns_EqualSequentialRows(EngineBatch sample, byte threads)
    {
        var rows = sample.Items.Select(o => Plan.ToRow(o)).ToArray();
        var columns = new OutcomeColumns(rows.Length);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        var byRows = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.Score(rows, byRows);
        var parallel = new ScoringEngine(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 + (threads % 4), ParallelThreshold = 64 });
        var byColumns = parallel.CreateScorecardBuilder(Calendar);
        parallel.ScoreColumns(columns, byColumns);

        var expected = byRows.Build();
        Assert.Equal(expected, byColumns.Build());
        Assert.Equal(expected.PerceivedVsDelivered.ToArray(), byColumns.Build().PerceivedVsDelivered.ToArray());
    }

    [Fact]
    public void Ratings_OnMeasuresWithoutRatedBy_AreIgnored()
    {
        var at = EngineTestData.Start + Duration.FromDays(3);
        Outcome[] outcomes =
        [
            new("c1", "chat-help", "transfers", 1, at, perceivedRating: 1),
            new("c2", "chat-help", "accuracy", 0.99, at, perceivedRating: 5),
        ];

        var scorecard = Score(outcomes);

        Assert.Equal(0, scorecard.RatedOutcomes);
        Assert.Equal(Score([.. outcomes.Select(WithoutRating)]), scorecard);
        Assert.Equal(2, scorecard.Scored);
    }

    [Fact]
    public void Ratings_Refused_AreCountedWithTheirReason_AndTheOutcomeStillScores()
    {
        var at = EngineTestData.Start + Duration.FromDays(3);
        Outcome[] outcomes =
        [
            new("c1", "chat-help", "wait", 600, at, perceivedRating: 2),                        // scored
            new("c2", "chat-help", "wait", 600, at, perceivedRating: double.PositiveInfinity), // not finite
            new("c3", "chat-help", "wait", 600, at, perceivedRating: 9),                       // outside csat's 1–5
            new("c4", "chat-help", "wait", double.NaN, at, perceivedRating: 4),                // the outcome itself is refused
            new("c5", "chat-help", "wait", 600, at, perceivedRating: double.NaN),              // NaN: no rating
        ];

        var scorecard = Score(outcomes);

        Assert.Equal(4, scorecard.RatedOutcomes);
        Assert.Equal(1, scorecard.ScoredRatings);
        Assert.Equal(3, scorecard.RejectedRatings);
        Assert.Equal(2, scorecard.RejectedRatingsBy(RejectionReason.NonFiniteValue));
        Assert.Equal(1, scorecard.RejectedRatingsBy(RejectionReason.ValueOutOfRange));
        Assert.Equal(4, scorecard.Scored);
        Assert.Equal(1, scorecard.Rejected);
        Assert.Equal(1, scorecard.ForRatingAgreement("chat-help", "wait").Total);
        Assert.Equal(0, scorecard.ForRatingAgreement("chat-help", "fcr").Total);
        Assert.Throws<ArgumentOutOfRangeException>("reason", () => scorecard.RejectedRatingsBy((RejectionReason)99));
    }

    [Fact]
    public void Ratings_WithoutPerceivedExpectation_AreRefusedNoExpectation()
    {
        var model = ScoringModel.CreateBuilder("scoped")
            .AddTouchpoint("letter", JourneyStage.Support, Channel.Letter)
            .AddTouchpoint("phone", JourneyStage.Support, Channel.Phone)
            .AddMeasure(Measure.Duration("reply-time", Duration.FromDays(1)).WithRatedBy("satisfaction"))
            .AddMeasure(Measure.Rating("satisfaction", 5).WithSource(MeasureSource.Perceived))
            .AddPromise(Promise.OfDuration("reply-2d", "reply-time", Duration.FromDays(2), PromiseSource.ServiceLevelAgreement))
            .AddPromise(new Promise("satisfied", "satisfaction", 4, PromiseSource.Implicit))
            .AddExpectation(new Expectation("reply-time", ExpectationLevel.AsPromised, ExpectationLevel.Absolute(Duration.FromDays(1))))
            .AddExpectation(new Expectation("satisfaction", ExpectationLevel.Absolute(3), ExpectationLevel.Absolute(5), new Scope(touchpointId: "letter")))
            .Build();
        var engine = new ScoringEngine(model);
        var builder = engine.CreateScorecardBuilder();
        var at = EngineTestData.Start;
        engine.ScoreOutcomes(
            [
                new Outcome("c1", "letter", "reply-time", 86400, at, perceivedRating: 2),  // delivered within (kept), rated below
                new Outcome("c2", "letter", "reply-time", 86400, at, perceivedRating: 4),  // both within
                new Outcome("c3", "letter", "reply-time", 400000, at, perceivedRating: 5), // delivered below, rated within
                new Outcome("c4", "phone", "reply-time", 86400, at, perceivedRating: 1),   // no expectation of satisfaction at phone
            ],
            builder);
        var scorecard = builder.Build();

        Assert.Equal(4, scorecard.Scored);
        Assert.Equal(3, scorecard.ScoredRatings);
        Assert.Equal(1, scorecard.RejectedRatingsBy(RejectionReason.NoExpectation));
        var letter = scorecard.ForPerceivedVsDelivered("letter");
        Assert.Equal(3, letter.RatedOutcomes);
        Assert.Equal(1, letter.Ratings.Count(Zone.Within, Zone.Below));
        Assert.Equal(1, letter.Ratings.Count(Zone.Within, Zone.Within));
        Assert.Equal(1, letter.Ratings.Count(Zone.Below, Zone.Within));
        Assert.Equal(1.0 / 3, letter.DeliveredFinePerceivedPoor);
        Assert.Equal(1.0 / 3, letter.DeliveredPoorPerceivedFine);
        Assert.Equal(3, letter.Perceived.Count);
        Assert.Equal(0, scorecard.ForPerceivedVsDelivered("phone").RatedOutcomes);
        Assert.True(double.IsNaN(scorecard.ForPerceivedVsDelivered("phone").DeliveredFinePerceivedPoor));
    }

    [Fact]
    public void Columns_CarryRatings_ThroughAddGetRowAndClear()
    {
        var columns = new OutcomeColumns(4);
        var row = new OutcomeRow(0, 0, 60, EngineTestData.Start);
        columns.Add(row.WithPerceivedRating(3));
        columns.Add(row);
        Assert.Equal(3, columns.GetRow(0).PerceivedRating);
        Assert.False(columns.GetRow(1).HasPerceivedRating);
        Assert.False(default(OutcomeRow).HasPerceivedRating);
        Assert.Equal(row.WithPerceivedRating(3), columns.GetRow(0));
        Assert.NotEqual(row, columns.GetRow(0));

        columns.Clear();
        columns.Add(row);
        Assert.False(columns.GetRow(0).HasPerceivedRating);
        Assert.Throws<ArgumentOutOfRangeException>("index", () => columns.SetPerceivedRating(4, 1));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 20)]
    public void State_RoundTrip_KeepsRatings(EngineOutcomes sample)
    {
        var scorecard = Score(sample.Items);
        var read = ScorecardStateReader.Read(ScorecardStateWriter.WriteToArray(scorecard), Plan, Calendar);

        Assert.Equal(scorecard, read);
        Assert.Equal(scorecard.RatedOutcomes, read.RatedOutcomes);
        Assert.Equal(scorecard.PerceivedVsDelivered.ToArray(), read.PerceivedVsDelivered.ToArray());
        Assert.Equal(scorecard.ForRatingAgreement("chat-help", "wait", "business"), read.ForRatingAgreement("chat-help", "wait", "business"));
    }

    [Fact]
    public void State_WithoutRatingsSection_ReadsWithNoRatings_AndTheFlagRequiresTheSection()
    {
        // A scorecard that saw no rating is written as before ratings were scored: no flag, no section.
        var outcomes = EngineTestData.Outcomes(21, 400).Select(WithoutRating).ToArray();
        var state = ScorecardStateWriter.WriteToArray(Score(outcomes));
        Assert.Equal(0, BitConverter.ToUInt16(state, 6) & 8);

        var read = ScorecardStateReader.Read(state, Plan, Calendar);
        Assert.Equal(0, read.RatedOutcomes);
        Assert.Equal(Score(EngineTestData.Outcomes(21, 400)).VersionCells.ToArray(), read.VersionCells.ToArray());

        // The ratings flag without its section is corrupt.
        state[6] |= 8;
        var crc = Crc32C(state.AsSpan(0, state.Length - 4));
        BitConverter.TryWriteBytes(state.AsSpan(state.Length - 4), crc);
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(state, Plan, Calendar));
        Assert.Contains("ratings section is missing", error.Message, StringComparison.Ordinal);
    }

    private static Scorecard Score(Outcome[] outcomes)
    {
        var builder = Sequential.CreateScorecardBuilder(Calendar);
        Sequential.ScoreOutcomes(outcomes, builder);
        return builder.Build();
    }

    private static Outcome WithoutRating(Outcome o)
        => new(o.CustomerId!, o.TouchpointId!, o.MeasureId!, o.Value, o.ObservedAt, o.SegmentId, o.PromisedLevel, o.PromisedBy, o.RequestedAt);

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
