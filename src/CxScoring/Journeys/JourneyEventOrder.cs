namespace CxScoring.Journeys;

/// <summary>
/// The order of a journey: by <see cref="JourneyEvent.ObservedAt"/>, and for events at the same instant by
/// journey stage (earlier first), then by touchpoint, measure and customer identifiers (ordinal), then by value.
/// </summary>
/// <remarks>
/// The tie-break uses only the events' content, never their arrival order, so every journey result is the same
/// whatever order the events were supplied in. Events that compare equal have equal outcomes.
/// The comparer is stateless and safe to use from any number of threads.
/// </remarks>
public sealed class JourneyEventOrder : IComparer<JourneyEvent>
{
    private JourneyEventOrder()
    {
    }

    /// <summary>Gets the comparer.</summary>
    public static JourneyEventOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(JourneyEvent x, JourneyEvent y)
    {
        var c = x.ObservedAt.CompareTo(y.ObservedAt);
        if (c != 0)
        {
            return c;
        }

        c = ((int)x.Stage).CompareTo((int)y.Stage);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Outcome.TouchpointId, y.Outcome.TouchpointId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Outcome.MeasureId, y.Outcome.MeasureId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Outcome.CustomerId, y.Outcome.CustomerId);
        if (c != 0)
        {
            return c;
        }

        c = x.Outcome.Value.CompareTo(y.Outcome.Value);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Outcome.PromisedBy, y.Outcome.PromisedBy);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Outcome.RequestedAt, y.Outcome.RequestedAt);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Outcome.PromisedLevel, y.Outcome.PromisedLevel);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Outcome.SegmentId, y.Outcome.SegmentId);
        return c != 0 ? c : Nullable.Compare(x.Outcome.PerceivedRating, y.Outcome.PerceivedRating);
    }

    internal static JourneyEvent[] Sorted(IEnumerable<JourneyEvent> events)
    {
        var array = events.ToArray();
        Array.Sort(array, Instance);
        return array;
    }
}
