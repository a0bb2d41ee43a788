using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Plans;

/// <summary>
/// One outcome in the engine's compact form: dense indices from a <see cref="Plans.ScoringPlan"/> instead of string
/// identifiers, the delivered value, and instants as nanoseconds since the Unix epoch (see <see cref="UnixTime"/>).
/// Optional per-outcome promises (a promised level, a per-order deadline, a request instant) are set with the
/// <c>With…</c> methods.
/// </summary>
/// <remarks>
/// Construction never validates indices against a plan: a row with an index the plan does not know is counted by
/// the engine with its <see cref="Gaps.RejectionReason"/>. This type is an immutable value and is safe to use from
/// any number of threads.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct OutcomeRow : IEquatable<OutcomeRow>
{
    /// <summary>The segment index of an outcome that carries no segment.</summary>
    public const int NoSegment = -1;

    internal const int HasPromisedLevelFlag = 1;
    internal const int HasPromisedByFlag = 2;
    internal const int HasRequestedAtFlag = 4;

    /// <summary>The bits of a quiet NaN: a rating field of 0 reads as NaN, no rating, so that <c>default</c> carries none.</summary>
    private static readonly long NoRatingBits = BitConverter.DoubleToInt64Bits(double.NaN);

    private readonly long _promised;

    /// <summary>The bits of the perceived rating, XOR <see cref="NoRatingBits"/>: 0 when the row carries none.</summary>
    private readonly long _rating;

    /// <summary>Initializes a new instance of the <see cref="OutcomeRow"/> struct.</summary>
    /// <param name="touchpointIndex">The touchpoint's index in the plan.</param>
    /// <param name="measureIndex">The measure's index in the plan.</param>
    /// <param name="value">The delivered value, in the measure's unit (seconds for durations; ignored for deadlines).</param>
    /// <param name="observedAtNanoseconds">When the outcome was observed, in nanoseconds since the Unix epoch.</param>
    /// <param name="segmentIndex">The segment's index in the plan, or <see cref="NoSegment"/>.</param>
    /// <param name="customerKey">The caller's number for the customer, used by per-customer scorecards.</param>
    public OutcomeRow(int touchpointIndex, int measureIndex, double value, long observedAtNanoseconds, int segmentIndex, long customerKey)
    {
        TouchpointIndex = touchpointIndex;
        MeasureIndex = measureIndex;
        SegmentIndex = segmentIndex;
        Value = value;
        ObservedAtNanoseconds = observedAtNanoseconds;
        CustomerKey = customerKey;
    }

    /// <summary>Initializes a new instance of the <see cref="OutcomeRow"/> struct, with no segment and customer key 0.</summary>
    /// <param name="touchpointIndex">The touchpoint's index in the plan.</param>
    /// <param name="measureIndex">The measure's index in the plan.</param>
    /// <param name="value">The delivered value, in the measure's unit (seconds for durations; ignored for deadlines).</param>
    /// <param name="observedAt">When the outcome was observed.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="observedAt"/> is outside the range of <see cref="UnixTime"/>.</exception>
    public OutcomeRow(int touchpointIndex, int measureIndex, double value, Instant observedAt)
        : this(touchpointIndex, measureIndex, value, UnixTime.ToNanoseconds(observedAt), NoSegment, 0)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OutcomeRow"/> struct.</summary>
    /// <param name="touchpointIndex">The touchpoint's index in the plan.</param>
    /// <param name="measureIndex">The measure's index in the plan.</param>
    /// <param name="value">The delivered value, in the measure's unit (seconds for durations; ignored for deadlines).</param>
    /// <param name="observedAt">When the outcome was observed.</param>
    /// <param name="segmentIndex">The segment's index in the plan, or <see cref="NoSegment"/>.</param>
    /// <param name="customerKey">The caller's number for the customer, used by per-customer scorecards.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="observedAt"/> is outside the range of <see cref="UnixTime"/>.</exception>
    public OutcomeRow(int touchpointIndex, int measureIndex, double value, Instant observedAt, int segmentIndex, long customerKey)
        : this(touchpointIndex, measureIndex, value, UnixTime.ToNanoseconds(observedAt), segmentIndex, customerKey)
    {
    }

    private OutcomeRow(in OutcomeRow row, int flags, long promised, long requestedAt)
    {
        this = row;
        Flags = flags;
        _promised = promised;
        RequestedAtNanoseconds = requestedAt;
    }

    /// <summary>Gets the touchpoint's index in the plan.</summary>
    public int TouchpointIndex { get; }

    /// <summary>Gets the measure's index in the plan.</summary>
    public int MeasureIndex { get; }

    /// <summary>Gets the segment's index in the plan.</summary>
    /// <value>The index, or <see cref="NoSegment"/> when the outcome carries no segment.</value>
    public int SegmentIndex { get; }

    /// <summary>Gets the caller's number for the customer.</summary>
    public long CustomerKey { get; }

    /// <summary>Gets the delivered value, in the measure's unit.</summary>
    public double Value { get; }

    /// <summary>Gets when the outcome was observed, in nanoseconds since the Unix epoch.</summary>
    public long ObservedAtNanoseconds { get; }

    /// <summary>Gets when the outcome was observed.</summary>
    public Instant ObservedAt => UnixTime.FromNanoseconds(ObservedAtNanoseconds);

    /// <summary>Gets a level promised for this outcome alone.</summary>
    /// <value>The level, or <see langword="null"/>.</value>
    public double? PromisedLevel => (Flags & HasPromisedLevelFlag) != 0 ? BitConverter.Int64BitsToDouble(_promised) : null;

    /// <summary>Gets the deadline promised for this outcome alone (deadline measures), in nanoseconds since the Unix epoch.</summary>
    /// <value>The deadline, or <see langword="null"/>.</value>
    public long? PromisedByNanoseconds => (Flags & HasPromisedByFlag) != 0 ? _promised : null;

    /// <summary>Gets when the request was made, in nanoseconds since the Unix epoch.</summary>
    /// <value>The request instant, or 0 when <see cref="HasRequestedAt"/> is <see langword="false"/>.</value>
    public long RequestedAtNanoseconds { get; }

    /// <summary>Gets a value indicating whether the row carries a request instant.</summary>
    public bool HasRequestedAt => (Flags & HasRequestedAtFlag) != 0;

    /// <summary>Gets the customer's own rating of this outcome (<see cref="Model.Outcome.PerceivedRating"/>), scored when
    /// the outcome's measure names a perceived measure in <see cref="Model.Measure.RatedBy"/>.</summary>
    /// <value>The rating, or <see cref="double.NaN"/> when the row carries none.</value>
    public double PerceivedRating => BitConverter.Int64BitsToDouble(_rating ^ NoRatingBits);

    /// <summary>Gets a value indicating whether the row carries a perceived rating (one that is not NaN).</summary>
    public bool HasPerceivedRating => !double.IsNaN(PerceivedRating);

    /// <summary>Gets the presence flags of the optional fields.</summary>
    internal int Flags { get; }

    /// <summary>Gets the raw rating field: 0 when the row carries no rating.</summary>
    internal long RawRating => _rating;

    /// <summary>Gets the raw promised field: the bits of the promised level or the deadline in nanoseconds.</summary>
    internal long RawPromised => _promised;

    /// <summary>Returns a copy of this row carrying its own promised level (overriding the model's promise level).</summary>
    /// <param name="level">The promised level, in the measure's unit.</param>
    /// <returns>The new row; any own deadline is replaced.</returns>
    public OutcomeRow WithPromisedLevel(double level)
        => new(this, (Flags & ~HasPromisedByFlag) | HasPromisedLevelFlag, BitConverter.DoubleToInt64Bits(level), RequestedAtNanoseconds);

    /// <summary>Returns a copy of this row carrying its own deadline (a per-order deadline, for deadline measures).</summary>
    /// <param name="deadlineNanoseconds">The deadline, in nanoseconds since the Unix epoch.</param>
    /// <returns>The new row; any own promised level is replaced.</returns>
    public OutcomeRow WithPromisedBy(long deadlineNanoseconds)
        => new(this, (Flags & ~HasPromisedLevelFlag) | HasPromisedByFlag, deadlineNanoseconds, RequestedAtNanoseconds);

    /// <summary>Returns a copy of this row carrying the instant the request was made.</summary>
    /// <param name="requestedAtNanoseconds">The request instant, in nanoseconds since the Unix epoch.</param>
    /// <returns>The new row.</returns>
    public OutcomeRow WithRequestedAt(long requestedAtNanoseconds)
        => new(this, Flags | HasRequestedAtFlag, _promised, requestedAtNanoseconds);

    /// <summary>Returns a copy of this row carrying the customer's own rating of the outcome.</summary>
    /// <param name="rating">The rating, on the scale of the perceived measure that scores it; NaN for none.</param>
    /// <returns>The new row.</returns>
    public OutcomeRow WithPerceivedRating(double rating)
    {
        var row = this;
        Unsafe.AsRef(in row._rating) = double.IsNaN(rating) ? 0 : BitConverter.DoubleToInt64Bits(rating) ^ NoRatingBits;
        return row;
    }

    /// <summary>Returns a copy of this row with another delivered value (what-if scenarios); every other field is kept.</summary>
    internal OutcomeRow WithValue(double value)
        => new OutcomeRow(new OutcomeRow(TouchpointIndex, MeasureIndex, value, ObservedAtNanoseconds, SegmentIndex, CustomerKey), Flags, _promised, RequestedAtNanoseconds)
            .WithPerceivedRating(PerceivedRating);

    /// <inheritdoc/>
    public bool Equals(OutcomeRow other)
        => TouchpointIndex == other.TouchpointIndex && MeasureIndex == other.MeasureIndex && SegmentIndex == other.SegmentIndex
           && CustomerKey == other.CustomerKey && Value.Equals(other.Value) && ObservedAtNanoseconds == other.ObservedAtNanoseconds
           && Flags == other.Flags && _promised == other._promised && RequestedAtNanoseconds == other.RequestedAtNanoseconds
           && _rating == other._rating;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OutcomeRow other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(TouchpointIndex, MeasureIndex, SegmentIndex, CustomerKey, Value, ObservedAtNanoseconds, Flags, HashCode.Combine(_promised, _rating));

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"touchpoint #{TouchpointIndex}, measure #{MeasureIndex}, segment #{SegmentIndex}: {Value} at {ObservedAt}");

    /// <summary>Determines whether two rows are the same.</summary>
    /// <param name="left">The first row.</param>
    /// <param name="right">The second row.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public static bool operator ==(OutcomeRow left, OutcomeRow right) => left.Equals(right);

    /// <summary>Determines whether two rows differ.</summary>
    /// <param name="left">The first row.</param>
    /// <param name="right">The second row.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(OutcomeRow left, OutcomeRow right) => !left.Equals(right);
}
