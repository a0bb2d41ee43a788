using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace CxScoring.Extensions.DependencyInjection.Tests;

public class CxScoringServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCxScoring_NullServices_ThrowsNamingParameter()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => CxScoringServiceCollectionExtensions.AddCxScoring(null!));
        Assert.Equal("services", ex.ParamName);
    }

    [Fact]
    public void AddCxScoring_NullConfigure_ThrowsNamingParameter()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddCxScoring((Action<CxScoringOptions>)null!));
        Assert.Equal("configure", ex.ParamName);
    }

    [Fact]
    public void AddCxScoring_NullModel_ThrowsNamingParameter()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddCxScoring((ScoringModel)null!));
        Assert.Equal("model", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddCxScoring_NamedWithBlankName_ThrowsNamingParameter(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCxScoring(name, _ => { }));
        Assert.Equal("name", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCxScoring(name, TestModels.Chat()));
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void AddCxScoring_NamedWithNullArguments_ThrowsNamingParameter()
    {
        var services = new ServiceCollection();
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddCxScoring("a", (Action<CxScoringOptions>)null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => services.AddCxScoring("a", (ScoringModel)null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => services.AddCxScoring(null!, TestModels.Chat())).ParamName);
    }

    [Fact]
    public void AddCxScoring_CalledTwice_RegistersClockOnce()
    {
        var services = new ServiceCollection().AddCxScoring().AddCxScoring();
        Assert.Single(services, d => d.ServiceType == typeof(IClock));
    }

    [Fact]
    public void AddCxScoring_HostClockRegisteredFirst_KeepsHostClock()
    {
        var fake = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        using var provider = new ServiceCollection().AddSingleton<IClock>(fake).AddCxScoring(TestModels.Chat()).BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<IClock>());
        Assert.Equal(fake.GetCurrentInstant(), provider.GetRequiredService<ScoringModelHandle>().Current.LoadedAt);
    }

    [Fact]
    public void AddCxScoring_CalledTwice_RegistersEveryServiceOnce()
    {
        var model = TestModels.Chat();
        var once = new ServiceCollection().AddCxScoring(model).AddCxScoring("brand-a", model);
        var twice = new ServiceCollection().AddCxScoring(model).AddCxScoring("brand-a", model).AddCxScoring(model).AddCxScoring("brand-a", model);

        // Only the options delegates accumulate; every service is registered once.
        static IEnumerable<string> Services(IServiceCollection s)
            => s.Where(d => !d.ServiceType.IsGenericType || d.ServiceType.GetGenericTypeDefinition() != typeof(IConfigureOptions<>))
                .Select(d => $"{d.ServiceType.FullName}|{d.ServiceKey}|{d.Lifetime}");
        Assert.Equal(Services(once).Order(), Services(twice).Order());
        Assert.Single(twice, d => d.ServiceType == typeof(ScoringModelHandle) && !d.IsKeyedService);
        Assert.Single(twice, d => d.ServiceType == typeof(ScoringModelHandle) && d.IsKeyedService && Equals(d.ServiceKey, "brand-a"));
        Assert.Single(twice, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(twice, d => d.ServiceType == typeof(IValidateOptions<CxScoringOptions>));
    }

    [Fact]
    public void AddCxScoring_ConfiguredTwice_LaterSettingWins()
    {
        using var provider = new ServiceCollection()
            .AddCxScoring(o => o.ModelFactory = _ => TestModels.Chat("first"))
            .AddCxScoring(o => o.ModelFactory = _ => TestModels.Chat("second"))
            .BuildServiceProvider();
        Assert.Equal("second", provider.GetRequiredService<ScoringModel>().Name);
    }

    [Fact]
    public void AddCxScoring_Model_ResolvesModelHandleAndProvider()
    {
        var model = TestModels.Chat();
        using var provider = new ServiceCollection().AddCxScoring(model).BuildServiceProvider();
        Assert.Same(model, provider.GetRequiredService<ScoringModel>());
        var handle = provider.GetRequiredService<ScoringModelHandle>();
        Assert.Same(handle, provider.GetRequiredService<ScoringModelHandle>());
        Assert.Same(handle, provider.GetRequiredService<ScoringModelProvider>().GetHandle(string.Empty));
        Assert.Equal(string.Empty, handle.Name);
        Assert.Equal(1, handle.Current.Version);
    }

    [Fact]
    public void AddCxScoring_NamedModels_ResolveAsKeyedServices()
    {
        var brandA = TestModels.Chat("brand-a-model");
        var brandB = TestModels.Chat("brand-b-model", 90);
        using var provider = new ServiceCollection()
            .AddCxScoring("brand-a", brandA)
            .AddCxScoring("brand-b", o => o.ModelFactory = _ => brandB)
            .BuildServiceProvider();

        Assert.Same(brandA, provider.GetRequiredKeyedService<ScoringModel>("brand-a"));
        Assert.Same(brandB, provider.GetRequiredKeyedService<ScoringModel>("brand-b"));
        Assert.Same(brandB, provider.GetRequiredKeyedService<ScoringEngine>("brand-b").Plan.Model);
        Assert.Equal("brand-b", provider.GetRequiredKeyedService<ScoringModelHandle>("brand-b").Name);
        Assert.Null(provider.GetService<ScoringModel>()); // no default model was added
        Assert.Null(provider.GetService<ScoringEngine>());
        Assert.Equal(["brand-a", "brand-b"], provider.GetRequiredService<ScoringModelProvider>().Names);
    }

    [Fact]
    public void AddCxScoring_FromKeyedServicesAttribute_InjectsTheNamedModel()
    {
        var brandA = TestModels.Chat("brand-a-model");
        using var provider = new ServiceCollection()
            .AddCxScoring(TestModels.Chat("default-model"))
            .AddCxScoring("brand-a", brandA)
            .AddSingleton<BrandAScorer>()
            .BuildServiceProvider();

        var scorer = provider.GetRequiredService<BrandAScorer>();
        Assert.Same(brandA, scorer.Handle.Current.Model);
        Assert.Same(brandA, scorer.Model);
        Assert.Same(scorer.Handle.Current.Engine, scorer.Engine);
        Assert.Equal("default-model", provider.GetRequiredService<ScoringModel>().Name);
    }

    [Fact]
    public async Task StartAsync_NoModelSource_FailsSayingWhatToSet()
    {
        using var host = Host([s => s.AddCxScoring()]);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("CxScoring (default model): no model source is set. Set exactly one of CxScoringOptions.ModelPath (a model JSON file), ModelStreamFactory or ModelFactory.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SeveralBrokenRules_ReportsEveryOneForTheNamedModel()
    {
        using var host = Host([s => s.AddCxScoring("brand-a", o =>
        {
            o.ModelFactory = _ => TestModels.Chat();
            o.ReloadOnChange = true;
            o.ReloadPollingInterval = TimeSpan.FromMilliseconds(10);
        })]);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal("brand-a", ex.OptionsName);
        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("CxScoring model 'brand-a': ReloadOnChange is true but the model comes from ModelFactory", StringComparison.Ordinal)
            && f.Contains("call ScoringModelHandle.ReloadAsync()", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("ReloadPollingInterval is 00:00:00.0100000; set it to at least 00:00:00.1000000", StringComparison.Ordinal));
    }

    [Fact]
    public void GetHandle_PollingIntervalBeyondATimersRange_SaysTheGreatestAllowed()
    {
        using var provider = new ServiceCollection()
            .AddCxScoring(o => (o.ModelFactory, o.ReloadPollingInterval) = (_ => TestModels.Chat(), TimeSpan.MaxValue))
            .BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ScoringModelHandle>());
        var failure = Assert.Single(ex.Failures);
        Assert.Contains($"ReloadPollingInterval is {TimeSpan.MaxValue}; set it to at most 49.17:02:47.2940000", failure, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1), CxScoringOptions.MaximumReloadPollingInterval);
    }

    [Fact]
    public void StartupValidator_InvalidEngineOptions_SaysWhatToSet()
    {
        using var provider = new ServiceCollection()
            .AddCxScoring(o => (o.ModelFactory, o.Engine) = (_ => TestModels.Chat(), new ScoringEngineOptions { MaxDegreeOfParallelism = 0, ParallelThreshold = -1 }))
            .BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
            [
                "CxScoring (default model): Engine.MaxDegreeOfParallelism is 0; set it to 1 (score on the calling thread) or more.",
                "CxScoring (default model): Engine.ParallelThreshold is -1; set it to 0 or more (the number of rows from which a batch is split over threads).",
            ],
            ex.Failures);
    }

    [Fact]
    public void AddCxScoring_EngineOptions_ReachTheEngine()
    {
        using var provider = new ServiceCollection()
            .AddCxScoring(o => (o.ModelFactory, o.Engine) = (_ => TestModels.Chat(), new ScoringEngineOptions { MaxDegreeOfParallelism = 1, ParallelThreshold = 10 }))
            .BuildServiceProvider();
        var engine = provider.GetRequiredService<ScoringEngine>();
        Assert.Equal((1, 10), (engine.MaxDegreeOfParallelism, engine.ParallelThreshold));
    }

    [Fact]
    public void StartupValidator_WithoutHost_ReportsInvalidOptions()
    {
        using var provider = new ServiceCollection().AddCxScoring().BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("no model source is set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidModel_FailsListingTheProblemsAndLogs()
    {
        var logs = new ListLoggerProvider();
        using var host = Host([s => s.AddCxScoring("brand-a", o => o.ModelFactory = _ => TestModels.Invalid())], logs);
        var ex = await Assert.ThrowsAsync<ScoringModelException>(() => host.StartAsync());
        Assert.Contains("expectations[0]: inverted zone of tolerance for measure 'response'", ex.Message, StringComparison.Ordinal);
        var entry = Assert.Single(logs.Entries, e => e.Id.Name == "ModelLoadFailed");
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("CxScoring model 'brand-a' could not be loaded from model factory", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ValidModels_LoadsEveryModelAndLogs()
    {
        var logs = new ListLoggerProvider();
        using var host = Host([s => s.AddCxScoring(TestModels.Chat()).AddCxScoring("brand-a", TestModels.Chat("brand-a-model"))], logs);
        await host.StartAsync();
        var models = host.Services.GetRequiredService<ScoringModelProvider>();
        Assert.All(models.Names, n => Assert.True(models.GetHandle(n).IsLoaded));
        Assert.Equal(2, logs.Entries.Count(e => e.Id.Name == "ModelLoaded"));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("CxScoring model 'brand-a' loaded from model factory: model 'brand-a-model' version 1 with 1 touchpoints", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public void GetHandle_UnknownName_ListsTheRegisteredNames()
    {
        using var provider = new ServiceCollection().AddCxScoring(TestModels.Chat()).AddCxScoring("brand-a", TestModels.Chat()).BuildServiceProvider();
        var ex = Assert.Throws<KeyNotFoundException>(() => provider.GetRequiredService<ScoringModelProvider>().GetHandle("brand-z"));
        Assert.Contains("'brand-z'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Registered: (default), 'brand-a'", ex.Message, StringComparison.Ordinal);
    }

    internal static IHost Host(Action<IServiceCollection>[] configure, ILoggerProvider? logs = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        foreach (var c in configure)
        {
            c(builder.Services);
        }

        return builder.Build();
    }

    public sealed class BrandAScorer(
        [FromKeyedServices("brand-a")] ScoringModelHandle handle,
        [FromKeyedServices("brand-a")] ScoringModel model,
        [FromKeyedServices("brand-a")] ScoringEngine engine)
    {
        public ScoringEngine Engine { get; } = engine;

        public ScoringModelHandle Handle { get; } = handle;

        public ScoringModel Model { get; } = model;
    }
}
