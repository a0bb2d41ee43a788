using System.Globalization;

namespace CxScoring.Model;

/// <summary>
/// A point where the customer meets the organisation: a stage of the journey, a channel, an importance weight
/// (used by weighted roll-ups and hotspot ranking) and, optionally, the unit that owns it.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class Touchpoint : IEquatable<Touchpoint>
{
    /// <summary>Initializes a new instance of the <see cref="Touchpoint"/> class.</summary>
    /// <param name="id">The identifier, unique within a scoring model.</param>
    /// <param name="stage">The journey stage the touchpoint belongs to.</param>
    /// <param name="channel">The channel the touchpoint uses.</param>
    /// <param name="weight">The importance weight; a finite number greater than 0.</param>
    /// <param name="name">A readable name; the <paramref name="id"/> when omitted.</param>
    /// <param name="owner">The owning unit, optionally nested with '/' (<c>billing/disputes</c>); none when omitted.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier, <paramref name="stage"/> is not defined, or <paramref name="owner"/> is not a valid owner path.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="weight"/> is not a finite number greater than 0.</exception>
    public Touchpoint(string id, JourneyStage stage, Channel channel, double weight = 1.0, string? name = null, string? owner = null)
    {
        Ids.Validate(id, nameof(id));
        if (owner is not null)
        {
            Owners.Validate(owner, nameof(owner));
        }

        if (!Enum.IsDefined(stage))
        {
            throw new ArgumentException($"Touchpoint '{id}': {(int)stage} is not a journey stage.", nameof(stage));
        }

        if (!(double.IsFinite(weight) && weight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Touchpoint '{id}': the importance weight must be a finite number greater than 0.");
        }

        Id = id;
        Stage = stage;
        Channel = channel;
        Weight = weight;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
        Owner = owner;
    }

    /// <summary>Gets the unit that owns the touchpoint: a path of identifiers separated by '/', parents first (<c>billing/disputes</c>).</summary>
    /// <value>The owner, or <see langword="null"/> when the model names none.</value>
    public string? Owner { get; }

    /// <summary>Gets the touchpoint's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the touchpoint's readable name.</summary>
    public string Name { get; }

    /// <summary>Gets the journey stage.</summary>
    public JourneyStage Stage { get; }

    /// <summary>Gets the channel.</summary>
    public Channel Channel { get; }

    /// <summary>Gets the importance weight.</summary>
    /// <value>A finite number greater than 0; 1 by default.</value>
    public double Weight { get; }

    /// <inheritdoc/>
    public bool Equals(Touchpoint? other)
        => other is not null && Id == other.Id && Name == other.Name && Stage == other.Stage
           && Channel == other.Channel && Weight.Equals(other.Weight) && Owner == other.Owner;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Touchpoint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Stage, Channel, Weight, Owner);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Stage}, {Channel}, weight {Weight})");
}
