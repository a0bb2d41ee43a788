namespace CxScoring.Model;

/// <summary>
/// A group of customers whose expectations differ from others' (business vs consumer, new vs long-standing).
/// Expectations and promises may be scoped to a segment.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Segment : IEquatable<Segment>
{
    /// <summary>Initializes a new instance of the <see cref="Segment"/> class.</summary>
    /// <param name="id">The identifier, unique within a scoring model.</param>
    /// <param name="name">A readable name; the <paramref name="id"/> when omitted.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier.</exception>
    public Segment(string id, string? name = null)
    {
        Ids.Validate(id, nameof(id));
        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
    }

    /// <summary>Gets the segment's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the segment's readable name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public bool Equals(Segment? other) => other is not null && Id == other.Id && Name == other.Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Segment);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
