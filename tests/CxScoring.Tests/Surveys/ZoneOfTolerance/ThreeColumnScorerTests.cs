using CxScoring.Gaps;
using CxScoring.Surveys.ZoneOfTolerance;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxScoring.Tests.Surveys.ZoneOfTolerance;

public class ThreeColumnScorerTests
{
    // docs/sources.md, "Zone of tolerance": 9-point scale, adequate 5, desired 8; P 4 below, 5 within, 8 within, 9 above.
    [Theory]
    [InlineData(4, Zone.Below, -1, -4)]
    [InlineData(5, Zone.Within, 0, -3)]
    [InlineData(8, Zone.Within, 3, 0)]
    [InlineData(9, Zone.Above, 4, 1)]
    public void Score_PublishedZoneVector_LocatesPerception(int perceived, Zone location, double msa, double mss)
    {
        var score = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, new ThreeColumnAnswer(5, 8, perceived));
        Assert.Equal(location, score.Location);
        Assert.Equal(msa, score.Msa);
        Assert.Equal(mss, score.Mss);
        Assert.Equal((perceived - 5) / 3.0, score.PositionInZone!.Value, 12);
    }

    [Fact]
    public void Score_RatingOffScale_ThrowsNamingAnswer()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, new ThreeColumnAnswer(5, 10, 6)));
        Assert.Equal("answer", ex.ParamName);
        Assert.Contains("desired", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ScaleOutOfRange_ThrowsNamingScalePoints()
        => Assert.Equal("scalePoints", Assert.Throws<ArgumentOutOfRangeException>(() => new ThreeColumnInstrument(1)).ParamName);

    [Fact]
    public void Summarize_Sample_MeansCountsAndInvertedZones()
    {
        ThreeColumnAnswer[] answers = [new(5, 8, 4), new(5, 8, 6), new(5, 8, 9), new(7, 4, 6)];

        var summary = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, answers);

        Assert.Equal(4, summary.Count);
        Assert.Equal(2, summary.BelowCount);
        Assert.Equal(1, summary.WithinCount);
        Assert.Equal(1, summary.AboveCount);
        Assert.Equal(1, summary.InvertedCount);
        Assert.Equal(5.5, summary.Mean.Minimum, 12);
        Assert.Equal(7, summary.Mean.Desired, 12);
        Assert.Equal(6.25, summary.Mean.Perceived, 12);
        Assert.Equal(0.75, summary.Mean.Msa, 12);

        var cleaned = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, answers, excludeInverted: true);
        Assert.Equal(3, cleaned.Count);
        Assert.Equal(0, cleaned.InvertedCount);
        Assert.Equal(1, cleaned.ExcludedInvertedCount);
    }

    [Fact]
    public void Summarize_BadSamples_ThrowNamingAnswers()
    {
        var zot = ThreeColumnInstrument.NinePoint;
        Assert.Equal("answers", Assert.Throws<ArgumentNullException>(() => ThreeColumnScorer.Score(zot, (IReadOnlyList<ThreeColumnAnswer>)null!)).ParamName);
        Assert.Equal("answers", Assert.Throws<ArgumentException>(() => ThreeColumnScorer.Score(zot, [])).ParamName);
        Assert.Equal("answers", Assert.Throws<ArgumentException>(() => ThreeColumnScorer.Score(zot, [new(6, 5, 5)], excludeInverted: true)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ThreeColumnScorer.Score(zot, [new(5, 8, 6), new(0, 8, 6)]));
        Assert.Equal("answers", ex.ParamName);
        Assert.Contains("Respondent 1, minimum rating", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Summarize_RespondentOrder_DoesNotChangeSummary()
        => Prop.ForAll(
            Arb.From(Gen.Choose(1, 9).ArrayOf(3).Select(a => new ThreeColumnAnswer(a[0], a[1], a[2])).NonEmptyListOf()),
            answers =>
            {
                var forward = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [.. answers]);
                var backward = ThreeColumnScorer.Score(ThreeColumnInstrument.NinePoint, [.. Enumerable.Reverse(answers)]);
                return Math.Abs(forward.Mean.Msa - backward.Mean.Msa) < 1e-9
                    && Math.Abs(forward.Mean.Mss - backward.Mean.Mss) < 1e-9
                    && forward.BelowCount == backward.BelowCount && forward.AboveCount == backward.AboveCount
                    && forward.BelowCount + forward.WithinCount + forward.AboveCount == forward.Count;
            });
}
