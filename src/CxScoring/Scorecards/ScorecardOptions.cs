using CxScoring.Validation;
using NodaTime;

namespace CxScoring.Scorecards;

/// <summary>What a scorecard groups by beyond touchpoint, stage, channel and segment: the calendar (days, weeks and months in a time zone) and, when asked, customers.</summary>
/// <remarks>Set the properties before handing the options to a <see cref="ScorecardBuilder"/>; the builder checks them (throwing an <see cref="ArgumentException"/> naming the property) and reads them once. The properties are init-only, so the options can be bound from configuration and an instance can be shared between threads once created.</remarks>
public sealed class ScorecardOptions
{
    /// <summary>Gets the time zone whose local dates define days, weeks and months.</summary>
    /// <value>Not <see langword="null"/>; the default value is <see cref="DateTimeZone.Utc"/>.</value>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Gets the first day of a week.</summary>
    /// <value>A day from <see cref="IsoDayOfWeek.Monday"/> to <see cref="IsoDayOfWeek.Sunday"/>; the default value is <see cref="IsoDayOfWeek.Monday"/> (ISO weeks).</value>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>Gets a value indicating whether to aggregate per calendar period (days, and weeks and months rolled up from them).</summary>
    /// <value>The default value is <see langword="true"/>. When <see langword="false"/>, scorecards hold no days, weeks or months and each outcome updates one aggregate fewer; merge only scorecards built with the same setting.</value>
    public bool ByPeriod { get; init; } = true;

    /// <summary>Gets a value indicating whether to aggregate per customer (by <see cref="Plans.OutcomeRow.CustomerKey"/>).</summary>
    /// <value>The default value is <see langword="false"/>; per-customer aggregates cost a hash lookup per outcome.</value>
    public bool ByCustomer { get; init; }

    /// <summary>
    /// Gets a value indicating whether to aggregate per touchpoint and local day as well, for trends per touchpoint
    /// (<see cref="Scorecard.TouchpointTrend(string, CalendarPeriod)"/>, weeks and months rolled up from days) and period
    /// comparisons per touchpoint and owner.
    /// </summary>
    /// <value>
    /// The default value is <see langword="false"/>. When <see langword="true"/>, <see cref="ByPeriod"/> must be too. It
    /// costs one more aggregate update per outcome and a table of touchpoint × day cells, and the engine scores such
    /// scorecards with its row kernel (a chunk's outcomes are spread over too many touchpoint-days for runs to pay); merge
    /// only scorecards built with the same setting.
    /// </value>
    public bool ByTouchpointPeriod { get; init; }

    /// <summary>Gets the directory that numbers customer identifiers of model-level outcomes.</summary>
    /// <value>The default value is <see langword="null"/>: each builder numbers customers in its own directory.</value>
    public CustomerDirectory? Customers { get; init; }

    /// <summary>Checks every property; called by the builder's constructor before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when <see cref="TimeZone"/> is <see langword="null"/>; the message names it.</exception>
    /// <exception cref="ArgumentException">Thrown when <see cref="ByTouchpointPeriod"/> is set without <see cref="ByPeriod"/>; the message names both.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="WeekStart"/> is not a day of the week; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.NotNull(TimeZone, "ScorecardOptions.TimeZone", parameterName);
        if (WeekStart is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            OptionsRules.OutOfRange(parameterName, OptionsRules.Format($"ScorecardOptions.WeekStart is {(int)WeekStart}, which is not a day of the week (Monday to Sunday)."));
        }

        if (ByTouchpointPeriod && !ByPeriod)
        {
            OptionsRules.Invalid(parameterName, "ScorecardOptions.ByTouchpointPeriod is true while ScorecardOptions.ByPeriod is false; touchpoint periods need the calendar periods.");
        }
    }
}
