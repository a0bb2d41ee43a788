using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using CxScoring.Gaps;

namespace CxScoring.Diagnostics;

/// <summary>
/// The names of the library's <see cref="System.Diagnostics.Metrics"/> instruments. The meter
/// <see cref="MeterName"/> publishes the outcomes scored, the outcomes refused (tagged with <see cref="ReasonTag"/>)
/// and the duration of each engine batch; listen with a <see cref="MeterListener"/> or OpenTelemetry.
/// </summary>
/// <remarks>
/// By default the engine records to one process-wide meter. Give <see cref="CxScoring.ScoringEngineOptions.MeterFactory"/>
/// (the DI package passes the host's <see cref="IMeterFactory"/>) to record to a meter owned by that factory instead.
/// This type is safe to use from any number of threads; the instruments are thread-safe.
/// </remarks>
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

    private static readonly string? Version = typeof(CxScoringMetrics).Assembly.GetName().Version?.ToString();
    private static readonly ConditionalWeakTable<Meter, Instruments> ByMeter = new();

    /// <summary>The process-wide instruments, used when no <see cref="IMeterFactory"/> is given.</summary>
    internal static Instruments Shared { get; } = new(new Meter(MeterName, Version));

    /// <summary>Gets the instruments of the <see cref="MeterName"/> meter a factory creates (one set per meter), or <see cref="Shared"/>.</summary>
    internal static Instruments For(IMeterFactory? factory)
        => factory is null ? Shared : ByMeter.GetValue(factory.Create(new MeterOptions(MeterName) { Version = Version }), static meter => new Instruments(meter));

    /// <summary>The instruments of one meter.</summary>
    internal sealed class Instruments
    {
        private static readonly KeyValuePair<string, object?>[] ReasonTags =
            [.. Enum.GetValues<RejectionReason>().OrderBy(r => (int)r).Select(r => new KeyValuePair<string, object?>(ReasonTag, r.ToString()))];

        private readonly Counter<long> _scored;
        private readonly Counter<long> _rejected;
        private readonly Histogram<double> _duration;

        internal Instruments(Meter meter)
        {
            _scored = meter.CreateCounter<long>(OutcomesScored, "{outcome}", "Outcomes scored by the engine.");
            _rejected = meter.CreateCounter<long>(OutcomesRejected, "{outcome}", "Outcomes refused by the engine, by reason.");
            _duration = meter.CreateHistogram<double>(BatchDuration, "s", "Duration of engine batches.");
        }

        /// <summary>Records one batch: outcomes scored, refused per reason, and the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
        internal TimeSpan RecordBatch(long scored, ReadOnlySpan<long> rejectedBefore, ReadOnlySpan<long> rejectedAfter, long startTimestamp)
        {
            var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
            if (scored > 0)
            {
                _scored.Add(scored);
            }

            for (var i = 0; i < rejectedAfter.Length && i < ReasonTags.Length; i++)
            {
                var count = rejectedAfter[i] - rejectedBefore[i];
                if (count > 0)
                {
                    _rejected.Add(count, ReasonTags[i]);
                }
            }

            _duration.Record(elapsed.TotalSeconds);
            return elapsed;
        }
    }
}
