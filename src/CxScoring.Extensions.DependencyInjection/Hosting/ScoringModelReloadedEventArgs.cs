






namespace CxScoring.Hosting;

/// <summary>What happened when a registered scoring model was reloaded.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ScoringModelReloadedEventArgs : EventArgs
{
    internal ScoringModelReloadedEventArgs(ScoringModelSnapshot? current, Exception? error)
    {
        Current = current;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the reload succeeded and <see cref="Current"/> is the new snapshot.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets the snapshot in force after the reload: the new one, or the one kept when the reload failed.</summary>
    /// <value>The snapshot, or <see langword="null"/> when no model has been loaded yet.</value>
    public ScoringModelSnapshot? Current { get; }

    /// <summary>Gets why the reload failed.</summary>
    /// <value>The error (often a <see cref="Model.ScoringModelException"/> listing every problem), or <see langword="null"/> on success.</value>
    public Exception? Error { get; }
}
