using System.Threading.Channels;
using CxScoring.Model;
using Microsoft.Extensions.Hosting;
using TelecomDemo;

namespace Worker;

/// <summary>Stands in for a message queue: writes the telecom demo outcomes (a few unscorable among them) into the channel, then completes it.</summary>
public sealed class OutcomeProducer(Channel<Outcome> channel, WorkerSettings settings) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var outcome in TelecomDemoData.Generate(customers: 10_000, seed: 42, includeUnscorable: true).Take(settings.Batches * settings.BatchSize))
            {
                await channel.Writer.WriteAsync(outcome, stoppingToken);
            }
        }
        finally
        {
            channel.Writer.TryComplete();
        }
    }
}
