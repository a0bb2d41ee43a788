using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Hosting;

/// <summary>
/// One loaded version of a registered scoring model, with the engine compiled from it. A reload publishes a new
/// snapshot; work that took a snapshot keeps using it to the end, so a batch is always scored against one model and
/// its plan, never half against each.
/// </summary>
/// <remarks>Instances are immutable and safe to use from any number of threads; so is the engine.</remarks>
public sealed class ScoringModelSnapshot
{
    internal ScoringModelSnapshot(ScoringModel model, ScoringEngine engine, long version, Instant loadedAt)
    {
        Model = model;
        Engine = engine;
        Version = version;
        LoadedAt = loadedAt;
    }

    /// <summary>Gets the scoring model.</summary>
    public ScoringModel Model { get; }

    /// <summary>Gets the engine compiled from <see cref="Model"/>, one per snapshot.</summary>
    public ScoringEngine Engine { get; }

    /// <summary>Gets the compiled plan the engine scores with.</summary>
    public ScoringPlan Plan => Engine.Plan;

    /// <summary>Gets the version of the snapshot: 1 for the first load, one more for every successful reload.</summary>
    public long Version { get; }

    /// <summary>Gets when the snapshot was loaded, read from the registered <see cref="IClock"/>.</summary>
    public Instant LoadedAt { get; }
}
