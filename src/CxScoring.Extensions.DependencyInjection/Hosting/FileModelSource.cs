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
    private readonly Lock _gate = new();
    private (bool Exists, long Length, DateTime Written) _loadedStamp;

    /// <param name="path">The file.</param>
    /// <param name="parse">Parses the file's content.</param>
    public FileModelSource(string path, Func<Stream, ScoringModel> parse)
    {
        _path = Path.GetFullPath(path);
        _parse = parse;
    }

    public override string Description => _path;

    public override bool CanWatch => true;

    public override ScoringModel Load()
    {
        var stamp = Stamp();
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var model = _parse(stream);
        lock (_gate)
        {
            _loadedStamp = stamp;
        }

        return model;
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

    private (bool Exists, long Length, DateTime Written) Stamp()
    {
        var file = new FileInfo(_path);
        return file.Exists ? (true, file.Length, file.LastWriteTimeUtc) : (false, 0, default);
    }
}
