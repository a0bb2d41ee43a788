using System.Globalization;

namespace CxScoring.Journeys.Dynamics;

/// <summary>
/// How far a customer's zone of tolerance for a measure has moved from the model's zone, in the measure's value space
/// (seconds for time measures; distance to the target for nearer-to-target measures).
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct ExpectationDrift : IEquatable<ExpectationDrift>
{
    internal ExpectationDrift(string customerId, string measureId, double adequateShift, double desiredShift, int outcomeCount)
    {
        CustomerId = customerId;
        MeasureId = measureId;
        AdequateShift = adequateShift;
        DesiredShift = desiredShift;
        OutcomeCount = outcomeCount;
    }

    /// <summary>Gets the customer.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the measure.</summary>
    public string MeasureId { get; }

    /// <summary>Gets how far the adequate level has moved.</summary>
    public double AdequateShift { get; }

    /// <summary>Gets how far the desired level has moved.</summary>
    public double DesiredShift { get; }

    /// <summary>Gets the number of outcomes that moved the zone.</summary>
    public int OutcomeCount { get; }

    /// <inheritdoc/>
    public bool Equals(ExpectationDrift other)
        => CustomerId == other.CustomerId && MeasureId == other.MeasureId && AdequateShift.Equals(other.AdequateShift)
           && DesiredShift.Equals(other.DesiredShift) && OutcomeCount == other.OutcomeCount;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ExpectationDrift other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CustomerId, MeasureId, AdequateShift, DesiredShift, OutcomeCount);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CustomerId} / {MeasureId}: adequate {AdequateShift:+0.###;-0.###;0}, desired {DesiredShift:+0.###;-0.###;0} after {OutcomeCount}");

    /// <summary>Determines whether two drifts are the same.</summary>
    /// <param name="left">The first drift.</param>
    /// <param name="right">The second drift.</param>
    /// <returns><see langword="true"/> when all fields are equal.</returns>
    public static bool operator ==(ExpectationDrift left, ExpectationDrift right) => left.Equals(right);

    /// <summary>Determines whether two drifts differ.</summary>
    /// <param name="left">The first drift.</param>
    /// <param name="right">The second drift.</param>
    /// <returns><see langword="true"/> when any field differs.</returns>
    public static bool operator !=(ExpectationDrift left, ExpectationDrift right) => !left.Equals(right);
}
