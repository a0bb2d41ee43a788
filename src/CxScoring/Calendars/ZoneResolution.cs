using NodaTime;
using NodaTime.TimeZones;

namespace CxScoring.Calendars;

/// <summary>
/// Local date-times resolved to instants the way deadlines read them, without the mapping object that
/// <see cref="DateTimeZone.ResolveLocal(LocalDateTime, ZoneLocalMappingResolver)"/> allocates on every call.
/// </summary>
internal static class ZoneResolution
{
    /// <summary>
    /// Resolves a local date-time as <c>Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted)</c>
    /// does: a time that occurs twice takes its later occurrence; a time skipped by a gap moves forward by the gap's length.
    /// </summary>
    /// <param name="zone">The zone.</param>
    /// <param name="local">The local date-time, at least a day inside NodaTime's range.</param>
    /// <returns>The instant.</returns>
    internal static Instant LaterOrShiftedForward(DateTimeZone zone, LocalDateTime local)
    {
        // The same search as DateTimeZone.MapLocal: the interval at the local reading taken as UTC, then its neighbours.
        var interval = zone.GetZoneInterval(local.InUtc().ToInstant());
        if (Contains(interval, local))
        {
            if (interval.HasEnd)
            {
                var next = zone.GetZoneInterval(interval.End);
                if (Contains(next, local))
                {
                    return At(local, next);
                }
            }

            return At(local, interval);
        }

        ZoneInterval? previous = null;
        if (interval.HasStart)
        {
            previous = zone.GetZoneInterval(interval.Start - Duration.Epsilon);
            if (Contains(previous, local))
            {
                return At(local, previous);
            }
        }

        if (interval.HasEnd)
        {
            var next = zone.GetZoneInterval(interval.End);
            if (Contains(next, local))
            {
                return At(local, next);
            }
        }

        // In a gap: shifted forward, that is read with the offset in force before the gap.
        var before = interval.HasStart && local < interval.IsoLocalStart ? previous! : interval;
        return At(local, before);
    }

    private static bool Contains(ZoneInterval interval, LocalDateTime local)
        => (!interval.HasStart || interval.IsoLocalStart <= local) && (!interval.HasEnd || local < interval.IsoLocalEnd);

    private static Instant At(LocalDateTime local, ZoneInterval interval) => local.WithOffset(interval.WallOffset).ToInstant();
}
