using System.Globalization;

namespace CxScoring.Journeys.Cascades;

/// <summary>One cell of the cascade matrix: how many contacts at <see cref="ToTouchpointId"/> followed a shortfall at <see cref="FromTouchpointId"/>.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct CascadeCell : IEquatable<CascadeCell>
{
    internal CascadeCell(string fromTouchpointId, string toTouchpointId, int count)
    {
        FromTouchpointId = fromTouchpointId;
        ToTouchpointId = toTouchpointId;
        Count = count;
    }

    /// <summary>Gets the touchpoint where the shortfall happened.</summary>
    public string FromTouchpointId { get; }

    /// <summary>Gets the touchpoint of the follow-on contact.</summary>
    public string ToTouchpointId { get; }

    /// <summary>Gets the number of follow-on contacts.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public bool Equals(CascadeCell other)
        => FromTouchpointId == other.FromTouchpointId && ToTouchpointId == other.ToTouchpointId && Count == other.Count;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CascadeCell other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FromTouchpointId, ToTouchpointId, Count);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FromTouchpointId} → {ToTouchpointId}: {Count}");

    /// <summary>Determines whether two cells are the same.</summary>
    /// <param name="left">The first cell.</param>
    /// <param name="right">The second cell.</param>
    /// <returns><see langword="true"/> when all fields are equal.</returns>
    public static bool operator ==(CascadeCell left, CascadeCell right) => left.Equals(right);

    /// <summary>Determines whether two cells differ.</summary>
    /// <param name="left">The first cell.</param>
    /// <param name="right">The second cell.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(CascadeCell left, CascadeCell right) => !left.Equals(right);
}
