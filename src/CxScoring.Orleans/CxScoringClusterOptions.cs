using System.Globalization;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Orleans;

/// <summary>
/// How a CxScoring cluster partitions the outcome stream and what its scorecards group by. Every silo and client of
/// one cluster must use the same values: the partition of a customer and the calendar of a partial scorecard depend
/// on them.
/// </summary>
/// <remarks>A sealed bag of init properties, bound from configuration or set in code, validated when the silo or client starts (<see cref="Validate"/>). Safe to share between threads once created.</remarks>
public sealed class CxScoringClusterOptions
{
    /// <summary>The name of the grain storage provider the partition and model registry grains persist their state in; the host registers it (for example <c>siloBuilder.AddMemoryGrainStorage(CxScoringClusterOptions.StorageName)</c>, or a durable provider).</summary>
    public const string StorageName = "cxscoring";

    /// <summary>Gets the number of partitions of the outcome stream: each customer's outcomes go to one partition grain per period, chosen by a stable hash of the customer identifier.</summary>
    /// <value>From 1 to 65,536; the default value is 16. More partitions than silos lets Orleans spread them; each partition publishes one partial scorecard per period and model version.</value>
    public int Partitions { get; set; } = 16;

    /// <summary>Gets the time zone whose local dates define the scorecards' days, weeks and months.</summary>
    /// <value>Not <see langword="null"/>; the default value is <see cref="DateTimeZone.Utc"/>.</value>
    public DateTimeZone TimeZone { get; set; } = DateTimeZone.Utc;

    /// <summary>Gets the first day of a week.</summary>
    /// <value>The default value is <see cref="IsoDayOfWeek.Monday"/>.</value>
    public IsoDayOfWeek WeekStart { get; set; } = IsoDayOfWeek.Monday;

    /// <summary>Gets a value indicating whether scorecards aggregate per calendar period (days, weeks, months).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ByPeriod { get; set; } = true;

    /// <summary>Gets the most attempts <see cref="CxScoringCluster.ScoreAsync"/> makes for one partition's batch when a silo fails; a repeated batch is recognised by its identifier and never counted twice.</summary>
    /// <value>From 1 to 100; the default value is 5.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets the pause before a repeated attempt, doubled after each failure.</summary>
    /// <value>Not negative; the default value is 200 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the scorecard options every partition builds with (no per-customer aggregates: customer numbering is not shared between silos).</summary>
    internal ScorecardOptions ScorecardOptions => new() { TimeZone = TimeZone, WeekStart = WeekStart, ByPeriod = ByPeriod };

    /// <summary>Checks every property.</summary>
    /// <param name="parameterName">The parameter named by the exception.</param>
    /// <exception cref="ArgumentException">Thrown when <see cref="TimeZone"/> is <see langword="null"/> or a value is out of range; the message names the property.</exception>
    internal void Validate(string parameterName)
    {
        if (TimeZone is null)
        {
            throw new ArgumentException("CxScoringClusterOptions.TimeZone is null; it must be a time zone.", parameterName);
        }

        Check(Partitions is >= 1 and <= 65_536, $"CxScoringClusterOptions.Partitions is {Partitions}; it must be from 1 to 65536.", parameterName);
        Check(WeekStart is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday, $"CxScoringClusterOptions.WeekStart is {(int)WeekStart}, which is not a day of the week (Monday to Sunday).", parameterName);
        Check(MaxAttempts is >= 1 and <= 100, $"CxScoringClusterOptions.MaxAttempts is {MaxAttempts}; it must be from 1 to 100.", parameterName);
        Check(RetryDelay >= TimeSpan.Zero, $"CxScoringClusterOptions.RetryDelay is {RetryDelay}; it must not be negative.", parameterName);
    }

    private static void Check(bool ok, FormattableString message, string parameterName)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(parameterName, message.ToString(CultureInfo.InvariantCulture));
        }
    }
}
