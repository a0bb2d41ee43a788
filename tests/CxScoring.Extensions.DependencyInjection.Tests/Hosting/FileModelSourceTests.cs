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

    [Fact]
    public void HasChanged_AfterLoadAndAfterAWrite_ReportsEachChangeOnce()
    {
        File.WriteAllText(_path, "v1");
        var source = new FileModelSource(_path, Parse);
        Assert.Equal("v1", source.Load().Name);
        Assert.False(source.HasChanged());

        File.WriteAllText(_path, "v2-longer");
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
        File.WriteAllText(_path, "v1");
        using var handle = new ScoringModelHandle("watched", new FileModelSource(_path, Parse), new FakeClock(TestModels.T0),
            NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        Assert.Equal("v1", handle.Current.Model.Name);

        var valid = await Reloads.NextAsync(handle, () => File.WriteAllText(_path, "v2-longer"));
        Assert.True(valid.Succeeded);
        Assert.Equal(("v2-longer", 2L), (handle.Current.Model.Name, handle.Current.Version));

        var invalid = await Reloads.NextAsync(handle, () => File.WriteAllText(_path, "invalid"));
        Assert.False(invalid.Succeeded);
        Assert.Equal(("v2-longer", 2L), (handle.Current.Model.Name, handle.Current.Version));
        Assert.Same(invalid.Error, handle.LastReloadError);
    }
}
