using CxScoring.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

public class ScoringModelProviderTests
{
    [Fact]
    public void GetHandle_NullName_ThrowsNamingParameter()
    {
        using var provider = new ServiceCollection().AddCxScoring(TestModels.Chat()).BuildServiceProvider();
        var models = provider.GetRequiredService<ScoringModelProvider>();
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => models.GetHandle(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => models.TryGetHandle(null!, out _)).ParamName);
    }

    [Fact]
    public void TryGetHandle_RegisteredAndUnknownNames_AnswersEach()
    {
        using var provider = new ServiceCollection().AddCxScoring("brand-a", TestModels.Chat()).BuildServiceProvider();
        var models = provider.GetRequiredService<ScoringModelProvider>();
        Assert.True(models.TryGetHandle("brand-a", out var handle));
        Assert.Same(handle, provider.GetRequiredKeyedService<ScoringModelHandle>("brand-a"));
        Assert.False(models.TryGetHandle("brand-b", out var none));
        Assert.Null(none);
        Assert.False(models.TryGetHandle(string.Empty, out _));
    }

    [Fact]
    public void GetHandle_InvalidOptions_ThrowsAndTriesAgainLater()
    {
        var configured = false;
        using var provider = new ServiceCollection()
            .AddCxScoring("brand-a", o => o.ModelFactory = configured ? _ => TestModels.Chat() : null)
            .BuildServiceProvider();
        var models = provider.GetRequiredService<ScoringModelProvider>();
        var ex = Assert.Throws<OptionsValidationException>(() => models.GetHandle("brand-a"));
        Assert.Contains("CxScoring model 'brand-a': no model source is set", ex.Message, StringComparison.Ordinal);

        // Options are cached by the options monitor; a reload of configuration would clear it. Here, clear it by hand.
        configured = true;
        provider.GetRequiredService<IOptionsMonitorCache<CxScoringOptions>>().TryRemove("brand-a");
        Assert.Equal(1, models.GetHandle("brand-a").Current.Version);
    }

    [Fact]
    public void Dispose_CalledTwice_IsHarmless()
    {
        var provider = new ServiceCollection().AddCxScoring(TestModels.Chat()).BuildServiceProvider();
        var models = provider.GetRequiredService<ScoringModelProvider>();
        _ = models.GetHandle(string.Empty).Current;
        models.Dispose();
        models.Dispose();
        Assert.Throws<ObjectDisposedException>(() => models.GetHandle(string.Empty));
        provider.Dispose();
    }

    [Fact]
    public async Task TryGetHandle_RacingDispose_EveryHandleItGaveOutIsDisposed()
    {
        for (var i = 0; i < 200; i++)
        {
            using var provider = new ServiceCollection().AddCxScoring(TestModels.Chat()).BuildServiceProvider();
            var models = provider.GetRequiredService<ScoringModelProvider>();
            using var start = new Barrier(2);
            var getter = Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    return models.GetHandle(string.Empty);
                }
                catch (ObjectDisposedException)
                {
                    return null;
                }
            });
            start.SignalAndWait();
            models.Dispose();
            if (await getter is { } handle)
            {
                await Assert.ThrowsAsync<ObjectDisposedException>(() => handle.ReloadAsync());
            }
        }
    }
}
