using System.Globalization;
using NodaTime;

namespace CxScoring.Journeys;

/// <summary>
/// How long an engagement stays open after its opening event: a fixed elapsed <see cref="Duration"/>, or a number of
/// calendar days in a time zone (the window ends at the same local time that many days later, so across a daylight
/// saving change it lasts 23 or 25 hours per changed day, as the customer counts days).
/// </summary>
/// <remarks>
/// Windows are half-open: an event exactly at the end belongs to the next engagement. A local time that does not exist
/// (skipped by a clock change) is resolved leniently: moved forward by the gap. This type is an immutable value and is
/// safe to use from any number of threads.
/// </remarks>
public readonly struct EngagementWindow : IEquatable<EngagementWindow>
{
    private EngagementWindow(Duration elapsed, int localDays, DateTimeZone? zone)
    {
        Elapsed = elapsed;
        LocalDays = localDays;
        Zone = zone;
    }

    /// <summary>Gets the fixed elapsed length of the window.</summary>
    /// <value>The length; <see cref="Duration.Zero"/> for a window in local days.</value>
    public Duration Elapsed { get; }

    /// <summary>Gets the number of local calendar days of the window.</summary>
    /// <value>The number of days; 0 for a fixed elapsed window.</value>
    public int LocalDays { get; }

    /// <summary>Gets the time zone local days are counted in.</summary>
    /// <value>The zone; <see langword="null"/> for a fixed elapsed window.</value>
    public DateTimeZone? Zone { get; }

    /// <summary>Creates a window of fixed elapsed length.</summary>
    /// <param name="length">The length; greater than zero.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="length"/> is not positive.</exception>
    public static EngagementWindow Of(Duration length)
    {
        if (length <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "An engagement window must be longer than zero.");
        }

        return new EngagementWindow(length, 0, null);
    }

    /// <summary>Creates a window of calendar days counted in a time zone.</summary>
    /// <param name="days">The number of days, from 1 to 3660.</param>
    /// <param name="zone">The time zone, for example <c>DateTimeZoneProviders.Tzdb["Europe/Berlin"]</c>.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="days"/> is outside 1..3660.</exception>
    public static EngagementWindow OfLocalDays(int days, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 3660);
        return new EngagementWindow(Duration.Zero, days, zone);
    }

    /// <summary>Gets the (exclusive) end of a window opened at an instant.</summary>
    /// <param name="start">When the engagement opened.</param>
    /// <returns>The end of the window.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the window is the default value.</exception>
    public Instant EndFor(Instant start)
    {
        if (Zone is { } zone)
        {
            var local = start.InZone(zone).LocalDateTime.PlusDays(LocalDays);
            return local.InZoneLeniently(zone).ToInstant();
        }

        if (Elapsed <= Duration.Zero)
        {
            throw new InvalidOperationException("The engagement window is the default value; create one with Of or OfLocalDays.");
        }

        return start + Elapsed;
    }

    /// <inheritdoc/>
    public bool Equals(EngagementWindow other)
        => Elapsed == other.Elapsed && LocalDays == other.LocalDays && Equals(Zone?.Id, other.Zone?.Id);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EngagementWindow other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Elapsed, LocalDays, Zone?.Id);

    /// <inheritdoc/>
    public override string ToString()
        => Zone is null
            ? Elapsed.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{LocalDays} local days in {Zone.Id}");

    /// <summary>Determines whether two windows are the same.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when length, days and zone are equal.</returns>
    public static bool operator ==(EngagementWindow left, EngagementWindow right) => left.Equals(right);

    /// <summary>Determines whether two windows differ.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when anything differs.</returns>
    public static bool operator !=(EngagementWindow left, EngagementWindow right) => !left.Equals(right);
}
