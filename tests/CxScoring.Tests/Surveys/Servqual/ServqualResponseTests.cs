using CxScoring.Surveys.Servqual;


namespace CxScoring.Tests.Surveys.Servqual;

public class ServqualResponseTests
{
    [Fact]
    public void Constructor_FullResponse_KeepsAnswersAndImportance()
    {
        var response = new ServqualResponse([1, null], [2, 3], [60, 40]);
        Assert.True(response.HasExpectations);
        Assert.True(response.HasImportance);
        Assert.Equal([1, null], response.Expectations.AsEnumerable());
        Assert.Equal([2, 3], response.Perceptions.AsEnumerable());
        Assert.Equal([60.0, 40.0], response.ImportancePoints.AsEnumerable());
    }

    [Fact]
    public void PerformanceOnly_Perceptions_HasNoExpectations()
    {
        var response = ServqualResponse.PerformanceOnly([4, 5]);
        Assert.False(response.HasExpectations);
        Assert.False(response.HasImportance);
        Assert.Empty(response.Expectations);
        Assert.Empty(response.ImportancePoints);
    }

    [Fact]
    public void Constructor_EmptyExpectations_StillHasExpectations()
    {
        var response = new ServqualResponse([], [4], []);
        Assert.True(response.HasExpectations);
        Assert.True(response.HasImportance);
    }

    [Fact]
    public void Constructor_NullPerceptions_ThrowsNamingPerceptions()
    {
        Assert.Equal("perceptions", Assert.Throws<ArgumentNullException>(() => new ServqualResponse([1], null!)).ParamName);
        Assert.Equal("perceptions", Assert.Throws<ArgumentNullException>(() => ServqualResponse.PerformanceOnly(null!)).ParamName);
    }
}
