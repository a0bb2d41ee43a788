using NodaTime;

namespace CxScoring.Model;

/// <summary>Conversions between <see cref="Instant"/> and nanoseconds since the Unix epoch, the engine's time unit.</summary>
/// <remarks>This type is stateless and safe to use from any number of threads.</remarks>
public static class UnixTime
{
    /// <summary>Gets the earliest instant the engine can hold (about 1677-09-21).</summary>
    public static Instant MinValue { get; } = NodaConstants.UnixEpoch.PlusNanoseconds(long.MinValue);

    /// <summary>Gets the latest instant the engine can hold (about 2262-04-11).</summary>
    public static Instant MaxValue { get; } = NodaConstants.UnixEpoch.PlusNanoseconds(long.MaxValue);

    /// <summary>Converts an instant to nanoseconds since the Unix epoch.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The nanoseconds since 1970-01-01T00:00:00Z.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="instant"/> is outside <see cref="MinValue"/>..<see cref="MaxValue"/>.</exception>
    public static long ToNanoseconds(Instant instant)
    {
        if (instant < MinValue || instant > MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"The engine holds instants from {MinValue} to {MaxValue} (nanoseconds since the Unix epoch in 64 bits).");
        }

        return (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
    }

    /// <summary>Whether an instant lies in <see cref="MinValue"/>..<see cref="MaxValue"/>.</summary>
    internal static bool Holds(Instant instant) => instant >= MinValue && instant <= MaxValue;

    /// <summary>Converts nanoseconds since the Unix epoch to an instant.</summary>
    /// <param name="nanoseconds">The nanoseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The instant.</returns>
    public static Instant FromNanoseconds(long nanoseconds) => NodaConstants.UnixEpoch.PlusNanoseconds(nanoseconds);
}
