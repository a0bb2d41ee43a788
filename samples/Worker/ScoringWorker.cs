using System.Threading.Channels;
using CxScoring.Gaps;
using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Worker;

/// <summary>
/// Reads outcomes from the channel in batches, scores each batch against one snapshot of the model (a reload
/// between batches is picked up by the next one) and logs the running scorecard every few batches.
/// </summary>
public sealed partial class ScoringWorker(
    Channel<Outcome> channel, ScoringModelHandle model, WorkerSettings settings, IHostApplicationLifetime lifetime, ILogger<ScoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tally = new Tally();
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
            foreach (var outcome in batch)
            {
                if (snapshot.Model.TryScore(outcome, out var result, out var reason))
                {
                    tally.Add(outcome.TouchpointId, result);
                }
                else
                {
                    tally.Reject(reason);
                }
            }

            batch.Clear();
            if (++batches % settings.LogEvery == 0)
            {
                LogScorecard(batches, snapshot.Version, tally.ToString());
            }
        }

        if (batches % settings.LogEvery != 0)
        {
            LogScorecard(batches, model.Current.Version, tally.ToString());
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "After {Batches} batches (model version {Version}):{Scorecard}")]
    private partial void LogScorecard(int batches, long version, string scorecard);

    private sealed class Tally
    {
        private readonly SortedDictionary<string, (long Count, double Score, long Below)> _byTouchpoint = new(StringComparer.Ordinal);
        private readonly SortedDictionary<RejectionReason, long> _rejected = [];

        public void Add(string touchpoint, in GapResult result)
        {
            var (count, score, below) = _byTouchpoint.GetValueOrDefault(touchpoint);
            _byTouchpoint[touchpoint] = (count + 1, score + result.Score, below + (result.Zone == Zone.Below ? 1 : 0));
        }

        public void Reject(RejectionReason reason) => _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;

        public override string ToString()
        {
            var text = new System.Text.StringBuilder();
            foreach (var (touchpoint, (count, score, below)) in _byTouchpoint)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Environment.NewLine}  {touchpoint,-20} {count,6} scored, mean score {score / count,6:0.000}, {100.0 * below / count,5:0.0} % below the zone");
            }

            foreach (var (reason, count) in _rejected)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.NewLine}  {"rejected",-20} {count,6} {reason}");
            }

            return text.ToString();
        }
    }
}
