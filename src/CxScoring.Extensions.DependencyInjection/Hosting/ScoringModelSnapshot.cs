using CxScoring.Model;
using NodaTime;

namespace CxScoring.Hosting;

/// <summary>
/// One loaded version of a registered scoring model. A reload publishes a new snapshot; work that took a snapshot
/// keeps using it to the end, so a batch is always scored against one model, never half against each.
/// </summary>
/// <remarks>Instances are immutable and safe to use from any number of threads.</remarks>
public sealed class ScoringModelSnapshot
{
    internal ScoringModelSnapshot(ScoringModel model, long version, Instant loadedAt)
    {
        Model = model;
        Version = version;
        LoadedAt = loadedAt;
    }

    /// <summary>Gets the scoring model.</summary>
    public ScoringModel Model { get; }

    /// <summary>Gets the version of the snapshot: 1 for the first load, one more for every successful reload.</summary>
    public long Version { get; }

    /// <summary>Gets when the snapshot was loaded, read from the registered <see cref="IClock"/>.</summary>
    public Instant LoadedAt { get; }
}
