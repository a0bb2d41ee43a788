using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CxScoring.Diagnostics;
using CxScoring.Engine;
using CxScoring.Gaps;
using CxScoring.Tests.Engine;

namespace CxScoring.Tests.Diagnostics;

[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsCollection))]
public class CxScoringMetricsTests
{
    [Fact]
    public void Score_EmitsScoredRejectedByReasonAndDuration()
    {
        var scored = 0L;
        var rejected = new ConcurrentDictionary<string, long>();
        var durations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CxScoringMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == CxScoringMetrics.OutcomesScored)
            {
                Interlocked.Add(ref scored, value);
            }
            else if (instrument.Name == CxScoringMetrics.OutcomesRejected)
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == CxScoringMetrics.ReasonTag)
                    {
                        rejected.AddOrUpdate((string)tag.Value!, value, (_, v) => v + value);
                    }
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == CxScoringMetrics.BatchDuration && value >= 0)
            {
                Interlocked.Increment(ref durations);
            }
        });
        listener.Start();

        var engine = new ScoringEngine(EngineTestData.Model);
        var builder = engine.CreateScorecard();
        engine.ScoreOutcomes(EngineTestData.Outcomes(4, 500), builder);
        listener.Dispose();

        var scorecard = builder.Build();
        Assert.Equal(scorecard.Scored, scored);
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            Assert.Equal(scorecard.RejectedBy(reason), rejected.GetValueOrDefault(reason.ToString()));
        }

        Assert.Equal(1, durations);
    }
}
