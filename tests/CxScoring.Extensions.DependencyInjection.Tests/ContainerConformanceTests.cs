using Autofac;
using Autofac.Extensions.DependencyInjection;
using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CxScoring.Extensions.DependencyInjection.Tests;

/// <summary>The same registrations behave the same in the Microsoft container and in Autofac.</summary>
public class ContainerConformanceTests
{
    public static TheoryData<string> Containers => new() { "microsoft", "autofac" };

    private static IServiceProvider Build(string container, IServiceCollection services)
    {
        if (container == "microsoft")
        {
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        var builder = new ContainerBuilder();
        builder.Populate(services);
        return new AutofacServiceProvider(builder.Build());
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task DefaultModel_ResolvesReloadsAndDisposes(string container)
    {
        var next = "v1";
        var services = new ServiceCollection().AddCxScoring(o => o.ModelFactory = _ => TestModels.Chat(next)).AddCxScoring();
        var provider = Build(container, services);

        var handle = provider.GetRequiredService<ScoringModelHandle>();
        Assert.Same(handle, provider.GetRequiredService<ScoringModelHandle>());
        Assert.Same(handle, provider.GetRequiredService<ScoringModelProvider>().GetHandle(string.Empty));
        Assert.Equal("v1", provider.GetRequiredService<ScoringModel>().Name);
        Assert.Same(handle.Current.Engine, provider.GetRequiredService<ScoringEngine>());
        Assert.NotNull(provider.GetRequiredService<IClock>());
        Assert.Single(provider.GetServices<IHostedService>());

        next = "v2";
        Assert.True(await handle.ReloadAsync());
        Assert.Equal("v2", provider.GetRequiredService<ScoringModel>().Name);

        using (var scope = provider.CreateScope())
        {
            Assert.Same(handle, scope.ServiceProvider.GetRequiredService<ScoringModelHandle>());
        }

        await ((IAsyncDisposable)provider).DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => handle.ReloadAsync());
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void InvalidOptions_ReportTheSameMessage(string container)
    {
        var provider = Build(container, new ServiceCollection().AddCxScoring());
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("CxScoring (default model): no model source is set", ex.Message, StringComparison.Ordinal);
        ((IDisposable)provider).Dispose();
    }

    /// <summary>
    /// Autofac.Extensions.DependencyInjection 8 predates keyed services and cannot populate keyed descriptors (its
    /// Build() fails with "Parameter 'instance'"). Named models still work there when the keyed conveniences are left
    /// out, as docs/hosting.md shows: everything resolves through the provider.
    /// </summary>
    [Fact]
    public async Task NamedModels_WithoutKeyedDescriptors_ResolveThroughTheProvider()
    {
        var services = new ServiceCollection().AddCxScoring("brand-a", TestModels.Chat("a")).AddCxScoring("brand-b", TestModels.Chat("b"));
        var builder = new ContainerBuilder();
        builder.Populate(services.Where(d => !d.IsKeyedService));
        await using var provider = new AutofacServiceProvider(builder.Build());

        var models = provider.GetRequiredService<ScoringModelProvider>();
        Assert.Equal(["brand-a", "brand-b"], models.Names);
        Assert.Equal("a", models.GetHandle("brand-a").Current.Model.Name);
        Assert.Equal("b", models.GetHandle("brand-b").Current.Model.Name);
        Assert.Same(models.GetHandle("brand-a"), provider.GetRequiredService<ScoringModelProvider>().GetHandle("brand-a"));
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void NamedModels_ResolveAsKeyedServices(string container)
    {
        var provider = Build(container, new ServiceCollection().AddCxScoring("brand-a", TestModels.Chat("a")).AddCxScoring("brand-b", TestModels.Chat("b")));
        Assert.Equal("a", provider.GetRequiredKeyedService<ScoringModel>("brand-a").Name);
        Assert.Equal("b", provider.GetRequiredKeyedService<ScoringModelHandle>("brand-b").Current.Model.Name);
        ((IDisposable)provider).Dispose();
    }
}
