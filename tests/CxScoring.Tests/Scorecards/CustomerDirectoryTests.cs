using CxScoring.Scorecards;


namespace CxScoring.Tests.Scorecards;

public class CustomerDirectoryTests
{
    [Fact]
    public void KeyOf_NumbersInOrderOfFirstSight()
    {
        var directory = new CustomerDirectory();
        Assert.Equal(0, directory.KeyOf("a"));
        Assert.Equal(1, directory.KeyOf("b"));
        Assert.Equal(0, directory.KeyOf("a"));
        Assert.Equal(2, directory.Count);
        Assert.True(directory.TryGetId(1, out var id));
        Assert.Equal("b", id);
        Assert.False(directory.TryGetId(2, out _));
        Assert.False(directory.TryGetId(-1, out _));
    }

    [Fact]
    public void KeyOf_Null_ThrowsNamingCustomerId()
        => Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => new CustomerDirectory().KeyOf(null!)).ParamName);
}
