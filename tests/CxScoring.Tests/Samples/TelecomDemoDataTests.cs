using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using TelecomDemo;

namespace CxScoring.Tests.Samples;

public class TelecomDemoDataTests
{
    private static readonly ScoringModel Model = ScoringModelJson.LoadFile(RepositoryFiles.PathOf("samples", "data", "telecom", "model.json"));

    [Fact]
    public void DemoModel_Loads_WithEveryChannelAndStageOfTheStory()
    {
        Assert.Equal(["chat", "email", "letter", "phone", "sms"], Model.Touchpoints.Select(t => t.Channel.Name).Distinct().Order());
        Assert.Contains(Model.Touchpoints, t => t.Stage == JourneyStage.Awareness);
        Assert.Contains(Model.Touchpoints, t => t.Stage == JourneyStage.Billing);
        Assert.Contains(Model.Promises, p => p.Deadline is { Zone.Id: "Europe/Berlin", DaysAfter: 1 });
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameOutcomes()
    {
        Assert.Equal(TelecomDemoData.Generate(500, seed: 7), TelecomDemoData.Generate(500, seed: 7));
        Assert.NotEqual(TelecomDemoData.Generate(500, seed: 7), TelecomDemoData.Generate(500, seed: 8));
    }

    [Fact]
    public void Generate_Default_GivesAboutHundredThousandOutcomesAlmostAllScorable()
    {
        var outcomes = TelecomDemoData.Generate().ToList();
        Assert.InRange(outcomes.Count, 80_000, 130_000);
        // Some customers ignore the offer entirely and leave no outcome.
        Assert.InRange(outcomes.Select(o => o.CustomerId).Distinct().Count(), 9_500, 10_000);
        var refused = outcomes.Count(o => !Model.TryScore(o, out _, out _));
        Assert.Equal(0, refused);
    }

    [Fact]
    public void Generate_Journeys_AreOrderedInTimeUpToTheFirstInvoice()
    {
        foreach (var journey in TelecomDemoData.Generate(300).GroupBy(o => o.CustomerId))
        {
            var stages = journey.Where(o => o.TouchpointId is not "offer-email").Select(o => Model.TryGetTouchpoint(o.TouchpointId, out var t) ? t.Stage : default).ToList();
            var firstInvoice = stages.IndexOf(JourneyStage.Billing);
            var early = firstInvoice < 0 ? stages : stages.Take(firstInvoice).ToList();
            Assert.Equal(early.Order(), early);
        }
    }

    [Fact]
    public void LetterComplaints_KeepTheLetterButNotTheSpirit()
    {
        var results = TelecomDemoData.Generate(3_000)
            .Where(o => o.TouchpointId == "complaint-letter" && o.MeasureId == "reply-time")
            .Select(o => Model.Score(o))
            .ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.PromiseKept));
        Assert.All(results, r => Assert.True(r.SettingGap < 0));
        Assert.True(results.Count(r => r.Zone == Zone.Below) > results.Count / 2);

