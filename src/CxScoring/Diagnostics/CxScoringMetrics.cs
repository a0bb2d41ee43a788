using System.Diagnostics;
using System.Diagnostics.Metrics;
using CxScoring.Gaps;

namespace CxScoring.Diagnostics;

/// <summary>
/// The names of the library's <see cref="System.Diagnostics.Metrics"/> instruments. The meter
/// <see cref="MeterName"/> publishes the outcomes scored, the outcomes refused (tagged with <see cref="ReasonTag"/>)
/// and the duration of each engine batch; listen with a <see cref="MeterListener"/> or OpenTelemetry.
/// </summary>
/// <remarks>This type is stateless and safe to use from any number of threads; the instruments are thread-safe.</remarks>
public static class CxScoringMetrics
{
    /// <summary>The name of the meter: <c>CxScoring</c>.</summary>
    public const string MeterName = "CxScoring";

    /// <summary>The counter of outcomes scored by the engine.</summary>
    public const string OutcomesScored = "cxscoring.outcomes.scored";

    /// <summary>The counter of outcomes refused by the engine, tagged with <see cref="ReasonTag"/>.</summary>
    public const string OutcomesRejected = "cxscoring.outcomes.rejected";

    /// <summary>The histogram of engine batch durations, in seconds.</summary>
    public const string BatchDuration = "cxscoring.batch.duration";

    /// <summary>The tag naming the <see cref="RejectionReason"/> of refused outcomes.</summary>
    public const string ReasonTag = "reason";

    private static readonly Meter Meter = new(MeterName, typeof(CxScoringMetrics).Assembly.GetName().Version?.ToString());
    private static readonly Counter<long> Scored = Meter.CreateCounter<long>(OutcomesScored, "{outcome}", "Outcomes scored by the engine.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(OutcomesRejected, "{outcome}", "Outcomes refused by the engine, by reason.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(BatchDuration, "s", "Duration of engine batches.");
    private static readonly KeyValuePair<string, object?>[] ReasonTags =
        [.. Enum.GetValues<RejectionReason>().OrderBy(r => (int)r).Select(r => new KeyValuePair<string, object?>(ReasonTag, r.ToString()))];

    /// <summary>Records one batch: outcomes scored, refused per reason, and the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    internal static TimeSpan RecordBatch(long scored, ReadOnlySpan<long> rejectedBefore, ReadOnlySpan<long> rejectedAfter, long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        if (scored > 0)
        {
            Scored.Add(scored);
        }

        for (var i = 0; i < rejectedAfter.Length && i < ReasonTags.Length; i++)
        {
            var count = rejectedAfter[i] - rejectedBefore[i];
            if (count > 0)
            {
                Rejected.Add(count, ReasonTags[i]);
            }
        }

        Duration.Record(elapsed.TotalSeconds);
        return elapsed;
    }
}
