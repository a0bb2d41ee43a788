namespace CxScoring;

/// <summary>What one call to the engine did: outcomes received, scored and refused, and how long it took.</summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct BatchResult : IEquatable<BatchResult>
{
    /// <summary>Initializes a new instance of the <see cref="BatchResult"/> struct.</summary>
    /// <param name="scored">The outcomes scored.</param>
    /// <param name="rejected">The outcomes refused.</param>
    /// <param name="elapsed">The time taken.</param>
    public BatchResult(long scored, long rejected, TimeSpan elapsed)
    {
        Scored = scored;
        Rejected = rejected;
        Elapsed = elapsed;
    }

    /// <summary>Gets the number of outcomes received: <see cref="Scored"/> + <see cref="Rejected"/>.</summary>
    public long Received => Scored + Rejected;

    /// <summary>Gets the number of outcomes scored.</summary>
    public long Scored { get; }

    /// <summary>Gets the number of outcomes refused.</summary>
    public long Rejected { get; }

    /// <summary>Gets the time the call took, measured with a monotonic timestamp.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public bool Equals(BatchResult other) => Scored == other.Scored && Rejected == other.Rejected && Elapsed == other.Elapsed;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BatchResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scored, Rejected, Elapsed);

    /// <inheritdoc/>
    public override string ToString() => $"{Received} received, {Scored} scored, {Rejected} refused in {Elapsed.TotalMilliseconds:0.###} ms";

    /// <summary>Determines whether two results are the same.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when all fields are equal.</returns>
    public static bool operator ==(BatchResult left, BatchResult right) => left.Equals(right);

    /// <summary>Determines whether two results differ.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(BatchResult left, BatchResult right) => !left.Equals(right);
}