        // Five working days are not a fixed number of hours: at least 113 (a letter late on a Sunday), more over holidays.
        Assert.All(results, r => Assert.True(r.Promised >= 113 * 3600.0));
        Assert.True(results.Select(r => r.Promised).Distinct().Count() > 10);
    }

    [Fact]
    public void LetterComplaints_PerceivedVsDelivered_KeptToTheLetterYetCustomersRateThemBelowTheirZone()
    {
        Assert.Equal(MeasureSource.Perceived, Model.Measures.Single(m => m.Id == "satisfaction").Source);
        Assert.All(Model.Measures.Where(m => m.Id != "satisfaction"), m => Assert.Equal(MeasureSource.Delivered, m.Source));
        var plan = CxScoring.Plans.ScoringPlan.Compile(Model);
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var builder = engine.CreateScorecardBuilder();
        var outcomes = TelecomDemoData.Generate(3_000).ToArray();
        engine.ScoreOutcomes(outcomes, builder);
        var scorecard = builder.Build();

        // The letter: every reply kept the 5-working-day promise (delivered fine to the letter), yet the customers' own
        // ratings fall short of their zone on average: the perceived gap shows what the letter hides.
        var letter = scorecard.ForPerceivedVsDelivered("complaint-letter");
        Assert.True(letter.Delivered.Count > 0 && letter.Perceived.Count > 0);
        Assert.Equal(1.0, letter.Delivered.PromiseKeptRate);
        Assert.True(letter.Perceived.AdequacyMean < 0);
        Assert.True(letter.Perceived.ZoneShare(Zone.Below) > 0.3);
        Assert.True(letter.Perceived.ScoreMean < 0);
        Assert.Equal(PerceptionAgreement.BothShort, letter.Agreement);

        // The oracle: the perceived side is the scorecard of the letter's ratings alone; both sides make up the touchpoint.
        var ratings = outcomes.Where(o => o.TouchpointId == "complaint-letter" && o.MeasureId == "satisfaction").ToArray();
        var only = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes(ratings, only);
        Assert.Equal(only.Build().Total, letter.Perceived);
        Assert.Equal(scorecard.ForTouchpoint("complaint-letter"), letter.Delivered.Merge(letter.Perceived));

        // The e-mail reply is mostly within its zone as delivered; its ratings are better than the letter's.
        var email = scorecard.ForPerceivedVsDelivered("complaint-email");
        Assert.True(email.Delivered.AdequacyMean >= 0);
        Assert.True(email.Perceived.AdequacyMean > letter.Perceived.AdequacyMean);
        Assert.Equal(PerceptionAgreement.NotComparable, scorecard.ForPerceivedVsDelivered("first-invoice").Agreement);
    }

    [Fact]
    public void LetterPromise_IsFiveWorkingDaysOfTheUkDisputesOffice_BankHolidaysOff()
    {
        var rule = Model.Promises.Single(p => p.Id == "letter-reply-5-working-days").Deadline!;
        Assert.Equal(5, rule.DaysAfter);
        Assert.Equal("Europe/London", rule.Calendar!.Zone.Id);

        // Received Wed 24 Dec 2025: 25, 26 Dec and 1 Jan are bank holidays (gov.uk), so it is due Mon 5 Jan 17:00 GMT;
        // received Wed 4 Jun 2025 it is due Wed 11 Jun 17:00 BST.
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 1, 5, 17, 0), rule.DeadlineFor(NodaTime.Instant.FromUtc(2025, 12, 24, 10, 0)));
        Assert.Equal(NodaTime.Instant.FromUtc(2025, 6, 11, 16, 0), rule.DeadlineFor(NodaTime.Instant.FromUtc(2025, 6, 4, 10, 0)));
    }

    [Fact]
    public void LetterComplaints_InTheScorecard_KeptToTheLetterMissedTheSpirit_CarriedByTheirOwner()
    {
        var plan = CxScoring.Plans.ScoringPlan.Compile(Model);
        var engine = new ScoringEngine(plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var builder = engine.CreateScorecardBuilder();
        var outcomes = TelecomDemoData.Generate(3_000).ToArray();
        engine.ScoreOutcomes(outcomes, builder);
        var scorecard = builder.Build();
        var replies = outcomes.Where(o => o.TouchpointId == "complaint-letter" && o.MeasureId == "reply-time").Select(o => Model.Score(o)).ToList();
        var replyMisses = replies.Count(r => r.PromiseKept && r.Zone == Zone.Below);
        Assert.True(replyMisses > replies.Count / 2);

        var letter = scorecard.ForTouchpoint("complaint-letter");
        Assert.Equal("billing/disputes", Model.Touchpoints.Single(t => t.Id == "complaint-letter").Owner);
        Assert.True(letter.KeptButMissedCount >= replyMisses);
        Assert.True(letter.SettingGapMean < 0);

        // The owner's row and its parent's carry the letter complaints' misses; the owners add up to their touchpoints.
        var disputes = scorecard.ByOwner["billing/disputes"];
        Assert.Equal(letter.Merge(scorecard.ForTouchpoint("complaint-email")), disputes);
        Assert.True(scorecard.ByOwner["billing"].KeptButMissedCount >= letter.KeptButMissedCount);
        Assert.Equal(disputes.Merge(scorecard.ForTouchpoint("first-invoice")).Merge(scorecard.ForTouchpoint("monthly-invoice")), scorecard.ByOwner["billing"]);
        Assert.Equal(disputes, scorecard.ByStageAndOwner[JourneyStage.Support]["billing/disputes"]);

        // The letter promise itself: kept to the letter, missed the spirit — change it, do not merely keep it — and owned
        // by the touchpoint's owner, whose row carries every one of its outcomes.
        var promise = scorecard.ForPromise("letter-reply-5-working-days");
        Assert.Equal(PromiseVerdict.SetTooLoose, promise.Verdict);
        Assert.Equal("billing/disputes", promise.Owner);
        Assert.Equal("We reply to written complaints within 5 working days.", promise.Description);
        Assert.Equal(replies.Count, promise.Aggregate.Count);
        Assert.Equal(replyMisses, promise.Aggregate.KeptButMissedCount);
        Assert.Equal(0, promise.Aggregate.PromisesBroken);
        Assert.True(promise.Aggregate.SettingGapMean < 0);
        Assert.Contains(promise, scorecard.ReviewPromises().SetWrong);
        Assert.DoesNotContain(promise, scorecard.ReviewPromises().Broken);
        Assert.True(disputes.KeptButMissedCount >= promise.Aggregate.KeptButMissedCount);
        Assert.Equal(replies.Count, scorecard.ForMeasure("reply-time").Count - outcomes.Count(o => o.MeasureId == "reply-time" && o.TouchpointId != "complaint-letter" && Model.TryScore(o, out _, out _)));

        var text = new StringWriter();
        CxScoring.Reports.ScorecardTextWriter.Write(scorecard, text);
        Assert.Contains("billing/disputes", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("kept!spirit", text.ToString(), StringComparison.Ordinal);
        var json = CxScoring.Reports.ScorecardJsonWriter.WriteToString(scorecard);
        Assert.Contains("\"keptButMissed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"stageOwners\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void UnscopedPromises_AreOwnedWhereTheirOutcomesWereScored()
    {
        // "bill-matches-offer" and "bill-is-accurate" have no scope and no owner of their own: in force at every
        // touchpoint, including those of other owners that never see a bill, they are owned by the one unit whose
        // touchpoints scored them.
        var engine = new ScoringEngine(CxScoring.Plans.ScoringPlan.Compile(Model), new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });
        var builder = engine.CreateScorecardBuilder();
        var outcomes = TelecomDemoData.Generate(3_000).ToArray();
        engine.ScoreOutcomes(outcomes, builder);
        var scorecard = builder.Build();

        foreach (var id in new[] { "bill-matches-offer", "bill-is-accurate" })
        {
            var promise = scorecard.ForPromise(id);
            Assert.Null(Model.Promises.Single(p => p.Id == id).Owner);
            Assert.True(promise.Aggregate.Count > 0, id);
            var measure = promise.MeasureId;
            var owners = outcomes.Where(o => o.MeasureId == measure && Model.TryScore(o, out _, out _))
                .Select(o => Model.Touchpoints.Single(t => t.Id == o.TouchpointId).Owner)
                .Distinct()
                .ToList();
            Assert.Equal([promise.Owner], owners);
        }

        // The owner is read from the merged counts, so any split of the outcomes gives the same owners once merged.
        var halves = new[] { outcomes.Where((_, i) => i % 2 == 0).ToArray(), outcomes.Where((_, i) => i % 2 == 1).ToArray() };
        var parts = halves.Select(half =>
        {
            var part = engine.CreateScorecardBuilder();
            engine.ScoreOutcomes(half, part);
            return part.Build();
        }).ToList();
        Assert.Equal(scorecard.ByPromise.Select(p => p.Owner), Scorecard.Merge(parts).ByPromise.Select(p => p.Owner));
    }

    [Fact]
    public void WriteNdjson_WithFaults_EveryLineIsReadOrReported()
    {
        using var stream = new MemoryStream();
        var lines = TelecomDemoData.WriteNdjson(stream, customers: 2_000, includeFaults: true);
        stream.Position = 0;
        var reader = new NdjsonOutcomeReader(stream, new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue });
        var outcomes = reader.ReadAll().ToList();
        Assert.Equal(lines, reader.Report.Records);
        Assert.Equal(lines / 5_001, reader.Report.Malformed);
        Assert.True(reader.Report.Malformed > 0);
        Assert.Contains(outcomes, o => !Model.TryScore(o, out _, out _));
    }
}
