using System.Collections.Immutable;
using CxScoring.Journeys.RollUps;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// What gaps cost, as the host prices them: a cost per unit of shortfall per measure (one unit = one full gap, the
/// measure's scale) and/or revenue at risk from a churn-response curve in the journey score. Each property checks its
/// value when set.
/// </summary>
/// <remarks>Instances are immutable once initialised and safe to share between threads.</remarks>
public sealed class GapCostOptions
{
    private readonly ImmutableSortedDictionary<string, double> _costPerShortfall = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);
    private readonly ImmutableSortedDictionary<string, double> _revenueBySegment = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);
    private readonly double _revenuePerCustomer;
    private readonly RollUpKind _journeyScore = RollUpKind.WeightedMean;

    /// <summary>Gets the cost of one unit of shortfall (−min(score, 0), so at most 1 per outcome), per measure identifier.</summary>
    /// <value>Measures not listed cost nothing; empty by default.</value>
    /// <exception cref="ArgumentNullException">Thrown when set to <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a cost is negative or not finite.</exception>
    public IReadOnlyDictionary<string, double> CostPerShortfall
    {
        get => _costPerShortfall;
        init => _costPerShortfall = Amounts(value, nameof(value));
    }

    /// <summary>Gets the churn-response curve for revenue at risk.</summary>
    /// <value>The curve, or <see langword="null"/> (the default) for no revenue at risk.</value>
    public ChurnResponseCurve? ChurnCurve { get; init; }

    /// <summary>Gets the yearly revenue of a customer whose segment has no entry in <see cref="RevenueBySegment"/>.</summary>
    /// <value>A finite number of at least 0; the default value is 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to a negative or non-finite number.</exception>
    public double RevenuePerCustomer
    {
        get => _revenuePerCustomer;
        init
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The revenue per customer must be a finite number of at least 0.");
            }

            _revenuePerCustomer = value;
        }
    }

    /// <summary>Gets the yearly revenue of a customer, per segment identifier.</summary>
    /// <value>Empty by default.</value>
    /// <exception cref="ArgumentNullException">Thrown when set to <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a revenue is negative or not finite.</exception>
    public IReadOnlyDictionary<string, double> RevenueBySegment
    {
        get => _revenueBySegment;
        init => _revenueBySegment = Amounts(value, nameof(value));
    }

    /// <summary>Gets the roll-up used as the journey score of the churn curve.</summary>
    /// <value>The default value is <see cref="RollUpKind.WeightedMean"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to an undefined value.</exception>
    public RollUpKind JourneyScore
    {
        get => _journeyScore;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a roll-up.");
            }

            _journeyScore = value;
        }
    }

    /// <summary>Gets the roll-up options for the journey score.</summary>
    /// <value>The default value is <see cref="RollUpOptions.Default"/>.</value>
    public RollUpOptions RollUps { get; init; } = RollUpOptions.Default;

    internal double RevenueOf(string? segmentId)
        => segmentId is not null && _revenueBySegment.TryGetValue(segmentId, out var revenue) ? revenue : _revenuePerCustomer;

    private static ImmutableSortedDictionary<string, double> Amounts(IReadOnlyDictionary<string, double> value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        foreach (var (key, amount) in value)
        {
            if (!(amount >= 0 && double.IsFinite(amount)))
            {
                throw new ArgumentOutOfRangeException(parameterName, amount, $"The amount for '{key}' must be a finite number of at least 0.");
            }
        }

        return value.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }
}
