using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

/// <summary>The file source with a stand-in parser: the file holds the model's name, or "invalid".</summary>
public sealed class FileModelSourceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cxscoring-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_path);

    private static ScoringModel Parse(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Trim();
        return text == "invalid" ? TestModels.Invalid() : TestModels.Chat(text);
    }

    private static async Task<ScoringModel> ParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var text = (await reader.ReadToEndAsync(cancellationToken)).Trim();
        return text == "invalid" ? TestModels.Invalid() : TestModels.Chat(text);
    }

    [Fact]
    public async Task LoadAsync_ReadsAnAsynchronousFileStreamWithTheAsynchronousParser()
    {
        Reloads.WriteAtomically(_path, "v1");
        var asyncStream = false;
        var source = new FileModelSource(
            _path,
            _ => throw new InvalidOperationException("a reload must not parse synchronously"),
            async (stream, cancellationToken) =>
            {
                asyncStream = stream is FileStream { IsAsync: true };
                return await ParseAsync(stream, cancellationToken);
            });

        Assert.Equal("v1", (await source.LoadAsync(CancellationToken.None)).Name);
        Assert.True(asyncStream);
        Assert.False(source.HasChanged());
    }

    [Fact]
    public void HasChanged_AfterAFailedLoad_WaitsForTheNextWrite()
    {
        Reloads.WriteAtomically(_path, "invalid");
        var source = new FileModelSource(_path, Parse, ParseAsync);
        Assert.Throws<ScoringModelException>(() => source.Load());
        Assert.False(source.HasChanged());
        Reloads.WriteAtomically(_path, "v2-longer");
        Assert.True(source.HasChanged());
    }

    [Fact]
    public async Task Handle_Disposed_StopsPollingTheFile()
    {
        Reloads.WriteAtomically(_path, "v1");
        var handle = new ScoringModelHandle("watched", new FileModelSource(_path, Parse, ParseAsync), new FakeClock(TestModels.T0),
            NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        var reloads = 0;
        handle.Reloaded += (_, _) => Interlocked.Increment(ref reloads);
        _ = handle.Current;
        Assert.True(handle.IsWatching);

        handle.Dispose();
        Assert.False(handle.IsWatching);
        Reloads.WriteAtomically(_path, "v2-longer");
        await Task.Delay(400);
        Assert.Equal(0, Volatile.Read(ref reloads));
        Assert.Equal(1, handle.Current.Version);
    }

    [Fact]
    public async Task Handle_FirstLoadFailsThenTheFileIsFixed_TheWatchLoadsIt()
    {
        Reloads.WriteAtomically(_path, "invalid");
        using var handle = new ScoringModelHandle("watched", new FileModelSource(_path, Parse, ParseAsync), new FakeClock(TestModels.T0),
            NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        Assert.Throws<ScoringModelException>(() => handle.Current);

        var fixedFile = await Reloads.NextAsync(handle, () => Reloads.WriteAtomically(_path, "v1-fixed"));
        Assert.True(fixedFile.Succeeded);
        Assert.Equal(("v1-fixed", 1L), (handle.Current.Model.Name, handle.Current.Version));
        Assert.Null(handle.LastReloadError);
    }

    [Fact]
    public async Task StartWatching_RacingDispose_NeverLeavesAWatchRunning()
    {
        Reloads.WriteAtomically(_path, "v1");
        for (var i = 0; i < 200; i++)
        {
            var handle = new ScoringModelHandle("watched", new FileModelSource(_path, Parse, ParseAsync), new FakeClock(TestModels.T0),
                NullLogger.Instance, TimeSpan.FromMilliseconds(100));
            using var start = new Barrier(2);
            var reader = Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    _ = handle.Current;
                }
                catch (ObjectDisposedException)
                {
                    // disposed before the first load: nothing to watch
                }
            });
            start.SignalAndWait();
            handle.Dispose();
            await reader;
            Assert.False(handle.IsWatching, $"iteration {i}: a watch outlived Dispose");
        }
    }

    [Fact]
    public void HasChanged_AfterLoadAndAfterAWrite_ReportsEachChangeOnce()
    {
        Reloads.WriteAtomically(_path, "v1");
        var source = new FileModelSource(_path, Parse, ParseAsync);
        Assert.Equal("v1", source.Load().Name);
        Assert.False(source.HasChanged());

        Reloads.WriteAtomically(_path, "v2-longer");
        Assert.True(source.HasChanged());
        Assert.False(source.HasChanged());
        Assert.Equal("v2-longer", source.Load().Name);
        Assert.False(source.HasChanged());

        File.Delete(_path);
        Assert.True(source.HasChanged());
        Assert.Throws<FileNotFoundException>(() => source.Load());
        Assert.False(source.HasChanged());
    }

    [Fact]
    public async Task Handle_WatchedFileChanges_ReloadsAndKeepsTheOldVersionWhenTheNewOneIsInvalid()
    {
        Reloads.WriteAtomically(_path, "v1");
        using var handle = new ScoringModelHandle("watched", new FileModelSource(_path, Parse, ParseAsync), new FakeClock(TestModels.T0),
            NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        Assert.Equal("v1", handle.Current.Model.Name);

        // Each new version is written atomically (temporary file, then rename over), as docs/hosting.md advises:
        // writing in place lets the poller read a truncated or half-written file.
        var valid = await Reloads.NextAsync(handle, () => Reloads.WriteAtomically(_path, "v2-longer"));
        Assert.True(valid.Succeeded);
        Assert.Equal(("v2-longer", 2L), (handle.Current.Model.Name, handle.Current.Version));

        var invalid = await Reloads.NextAsync(handle, () => Reloads.WriteAtomically(_path, "invalid"));
        Assert.False(invalid.Succeeded);
        Assert.Equal(("v2-longer", 2L), (handle.Current.Model.Name, handle.Current.Version));
        Assert.Same(invalid.Error, handle.LastReloadError);
    }
}
