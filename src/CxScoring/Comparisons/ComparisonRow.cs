using System.Globalization;

namespace CxScoring.Comparisons;

/// <summary>
/// One figure of one group compared between two scorecards (or two periods): the values before and after, their
/// difference, and — when there are enough outcomes — the test statistic, p-value, Benjamini–Hochberg q-value, effect
/// size and, for shares, the Newcombe interval of the difference.
/// </summary>
/// <remarks>
/// <para>Differences are after − before, in the figure's own unit: score units for <see cref="ComparisonMetric.MeanScore"/>,
/// a proportion in [−1, 1] for shares. <see cref="EffectSize"/> is Hedges' g for the mean and the difference in
/// percentage points (100 × <see cref="Difference"/>) for shares.</para>
/// <para>Immutable; safe to use from any number of threads.</para>
/// </remarks>
public sealed class ComparisonRow
{
    internal ComparisonRow(
        ComparisonGroupKind kind, string key, ComparisonMetric metric, ComparisonStatus status, long beforeCount, long afterCount, double before, double after)
    {
        Kind = kind;
        Key = key;
        Metric = metric;
        Status = status;
        BeforeCount = beforeCount;
        AfterCount = afterCount;
        Before = before;
        After = after;
    }

    /// <summary>Gets the kind of group compared.</summary>
    public ComparisonGroupKind Kind { get; }

    /// <summary>Gets the group's key: a touchpoint or segment identifier, a stage or channel name; <c>all</c> for the total.</summary>
    public string Key { get; }

    /// <summary>Gets the figure compared.</summary>
    public ComparisonMetric Metric { get; }

    /// <summary>Gets whether the row was tested, and if not why.</summary>
    public ComparisonStatus Status { get; }

    /// <summary>Gets the number of outcomes of the group before.</summary>
    public long BeforeCount { get; }

    /// <summary>Gets the number of outcomes of the group after.</summary>
    public long AfterCount { get; }

    /// <summary>Gets the figure before: a mean score, or a share in [0, 1].</summary>
    /// <value>NaN when <see cref="BeforeCount"/> is 0.</value>
    public double Before { get; }

    /// <summary>Gets the figure after.</summary>
    /// <value>NaN when <see cref="AfterCount"/> is 0.</value>
    public double After { get; }

    /// <summary>Gets the change, <see cref="After"/> − <see cref="Before"/>.</summary>
    /// <value>NaN when either group is empty.</value>
    public double Difference => After - Before;

    /// <summary>Gets the test statistic: Welch's t for the mean score, z for a share.</summary>
    /// <value><see langword="null"/> unless <see cref="Status"/> is <see cref="ComparisonStatus.Tested"/>.</value>
    public double? Statistic { get; private init; }

    /// <summary>Gets the Welch–Satterthwaite degrees of freedom of the t statistic.</summary>
    /// <value><see langword="null"/> for shares, and unless the row was tested.</value>
    public double? DegreesOfFreedom { get; private init; }

    /// <summary>Gets the two-sided p-value.</summary>
    /// <value>In [0, 1]; <see langword="null"/> unless the row was tested.</value>
    public double? PValue { get; private init; }

    /// <summary>Gets the Benjamini–Hochberg adjusted p-value over all tested rows of the comparison.</summary>
    /// <value>In [<see cref="PValue"/>, 1]; <see langword="null"/> unless the row was tested.</value>
    public double? QValue { get; private init; }

    /// <summary>Gets a value indicating whether the change is significant: tested, with <see cref="QValue"/> ≤ <see cref="ComparisonOptions.FalseDiscoveryRate"/>.</summary>
    public bool IsSignificant { get; private init; }

    /// <summary>Gets the effect size: Hedges' g (bias-corrected standardized mean difference) for the mean score; the difference in percentage points for a share.</summary>
    /// <value><see langword="null"/> unless the row was tested.</value>
    public double? EffectSize { get; private init; }

    /// <summary>Gets the lower limit of Newcombe's hybrid score interval of the share difference (a proportion, like <see cref="Difference"/>).</summary>
    /// <value><see langword="null"/> for the mean score, and unless the row was tested.</value>
    public double? Lower { get; private init; }

    /// <summary>Gets the upper limit of Newcombe's hybrid score interval of the share difference.</summary>
    /// <value><see langword="null"/> for the mean score, and unless the row was tested.</value>
    public double? Upper { get; private init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{Kind} {Key} {Metric}: {Before:0.####} (n={BeforeCount}) → {After:0.####} (n={AfterCount})");
        return Status == ComparisonStatus.Tested
            ? string.Create(CultureInfo.InvariantCulture, $"{head}, statistic {Statistic:0.###}, p {PValue:0.####}, q {QValue:0.####}{(IsSignificant ? ", significant" : string.Empty)}")
            : $"{head}, {Status}";
    }

    internal ComparisonRow WithTest(double statistic, double? degreesOfFreedom, double pValue, double effectSize, double? lower, double? upper)
        => new(Kind, Key, Metric, ComparisonStatus.Tested, BeforeCount, AfterCount, Before, After)
        {
            Statistic = statistic,
            DegreesOfFreedom = degreesOfFreedom,
            PValue = pValue,
            EffectSize = effectSize,
            Lower = lower,
            Upper = upper,
        };

    internal ComparisonRow WithQValue(double qValue, double falseDiscoveryRate)
        => new(Kind, Key, Metric, Status, BeforeCount, AfterCount, Before, After)
        {
            Statistic = Statistic,
            DegreesOfFreedom = DegreesOfFreedom,
            PValue = PValue,
            EffectSize = EffectSize,
            Lower = Lower,
            Upper = Upper,
            QValue = qValue,
            IsSignificant = qValue <= falseDiscoveryRate,
        };
}
