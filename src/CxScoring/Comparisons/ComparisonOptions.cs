namespace CxScoring.Comparisons;

/// <summary>Options of <see cref="ScorecardComparison"/>: the false discovery rate, the confidence level and the data thresholds.</summary>
/// <remarks>Immutable once constructed; safe to share between threads.</remarks>
public sealed class ComparisonOptions
{
    /// <summary>Gets the default options.</summary>
    /// <value>A shared instance.</value>
    public static ComparisonOptions Default { get; } = new();

    /// <summary>Gets the false discovery rate at which a change is flagged significant (Benjamini–Hochberg q ≤ this).</summary>
    /// <value>The default value is 0.05. Must lie in (0, 1).</value>
    public double FalseDiscoveryRate { get; init; } = 0.05;

    /// <summary>Gets the confidence level of the Newcombe intervals of share differences.</summary>
    /// <value>The default value is 0.95. Must lie in (0, 1).</value>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the fewest outcomes each group needs before it is tested.</summary>
    /// <value>The default value is 30. Must be at least 2.</value>
    public int MinimumCount { get; init; } = 30;

    /// <summary>Gets the fewest outcomes each group needs in a share and outside it (n·p and n·(1 − p)) before the share is tested.</summary>
    /// <value>The default value is 5. Must not be negative.</value>
    public int MinimumExpected { get; init; } = 5;

    internal void Validate()
    {
        if (!(FalseDiscoveryRate > 0 && FalseDiscoveryRate < 1))
        {
            throw new ArgumentException($"{nameof(FalseDiscoveryRate)} must lie strictly between 0 and 1; it is {FalseDiscoveryRate}.", "options");
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"{nameof(ConfidenceLevel)} must lie strictly between 0 and 1; it is {ConfidenceLevel}.", "options");
        }

        if (MinimumCount < 2)
        {
            throw new ArgumentException($"{nameof(MinimumCount)} must be at least 2 (a variance needs two outcomes); it is {MinimumCount}.", "options");
        }

        if (MinimumExpected < 0)
        {
            throw new ArgumentException($"{nameof(MinimumExpected)} must not be negative; it is {MinimumExpected}.", "options");
        }
    }
}
