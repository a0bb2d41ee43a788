using CxScoring.Gaps;
using CxScoring.Hosting;
using CxScoring.Model;
using CxScoring.Scorecards;
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
    public async Task Current_InvalidModel_ThrowsTheSameErrorWithoutLoadingAgainUntilAReloadSucceeds()
    {
        var broken = true;
        var loads = 0;
        var (provider, handle) = Build(_ => { Interlocked.Increment(ref loads); return broken ? TestModels.Invalid() : TestModels.Chat(); });
        using (provider)
        {
            var first = Assert.Throws<ScoringModelException>(() => handle.Current);
            Assert.False(handle.IsLoaded);
            Assert.Same(first, handle.LastReloadError);
            broken = false;
            Assert.Same(first, Assert.Throws<ScoringModelException>(() => handle.Current));
            Assert.Equal(1, loads);

            Assert.True(await handle.ReloadAsync());
            Assert.Equal(2, loads);
            Assert.Equal(("chat-v1", 1L), (handle.Current.Model.Name, handle.Current.Version));
            Assert.Null(handle.LastReloadError);
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
    public async Task ReloadAsync_DuringABatch_TheBatchFinishesOnTheSnapshotItTook()
    {
        var next = ("v1", 60.0);
        var (provider, handle) = Build(_ => TestModels.Chat(next.Item1, next.Item2));
        using (provider)
        {
            var inFlight = handle.Current;
            var first = inFlight.Engine.CreateScorecardBuilder();
            inFlight.Engine.ScoreOutcomes([TestModels.Answer(90)], first);

            next = ("v2", 120.0);
            Assert.True(await handle.ReloadAsync());

            inFlight.Engine.ScoreOutcomes([TestModels.Answer(90)], first); // the rest of the batch
            var scorecard = first.Build();
            Assert.Equal(2, scorecard.Total.BelowCount);                    // both against v1's 60 s, not v2's 120 s
            Assert.Equal("v1", scorecard.Plan.Model.Name);
            Assert.Equal("v2", handle.Current.Model.Name);
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
            ScoringModelReloadedEventArgs? seen = null;
            handle.Reloaded += (_, e) => seen = e;
            Assert.True(await handle.ReloadAsync());
            Assert.Equal(1, handle.Current.Version);
            Assert.NotNull(seen);
            Assert.True(seen.Succeeded);
            Assert.Same(handle.Current, seen.Current);
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
    /// Threads score batches with the engine while two others reload (every fifth reload fails): each batch is
    /// scored against one snapshot only (its model, plan and engine together), versions only go forward, and the
    /// merged scorecard counts every record once, scored or rejected.
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

            // 90 answers of 90 s (score −0.5, below the zone, in v1; 0, within it, in v2) and 10 for an unknown touchpoint.
            var batch = new Outcome[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                batch[i] = i % 10 == 9 ? TestModels.Answer(90, "web") : TestModels.Answer(90);
            }

            var stop = 0;
            long batches = 0, v1Batches = 0, torn = 0, backwards = 0;
            var merged = new List<Scorecard>();

            void Score()
            {
                long lastVersion = 0;
                Scorecard? mine = null;
                while (Volatile.Read(ref stop) == 0)
                {
                    var snapshot = handle.Current;
                    if (snapshot.Version < lastVersion)
                    {
                        Interlocked.Increment(ref backwards);
                    }

                    lastVersion = snapshot.Version;
                    var isV1 = snapshot.Model.Name == "v1";
                    var builder = snapshot.Engine.CreateScorecardBuilder();
                    var result = snapshot.Engine.ScoreOutcomes(batch, builder);
                    var scorecard = builder.Build();
                    if (!ReferenceEquals(snapshot.Plan.Model, snapshot.Model) || result.Scored != 90 || result.Rejected != 10
                        || scorecard.Total.ScoreMean != (isV1 ? -0.5 : 0) || scorecard.Total.BelowCount != (isV1 ? 90 : 0))
                    {
                        Interlocked.Increment(ref torn);
                    }

                    mine = mine is null ? scorecard : mine.Merge(scorecard);
                    Interlocked.Increment(ref batches);
                    if (isV1)
                    {
                        Interlocked.Increment(ref v1Batches);
                    }
                }

                if (mine is not null)
                {
                    lock (merged)
                    {
                        merged.Add(mine);
                    }
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
            var total = merged.Aggregate((a, b) => a.Merge(b));
            Assert.Equal(batches * BatchSize, total.Received);
            Assert.Equal(batches * 90, total.Scored);
            Assert.Equal(batches * 10, total.RejectedBy(RejectionReason.UnknownTouchpoint));
            Assert.Equal(v1Batches * 90, total.Total.BelowCount);
            Assert.Equal(v1Batches * 90 * -0.5, total.Total.ScoreSum, 9);
            Assert.Equal(40, failedReloads); // of loads 1..201 (the first load, then 200 reloads), 5, 10, …, 200 fail
            Assert.Equal(Reloads - failedReloads, succeeded);
            Assert.Equal(1 + succeeded, handle.Current.Version);
        }
    }

    [Fact]
    public async Task Current_EachVersion_CarriesTheEngineCompiledFromItsModel()
    {
        var next = "v1";
        var (provider, handle) = Build(_ => TestModels.Chat(next));
        using (provider)
        {
            var first = handle.Current;
            Assert.Same(first.Model, first.Plan.Model);
            Assert.Same(first.Engine, provider.GetRequiredService<ScoringEngine>());
            next = "v2";
            await handle.ReloadAsync();
            var second = handle.Current;
            Assert.NotSame(first.Engine, second.Engine);
            Assert.Same(second.Model, second.Engine.Plan.Model);
            Assert.Same(second.Engine, provider.GetRequiredService<ScoringEngine>());
        }
    }
}
