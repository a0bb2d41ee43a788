using CxScoring.Hosting;

namespace CxScoring.Extensions.DependencyInjection.Tests;

internal static class Reloads
{
    /// <summary>
    /// Writes a temporary file in the same folder and renames it over <paramref name="path"/>, so that a watcher polling
    /// the file never sees it truncated or half written (the advice docs/hosting.md gives users).
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Makes a change and waits (up to 10 s) for the reload it causes.</summary>
    public static async Task<ScoringModelReloadedEventArgs> NextAsync(ScoringModelHandle handle, Action change)
    {
        var reloaded = new TaskCompletionSource<ScoringModelReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReloaded(object? sender, ScoringModelReloadedEventArgs e) => reloaded.TrySetResult(e);
        handle.Reloaded += OnReloaded;
        try
        {
            change();
            return await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            handle.Reloaded -= OnReloaded;
        }
    }
}
