using CxScoring.Model;


namespace CxScoring.Hosting;

/// <summary>
/// A model file. It tells a change by the file's length and last write time, read before each load, so a write that
/// lands while the file is being read triggers one more reload rather than being missed.
/// </summary>
internal sealed class FileModelSource : ModelSource
{
    private readonly string _path;
    private readonly Func<Stream, ScoringModel> _parse;
    private readonly Func<Stream, CancellationToken, Task<ScoringModel>> _parseAsync;
    private readonly Lock _gate = new();
    private (bool Exists, long Length, DateTime Written) _loadedStamp;

    /// <param name="path">The file.</param>
    /// <param name="parse">Parses the file's content (the first load, on the reading thread).</param>
    /// <param name="parseAsync">Parses the file's content asynchronously (reloads).</param>
    public FileModelSource(string path, Func<Stream, ScoringModel> parse, Func<Stream, CancellationToken, Task<ScoringModel>> parseAsync)
    {
        _path = Path.GetFullPath(path);
        _parse = parse;
        _parseAsync = parseAsync;
    }

    public override string Description => _path;

    public override bool CanWatch => true;

    public override ScoringModel Load()
    {
        var stamp = Stamp();
        try
        {
            using var stream = Open(useAsync: false);
            return _parse(stream);
        }
        finally
        {
            Loaded(stamp);
        }
    }

    public override async ValueTask<ScoringModel> LoadAsync(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        try
        {
            var stream = Open(useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                return await _parseAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Loaded(stamp);
        }
    }

    public override bool HasChanged()
    {
        var stamp = Stamp();
        lock (_gate)
        {
            if (stamp == _loadedStamp)
            {
                return false;
            }

            // A change is reported once: a failed reload of this version is not retried until the file changes again.
            _loadedStamp = stamp;
            return true;
        }
    }

    private FileStream Open(bool useAsync)
        => new(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 4096, useAsync);

    // Recorded whether the load succeeded or not: a version that failed is not reloaded until the file changes again.
    private void Loaded((bool Exists, long Length, DateTime Written) stamp)
    {
        lock (_gate)
        {
            _loadedStamp = stamp;
        }
    }

    private (bool Exists, long Length, DateTime Written) Stamp()
    {
        var file = new FileInfo(_path);
        return file.Exists ? (true, file.Length, file.LastWriteTimeUtc) : (false, 0, default);
    }
}
