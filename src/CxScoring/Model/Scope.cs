using System.Text;

namespace CxScoring.Model;

/// <summary>
/// Where a promise or an expectation applies: to one touchpoint, to every touchpoint of a channel, to one
/// segment, or to any combination; an empty scope applies everywhere. When several apply to an outcome, the most
/// specific wins: segment counts more than touchpoint, touchpoint more than channel.
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct Scope : IEquatable<Scope>
{
    /// <summary>Initializes a new instance of the <see cref="Scope"/> struct.</summary>
    /// <param name="touchpointId">The touchpoint it is limited to, or <see langword="null"/> for any.</param>
    /// <param name="channel">The channel it is limited to, or <see langword="null"/> for any.</param>
    /// <param name="segmentId">The segment it is limited to, or <see langword="null"/> for any.</param>
    /// <exception cref="ArgumentException">Thrown when an identifier given is not valid.</exception>
    public Scope(string? touchpointId = null, Channel? channel = null, string? segmentId = null)
    {
        if (touchpointId is not null)
        {
            Ids.Validate(touchpointId, nameof(touchpointId));
        }

        if (segmentId is not null)
        {
            Ids.Validate(segmentId, nameof(segmentId));
        }

        TouchpointId = touchpointId;
        Channel = channel;
        SegmentId = segmentId;
    }

    /// <summary>Gets the scope that applies everywhere.</summary>
    public static Scope Everywhere => default;

    /// <summary>Gets the touchpoint the scope is limited to.</summary>
    /// <value>The touchpoint identifier, or <see langword="null"/> for any touchpoint.</value>
    public string? TouchpointId { get; }

    /// <summary>Gets the channel the scope is limited to.</summary>
    /// <value>The channel, or <see langword="null"/> for any channel.</value>
    public Channel? Channel { get; }

    /// <summary>Gets the segment the scope is limited to.</summary>
    /// <value>The segment identifier, or <see langword="null"/> for any segment.</value>
    public string? SegmentId { get; }

    /// <summary>Gets how specific the scope is: 4 for a segment, plus 2 for a touchpoint, plus 1 for a channel.</summary>
    public int Specificity => (SegmentId is null ? 0 : 4) + (TouchpointId is null ? 0 : 2) + (Channel is null ? 0 : 1);

    /// <summary>Determines whether the scope applies at a touchpoint for a segment.</summary>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <param name="segmentId">The customer's segment, or <see langword="null"/> when unknown.</param>
    /// <returns><see langword="true"/> when every limit of the scope is met.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpoint"/> is <see langword="null"/>.</exception>
    public bool AppliesTo(Touchpoint touchpoint, string? segmentId)
    {
        ArgumentNullException.ThrowIfNull(touchpoint);
        return (TouchpointId is null || TouchpointId == touchpoint.Id)
               && (Channel is null || Channel.Value == touchpoint.Channel)
               && (SegmentId is null || SegmentId == segmentId);
    }

    /// <inheritdoc/>
    public bool Equals(Scope other)
        => TouchpointId == other.TouchpointId && Nullable.Equals(Channel, other.Channel) && SegmentId == other.SegmentId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TouchpointId, Channel, SegmentId);

    /// <inheritdoc/>
    public override string ToString()
    {
        if (Specificity == 0)
        {
            return "everywhere";
        }

        var text = new StringBuilder();
        Append(text, "touchpoint", TouchpointId);
        Append(text, "channel", Channel?.Name);
        Append(text, "segment", SegmentId);
        return text.ToString();

        static void Append(StringBuilder text, string label, string? value)
        {
            if (value is not null)
            {
                text.Append(text.Length == 0 ? string.Empty : ", ").Append(label).Append(" '").Append(value).Append('\'');
            }
        }
    }

    /// <summary>Determines whether two scopes are the same.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when all limits are equal.</returns>
    public static bool operator ==(Scope left, Scope right) => left.Equals(right);

    /// <summary>Determines whether two scopes differ.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when any limit differs.</returns>
    public static bool operator !=(Scope left, Scope right) => !left.Equals(right);
}
