namespace CxScoring.Model;

/// <summary>Owner paths: identifiers separated by '/', parents first (<c>billing/disputes</c> is owned within <c>billing</c>).</summary>
internal static class Owners
{
    /// <summary>The separator of an owner path's parts.</summary>
    internal const char Separator = '/';

    /// <summary>Checks an owner path: non-empty parts, each a valid identifier.</summary>
    /// <exception cref="ArgumentException">Thrown when a part is empty or not a valid identifier.</exception>
    internal static void Validate(string owner, string parameterName)
    {
        foreach (var part in owner.Split(Separator))
        {
            if (part.Length == 0)
            {
                throw new ArgumentException($"An owner is identifiers separated by '/', with no empty part; got '{owner}'.", parameterName);
            }

            Ids.Validate(part, parameterName);
        }
    }

    /// <summary>Gets an owner path and each of its parents, the path itself first (<c>billing/disputes</c>, then <c>billing</c>).</summary>
    internal static IEnumerable<string> SelfAndParents(string owner)
    {
        for (var end = owner.Length; end > 0; end = owner.LastIndexOf(Separator, end - 1))
        {
            yield return owner[..end];
        }
    }
}
