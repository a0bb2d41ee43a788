using System.Globalization;
using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Events;

/// <summary>How <see cref="EventPairer"/> bounds its memory and when it gives up waiting for an end.</summary>
/// <remarks>A plain bag of settings; <see cref="EventPairer"/> checks them when it is created. Not thread-safe while being initialised; safe to share once built.</remarks>
public sealed class EventPairingOptions
{
    /// <summary>Gets the default options.</summary>
    public static EventPairingOptions Default { get; } = new();

    /// <summary>Gets how long a start may wait for its end, in event time: once an event later than a start by more
    /// than this has been read, the start is counted as timed out and its end, if it comes, as late.</summary>
    /// <value>The default value is 30 days. Must be longer than zero.</value>
    public Duration StartTimeout { get; init; } = Duration.FromDays(30);

    /// <summary>Gets the most starts kept open at once; past it the oldest open start is counted as evicted.</summary>
    /// <value>The default value is 1,000,000. Must be from 1 to 100,000,000.</value>
    public int MaxOpenStarts { get; init; } = 1_000_000;

    /// <summary>Gets how many keys of paired outcomes are remembered to recognise a repeated end as a duplicate (else it counts as late).</summary>
    /// <value>The default value is 1,000,000. Must be from 0 to 100,000,000.</value>
    public int MaxClosedKeysRemembered { get; init; } = 1_000_000;

    /// <summary>
    /// Gets the yes/no measure of a same-channel reply. When set, each pair whose start and end both record a channel
    /// also yields an outcome of this measure: 1 when the answer went out on the channel the request came in on, 0 when
    /// it did not (a chat answered by letter) — a gap against a promise or expectation of 1.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no same-channel outcomes.</value>
    public string? SameChannelMeasureId { get; init; }

    /// <summary>Checks every property.</summary>
    /// <param name="parameterName">The entry point's parameter.</param>
    internal void Validate(string parameterName)
    {
        if (StartTimeout <= Duration.Zero)
        {
            OptionsRules.OutOfRange(parameterName, string.Create(CultureInfo.InvariantCulture, $"EventPairingOptions.StartTimeout is {StartTimeout}; it must be longer than zero."));
        }

        OptionsRules.InRange(MaxOpenStarts, 1, 100_000_000, "EventPairingOptions.MaxOpenStarts", parameterName);
        if (SameChannelMeasureId is { } measure && (string.IsNullOrWhiteSpace(measure) || measure.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            OptionsRules.Invalid(parameterName, $"EventPairingOptions.SameChannelMeasureId is '{measure}'; it must be a measure id without white space or control characters.");
        }

        OptionsRules.InRange(MaxClosedKeysRemembered, 0, 100_000_000, "EventPairingOptions.MaxClosedKeysRemembered", parameterName);
    }
}
