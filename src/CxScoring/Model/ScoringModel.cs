using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CxScoring.Calendars;
using CxScoring.Gaps;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// A validated description of a customer journey for scoring: its touchpoints, measures, segments, promises and
/// expectations, and the felt-value parameters. Build one with <see cref="ScoringModelBuilder"/> or load it from a
/// model file.
/// </summary>
/// <remarks>
/// <para><see cref="Score(in Outcome)"/> and <see cref="TryScore(in Outcome, out GapResult, out RejectionReason)"/> are the
/// reference semantics of scoring one outcome; the engine compiles a model into dense arrays and computes the same
/// numbers at stream scale.</para>
/// <para>Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class ScoringModel
{
    private readonly FrozenDictionary<string, Touchpoint> _touchpoints;
    private readonly FrozenDictionary<string, Measure> _measures;
    private readonly FrozenDictionary<string, Segment> _segments;
    private readonly FrozenDictionary<string, ImmutableArray<Promise>> _promisesByMeasure;
    private readonly FrozenDictionary<string, ImmutableArray<Expectation>> _expectationsByMeasure;

    internal ScoringModel(
        string name,
        ImmutableArray<Touchpoint> touchpoints,
        ImmutableArray<Measure> measures,
        ImmutableArray<Segment> segments,
        ImmutableArray<Promise> promises,
        ImmutableArray<Expectation> expectations,
        ProspectValueFunction feltValue)
    {
        Name = name;
        Touchpoints = touchpoints;
        Measures = measures;
        Segments = segments;
        Promises = promises;
        Expectations = expectations;
        FeltValue = feltValue;
        Calendars =
        [
            .. promises.Select(p => p.Deadline?.Calendar ?? p.Within?.Calendar)
                .Concat(expectations.SelectMany(e => new[] { ScoringModelBuilder.CalendarOf(e.Adequate), ScoringModelBuilder.CalendarOf(e.Desired) }))
                .OfType<BusinessCalendar>()
                .DistinctBy(c => c.Id, StringComparer.Ordinal),
        ];
        _touchpoints = touchpoints.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        _measures = measures.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        _segments = segments.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _promisesByMeasure = promises.GroupBy(p => p.MeasureId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Scope.Specificity).ToImmutableArray(), StringComparer.Ordinal);
        _expectationsByMeasure = expectations.GroupBy(e => e.MeasureId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Scope.Specificity).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>Gets the model's name.</summary>
    public string Name { get; }

    /// <summary>Gets the touchpoints, in the order they were added.</summary>
    public ImmutableArray<Touchpoint> Touchpoints { get; }

    /// <summary>Gets the measures, in the order they were added.</summary>
    public ImmutableArray<Measure> Measures { get; }

    /// <summary>Gets the customer segments, in the order they were added.</summary>
    public ImmutableArray<Segment> Segments { get; }

    /// <summary>Gets the promises, in the order they were added.</summary>
    public ImmutableArray<Promise> Promises { get; }

    /// <summary>Gets the expectations, in the order they were added.</summary>
    public ImmutableArray<Expectation> Expectations { get; }

    /// <summary>Gets the business calendars the promises and then the expectations refer to, in the order of their first use.</summary>
    /// <value>One calendar per identifier; empty when no promise or expectation level is stated in working days or business hours.</value>
    public ImmutableArray<BusinessCalendar> Calendars { get; }

    /// <summary>Gets the value function for felt value.</summary>
    /// <value>The default value is <see cref="ProspectValueFunction.Default"/>.</value>
    public ProspectValueFunction FeltValue { get; }

    /// <summary>Creates a builder for a new model.</summary>
    /// <param name="name">The model's name.</param>
    /// <returns>An empty builder.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty.</exception>
    public static ScoringModelBuilder CreateBuilder(string name = "model") => new(name);

    /// <summary>Finds a touchpoint by identifier.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="touchpoint">The touchpoint, when found.</param>
    /// <returns><see langword="true"/> when the model defines the touchpoint.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetTouchpoint(string id, [NotNullWhen(true)] out Touchpoint? touchpoint)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _touchpoints.TryGetValue(id, out touchpoint);
    }

    /// <summary>Finds a measure by identifier.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="measure">The measure, when found.</param>
    /// <returns><see langword="true"/> when the model defines the measure.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetMeasure(string id, [NotNullWhen(true)] out Measure? measure)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _measures.TryGetValue(id, out measure);
    }

    /// <summary>Finds a segment by identifier.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="segment">The segment, when found.</param>
    /// <returns><see langword="true"/> when the model defines the segment.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetSegment(string id, [NotNullWhen(true)] out Segment? segment)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _segments.TryGetValue(id, out segment);
    }

    /// <summary>
    /// Finds the promise in force for a measure at a touchpoint, for a segment, at an instant: of the promises whose
    /// scope applies and whose validity contains the instant, the most specific.
    /// </summary>
    /// <param name="measureId">The measure.</param>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <param name="segmentId">The segment, or <see langword="null"/>.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The promise, or <see langword="null"/> when none is in force.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="measureId"/> or <paramref name="touchpoint"/> is <see langword="null"/>.</exception>
    public Promise? FindPromise(string measureId, Touchpoint touchpoint, string? segmentId, Instant at)
    {
        ArgumentNullException.ThrowIfNull(measureId);
        ArgumentNullException.ThrowIfNull(touchpoint);
        if (_promisesByMeasure.TryGetValue(measureId, out var promises))
        {
            foreach (var promise in promises)
            {
                if (promise.IsInForceAt(at) && promise.Scope.AppliesTo(touchpoint, segmentId))
                {
                    return promise;
                }
            }
        }

        return null;
    }

    /// <summary>Finds the expectation for a measure at a touchpoint and segment: the most specific whose scope applies.</summary>
    /// <param name="measureId">The measure.</param>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <param name="segmentId">The segment, or <see langword="null"/>.</param>
    /// <returns>The expectation, or <see langword="null"/> when none applies.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="measureId"/> or <paramref name="touchpoint"/> is <see langword="null"/>.</exception>
    public Expectation? FindExpectation(string measureId, Touchpoint touchpoint, string? segmentId)
    {
        ArgumentNullException.ThrowIfNull(measureId);
        ArgumentNullException.ThrowIfNull(touchpoint);
        if (_expectationsByMeasure.TryGetValue(measureId, out var expectations))
        {
            foreach (var expectation in expectations)
            {
                if (expectation.Scope.AppliesTo(touchpoint, segmentId))
                {
                    return expectation;
                }
            }
        }

        return null;
    }

    /// <summary>Scores one outcome, or says why it cannot be scored.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="result">The gaps, when scored.</param>
    /// <param name="reason">Why the outcome was refused, when it was.</param>
    /// <returns><see langword="true"/> when the outcome was scored.</returns>
    public bool TryScore(in Outcome outcome, out GapResult result, out RejectionReason reason)
    {
        result = default;
        if (!UnixTime.Holds(outcome.ObservedAt) || (outcome.PromisedBy is { } by && !UnixTime.Holds(by)) || (outcome.RequestedAt is { } at && !UnixTime.Holds(at)))
        {
            // The engine cannot hold such an instant, and near the ends of time a deadline cannot be computed.
            reason = RejectionReason.InstantOutOfRange;
            return false;
        }

        if (!_touchpoints.TryGetValue(outcome.TouchpointId ?? string.Empty, out var touchpoint))
        {
            reason = RejectionReason.UnknownTouchpoint;
            return false;
        }

        if (!_measures.TryGetValue(outcome.MeasureId ?? string.Empty, out var measure))
        {
            reason = RejectionReason.UnknownMeasure;
            return false;
        }

        if (outcome.SegmentId is { } segmentId && !_segments.ContainsKey(segmentId))
        {
            reason = RejectionReason.UnknownSegment;
            return false;
        }

        var validityInstant = outcome.RequestedAt ?? outcome.ObservedAt;
        var promise = FindPromise(measure.Id, touchpoint, outcome.SegmentId, validityInstant);
        var expectation = FindExpectation(measure.Id, touchpoint, outcome.SegmentId);
        if (!OutcomeResolution.TryResolve(
                measure, promise, expectation, outcome.Value, outcome.PromisedLevel, outcome.PromisedBy, outcome.RequestedAt, outcome.ObservedAt,
                out var delivered, out var promised, out var adequate, out var desired, out reason))
        {
            return false;
        }

        result = GapCalculator.Calculate(measure.Sign, 1.0 / measure.Scale, delivered, promised, adequate, desired, FeltValue);
        reason = default;
        return true;
    }

    /// <summary>Scores one outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The gaps.</returns>
    /// <exception cref="OutcomeRejectedException">Thrown when the outcome cannot be scored; the message says why and names the offending value.</exception>
    public GapResult Score(in Outcome outcome)
    {
        if (TryScore(outcome, out var result, out var reason))
        {
            return result;
        }

        throw new OutcomeRejectedException(reason, DescribeRejection(outcome, reason));
    }

    /// <summary>Describes why an outcome was refused, naming the offending value.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="reason">The reason it was refused.</param>
    /// <returns>A sentence for a log or an error message.</returns>
    public string DescribeRejection(in Outcome outcome, RejectionReason reason)
    {
        var known = reason switch
        {
            RejectionReason.UnknownTouchpoint => $" Known touchpoints: {List(Touchpoints.Select(t => t.Id))}.",
            RejectionReason.UnknownMeasure => $" Known measures: {List(Measures.Select(m => m.Id))}.",
            RejectionReason.UnknownSegment => $" Known segments: {List(Segments.Select(s => s.Id))}.",
            _ => string.Empty,
        };
        var what = reason switch
        {
            RejectionReason.UnknownTouchpoint => $"touchpoint '{outcome.TouchpointId}' is not defined in model '{Name}'.",
            RejectionReason.UnknownMeasure => $"measure '{outcome.MeasureId}' is not defined in model '{Name}'.",
            RejectionReason.UnknownSegment => $"segment '{outcome.SegmentId}' is not defined in model '{Name}'.",
            RejectionReason.NonFiniteValue => string.Create(CultureInfo.InvariantCulture, $"value {outcome.Value} (promised level {outcome.PromisedLevel}) is not a finite number."),
            RejectionReason.ValueOutOfRange => string.Create(CultureInfo.InvariantCulture, $"value {outcome.Value} is outside the range of measure '{outcome.MeasureId}'."),
            RejectionReason.NoPromiseInForce => $"no promise for measure '{outcome.MeasureId}' is in force at {outcome.RequestedAt ?? outcome.ObservedAt} for touchpoint '{outcome.TouchpointId}', segment '{outcome.SegmentId ?? "(none)"}', and the outcome carries no promised level of its own.",
            RejectionReason.NoExpectation => $"no expectation for measure '{outcome.MeasureId}' applies at touchpoint '{outcome.TouchpointId}', segment '{outcome.SegmentId ?? "(none)"}'.",
            RejectionReason.MissingDeadline => $"deadline measure '{outcome.MeasureId}' needs the outcome's own deadline (promisedBy) or a request instant (requestedAt) for the promise's local-time rule.",
            RejectionReason.InvertedZone => string.Create(CultureInfo.InvariantCulture, $"the zone of tolerance for measure '{outcome.MeasureId}' at touchpoint '{outcome.TouchpointId}', resolved against {(outcome.PromisedLevel is { } own ? $"the outcome's own promised level {own}" : "the promise in force")}, has desired worse than adequate; relative expectation levels need a promised level that keeps desired at least as good as adequate."),
            RejectionReason.InstantOutOfRange => $"an instant of the outcome (observed {outcome.ObservedAt}{(outcome.PromisedBy is { } by ? $", promised by {by}" : "")}{(outcome.RequestedAt is { } at ? $", requested {at}" : "")}) is outside the range the scoring engine holds (years 1677 to 2262).",
            _ => $"reason {reason}.",
        };
        return $"Outcome of customer '{outcome.CustomerId}' at {outcome.ObservedAt} refused ({reason}): {what}{known}";

        static string List(IEnumerable<string> ids)
        {
            var all = ids.ToList();
            return all.Count == 0 ? "(none)" : all.Count <= 10 ? string.Join(", ", all) : string.Join(", ", all.Take(10)) + $", … ({all.Count} in all)";
        }
    }
}
