using System.Runtime.InteropServices;
using System.Threading.Channels;
using CxScoring.Hosting;
using CxScoring.Model;
using CxScoring.Reports;
using CxScoring.Scorecards;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Worker;

/// <summary>
/// Reads outcomes from the channel in batches, scores each batch with the engine of one snapshot of the model (a
/// reload between batches is picked up by the next one), merges the batch scorecards and logs the running scorecard
/// every few batches. Every outcome read is scored: the last partial batch too, and on shutdown what the channel
/// still holds. Stops the application when the channel is completed.
/// </summary>
public sealed partial class ScoringWorker(
    Channel<Outcome> channel, ScoringModelHandle model, WorkerSettings settings, IHostApplicationLifetime lifetime, ILogger<ScoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Scorecard? running = null;
        long version = 0;
        var scored = 0;
        var batches = await OutcomeBatches.ScoreAllAsync(channel.Reader, settings.BatchSize, batch =>
        {
            var snapshot = model.Current;
            var scorecard = snapshot.Engine.CreateScorecardBuilder();
            snapshot.Engine.ScoreOutcomes(CollectionsMarshal.AsSpan(batch), scorecard);
            running = Merge(running, version, scorecard.Build(), snapshot.Version);
            version = snapshot.Version;
            if (++scored % settings.LogEvery == 0)
            {
                Report(running, scored, version);
            }
        }, stoppingToken);

        if (running is not null && batches % settings.LogEvery != 0)
        {
            Report(running, batches, version);
        }

        lifetime.StopApplication();
    }

    // Scorecards of the same touchpoints and segments merge exactly; a reload that changed them starts a new one, and says so.
    private Scorecard Merge(Scorecard? running, long runningVersion, Scorecard batch, long batchVersion)
    {
        if (running is null)
        {
            return batch;
        }

        try
        {
            return running.Merge(batch);
        }
        catch (ArgumentException)
        {
            LogScorecardRestarted(runningVersion, batchVersion, running.Received);
            return batch;
        }
    }

    private void Report(Scorecard scorecard, int batches, long version)
    {
        using var text = new StringWriter();
        ScorecardTextWriter.Write(scorecard, text, hotspots: 3);
        LogScorecard(batches, version, text.ToString());
        logger.LogRejectionSummary(scorecard);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model version {Version} scores other touchpoints or segments than version {Previous}: the running scorecard of version {Previous} ({Received} outcomes) is closed and a new one starts")]
    private partial void LogScorecardRestarted(long previous, long version, long received);

    [LoggerMessage(Level = LogLevel.Information, Message = "After {Batches} batches (model version {Version}):\n{Scorecard}")]
    private partial void LogScorecard(int batches, long version, string scorecard);
}
