using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CxScoring.Diagnostics;
using CxScoring.Gaps;
using CxScoring.Tests.TestSupport;

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
        var builder = engine.CreateScorecardBuilder();
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

[Collection(nameof(MetricsCollection))]
public class CxScoringMetricsMeterFactoryTests
{
    [Fact]
    public void Score_WithMeterFactory_RecordsToTheFactorysMeterOnly()
    {
        using var factory = new RecordingMeterFactory();
        var fromFactory = 0L;
        var fromShared = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CxScoringMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == CxScoringMetrics.OutcomesScored)
            {
                Interlocked.Add(ref ReferenceEquals(instrument.Meter.Scope, factory) ? ref fromFactory : ref fromShared, value);
            }
        });
        listener.Start();

        var engine = new ScoringEngine(CxScoring.Plans.ScoringPlan.Compile(EngineTestData.Model), new ScoringEngineOptions { MeterFactory = factory });
        var again = new ScoringEngine(CxScoring.Plans.ScoringPlan.Compile(EngineTestData.Model), new ScoringEngineOptions { MeterFactory = factory });
        var builder = engine.CreateScorecardBuilder();
        var result = engine.ScoreOutcomes(EngineTestData.Outcomes(5, 300), builder);
        var second = again.ScoreOutcomes(EngineTestData.Outcomes(6, 10), again.CreateScorecardBuilder());
        listener.Dispose();

        Assert.True(result.Scored > 0);
        Assert.Equal(result.Scored + second.Scored, fromFactory);
        Assert.Equal(0, fromShared);
        Assert.Single(factory.Created); // one meter per factory, shared by every engine given it
    }

    private sealed class RecordingMeterFactory : IMeterFactory
    {
        private readonly Dictionary<string, Meter> _meters = [];

        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            if (!_meters.TryGetValue(options.Name, out var meter))
            {
                meter = new Meter(options.Name, options.Version, options.Tags, this);
                _meters.Add(options.Name, meter);
                Created.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
