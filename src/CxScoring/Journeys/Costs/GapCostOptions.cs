using System.Collections.Immutable;
using CxScoring.Journeys.RollUps;
using CxScoring.Validation;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// What gaps cost, as the host prices them: a cost per unit of shortfall per measure (one unit = one full gap, the
/// measure's scale) and/or revenue at risk from a churn-response curve in the journey score.
/// </summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; <see cref="GapCostAnalysis.Analyze"/>
/// checks every property (and <see cref="RollUps"/>) when called and throws an <see cref="ArgumentException"/> naming it.
/// The dictionaries are copied when set. Instances are immutable once initialised and safe to share between threads.
/// </remarks>
public sealed class GapCostOptions
{
    private readonly IReadOnlyDictionary<string, double> _costPerShortfall = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, double> _revenueBySegment = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    /// <summary>Gets the cost of one unit of shortfall (−min(adequacy, 0), the unclamped adequacy gap in scales: a miss ten scales deep is ten units), per measure identifier.</summary>
    /// <value>Finite costs of at least 0; measures not listed cost nothing. The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, double> CostPerShortfall
    {
        get => _costPerShortfall;
        init => _costPerShortfall = Copy(value);
    }

    /// <summary>Gets the churn-response curve for revenue at risk.</summary>
    /// <value>The curve, or <see langword="null"/> (the default) for no revenue at risk.</value>
    public ChurnResponseCurve? ChurnCurve { get; init; }

    /// <summary>Gets the yearly revenue of a customer whose segment has no entry in <see cref="RevenueBySegment"/>.</summary>
    /// <value>A finite number of at least 0; the default value is 0.</value>
    public double RevenuePerCustomer { get; init; }

    /// <summary>Gets the yearly revenue of a customer, per segment identifier.</summary>
    /// <value>Finite revenues of at least 0; the default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, double> RevenueBySegment
    {
        get => _revenueBySegment;
        init => _revenueBySegment = Copy(value);
    }

    /// <summary>Gets the roll-up used as the journey score of the churn curve.</summary>
    /// <value>The default value is <see cref="RollUpKind.WeightedMean"/>.</value>
    public RollUpKind JourneyScore { get; init; } = RollUpKind.WeightedMean;

    /// <summary>Gets the roll-up options for the journey score; they are checked with the rest.</summary>
    /// <value>The default value is <see cref="RollUpOptions.Default"/>.</value>
    public RollUpOptions RollUps { get; init; } = RollUpOptions.Default;

    internal double RevenueOf(string? segmentId)
        => segmentId is not null && _revenueBySegment.TryGetValue(segmentId, out var revenue) ? revenue : RevenuePerCustomer;

    /// <summary>Checks every property, and the roll-up options with the same parameter name; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when a dictionary is <see langword="null"/>; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a property or an amount is outside its range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        Amounts(_costPerShortfall, "GapCostOptions.CostPerShortfall", parameterName);
        OptionsRules.FiniteAtLeastZero(RevenuePerCustomer, "GapCostOptions.RevenuePerCustomer", parameterName);
        Amounts(_revenueBySegment, "GapCostOptions.RevenueBySegment", parameterName);
        OptionsRules.Defined(JourneyScore, "GapCostOptions.JourneyScore", parameterName);
        RollUps?.Validate(parameterName);
    }

    private static IReadOnlyDictionary<string, double> Copy(IReadOnlyDictionary<string, double> value)
        => value is null ? null! : value.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static void Amounts(IReadOnlyDictionary<string, double>? value, string property, string parameterName)
    {
        OptionsRules.NotNull(value, property, parameterName);
        foreach (var (key, amount) in value)
        {
            OptionsRules.FiniteAtLeastZero(amount, $"{property}['{key}']", parameterName);
        }
    }
}
