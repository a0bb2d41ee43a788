using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// A shipped zone of tolerance for the response time of one channel: how long customers accept to wait for an answer
/// (<see cref="Adequate"/>) and hope to wait (<see cref="Desired"/>) on a messenger, the phone, e-mail, social media
/// or a letter. Each states its <see cref="Source"/> where a published survey gives the figure; otherwise it is a
/// default to adjust (<see cref="IsDefaultToAdjust"/>).
/// </summary>
/// <remarks>
/// Use a norm as a starting point for a model's expectations (<see cref="ToExpectation"/>, or <c>"norm"</c> in a model
/// file) and override either bound with your own survey. The figures and their sources are listed in
/// <c>docs/channel-norms.md</c>. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ChannelNorm
{
    private ChannelNorm(string name, Channel channel, Duration adequate, Duration desired, string? source)
    {
        Name = name;
        Channel = channel;
        Adequate = adequate;
        Desired = desired;
        Source = source;
    }

    /// <summary>Gets the norm's name, by which a model file refers to it (the channel's name).</summary>
    public string Name { get; }

    /// <summary>Gets the channel the norm is for.</summary>
    public Channel Channel { get; }

    /// <summary>Gets the longest wait for an answer most customers accept.</summary>
    public Duration Adequate { get; }

    /// <summary>Gets the wait for an answer customers hope for.</summary>
    public Duration Desired { get; }

    /// <summary>Gets where the figures come from.</summary>
    /// <value>The published survey, or <see langword="null"/> when the norm is a default to adjust.</value>
    public string? Source { get; }

    /// <summary>Gets a value indicating whether no published source backs the figures: a default to adjust to your customers.</summary>
    public bool IsDefaultToAdjust => Source is null;

    /// <summary>Gets the live chat and messenger norm: 2 minutes adequate, 30 seconds desired.</summary>
    public static ChannelNorm Chat { get; } = new("chat", Channel.Chat, Duration.FromMinutes(2), Duration.FromSeconds(30),
        "Arise, Google Consumer Survey of US consumers, 2017: the majority of phone and live-chat customers will hold under 2 minutes (adequate); desired is a default to adjust");

    /// <summary>Gets the telephone norm (time to answer a call): 2 minutes adequate, 30 seconds desired.</summary>
    public static ChannelNorm Phone { get; } = new("phone", Channel.Phone, Duration.FromMinutes(2), Duration.FromSeconds(30),
        "Arise, Google Consumer Survey of US consumers, 2017: the majority of phone and live-chat customers will hold under 2 minutes (adequate); desired is a default to adjust");

    /// <summary>Gets the e-mail norm: one day adequate, one hour desired.</summary>
    public static ChannelNorm Email { get; } = new("email", Channel.Email, Duration.FromHours(24), Duration.FromHours(1),
        "Toister Performance Solutions email response time surveys, 2015 and 2018 (over 1,000 US adults): one hour meets at least 80 % of customers (desired), one business day is the most common single answer (43.4 % in 2015); Fuze and GetHuman, 2016 (978 consumers): only 22 % accept more than one business day (adequate)");

    /// <summary>Gets the social media norm: one day adequate, one hour desired.</summary>
    public static ChannelNorm Social { get; } = new("social", Channel.Social, Duration.FromHours(24), Duration.FromHours(1),
        "Arise, Google Consumer Survey of over 1,500 US consumers, January 2017: 49.8 % want a response within 1 hour (desired), 79.2 % within 1 day (adequate)");

    /// <summary>Gets the postal letter norm, a default to adjust: one week adequate, three days desired.</summary>
    public static ChannelNorm Letter { get; } = new("letter", Channel.Letter, Duration.FromDays(7), Duration.FromDays(3), null);

    /// <summary>Gets every shipped norm.</summary>
    public static IReadOnlyList<ChannelNorm> All { get; } = [Chat, Phone, Email, Social, Letter];

    private static readonly FrozenDictionary<string, ChannelNorm> ByName = All.ToFrozenDictionary(n => n.Name, StringComparer.Ordinal);

    /// <summary>Finds a shipped norm by name.</summary>
    /// <param name="name">The norm's name: <c>chat</c>, <c>phone</c>, <c>email</c>, <c>social</c> or <c>letter</c>.</param>
    /// <param name="norm">The norm, when found.</param>
    /// <returns><see langword="true"/> when a norm has this name.</returns>
    public static bool TryGet([NotNullWhen(true)] string? name, [NotNullWhen(true)] out ChannelNorm? norm)
    {
        norm = null;
        return name is not null && ByName.TryGetValue(name, out norm);
    }

    /// <summary>Creates an expectation from the norm, optionally overriding either bound.</summary>
    /// <param name="measureId">The duration measure of the response time.</param>
    /// <param name="scope">Where the expectation applies; the norm's channel when omitted.</param>
    /// <param name="adequate">An adequate level replacing the norm's, or <see langword="null"/>.</param>
    /// <param name="desired">A desired level replacing the norm's, or <see langword="null"/>.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="measureId"/> is invalid.</exception>
    public Expectation ToExpectation(string measureId, Scope? scope = null, ExpectationLevel? adequate = null, ExpectationLevel? desired = null)
        => new(
            measureId,
            adequate ?? ExpectationLevel.Absolute(Adequate),
            desired ?? ExpectationLevel.Absolute(Desired),
            scope ?? new Scope(channel: Channel));

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Name}: adequate {Adequate}, desired {Desired}{(IsDefaultToAdjust ? " (default to adjust)" : string.Empty)}");
}
