using CxScoring.Gaps;
using CxScoring.Journeys;
using CxScoring.Model;
using NodaTime;


namespace CxScoring.Tests.Journeys;

public class JourneyEventScorerTests
{
    [Fact]
    public void Score_MixedOutcomes_ScoresValidAndCountsRefusalsByReason()
    {
        var at = JourneyFixtures.Base;
        Outcome[] outcomes =
        [
            new("c1", "offer", "sat", 7, at),
            new("c1", "nowhere", "sat", 7, at),
            new("c2", "offer", "sat", 12, at),
            new("c2", "offer", "sat", 10, at),
            new("c3", "upgrade", "sat", 3, at, "consumer"),
        ];

        var scored = JourneyEventScorer.Score(JourneyFixtures.Model, outcomes);

        Assert.Equal(2, scored.ScoredCount);
        Assert.Equal(3, scored.RejectedCount);
        Assert.Equal(1, scored.RejectedByReason[RejectionReason.UnknownTouchpoint]);
        Assert.Equal(2, scored.RejectedByReason[RejectionReason.ValueOutOfRange]);
        Assert.Equal(3, scored.Rejections.Length);
        Assert.Contains("nowhere", scored.Rejections[0].Description, StringComparison.Ordinal);
        Assert.Equal(JourneyStage.Usage, scored.Events[1].Stage);
        Assert.Equal(3.0, scored.Events[1].Weight);
        Assert.Equal(JourneyFixtures.Model.Score(outcomes[4]), scored.Events[1].Gap);
    }

    [Fact]
    public void TryScore_RefusedOutcome_ReturnsReason()
    {
        var outcome = new Outcome("c1", "offer", "nothing", 7, JourneyFixtures.Base);
        Assert.False(JourneyEventScorer.TryScore(JourneyFixtures.Model, outcome, out _, out var reason));
        Assert.Equal(RejectionReason.UnknownMeasure, reason);
    }

    [Fact]
    public void Score_NullArguments_Throw()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => JourneyEventScorer.Score(null!, [])).ParamName);
        Assert.Equal("outcomes", Assert.Throws<ArgumentNullException>(() => JourneyEventScorer.Score(JourneyFixtures.Model, null!)).ParamName);
    }

    [Fact]
    public void TryScore_NullModel_Throws()
        => Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => JourneyEventScorer.TryScore(null!, default, out _, out _)).ParamName);

    [Fact]
    public void TryScore_RequestedAtTheEndOfTime_RefusedAsInstantOutOfRange()
    {
        var at = Instant.FromUtc(2026, 3, 2, 9, 0);
        var outcome = Outcome.OfRequest("c1", "upgrade", "activation", at, Instant.FromUtc(9999, 12, 31, 23, 59, 59));
        Assert.False(JourneyEventScorer.TryScore(Tests.Model.ScoringModelTests.Telecom(), outcome, out _, out var reason));
        Assert.Equal(RejectionReason.InstantOutOfRange, reason);
    }
}
