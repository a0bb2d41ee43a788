using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Model;

namespace CxScoring.Journeys.Dynamics;

/// <summary>
/// Moves each customer's zone of tolerance as events arrive and re-scores every event against the zone as it stood
/// when the event happened (same gap formulas as <see cref="GapCalculator"/>). State per customer is bounded: one
/// drift per measure and the customer's last event.
/// </summary>
/// <remarks>
/// A customer's events must arrive in journey order (<see cref="JourneyEventOrder"/>); different customers' events may
/// interleave freely. A tracker is not thread-safe: feed it from one thread at a time.
/// </remarks>
public sealed class ExpectationTracker
{
    private readonly ExpectationDynamicsOptions _options;
    private readonly ProspectValueFunction _feltValue;
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ExpectationTracker"/> class.</summary>
    /// <param name="model">The scoring model the events were scored with; its <see cref="ScoringModel.FeltValue"/> value function gives the re-scored felt values.</param>
    /// <param name="options">The dynamics; <see cref="ExpectationDynamicsOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public ExpectationTracker(ScoringModel model, ExpectationDynamicsOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? ExpectationDynamicsOptions.Default;
        _feltValue = model.FeltValue;
    }

    /// <summary>Gets the number of customers tracked.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Re-scores an event against the customer's current zone, then moves the zone by the adaptive rule.</summary>
    /// <param name="journeyEvent">The event, scored against the model's zone.</param>
    /// <returns>The event with its gaps against the customer's moved zone.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="journeyEvent"/> is the default value, or comes before the customer's last event in journey order.</exception>
    public JourneyEvent Rescore(in JourneyEvent journeyEvent)
    {
        var e = journeyEvent;
        if (e.Touchpoint is null)
        {
            throw new ArgumentException("The event is the default value; create events with JourneyEventScorer.", nameof(journeyEvent));
        }

        if (!_customers.TryGetValue(e.CustomerId, out var customer))
        {
            customer = new CustomerState();
            _customers.Add(e.CustomerId, customer);
        }
        else if (JourneyEventOrder.Instance.Compare(e, customer.Last) < 0)
        {
            throw new ArgumentException(
                $"Customer '{e.CustomerId}': the event at {e.ObservedAt} ({e.Outcome.TouchpointId}) arrived after one at {customer.Last.ObservedAt}; expectation dynamics need each customer's events in journey order.",
                nameof(journeyEvent));
        }

        customer.Last = e;
        var measure = e.Measure;
        var scale = measure.Scale;
        var limit = _options.MaxShift * scale;
        if (!customer.Drifts.TryGetValue(measure.Id, out var drift))
        {
            var seed = _options.Seed is { } s ? s(e.CustomerId, e.SegmentId, measure) : 0.0;
            if (!double.IsFinite(seed))
            {
                throw new InvalidOperationException($"The expectation seed for customer '{e.CustomerId}', measure '{measure.Id}' is {seed}; a seed must be a finite number of scales.");
            }

            var start = Math.Clamp(measure.Sign * seed * scale, -limit, limit);
            drift = new Drift(start, start, 0);
        }

        var gap = e.Gap;
        var sign = measure.Sign;
        var adequate = gap.Adequate + drift.Adequate;
        var desired = gap.Desired + drift.Desired;
        if (measure.Target is not null)
        {
            adequate = Math.Max(adequate, 0);
            desired = Math.Max(desired, 0);
        }

        if (GapCalculator.IsInverted(sign, adequate, desired))
        {
            desired = adequate;
        }

        var rescored = GapCalculator.Calculate(sign, 1.0 / scale, gap.Delivered, gap.Promised, adequate, desired, _feltValue);
        var x = gap.Delivered;
        var rate = rescored.Zone switch
        {
            Zone.Above => _options.RateAfterDelight,
            Zone.Below => _options.RateAfterShortfall,
            _ => _options.RateWithin,
        };
        double nextAdequate, nextDesired;
        if (_options.ZoneWidth == ZoneWidthRule.Kept)
        {
            var anchor = rescored.Zone switch
            {
                Zone.Above => desired,
                Zone.Below => adequate,
                _ => (adequate + desired) / 2.0,
            };
            var shift = AdaptiveExpectation.Next(anchor, x, rate) - anchor;
            nextAdequate = drift.Adequate + shift;
            nextDesired = drift.Desired + shift;
        }
        else
        {
            nextAdequate = drift.Adequate + (AdaptiveExpectation.Next(adequate, x, rate) - adequate);
            nextDesired = drift.Desired + (AdaptiveExpectation.Next(desired, x, rate) - desired);
        }

        customer.Drifts[measure.Id] = new Drift(
            Math.Clamp(nextAdequate, -limit, limit),
            Math.Clamp(nextDesired, -limit, limit),
            drift.Count + 1);
        return e.WithGap(rescored);
    }

    /// <summary>Gets how far every tracked zone has moved, ordered by customer and measure identifier.</summary>
    /// <returns>The drifts.</returns>
    public ImmutableArray<ExpectationDrift> Drifts()
    {
        var result = ImmutableArray.CreateBuilder<ExpectationDrift>();
        foreach (var (customerId, customer) in _customers)
        {
            foreach (var (measureId, drift) in customer.Drifts)
            {
                result.Add(new ExpectationDrift(customerId, measureId, drift.Adequate, drift.Desired, drift.Count));
            }
        }

        result.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.CustomerId, b.CustomerId);
            return c != 0 ? c : string.CompareOrdinal(a.MeasureId, b.MeasureId);
        });
        return result.ToImmutable();
    }

    /// <summary>Forgets a customer (for example when the customer leaves), freeing the state.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns><see langword="true"/> when the customer was tracked.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="customerId"/> is <see langword="null"/>.</exception>
    public bool Forget(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _customers.Remove(customerId);
    }

    private readonly record struct Drift(double Adequate, double Desired, int Count);

    private sealed class CustomerState
    {
        public JourneyEvent Last { get; set; }

        public Dictionary<string, Drift> Drifts { get; } = new(StringComparer.Ordinal);
    }
}
