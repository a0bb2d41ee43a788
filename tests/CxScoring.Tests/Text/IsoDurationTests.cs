using CxScoring.Text;


namespace CxScoring.Tests.Text;

public class IsoDurationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(1e-9)]
    [InlineData(1.2345678901234567e-11)]
    [InlineData(-172_800.5)]
    [InlineData(999_999_999_999_999.9)]
    public void Format_ThenParse_GivesTheSameDouble(double seconds)
    {
        Assert.True(IsoDuration.TryParseSeconds(IsoDuration.Format(seconds), out var back));
        Assert.Equal(seconds, back);
    }

    [Theory]
    [InlineData(1e-30)]
    [InlineData(-3.3e-29)]
    [InlineData(1.2345678901234567e-14)]
    public void Format_MoreDecimalPlacesThanADecimalHolds_IsRefused(double seconds)
    {
        // These used to be written as PT0S (or rounded), which reads back as a different value.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Format(seconds));
        Assert.Equal("seconds", ex.ParamName);
    }
}
