namespace CxScoring.Gaps;

/// <summary>Why an outcome could not be scored. A refused outcome is counted with its reason, never dropped silently.</summary>
public enum RejectionReason
{
    /// <summary>The outcome names a touchpoint the scoring model does not define.</summary>
    UnknownTouchpoint = 0,

    /// <summary>The outcome names a measure the scoring model does not define.</summary>
    UnknownMeasure = 1,

    /// <summary>The outcome names a segment the scoring model does not define.</summary>
    UnknownSegment = 2,

    /// <summary>The delivered value (or the outcome's own promised level) is NaN or infinite.</summary>
    NonFiniteValue = 3,

    /// <summary>The delivered value is outside the measure's range (a negative count, a negative duration of a measure that does not allow negatives, a ratio above 1, a rating off the scale).</summary>
    ValueOutOfRange = 4,

    /// <summary>No promise for the measure is in force at the outcome's instant and scope, and the outcome carries none of its own.</summary>
    NoPromiseInForce = 5,

    /// <summary>No expectation applies to the measure at the outcome's touchpoint and segment.</summary>
    NoExpectation = 6,

    /// <summary>A deadline outcome has neither its own deadline nor a request instant for the promise's local-time rule.</summary>
    MissingDeadline = 7,

    /// <summary>The zone of tolerance, resolved against the outcome's own promised level, has desired worse than adequate.</summary>
    InvertedZone = 8,

    /// <summary>An instant of the outcome lies outside the range the scoring engine holds (nanoseconds since the Unix epoch in 64 bits: years 1677 to 2262), or its local-time deadline cannot be computed; <see cref="Model.ScoringModel.TryScore"/> and the engine refuse the same outcomes.</summary>
    InstantOutOfRange = 9,
}
