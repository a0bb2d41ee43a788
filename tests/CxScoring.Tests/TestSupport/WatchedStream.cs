namespace CxScoring.Tests.TestSupport;

/// <summary>A memory stream that tells how far it has been read and how many bytes its first read asked for; read from any thread.</summary>
internal sealed class WatchedStream(byte[] bytes) : MemoryStream(bytes)
{
    private long _furthest;
    private int _firstRequest;

    /// <summary>Gets the furthest position read to.</summary>
    public long Furthest => Interlocked.Read(ref _furthest);

    /// <summary>Gets how many bytes the first read asked for (the reader's buffer length).</summary>
    public int FirstRequest => Volatile.Read(ref _firstRequest);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.CompareExchange(ref _firstRequest, buffer.Length, 0);
        var read = await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _furthest, Position);
        return read;
    }
}
