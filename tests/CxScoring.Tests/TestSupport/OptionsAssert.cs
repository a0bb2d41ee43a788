namespace CxScoring.Tests.TestSupport;

/// <summary>Asserts that an entry point refuses invalid options the one way every options type is checked.</summary>
internal static class OptionsAssert
{
    /// <summary>Asserts that <paramref name="entryPoint"/> throws <typeparamref name="TException"/> naming its options parameter, with a message naming the property.</summary>
    public static TException Refused<TException>(Action entryPoint, string property, string parameterName = "options")
        where TException : ArgumentException
    {
        var ex = Assert.Throws<TException>(entryPoint);
        Assert.Equal(parameterName, ex.ParamName);
        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
