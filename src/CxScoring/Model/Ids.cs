namespace CxScoring.Model;

/// <summary>Rules for identifiers of touchpoints, measures, segments and the like.</summary>
internal static class Ids
{
    internal const int MaxLength = 128;

    internal static void Validate(string? id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        if (id.Length > MaxLength)
        {
            throw new ArgumentException($"An identifier may have at most {MaxLength} characters; '{id[..32]}…' has {id.Length}.", parameterName);
        }

        foreach (var c in id)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                throw new ArgumentException($"An identifier may not contain white space or control characters; got '{id}'.", parameterName);
            }
        }
    }
}
