namespace CxScoring.ModelFiles;

/// <summary>How model file names and messages are spelled: camel-case enumeration values, JSON paths, and exception messages without their parameter suffix.</summary>
internal static class ModelJsonNames
{
    /// <summary>The camel-case name of an enumeration value, as model files spell it.</summary>
    internal static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The JSON path of a property: <c>path.name</c>, or <c>path['name']</c> when the name is not a plain identifier.</summary>
    internal static string Child(string path, string name)
        => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}['{name}']";

    /// <summary>An argument exception's message without the " (Parameter '…')" suffix, on one line.</summary>
    internal static string Clean(ArgumentException ex)
    {
        var message = ex.Message;
        if (ex.ParamName is { } parameter)
        {
            message = message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
