using CxScoring.Gaps;
using CxScoring.Plans;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Plans;

public class ScoringPlanTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 40)]
    public void TryScore_RandomOutcomes_EqualsModelTryScoreExactly(EngineOutcomes sample)
    {
        foreach (var outcome in sample.Items)
        {
            var expectedScored = EngineTestData.Model.TryScore(outcome, out var expected, out var expectedReason);
            var scored = Plan.TryScore(Plan.ToRow(outcome), out var result, out var reason);
            Assert.Equal(expectedScored, scored);
            if (scored)
            {
                Assert.Equal(expected, result);
            }
            else
            {
                Assert.Equal(expectedReason, reason);
            }
        }
    }

    [Fact]
    public void TryScore_EveryReasonOfTheModel_IsProduced()
    {
        var reasons = new HashSet<RejectionReason>();
        var scored = 0;
        foreach (var outcome in EngineTestData.Outcomes(7, 5000))
        {
            if (Plan.TryScore(Plan.ToRow(outcome), out _, out var reason))
            {
                scored++;
            }
            else
            {
                reasons.Add(reason);
            }
        }

        Assert.True(scored > 2000);
        Assert.Subset(reasons, Enum.GetValues<RejectionReason>().Where(r => r != RejectionReason.InstantOutOfRange).ToHashSet());
    }

    [Fact]
    public void Indices_FollowModelOrder()
    {
        Assert.Equal(0, Plan.TouchpointIndex("web-order"));
        Assert.Equal(3, Plan.TouchpointIndex("install"));
        Assert.Equal(6, Plan.MeasureIndex("delivery"));
        Assert.Equal(1, Plan.SegmentIndex("consumer"));
        Assert.True(Plan.TryGetMeasureIndex("wait", out var wait));
        Assert.Equal(0, wait);
        Assert.False(Plan.TryGetTouchpointIndex("nowhere", out var none));
        Assert.Equal(-1, none);
        Assert.False(Plan.TryGetSegmentIndex("martians", out _));
        Assert.Equal(6, Plan.TouchpointCount);
        Assert.Equal(8, Plan.MeasureCount);
        Assert.Equal(2, Plan.SegmentCount);
    }

    [Fact]
    public void TouchpointIndex_Unknown_ThrowsNamingId()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Plan.TouchpointIndex("nowhere")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Plan.MeasureIndex("nothing")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Plan.SegmentIndex("martians")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Plan.TouchpointIndex(null!)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Plan.TryGetMeasureIndex(null!, out _)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Plan.TryGetSegmentIndex(null!, out _)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Plan.TryGetTouchpointIndex(null!, out _)).ParamName);
    }

    [Fact]
    public void Compile_Null_ThrowsNamingModel()
        => Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ScoringPlan.Compile(null!)).ParamName);

    [Fact]
    public void ToRow_UnknownIds_BecomeIndicesTheEngineRefuses()
    {
        var outcome = new CxScoring.Model.Outcome("c", "nowhere", "nothing", 1, EngineTestData.Start, "martians");
        var row = Plan.ToRow(outcome);
        Assert.Equal(-1, row.TouchpointIndex);
        Assert.Equal(-1, row.MeasureIndex);
        Assert.Equal(-2, row.SegmentIndex);
        Assert.False(Plan.TryScore(row, out _, out var reason));
        Assert.Equal(RejectionReason.UnknownTouchpoint, reason);
    }

    [Fact]
    public void ToRow_InstantOutsideEngineRange_ThrowsNamingInstant()
    {
        var outcome = new CxScoring.Model.Outcome("c", "bill", "amount", 1, NodaTime.Instant.FromUtc(2300, 1, 1, 0, 0));
        Assert.Equal("instant", Assert.Throws<ArgumentOutOfRangeException>(() => Plan.ToRow(outcome)).ParamName);
    }

    [Fact]
    public void Cells_StaticPromise_AreFast_TimeVaryingAndDeadline_AreGeneral()
    {
        var wait = Plan.MeasureIndex("wait");
        Assert.NotEqual(0, Plan.Cells[Plan.CellIndex(Plan.TouchpointIndex("web-order"), wait, OutcomeRow.NoSegment)].Flags & PlanCell.FastFlag);
        Assert.Equal(0, Plan.Cells[Plan.CellIndex(Plan.TouchpointIndex("chat-help"), wait, OutcomeRow.NoSegment)].Flags & PlanCell.FastFlag);
        Assert.Equal(0, Plan.Cells[Plan.CellIndex(0, Plan.MeasureIndex("delivery"), OutcomeRow.NoSegment)].Flags & PlanCell.FastFlag);
        Assert.Equal(0, Plan.Cells[Plan.CellIndex(0, Plan.MeasureIndex("orphan"), OutcomeRow.NoSegment)].Flags & PlanCell.FastFlag);
    }
}
