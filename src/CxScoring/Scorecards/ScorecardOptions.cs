using NodaTime;

namespace CxScoring.Scorecards;

/// <summary>What a scorecard groups by beyond touchpoint, stage, channel and segment: the calendar (days, weeks and months in a time zone) and, when asked, customers.</summary>
/// <remarks>Set the properties before handing the options to a <see cref="ScorecardBuilder"/>; the builder reads them once. The properties are init-only, so an instance can be shared between threads once created.</remarks>
public sealed class ScorecardOptions
{
    /// <summary>Gets the time zone whose local dates define days, weeks and months.</summary>
    /// <value>The default value is <see cref="DateTimeZone.Utc"/>.</value>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Gets the first day of a week.</summary>
    /// <value>The default value is <see cref="IsoDayOfWeek.Monday"/> (ISO weeks).</value>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>Gets a value indicating whether to aggregate per calendar period (days, and weeks and months rolled up from them).</summary>
    /// <value>The default value is <see langword="true"/>. When <see langword="false"/>, scorecards hold no days, weeks or months and each outcome updates one aggregate fewer; merge only scorecards built with the same setting.</value>
    public bool ByPeriod { get; init; } = true;

    /// <summary>Gets a value indicating whether to aggregate per customer (by <see cref="Plans.OutcomeRow.CustomerKey"/>).</summary>
    /// <value>The default value is <see langword="false"/>; per-customer aggregates cost a hash lookup per outcome.</value>
    public bool ByCustomer { get; init; }

    /// <summary>Gets the directory that numbers customer identifiers of model-level outcomes.</summary>
    /// <value>The default value is <see langword="null"/>: each builder numbers customers in its own directory.</value>
    public CustomerDirectory? Customers { get; init; }
}
