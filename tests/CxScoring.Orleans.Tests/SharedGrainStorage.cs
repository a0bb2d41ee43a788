using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CxScoring.Orleans.Tests;

/// <summary>
/// Grain storage outside the silos, as a database would be: states are kept as serialized bytes in a process-wide
/// table (per cluster), so that a stopped silo loses nothing that was written and keeps nothing that was not.
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, long Version)> Table = new(StringComparer.Ordinal);

    /// <summary>Gets the number of writes so far, all clusters together.</summary>
    public static long Writes => Interlocked.Read(ref _writes);

    private static long _writes;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Table.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Bytes);
            grainState.ETag = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var bytes = serializer.SerializeToArray(grainState.State);
        var stored = Table.AddOrUpdate(key, _ => (bytes, 1), (_, old) => (bytes, old.Version + 1));
        grainState.ETag = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        Interlocked.Increment(ref _writes);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Table.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string Key(string stateName, GrainId grainId) => $"{cluster.Value.ClusterId}/{stateName}/{grainId}";
}
