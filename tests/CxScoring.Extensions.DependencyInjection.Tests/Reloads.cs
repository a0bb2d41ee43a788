using CxScoring.Hosting;

namespace CxScoring.Extensions.DependencyInjection.Tests;

internal static class Reloads
{
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
