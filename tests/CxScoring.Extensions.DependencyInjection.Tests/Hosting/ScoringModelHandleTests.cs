using System.Collections.Concurrent;
using CxScoring.Errors;
using CxScoring.Gaps;
using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

public class ScoringModelHandleTests
{
    private static (ServiceProvider Provider, ScoringModelHandle Handle) Build(Func<IServiceProvider, ScoringModel> factory, IClock? clock = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs));
        }

        var provider = services.AddCxScoring(o => o.ModelFactory = factory).BuildServiceProvider();
        return (provider, provider.GetRequiredService<ScoringModelHandle>());
    }

    [Fact]
    public void Current_FirstRead_LoadsVersionOneOnce()
    {
        var loads = 0;
        var (provider, handle) = Build(_ => { Interlocked.Increment(ref loads); return TestModels.Chat(); });
        using (provider)
        {
            Assert.False(handle.IsLoaded);
            var first = handle.Current;
            Assert.Same(first, handle.Current);
            Assert.True(handle.IsLoaded);
            Assert.Equal(1, first.Version);
            Assert.Equal(1, loads);
        }
    }

    [Fact]
    public void Current_InvalidModel_ThrowsEveryTimeUntilFixed()
    {
        var broken = true;
        var (provider, handle) = Build(_ => broken ? TestModels.Invalid() : TestModels.Chat());
        using (provider)
        {
            Assert.Throws<ScoringModelException>(() => handle.Current);
            Assert.False(handle.IsLoaded);
            broken = false;
            Assert.Equal("chat-v1", handle.Current.Model.Name);
        }
    }

    [Fact]
    public async Task ReloadAsync_ValidModel_PublishesTheNextVersionAndRaisesReloaded()
    {
        var clock = new FakeClock(TestModels.T0);
        var next = "v1";
        var logs = new ListLoggerProvider();
        var (provider, handle) = Build(_ => TestModels.Chat(next), clock, logs);
        using (provider)
        {
            var before = handle.Current;
            ScoringModelReloadedEventArgs? seen = null;
            handle.Reloaded += (_, e) => seen = e;
            next = "v2";
            clock.Advance(Duration.FromMinutes(5));

            Assert.True(await handle.ReloadAsync());

            var after = handle.Current;
            Assert.Equal(2, after.Version);
            Assert.Equal("v2", after.Model.Name);
            Assert.Equal(TestModels.T0 + Duration.FromMinutes(5), after.LoadedAt);
            Assert.Equal("v1", before.Model.Name); // a snapshot taken earlier is unchanged
            Assert.NotNull(seen);
            Assert.True(seen.Succeeded);
            Assert.Same(after, seen.Current);
            Assert.Null(handle.LastReloadError);
            Assert.Contains(logs.Entries, e => e.Id.Name == "ModelReloaded" && e.Message.Contains("version 1 replaced by version 2 (model 'v2')", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ReloadAsync_InvalidModel_KeepsTheOldSnapshotAndReportsWhy()
    {
        var broken = false;
        var logs = new ListLoggerProvider();
        var (provider, handle) = Build(_ => broken ? TestModels.Invalid() : TestModels.Chat(), logs: logs);
        using (provider)
        {
            var before = handle.Current;
            ScoringModelReloadedEventArgs? seen = null;
            handle.Reloaded += (_, e) => seen = e;
            broken = true;

            Assert.False(await handle.ReloadAsync());

            Assert.Same(before, handle.Current);
            var error = Assert.IsType<ScoringModelException>(handle.LastReloadError);
            Assert.Contains("inverted zone of tolerance", error.Message, StringComparison.Ordinal);
            Assert.NotNull(seen);
            Assert.False(seen.Succeeded);
            Assert.Same(before, seen.Current);
            Assert.Same(error, seen.Error);
            var entry = Assert.Single(logs.Entries, e => e.Id.Name == "ModelReloadFailed");
            Assert.Equal(LogLevel.Warning, entry.Level);
            Assert.Contains("reload from model factory failed, version 1 stays in force", entry.Message, StringComparison.Ordinal);

            broken = false;
            Assert.True(await handle.ReloadAsync());
            Assert.Null(handle.LastReloadError);
            Assert.Equal(2, handle.Current.Version);
        }
    }

    [Fact]
    public async Task ReloadAsync_BeforeFirstLoad_LoadsVersionOne()
    {
        var (provider, handle) = Build(_ => TestModels.Chat());
        using (provider)
        {
            Assert.True(await handle.ReloadAsync());
            Assert.Equal(1, handle.Current.Version);
        }
    }

    [Fact]
    public async Task ReloadAsync_HandlerThrows_ReloadStillPublished()
    {
        var logs = new ListLoggerProvider();
        var (provider, handle) = Build(_ => TestModels.Chat(), logs: logs);
        using (provider)
        {
            _ = handle.Current;
            handle.Reloaded += (_, _) => throw new InvalidOperationException("subscriber bug");
            Assert.True(await handle.ReloadAsync());
            Assert.Equal(2, handle.Current.Version);
            Assert.Contains(logs.Entries, e => e.Id.Name == "ReloadHandlerFailed" && e.Exception is InvalidOperationException);
        }
    }

    [Fact]
    public async Task ReloadAsync_Cancelled_Throws()
    {
        var (provider, handle) = Build(_ => TestModels.Chat());
        using (provider)
        {
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.ReloadAsync(cts.Token));
        }
    }

    [Fact]
    public async Task ReloadAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var (provider, handle) = Build(_ => TestModels.Chat());
        _ = handle.Current;
        await provider.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => handle.ReloadAsync());
        Assert.Equal(1, handle.Current.Version); // a loaded snapshot stays readable
    }

    [Fact]
    public async Task ScoringModelService_AfterReload_ResolvesTheNewModel()
    {
        var next = "v1";
        var (provider, handle) = Build(_ => TestModels.Chat(next));
        using (provider)
        {
            Assert.Equal("v1", provider.GetRequiredService<ScoringModel>().Name);
            next = "v2";
            await handle.ReloadAsync();
            Assert.Equal("v2", provider.GetRequiredService<ScoringModel>().Name);
        }
    }

    /// <summary>
    /// Threads score batches while two others reload (every fifth reload fails): each batch is scored against one
    /// snapshot only, versions only go forward, and every record is counted once, scored or rejected.
    /// </summary>
    [Fact]
    public async Task ReloadAsync_UnderConcurrentScoring_NoTornReadsNoLostOrDoubleCountedRecords()
    {
        const int BatchSize = 100;
        const int Reloads = 200;
        var loads = 0;
        var failedReloads = 0;
        ScoringModel Factory(IServiceProvider _)
        {
            var n = Interlocked.Increment(ref loads);
            if (n % 5 == 0)
            {
                throw TestModels.InvalidModelError();
            }

            return n % 2 == 1 ? TestModels.Chat("v1", 60) : TestModels.Chat("v2", 120);
        }

        var (provider, handle) = Build(Factory);
        using (provider)
        {
            handle.Reloaded += (_, e) =>
            {
                if (!e.Succeeded)
                {
                    Interlocked.Increment(ref failedReloads);
                }
            };
            _ = handle.Current;

            // 90 answers of 90 s (below the zone in v1, within it in v2) and 10 for an unknown touchpoint.
            var batch = new Outcome[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                batch[i] = i % 10 == 9 ? TestModels.Answer(90, "web") : TestModels.Answer(90);
            }

            var stop = 0;
            long batches = 0, scored = 0, rejected = 0, torn = 0, backwards = 0;
            var modelOfVersion = new ConcurrentDictionary<long, string>();

            void Score()
            {
                long lastVersion = 0;
                while (Volatile.Read(ref stop) == 0)
                {
                    var snapshot = handle.Current;
                    if (snapshot.Version < lastVersion)
                    {
                        Interlocked.Increment(ref backwards);
                    }

                    lastVersion = snapshot.Version;
                    if (modelOfVersion.GetOrAdd(snapshot.Version, snapshot.Model.Name) != snapshot.Model.Name)
                    {
                        Interlocked.Increment(ref torn);
                    }

                    var (expectedAdequate, expectedZone) = snapshot.Model.Name == "v1" ? (60.0, Zone.Below) : (120.0, Zone.Within);
                    long ok = 0, refused = 0, mismatched = 0;
                    foreach (ref readonly var outcome in batch.AsSpan())
                    {
                        if (snapshot.Model.TryScore(outcome, out var result, out var reason))
                        {
                            ok++;
                            if (result.Adequate != expectedAdequate || result.Zone != expectedZone)
                            {
                                mismatched++;
                            }
                        }
                        else
                        {
                            refused++;
                            if (reason != RejectionReason.UnknownTouchpoint)
                            {
                                mismatched++;
                            }
                        }
                    }

                    Interlocked.Add(ref scored, ok);
                    Interlocked.Add(ref rejected, refused);
                    Interlocked.Add(ref torn, mismatched);
                    Interlocked.Increment(ref batches);
                }
            }

            var scorers = Enumerable.Range(0, 3).Select(_ => Task.Run(Score)).ToArray();
            var succeeded = 0;
            async Task Reload()
            {
                for (var i = 0; i < Reloads / 2; i++)
                {
                    if (await handle.ReloadAsync())
                    {
                        Interlocked.Increment(ref succeeded);
                    }

                    await Task.Yield();
                }
            }

            await Task.WhenAll(Task.Run(Reload), Task.Run(Reload));
            Volatile.Write(ref stop, 1);
            await Task.WhenAll(scorers);

            Assert.Equal(0, torn);
            Assert.Equal(0, backwards);
            Assert.True(batches > 0);
            Assert.Equal(batches * BatchSize, scored + rejected);
            Assert.Equal(batches * 90, scored);
            Assert.Equal(batches * 10, rejected);
            Assert.Equal(40, failedReloads); // of loads 1..201 (the first load, then 200 reloads), 5, 10, …, 200 fail
            Assert.Equal(Reloads - failedReloads, succeeded);
            Assert.Equal(1 + succeeded, handle.Current.Version);
        }
    }
}
