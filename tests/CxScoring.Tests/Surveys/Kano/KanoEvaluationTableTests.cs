using CxScoring.Surveys.Kano;


namespace CxScoring.Tests.Surveys.Kano;

public class KanoEvaluationTableTests
{
    [Theory]
    [InlineData(KanoAnswer.Like, KanoAnswer.Like, KanoCategory.Questionable)]
    [InlineData(KanoAnswer.Like, KanoAnswer.MustBe, KanoCategory.Attractive)]
    [InlineData(KanoAnswer.Like, KanoAnswer.LiveWith, KanoCategory.Attractive)]
    [InlineData(KanoAnswer.Like, KanoAnswer.Dislike, KanoCategory.OneDimensional)]
    [InlineData(KanoAnswer.MustBe, KanoAnswer.Like, KanoCategory.Reverse)]
    [InlineData(KanoAnswer.MustBe, KanoAnswer.MustBe, KanoCategory.Indifferent)]
    [InlineData(KanoAnswer.Neutral, KanoAnswer.Dislike, KanoCategory.MustBe)]
    [InlineData(KanoAnswer.LiveWith, KanoAnswer.Dislike, KanoCategory.MustBe)]
    [InlineData(KanoAnswer.Dislike, KanoAnswer.LiveWith, KanoCategory.Reverse)]
    [InlineData(KanoAnswer.Dislike, KanoAnswer.Dislike, KanoCategory.Questionable)]
    public void Classify_Standard_MatchesPublishedTable(KanoAnswer f, KanoAnswer d, KanoCategory expected)
        => Assert.Equal(expected, KanoEvaluationTable.Standard.Classify(f, d));

    [Fact]
    public void Classify_Pouliot_IdenticalAnswersAreQuestionableExceptNeutral()
    {
        foreach (var answer in Enum.GetValues<KanoAnswer>())
        {
            var expected = answer == KanoAnswer.Neutral ? KanoCategory.Indifferent : KanoCategory.Questionable;
            Assert.Equal(expected, KanoEvaluationTable.Pouliot.Classify(answer, answer));
        }

        foreach (var f in Enum.GetValues<KanoAnswer>())
        {
            foreach (var d in Enum.GetValues<KanoAnswer>())
            {
                if (f != d)
                {
                    Assert.Equal(KanoEvaluationTable.Standard.Classify(f, d), KanoEvaluationTable.Pouliot.Classify(f, d));
                }
            }
        }
    }

    [Fact]
    public void Classify_UndefinedAnswer_ThrowsNamingIt()
    {
        Assert.Equal("functional", Assert.Throws<ArgumentOutOfRangeException>(() => KanoEvaluationTable.Standard.Classify(0, KanoAnswer.Like)).ParamName);
        Assert.Equal("dysfunctional", Assert.Throws<ArgumentOutOfRangeException>(() => KanoEvaluationTable.Standard.Classify(KanoAnswer.Like, (KanoAnswer)6)).ParamName);
    }
}
