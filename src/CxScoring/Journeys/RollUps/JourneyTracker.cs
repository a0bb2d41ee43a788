using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using CxScoring.Journeys.Hotspots;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// Incremental journey scoring: events are added as they arrive, in any order, and the roll-ups per customer and the
/// hotspot ranking are available at any time, equal (up to floating-point rounding of sums) to the batch results
/// <see cref="RollUpAnalysis.Analyze(IEnumerable{JourneyEvent}, RollUpOptions?)"/> and <see cref="HotspotAnalysis.Analyze(IEnumerable{JourneyEvent})"/>
/// over the same events.
/// </summary>
/// <remarks>
/// State per customer is bounded: a fixed set of running sums plus one sum and count per distinct touchpoint the
/// customer met, whatever the number of events. Expectation dynamics, which depend on order, have their own
/// <see cref="Dynamics.ExpectationTracker"/>. A tracker is not thread-safe: feed it from one thread at a time.
/// </remarks>
public sealed class JourneyTracker
{
    private readonly RollUpOptions _options;
    private readonly Dictionary<string, RollUpAccumulator> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HotspotAnalysis.Tally> _hotspots = new(StringComparer.Ordinal);
    private int _eventCount;

    /// <summary>Initializes a new instance of the <see cref="JourneyTracker"/> class.</summary>
    /// <param name="options">The roll-up options; <see cref="RollUpOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public JourneyTracker(RollUpOptions? options = null)
    {
        options?.Validate(nameof(options));
        _options = options ?? RollUpOptions.Default;
    }

    /// <summary>Gets the number of customers tracked.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Gets the number of events added.</summary>
    public int EventCount => _eventCount;

    /// <summary>Adds an event.</summary>
    /// <param name="journeyEvent">The event.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="journeyEvent"/> is the default value.</exception>
    public void Add(in JourneyEvent journeyEvent)
    {
        if (journeyEvent.Touchpoint is null)
        {
            throw new ArgumentException("The event is the default value; create events with JourneyEventScorer.", nameof(journeyEvent));
        }

        if (!_customers.TryGetValue(journeyEvent.CustomerId, out var accumulator))
        {
            accumulator = new RollUpAccumulator(_options);
            _customers.Add(journeyEvent.CustomerId, accumulator);
        }

        accumulator.Add(journeyEvent);
        if (!_hotspots.TryGetValue(journeyEvent.Outcome.TouchpointId, out var tally))
        {
            tally = new HotspotAnalysis.Tally(journeyEvent.Touchpoint);
            _hotspots.Add(journeyEvent.Outcome.TouchpointId, tally);
        }

        tally.Add(journeyEvent);
        _eventCount++;
    }

    /// <summary>Gets the roll-up of a customer's journey so far.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="rollUp">The roll-up, when the customer is tracked.</param>
    /// <returns><see langword="true"/> when the customer is tracked.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="customerId"/> is <see langword="null"/>.</exception>
    public bool TryGetRollUp(string customerId, [NotNullWhen(true)] out JourneyRollUp? rollUp)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        rollUp = _customers.TryGetValue(customerId, out var accumulator) ? accumulator.ToRollUp() : null;
        return rollUp is not null;
    }

    /// <summary>Gets the roll-ups of every tracked customer.</summary>
    /// <returns>The roll-ups by customer identifier.</returns>
    public ImmutableSortedDictionary<string, JourneyRollUp> RollUps()
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, JourneyRollUp>(StringComparer.Ordinal);
        foreach (var (customerId, accumulator) in _customers)
        {
            result.Add(customerId, accumulator.ToRollUp());
        }

        return result.ToImmutable();
    }

    /// <summary>Gets the hotspot ranking of all events added.</summary>
    /// <returns>The ranking.</returns>
    public HotspotReport Hotspots() => HotspotAnalysis.Rank(_hotspots.Values, _eventCount, null, null);

    /// <summary>Forgets a customer's roll-up state (for example when the customer leaves); the hotspot tallies keep the customer's events.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns><see langword="true"/> when the customer was tracked.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="customerId"/> is <see langword="null"/>.</exception>
    public bool Forget(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _customers.Remove(customerId);
    }
}
