using System.Collections.Immutable;

namespace CxScoring.Surveys.Servqual;

/// <summary>A dimension of a SERVQUAL-style instrument: a name and the item numbers that measure it.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ServqualDimension
{
    internal ServqualDimension(string name, ImmutableArray<int> items)
    {
        Name = name;
        Items = items;
    }

    /// <summary>Gets the name of the dimension.</summary>
    /// <value>A non-empty name such as "Tangibles".</value>
    public string Name { get; }

    /// <summary>Gets the 1-based item numbers of the dimension, in ascending order.</summary>
    /// <value>At least one item number.</value>
    public ImmutableArray<int> Items { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({string.Join(", ", Items)})";
}
