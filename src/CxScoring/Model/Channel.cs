using System.Diagnostics.CodeAnalysis;

namespace CxScoring.Model;

/// <summary>
/// The medium of a touchpoint (web, chat, phone, letter, …). Channels set their own pace: a chat is expected
/// to answer in minutes, a letter in days. The well-known channels are static members; hosts add their own
/// with <see cref="Custom(string)"/>.
/// </summary>
/// <remarks>
/// A channel is identified by its name, compared ordinally and case-insensitively; names are kept in lower case.
/// This type is an immutable value and is safe to use from any number of threads.
/// </remarks>
public readonly struct Channel : IEquatable<Channel>
{
    private readonly string? _name;

    private Channel(string name) => _name = name;

    /// <summary>Gets the web site channel.</summary>
    public static Channel Web { get; } = new("web");

    /// <summary>Gets the mobile app channel.</summary>
    public static Channel App { get; } = new("app");

    /// <summary>Gets the live chat or messenger channel.</summary>
    public static Channel Chat { get; } = new("chat");

    /// <summary>Gets the telephone channel.</summary>
    public static Channel Phone { get; } = new("phone");

    /// <summary>Gets the e-mail channel.</summary>
    public static Channel Email { get; } = new("email");

    /// <summary>Gets the postal letter channel.</summary>
    public static Channel Letter { get; } = new("letter");

    /// <summary>Gets the physical store or branch channel.</summary>
    public static Channel Store { get; } = new("store");

    /// <summary>Gets the field visit (technician, courier at the door) channel.</summary>
    public static Channel FieldVisit { get; } = new("field-visit");

    /// <summary>Gets the social media channel.</summary>
    public static Channel Social { get; } = new("social");

    /// <summary>Gets the channel of a touchpoint that states none: the default value of the struct, named <c>"unspecified"</c>.</summary>
    /// <remarks>It is not one of <see cref="WellKnown"/>; <c>Custom("unspecified")</c> equals it.</remarks>
    public static Channel Unspecified => default;

    /// <summary>Gets the channel's name, in lower case.</summary>
    /// <value>The name; <c>"unspecified"</c> for the default value of the struct.</value>
    public string Name => _name ?? "unspecified";

    /// <summary>Gets the well-known channels, in declaration order.</summary>
    public static IReadOnlyList<Channel> WellKnown { get; } = [Web, App, Chat, Phone, Email, Letter, Store, FieldVisit, Social];

    /// <summary>Creates a channel with the given name: a well-known one when the name matches, else a host-defined one.</summary>
    /// <param name="name">The channel name: letters, digits, '-' or '_' (for example <c>"kiosk"</c> or <c>"whatsapp"</c>).</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty, longer than 64 characters or has other characters.</exception>
    public static Channel Custom(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!TryValidate(name, out var error))
        {
            throw new ArgumentException(error, nameof(name));
        }

        return new Channel(name.ToLowerInvariant());
    }

    /// <summary>Tries to create a channel from its name.</summary>
    /// <param name="name">The channel name.</param>
    /// <param name="channel">The channel when the name is valid.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> is a valid channel name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out Channel channel)
    {
        if (name is null || !TryValidate(name, out _))
        {
            channel = default;
            return false;
        }

        channel = new Channel(name.ToLowerInvariant());
        return true;
    }

    private static bool TryValidate(string name, [NotNullWhen(false)] out string? error)
    {
        if (name.Length is 0 or > 64)
        {
            error = $"A channel name must have 1 to 64 characters; '{name}' has {name.Length}.";
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"A channel name may contain only ASCII letters, digits, '-' and '_'; '{name}' contains '{c}'.";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Channel other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Channel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Determines whether two channels are the same.</summary>
    /// <param name="left">The first channel.</param>
    /// <param name="right">The second channel.</param>
    /// <returns><see langword="true"/> when the names are equal.</returns>
    public static bool operator ==(Channel left, Channel right) => left.Equals(right);

    /// <summary>Determines whether two channels differ.</summary>
    /// <param name="left">The first channel.</param>
    /// <param name="right">The second channel.</param>
    /// <returns><see langword="true"/> when the names differ.</returns>
    public static bool operator !=(Channel left, Channel right) => !left.Equals(right);
}
