using System.Threading.Channels;
using CxScoring.Model;

namespace Worker;

/// <summary>Cuts the outcomes of a channel into batches and hands every one of them, the last partial batch included, to a scoring step.</summary>
public static class OutcomeBatches
{
    /// <summary>
    /// Reads <paramref name="reader"/> until it is completed, or until <paramref name="stopping"/> is cancelled, and calls
    /// <paramref name="score"/> for each batch of <paramref name="batchSize"/> outcomes and once more for the outcomes
    /// left over. On cancellation the outcomes already taken and those still buffered in the channel are scored too,
    /// so no outcome that was read is lost.
    /// </summary>
    /// <returns>The number of batches scored.</returns>
    public static async Task<int> ScoreAllAsync(ChannelReader<Outcome> reader, int batchSize, Action<List<Outcome>> score, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(score);
        var batch = new List<Outcome>(batchSize);
        var batches = 0;
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                Drain();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Drain(); // shutting down: what the channel still holds was produced, so it is scored as well
        }

        if (batch.Count > 0)
        {
            Flush(); // the stream ended (or stopped) inside a batch
        }

        return batches;

        void Drain()
        {
            while (reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
                if (batch.Count == batchSize)
                {
                    Flush();
                }
            }
        }

        void Flush()
        {
            batches++;
            score(batch);
            batch.Clear();
        }
    }
}
