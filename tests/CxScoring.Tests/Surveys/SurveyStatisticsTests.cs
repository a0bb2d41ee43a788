using CxScoring.Surveys;


namespace CxScoring.Tests.Surveys;

public class SurveyStatisticsTests
{
    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.95, 1.644853627)]
    [InlineData(0.005, -2.575829304)]
    [InlineData(0.999, 3.090232306)]
    public void NormalQuantile_KnownProbabilities_MatchTables(double p, double z)
        => Assert.Equal(z, SurveyStatistics.NormalQuantile(p), 6);

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963985, 0.975)]
    [InlineData(-1.0, 0.158655254)]
    public void NormalCdf_KnownPoints_MatchTables(double x, double p)
        => Assert.Equal(p, SurveyStatistics.NormalCdf(x), 6);
}
