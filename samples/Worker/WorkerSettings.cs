namespace Worker;

/// <summary>How much the sample produces and how often it logs.</summary>
public sealed record WorkerSettings(int Batches, int BatchSize, int LogEvery);
