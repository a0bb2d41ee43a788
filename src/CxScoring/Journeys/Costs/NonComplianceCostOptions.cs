using System.Collections.Immutable;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// What non-compliance costs, as the host prices it: penalties per broken promise (for example SLA credits), a cost
/// per unit of shortfall below the zone of tolerance per measure, a cost per follow-on contact per touchpoint, and
/// revenue at risk from a churn-response curve in the journey score. Amounts are <see cref="decimal"/>s in one currency.
/// </summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; <see cref="NonComplianceCostAnalysis"/>
/// checks every property (and the nested options) when called and throws an <see cref="ArgumentException"/> naming it,
/// including identifiers the model does not define. Dictionaries are copied when set. Instances are immutable once
/// initialised and safe to share between threads.
/// </remarks>
public sealed class NonComplianceCostOptions
{
    private readonly IReadOnlyDictionary<string, decimal> _penalties = Empty;
    private readonly IReadOnlyDictionary<string, decimal> _shortfall = Empty;
    private readonly IReadOnlyDictionary<string, decimal> _contacts = Empty;
    private readonly IReadOnlyDictionary<string, decimal> _revenueBySegment = Empty;

    private static ImmutableSortedDictionary<string, decimal> Empty => ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);

    /// <summary>Gets the penalty per broken outcome (promise gap &lt; 0), per promise identifier: an SLA credit, a refund.</summary>
    /// <value>Amounts of at least 0; promises not listed cost nothing when broken. The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, decimal> BreachPenaltyByPromise
    {
        get => _penalties;
        init => _penalties = Copy(value);
    }

    /// <summary>Gets the cost of one unit of shortfall below the zone (−min(adequacy, 0), in the measure's scales), per measure identifier.</summary>
    /// <value>Amounts of at least 0; the default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, decimal> CostPerShortfallUnit
    {
        get => _shortfall;
        init => _shortfall = Copy(value);
    }

    /// <summary>Gets the cost of one contact at a touchpoint, per touchpoint identifier: what a follow-on contact there costs to handle.</summary>
    /// <value>Amounts of at least 0; the default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, decimal> ContactCostByTouchpoint
    {
        get => _contacts;
        init => _contacts = Copy(value);
    }

    /// <summary>Gets the window, contact touchpoints and interval of the cascades that price follow-on contacts.</summary>
    /// <value>The default value is <see cref="CascadeRiskOptions.Default"/>.</value>
    public CascadeRiskOptions Cascades { get; init; } = CascadeRiskOptions.Default;

    /// <summary>Gets the churn-response curve for revenue at risk.</summary>
    /// <value>The curve, or <see langword="null"/> (the default) for no revenue at risk.</value>
    public ChurnResponseCurve? ChurnCurve { get; init; }

    /// <summary>Gets the yearly revenue of a customer whose segment has no entry in <see cref="RevenueBySegment"/>.</summary>
    /// <value>An amount of at least 0; the default value is 0.</value>
    public decimal RevenuePerCustomer { get; init; }

    /// <summary>Gets the yearly revenue of a customer, per segment identifier.</summary>
    /// <value>Amounts of at least 0; the default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, decimal> RevenueBySegment
    {
        get => _revenueBySegment;
        init => _revenueBySegment = Copy(value);
    }

    /// <summary>Gets the roll-up used as the journey score of the churn curve.</summary>
    /// <value>The default value is <see cref="RollUpKind.WeightedMean"/>; <see cref="RollUpKind.RecencyWeighted"/> needs <see cref="JourneyScorecardOptions.AsOf"/>.</value>
    public RollUpKind JourneyScore { get; init; } = RollUpKind.WeightedMean;

    /// <summary>Gets the options of the journeys the churn curve reads.</summary>
    /// <value>The default value is <see cref="JourneyScorecardOptions.Default"/>.</value>
    public JourneyScorecardOptions Journeys { get; init; } = JourneyScorecardOptions.Default;

    /// <summary>Gets the label of the currency every amount is in, such as "EUR"; the analysis does not convert, it only passes the label on to <see cref="NonComplianceCostReport.Currency"/>.</summary>
    /// <value>The default value is <see langword="null"/>: amounts without a currency label.</value>
    public string? Currency { get; init; }

    /// <summary>Gets the time zone of the monthly periods costs are summed per.</summary>
    /// <value>The default value is UTC.</value>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    internal decimal RevenueOf(string? segmentId)
        => segmentId is not null && _revenueBySegment.TryGetValue(segmentId, out var revenue) ? revenue : RevenuePerCustomer;

    /// <summary>Checks every property and the nested options with the same parameter name; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when a property is invalid; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        Amounts(_penalties, "NonComplianceCostOptions.BreachPenaltyByPromise", parameterName);
        Amounts(_shortfall, "NonComplianceCostOptions.CostPerShortfallUnit", parameterName);
        Amounts(_contacts, "NonComplianceCostOptions.ContactCostByTouchpoint", parameterName);
        Amounts(_revenueBySegment, "NonComplianceCostOptions.RevenueBySegment", parameterName);
        if (RevenuePerCustomer < 0)
        {
            OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"NonComplianceCostOptions.RevenuePerCustomer is {RevenuePerCustomer}; it must be at least 0."));
        }

        OptionsRules.Defined(JourneyScore, "NonComplianceCostOptions.JourneyScore", parameterName);
        OptionsRules.NotNull(Cascades, "NonComplianceCostOptions.Cascades", parameterName);
        Cascades.Validate(parameterName);
        OptionsRules.NotNull(Journeys, "NonComplianceCostOptions.Journeys", parameterName);
        Journeys.Validate(parameterName);
        OptionsRules.NotNull(TimeZone, "NonComplianceCostOptions.TimeZone", parameterName);
        if (ChurnCurve is not null && JourneyScore == RollUpKind.RecencyWeighted && Journeys.AsOf is null)
        {
            OptionsRules.Invalid(parameterName, "NonComplianceCostOptions.JourneyScore is RecencyWeighted but NonComplianceCostOptions.Journeys.AsOf is not set; the recency roll-up needs it.");
        }
    }

    private static ImmutableSortedDictionary<string, decimal> Copy(IReadOnlyDictionary<string, decimal> value)
        => value is null ? null! : value.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static void Amounts(IReadOnlyDictionary<string, decimal>? value, string property, string parameterName)
    {
        OptionsRules.NotNull(value, property, parameterName);
        foreach (var (key, amount) in value)
        {
            if (amount < 0)
            {
                OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"{property}['{key}'] is {amount}; it must be at least 0."));
            }
        }
    }
}
