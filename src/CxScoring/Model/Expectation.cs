using System.Globalization;

namespace CxScoring.Model;

/// <summary>
/// The customer's zone of tolerance for a measure (Zeithaml, Berry &amp; Parasuraman 1993): <see cref="Adequate"/>,
/// the least they accept, and <see cref="Desired"/>, what they hope for; optionally per segment and channel.
/// </summary>
/// <remarks>
/// Desired must not be worse than adequate once both are resolved against the promise; the model builder checks
/// this for every promise the expectation can meet. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class Expectation : IEquatable<Expectation>
{
    /// <summary>Initializes a new instance of the <see cref="Expectation"/> class.</summary>
    /// <param name="measureId">The measure the expectation is about.</param>
    /// <param name="adequate">The adequate level: the least the customer accepts.</param>
    /// <param name="desired">The desired level: what the customer hopes for.</param>
    /// <param name="scope">Where the expectation applies; everywhere when omitted.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="measureId"/> is invalid.</exception>
    public Expectation(string measureId, ExpectationLevel adequate, ExpectationLevel desired, Scope scope = default)
    {
        Ids.Validate(measureId, nameof(measureId));
        MeasureId = measureId;
        Adequate = adequate;
        Desired = desired;
        Scope = scope;
    }

    /// <summary>Gets the identifier of the measure the expectation is about.</summary>
    public string MeasureId { get; }

    /// <summary>Gets the adequate level: the least the customer accepts.</summary>
    public ExpectationLevel Adequate { get; }

    /// <summary>Gets the desired level: what the customer hopes for.</summary>
    public ExpectationLevel Desired { get; }

    /// <summary>Gets where the expectation applies.</summary>
    public Scope Scope { get; }

    /// <inheritdoc/>
    public bool Equals(Expectation? other)
        => other is not null && MeasureId == other.MeasureId && Adequate == other.Adequate && Desired == other.Desired && Scope == other.Scope;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Expectation);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MeasureId, Adequate, Desired, Scope);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{MeasureId}: adequate {Adequate}, desired {Desired} ({Scope})");
}
