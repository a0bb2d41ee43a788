using System.Diagnostics.Metrics;
using CxScoring.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

public class HostMetricsTests
{
    [Fact]
    public async Task Engine_InHostWithMeterFactory_RecordsToTheHostsMeter()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCxScoring(TestModels.Chat());
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();

        var scoredByHost = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CxScoringMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == CxScoringMetrics.OutcomesScored)
            {
                Interlocked.Add(ref scoredByHost, value);
            }
        });
        listener.Start();

        var engine = host.Services.GetRequiredService<ScoringEngine>();
        var result = engine.ScoreOutcomes([TestModels.Answer(30), TestModels.Answer(90)], engine.CreateScorecardBuilder());

        Assert.Equal(2, result.Scored);
        Assert.Equal(2, Interlocked.Read(ref scoredByHost));
        await host.StopAsync();
    }
}
