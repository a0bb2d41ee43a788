using System.Threading.Channels;
using CxScoring.Model;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Worker;

/// <summary>Stands in for a message queue: writes synthetic reply outcomes into the channel, then completes it.</summary>
public sealed class OutcomeProducer(Channel<Outcome> channel, WorkerSettings settings, IClock clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random(42);
        var total = settings.Batches * settings.BatchSize;
        try
        {
            for (var i = 0; i < total; i++)
            {
                var outcome = (i % 20) switch
                {
                    19 => new Outcome($"c{i}", "shop-visit", "response", 60, clock.GetCurrentInstant()), // not in the model: rejected
                    < 12 => Outcome.OfDuration($"c{i}", "chat-support", "response", Duration.FromSeconds(random.Next(30, 1_500)), clock.GetCurrentInstant()),
                    _ => Outcome.OfDuration($"c{i}", "letter-reply", "response", Duration.FromHours(random.Next(12, 140)), clock.GetCurrentInstant()),
                };
                await channel.Writer.WriteAsync(outcome, stoppingToken);
            }
        }
        finally
        {
            channel.Writer.TryComplete();
        }
    }
}
