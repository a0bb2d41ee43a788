using System.Collections.Frozen;
using System.Collections.Immutable;
using CxScoring.Model;

namespace CxScoring.Journeys;

/// <summary>
/// An objective a customer pursues over several touchpoints within a time window, for example "upgrade service"
/// spanning offer → contract change → upgrade → first invoice. An engagement opens at an event at one of the
/// <see cref="OpeningTouchpointIds"/> (any of the <see cref="TouchpointIds"/> when none are named) and takes in the
/// customer's later events at its touchpoints until the window ends; the next opening event after that opens a new one.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class EngagementDefinition
{
    private readonly FrozenSet<string> _touchpoints;
    private readonly FrozenSet<string> _openers;

    /// <summary>Initializes a new instance of the <see cref="EngagementDefinition"/> class.</summary>
    /// <param name="id">The engagement's identifier, for example <c>"upgrade-service"</c>.</param>
    /// <param name="touchpointIds">The touchpoints that belong to the engagement; at least one.</param>
    /// <param name="window">How long the engagement stays open after its opening event.</param>
    /// <param name="openingTouchpointIds">The touchpoints that open an engagement (a subset of <paramref name="touchpointIds"/>); any of them when omitted or empty.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> or a touchpoint identifier is invalid, no touchpoint is given, an opening touchpoint is not one of the touchpoints, or <paramref name="window"/> is the default value.</exception>
    public EngagementDefinition(string id, IEnumerable<string> touchpointIds, EngagementWindow window, IEnumerable<string>? openingTouchpointIds = null)
    {
        Ids.Validate(id, nameof(id));
        ArgumentNullException.ThrowIfNull(touchpointIds);
        var touchpoints = touchpointIds.ToImmutableArray();
        if (touchpoints.IsEmpty)
        {
            throw new ArgumentException($"Engagement '{id}' needs at least one touchpoint.", nameof(touchpointIds));
        }

        for (var i = 0; i < touchpoints.Length; i++)
        {
            Ids.Validate(touchpoints[i], nameof(touchpointIds));
        }

        if (window.Elapsed <= NodaTime.Duration.Zero && window.Zone is null)
        {
            throw new ArgumentException($"Engagement '{id}': the window is the default value; create one with EngagementWindow.Of or OfLocalDays.", nameof(window));
        }

        var openers = openingTouchpointIds?.ToImmutableArray() ?? [];
        _touchpoints = touchpoints.ToFrozenSet(StringComparer.Ordinal);
        foreach (var opener in openers)
        {
            if (opener is null || !_touchpoints.Contains(opener))
            {
                throw new ArgumentException($"Engagement '{id}': opening touchpoint '{opener}' is not one of its touchpoints.", nameof(openingTouchpointIds));
            }
        }

        Id = id;
        TouchpointIds = touchpoints;
        OpeningTouchpointIds = openers;
        Window = window;
        _openers = openers.IsEmpty ? _touchpoints : openers.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Gets the engagement's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the touchpoints that belong to the engagement.</summary>
    public ImmutableArray<string> TouchpointIds { get; }

    /// <summary>Gets the touchpoints that open an engagement.</summary>
    /// <value>The opening touchpoints; empty when any of <see cref="TouchpointIds"/> opens one.</value>
    public ImmutableArray<string> OpeningTouchpointIds { get; }

    /// <summary>Gets how long the engagement stays open after its opening event.</summary>
    public EngagementWindow Window { get; }

    /// <summary>Determines whether a touchpoint belongs to the engagement.</summary>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    public bool Includes(string touchpointId)
    {
        ArgumentNullException.ThrowIfNull(touchpointId);
        return _touchpoints.Contains(touchpointId);
    }

    /// <summary>Determines whether an event at a touchpoint opens an engagement.</summary>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    public bool Opens(string touchpointId)
    {
        ArgumentNullException.ThrowIfNull(touchpointId);
        return _openers.Contains(touchpointId);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {string.Join(" → ", TouchpointIds)} within {Window}";
}
