using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// Failure demand: how many contacts followed a shortfall by the same customer within a window, as a matrix from the
/// touchpoint of the shortfall to the touchpoint of the contact, and the share of all contacts that were follow-ons.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CascadeReport
{
    private readonly FrozenDictionary<(string, string), int> _counts;

    internal CascadeReport(Duration window, int contactCount, int followOnCount, ImmutableArray<CascadeCell> cells)
    {
        Window = window;
        ContactCount = contactCount;
        FollowOnCount = followOnCount;
        Cells = cells;
        _counts = cells.ToFrozenDictionary(c => (c.FromTouchpointId, c.ToTouchpointId), c => c.Count);
    }

    /// <summary>Gets the window within which a contact counts as following a shortfall.</summary>
    public Duration Window { get; }

    /// <summary>Gets the number of contacts: distinct (customer, touchpoint, instant) at the contact touchpoints.</summary>
    public int ContactCount { get; }

    /// <summary>Gets the number of contacts that followed a shortfall.</summary>
    public int FollowOnCount { get; }

    /// <summary>Gets the share of contacts that followed a shortfall.</summary>
    /// <value>A number in [0, 1]; 0 when there are no contacts.</value>
    public double FollowOnShare => ContactCount == 0 ? 0.0 : (double)FollowOnCount / ContactCount;

    /// <summary>Gets the non-empty cells of the matrix, largest count first, then by touchpoint identifiers (ordinal).</summary>
    public ImmutableArray<CascadeCell> Cells { get; }

    /// <summary>Gets the number of contacts at one touchpoint that followed a shortfall at another.</summary>
    /// <param name="fromTouchpointId">The touchpoint of the shortfall.</param>
    /// <param name="toTouchpointId">The touchpoint of the contact.</param>
    /// <returns>The count; 0 when none.</returns>
    /// <exception cref="ArgumentNullException">Thrown when a touchpoint identifier is <see langword="null"/>.</exception>
    public int Count(string fromTouchpointId, string toTouchpointId)
    {
        ArgumentNullException.ThrowIfNull(fromTouchpointId);
        ArgumentNullException.ThrowIfNull(toTouchpointId);
        return _counts.TryGetValue((fromTouchpointId, toTouchpointId), out var count) ? count : 0;
    }
}
