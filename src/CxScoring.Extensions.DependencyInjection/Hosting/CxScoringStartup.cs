using Microsoft.Extensions.Hosting;

namespace CxScoring.Hosting;

/// <summary>Loads every registered model when the host starts, so an invalid model stops the start with its problems listed.</summary>
internal sealed class CxScoringStartup(ScoringModelProvider models) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in models.Names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = models.GetHandle(name).Current;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
