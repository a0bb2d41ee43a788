using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

/// <summary>Models from the telecom demo model file: by path, by stream, and watched for changes.</summary>
public sealed class ModelFileRegistrationTests : IDisposable
{
    private static readonly string DemoModelPath = Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json");
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"cxscoring-model-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_copy);

    [Fact]
    public void AddCxScoring_ModelPath_LoadsTheModelFile()
    {
        using var provider = new ServiceCollection().AddCxScoring(o => o.ModelPath = DemoModelPath).BuildServiceProvider();
        var model = provider.GetRequiredService<ScoringModel>();
        Assert.Equal("telecom-contract-upgrade", model.Name);
        Assert.Equal(9, model.Touchpoints.Length);
    }

    [Fact]
    public void AddCxScoring_ModelStreamFactory_LoadsAndDisposesTheStream()
    {
        FileStream? opened = null;
        using var provider = new ServiceCollection()
            .AddCxScoring("brand-a", o => o.ModelStreamFactory = _ => opened = File.OpenRead(DemoModelPath))
            .BuildServiceProvider();
        Assert.Equal("telecom-contract-upgrade", provider.GetRequiredKeyedService<ScoringModel>("brand-a").Name);
        Assert.NotNull(opened);
        Assert.False(opened.CanRead); // disposed after reading
    }

    [Fact]
    public void AddCxScoring_MissingFile_SaysWhichPathAndWhatToSet()
    {
        using var provider = new ServiceCollection().AddCxScoring(o => o.ModelPath = "no-such-model.json").BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ScoringModelHandle>());
        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("CxScoring (default model): ModelPath 'no-such-model.json' does not exist (resolved to '", failure, StringComparison.Ordinal);
        Assert.EndsWith("no-such-model.json'); set it to the path of a model JSON file.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCxScoring_TwoSources_AsksForExactlyOne()
    {
        using var provider = new ServiceCollection()
            .AddCxScoring(o => (o.ModelPath, o.ModelFactory) = (DemoModelPath, _ => TestModels.Chat()))
            .BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ScoringModelHandle>());
        Assert.Equal("CxScoring (default model): ModelPath and ModelFactory are set; set exactly one model source.", Assert.Single(ex.Failures));
    }

    [Fact]
    public void AddCxScoring_InvalidModelFile_FailsWithEveryProblemAndItsLine()
    {
        Reloads.WriteAtomically(_copy, File.ReadAllText(DemoModelPath).Replace("\"scale\": \"PT5M\"", "\"scale\": \"five minutes\"", StringComparison.Ordinal));
        using var provider = new ServiceCollection().AddCxScoring(o => o.ModelPath = _copy).BuildServiceProvider();
        var ex = Assert.Throws<ScoringModelException>(() => provider.GetRequiredService<ScoringModelHandle>().Current);
        Assert.Contains(ex.Problems, p => p.Path.Contains("measures[0]", StringComparison.Ordinal) && p.Line is not null);
    }

    [Fact]
    public async Task ReloadOnChange_ModelFileRewritten_ReloadsAndKeepsTheOldModelWhenTheNewOneIsInvalid()
    {
        var json = File.ReadAllText(DemoModelPath);
        Reloads.WriteAtomically(_copy, json);
        using var provider = new ServiceCollection()
            .AddCxScoring(o => (o.ModelPath, o.ReloadOnChange, o.ReloadPollingInterval) = (_copy, true, TimeSpan.FromMilliseconds(100)))
            .BuildServiceProvider();
        var handle = provider.GetRequiredService<ScoringModelHandle>();
        Assert.Equal("telecom-contract-upgrade", handle.Current.Model.Name);

        var renamed = await Reloads.NextAsync(handle, () => Reloads.WriteAtomically(_copy, json.Replace("\"telecom-contract-upgrade\"", "\"telecom-v2\"", StringComparison.Ordinal)));
        Assert.True(renamed.Succeeded);
        Assert.Equal(("telecom-v2", 2L), (handle.Current.Model.Name, handle.Current.Version));

        var broken = await Reloads.NextAsync(handle, () => Reloads.WriteAtomically(_copy, json[..(json.Length / 2)]));
        Assert.False(broken.Succeeded);
        Assert.IsType<ScoringModelException>(handle.LastReloadError);
        Assert.Equal(("telecom-v2", 2L), (handle.Current.Model.Name, handle.Current.Version));
    }
}
