using CxScoring.Gaps;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// The one rule that turns an outcome, with the promise and expectation in force for it, into the four levels the gap
/// formulas read: delivered, promised, adequate and desired, mapped into the measure's polarity space. Both
/// <see cref="ScoringModel.TryScore"/> (by identifiers) and the compiled plan's general path (by indices) find the
/// promise and the expectation their own way and then call this, so the two cannot drift apart. Calendar rules, of a
/// promise or of a zone of tolerance, count from the same request instant: the outcome's <c>requestedAt</c>, or for a
/// duration without it, the observed instant less the delivered duration.
/// </summary>
internal static class OutcomeResolution
{
    /// <summary>Resolves the levels of one outcome, or the reason it cannot be scored.</summary>
    /// <param name="measure">The outcome's measure.</param>
    /// <param name="promise">The promise in force at the outcome's validity instant, or <see langword="null"/>.</param>
    /// <param name="expectation">The expectation for the outcome's touchpoint, measure and segment, or <see langword="null"/>.</param>
    /// <param name="value">The outcome's value (ignored for deadline measures).</param>
    /// <param name="ownPromisedLevel">The outcome's own promised level, or <see langword="null"/>.</param>
    /// <param name="ownDeadline">The outcome's own deadline, or <see langword="null"/>.</param>
    /// <param name="requestedAt">When the customer asked, or <see langword="null"/> (for a duration measure under a calendar
    /// rule, the request is then the observed instant less the delivered duration).</param>
    /// <param name="observedAt">When the outcome was observed.</param>
    /// <param name="delivered">The delivered level, in polarity space.</param>
    /// <param name="promised">The promised level, in polarity space.</param>
    /// <param name="adequate">The adequate level, in polarity space.</param>
    /// <param name="desired">The desired level, in polarity space.</param>
    /// <param name="reason">Why the outcome cannot be scored, when the result is <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the levels are resolved.</returns>
    internal static bool TryResolve(
        Measure measure, Promise? promise, Expectation? expectation, double value, double? ownPromisedLevel, Instant? ownDeadline, Instant? requestedAt, Instant observedAt,
        out double delivered, out double promised, out double adequate, out double desired, out RejectionReason reason)
    {
        delivered = promised = adequate = desired = 0;
        if (measure.Kind == MeasureKind.Deadline)
        {
            Instant deadline;
            if (ownDeadline is { } own)
            {
                deadline = own;
            }
            else if (promise is null)
            {
                reason = RejectionReason.NoPromiseInForce;
                return false;
            }
            else if (promise.HasDueRule && requestedAt is { } at)
            {
                if (!promise.TryDueFor(at, out deadline))
                {
                    reason = RejectionReason.InstantOutOfRange;
                    return false;
                }
            }
            else
            {
                reason = RejectionReason.MissingDeadline;
                return false;
            }

            delivered = Measure.ToSeconds(observedAt - deadline);
            promised = 0;
        }
        else
        {
            delivered = value;
            if (!double.IsFinite(delivered))
            {
                reason = RejectionReason.NonFiniteValue;
                return false;
            }

            if (!measure.Admits(delivered))
            {
                reason = RejectionReason.ValueOutOfRange;
                return false;
            }

            if (ownPromisedLevel is { } ownLevel)
            {
                if (!double.IsFinite(ownLevel))
                {
                    reason = RejectionReason.NonFiniteValue;
                    return false;
                }

                promised = ownLevel;
            }
            else if (promise is { HasDueRule: true })
            {
                // A calendar rule ("within 5 working days") gives this request its own promised duration: the time
                // from the request (given, or the delivery instant less the delivered duration) to the rule's deadline.
                if (!TryPromisedDuration(promise, delivered, requestedAt, observedAt, out promised))
                {
                    reason = RejectionReason.InstantOutOfRange;
                    return false;
                }
            }
            else if (promise is not null)
            {
                promised = promise.Level;
            }
            else
            {
                reason = RejectionReason.NoPromiseInForce;
                return false;
            }
        }

        if (expectation is null)
        {
            reason = RejectionReason.NoExpectation;
            return false;
        }

        if (expectation.Adequate.IsCalendarRule || expectation.Desired.IsCalendarRule)
        {
            // A zone stated in working time ("customers accept 5 working days") gives this request its own levels,
            // from the same request instant as a promise stated in working time.
            if (measure.Kind != MeasureKind.Duration || !TryRequestInstant(delivered, requestedAt, observedAt, out var requested)
                || !expectation.Adequate.TryResolve(promised, requested, out adequate) || !expectation.Desired.TryResolve(promised, requested, out desired))
            {
                reason = RejectionReason.InstantOutOfRange;
                return false;
            }
        }
        else
        {
            adequate = expectation.Adequate.Resolve(promised);
            desired = expectation.Desired.Resolve(promised);
        }

        if (!GapCalculator.TryMapToPolarity(measure.Sign, measure.Target, ref delivered, ref promised, ref adequate, ref desired))
        {
            reason = RejectionReason.InvertedZone;
            return false;
        }

        reason = default;
        return true;
    }

    /// <summary>The promised duration of a request under a promise's calendar rule, in seconds.</summary>
    private static bool TryPromisedDuration(Promise promise, double delivered, Instant? requestedAt, Instant observedAt, out double promised)
    {
        promised = 0;
        if (!TryRequestInstant(delivered, requestedAt, observedAt, out var requested) || !promise.TryDueFor(requested, out var due))
        {
            return false;
        }

        promised = Measure.ToSeconds(due - requested);
        return true;
    }

    /// <summary>
    /// The request instant of a duration outcome, from which calendar rules count: <paramref name="requestedAt"/> when
    /// given, else the observed instant less the delivered duration; <see langword="false"/> when that lies outside the range of instants.
    /// </summary>
    private static bool TryRequestInstant(double delivered, Instant? requestedAt, Instant observedAt, out Instant requested)
    {
        if (requestedAt is { } at)
        {
            requested = at;
            return true;
        }

        requested = default;

        // Seconds as a double hold far less than the range of instants; a value this large cannot anchor a request.
        if (Math.Abs(delivered) > 1e15)
        {
            return false;
        }

        var span = Duration.FromSeconds(delivered);
        if ((span > Duration.Zero && observedAt < Instant.MinValue + span) || (span < Duration.Zero && observedAt > Instant.MaxValue + span))
        {
            return false;
        }

        requested = observedAt - span;
        return true;
    }
}
