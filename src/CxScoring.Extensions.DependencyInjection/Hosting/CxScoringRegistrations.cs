namespace CxScoring.Hosting;

/// <summary>The names of the models added to one service collection, kept as a singleton instance in it.</summary>
internal sealed class CxScoringRegistrations
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public bool Contains(string name) => _names.Contains(name, StringComparer.Ordinal);

    /// <returns><see langword="true"/> when the name is new.</returns>
    public bool Add(string name)
    {
        if (Contains(name))
        {
            return false;
        }

        _names.Add(name);
        return true;
    }
}
