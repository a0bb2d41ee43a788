using System.Threading.Channels;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;

namespace Worker.Tests;

public class OutcomeBatchesTests
{
    private static Outcome Make(int i)
        => new("c" + i, "offer-chat", "chat-wait", 60 + i, Instant.FromUtc(2025, 4, 2, 9, 0));

    private static async Task WaitUntilDrainedAsync(Channel<Outcome> channel)
    {
        for (var i = 0; i < 500 && channel.Reader.Count > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, channel.Reader.Count);
        await Task.Delay(50); // let the reader go back to waiting for more
    }

    [Fact]
    public async Task ScoreAllAsync_WriterCompletesAfterTheReaderDrainedAPartialBatch_ScoresIt()
    {
        var channel = Channel.CreateUnbounded<Outcome>();
        var scored = new List<string>();
        var run = OutcomeBatches.ScoreAllAsync(channel.Reader, batchSize: 2, batch => scored.AddRange(batch.Select(o => o.CustomerId)), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await channel.Writer.WriteAsync(Make(i));
        }

        await WaitUntilDrainedAsync(channel);
        channel.Writer.Complete();

        Assert.Equal(2, await run);
        Assert.Equal(["c0", "c1", "c2"], scored);
    }

    [Fact]
    public async Task ScoreAllAsync_StoppedWithAPartialBatchTaken_ScoresItAndReturns()
    {
        var channel = Channel.CreateUnbounded<Outcome>();
        using var stopping = new CancellationTokenSource();
        var scored = 0;
        var run = OutcomeBatches.ScoreAllAsync(channel.Reader, batchSize: 4, batch => scored += batch.Count, stopping.Token);
        for (var i = 0; i < 6; i++)
        {
            await channel.Writer.WriteAsync(Make(i));
        }

        await WaitUntilDrainedAsync(channel);
        await stopping.CancelAsync();

        Assert.Equal(2, await run);
        Assert.Equal(6, scored);
    }

    [Fact]
    public async Task ScoreAllAsync_ManyOutcomesInOddBatches_ScoresEveryProducedOutcomeOnce()
    {
        var channel = Channel.CreateBounded<Outcome>(new BoundedChannelOptions(7) { SingleReader = true });
        var scored = new List<int>();
        var run = OutcomeBatches.ScoreAllAsync(channel.Reader, batchSize: 10, batch => scored.AddRange(batch.Select(o => (int)o.Value - 60)), CancellationToken.None);
        for (var i = 0; i < 1_003; i++)
        {
            await channel.Writer.WriteAsync(Make(i));
        }

        channel.Writer.Complete();
        Assert.Equal(101, await run);
        Assert.Equal(Enumerable.Range(0, 1_003), scored);
    }

    [Fact]
    public async Task ScoreAllAsync_InvalidArguments_ThrowNamingParameter()
    {
        var reader = Channel.CreateUnbounded<Outcome>().Reader;
        Assert.Equal("reader", (await Assert.ThrowsAsync<ArgumentNullException>(() => OutcomeBatches.ScoreAllAsync(null!, 1, _ => { }, default))).ParamName);
        Assert.Equal("batchSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OutcomeBatches.ScoreAllAsync(reader, 0, _ => { }, default))).ParamName);
        Assert.Equal("score", (await Assert.ThrowsAsync<ArgumentNullException>(() => OutcomeBatches.ScoreAllAsync(reader, 1, null!, default))).ParamName);
    }
}
