using System.Collections.Immutable;
using CxScoring.Model;
using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>Parameters of <see cref="CascadeRiskAnalysis"/>.</summary>
/// <remarks>
/// A plain bag of init-only properties, so that it can be bound from configuration; the analysis checks every property
/// when called and throws an <see cref="ArgumentException"/> naming it. The list is copied when set. Instances are
/// immutable once initialised and safe to share between threads.
/// </remarks>
public sealed class CascadeRiskOptions
{
    private readonly IReadOnlyList<string> _contacts = ImmutableArray<string>.Empty;

    /// <summary>Gets the options with every default.</summary>
    public static CascadeRiskOptions Default { get; } = new();

    /// <summary>Gets how long after a contact a later contact counts as following it; it must be longer than zero.</summary>
    /// <value>The default value is 14 days.</value>
    public Duration Window { get; init; } = Duration.FromDays(14);

    /// <summary>Gets the touchpoints whose events are follow-on contacts (for example the inbound complaint channels).</summary>
    /// <value>Touchpoint identifiers of the model; the default value, an empty list, means every touchpoint.</value>
    public IReadOnlyList<string> ContactTouchpointIds
    {
        get => _contacts;
        init => _contacts = value is null ? null! : [.. value];
    }

    /// <summary>Gets the last journey stage that counts as early for <see cref="CascadeRiskReport.EarlyStage"/>.</summary>
    /// <value>The default value is <see cref="JourneyStage.Onboarding"/>: awareness, consideration, purchase and onboarding are early.</value>
    public JourneyStage LastEarlyStage { get; init; } = JourneyStage.Onboarding;

    /// <summary>Gets the normal quantile z of the confidence intervals; it must be a finite number greater than 0.</summary>
    /// <value>The default value is <see cref="RelativeRisk.Z95"/> (95 %).</value>
    public double Z { get; init; } = RelativeRisk.Z95;

    /// <summary>Checks every property; called by each entry point before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when a property is invalid; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        if (Window <= Duration.Zero)
        {
            OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"CascadeRiskOptions.Window is {Window}; it must be longer than zero."));
        }

        OptionsRules.NotNull(_contacts, "CascadeRiskOptions.ContactTouchpointIds", parameterName);
        for (var i = 0; i < _contacts.Count; i++)
        {
            OptionsRules.NotNull(_contacts[i], OptionsRules.Format($"CascadeRiskOptions.ContactTouchpointIds[{i}]"), parameterName);
        }

        OptionsRules.Defined(LastEarlyStage, "CascadeRiskOptions.LastEarlyStage", parameterName);
        if (!(double.IsFinite(Z) && Z > 0))
        {
            OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"CascadeRiskOptions.Z is {Z}; it must be a finite number greater than 0."));
        }
    }
}
