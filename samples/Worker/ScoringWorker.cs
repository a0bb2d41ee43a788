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
/// every few batches. Stops the application when the channel is completed.
/// </summary>
public sealed partial class ScoringWorker(
    Channel<Outcome> channel, ScoringModelHandle model, WorkerSettings settings, IHostApplicationLifetime lifetime, ILogger<ScoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Scorecard? running = null;
        var batch = new List<Outcome>(settings.BatchSize);
        var batches = 0;
        while (await channel.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < settings.BatchSize && channel.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            if (batch.Count < settings.BatchSize && !channel.Reader.Completion.IsCompleted)
            {
                continue; // wait for a full batch unless the stream has ended
            }

            var snapshot = model.Current;
            var scorecard = snapshot.Engine.CreateScorecard();
            snapshot.Engine.ScoreOutcomes(CollectionsMarshal.AsSpan(batch), scorecard);
            running = Merge(running, scorecard.Build());
            batch.Clear();
            if (++batches % settings.LogEvery == 0)
            {
                Report(running, batches, snapshot.Version);
            }
        }

        if (running is not null && batches % settings.LogEvery != 0)
        {
            Report(running, batches, model.Current.Version);
        }

        lifetime.StopApplication();
    }

    // Scorecards of the same touchpoints and segments merge exactly; a reload that changed them starts a new one.
    private static Scorecard Merge(Scorecard? running, Scorecard batch)
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
            return batch;
        }
    }

    private void Report(Scorecard scorecard, int batches, long version)
    {
        using var text = new StringWriter();
        ScorecardPrinter.Print(scorecard, text, hotspots: 3);
        LogScorecard(batches, version, text.ToString());
        logger.LogRejectionSummary(scorecard);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "After {Batches} batches (model version {Version}):\n{Scorecard}")]
    private partial void LogScorecard(int batches, long version, string scorecard);
}
