using Autofac.Extensions.DependencyInjection;
using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

/// <summary>Named and default models in a real Generic Host whose container is Autofac.</summary>
public class AutofacHostTests
{
    private static readonly string DemoModelPath = Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json");

    [Fact]
    public async Task NamedModels_AutofacHost_StartAndResolveAsKeyedServices()
    {
        using var host = new HostBuilder()
            .UseServiceProviderFactory(new AutofacServiceProviderFactory())
            .ConfigureServices(services => services
                .AddCxScoring("brand-a", o => o.ModelPath = DemoModelPath)
                .AddCxScoring("brand-b", TestModels.Chat("b"))
                .AddCxScoring(TestModels.Chat("default")))
            .Build();
        await host.StartAsync();

        Assert.Equal("telecom-contract-upgrade", host.Services.GetRequiredKeyedService<ScoringModel>("brand-a").Name);
        var handle = host.Services.GetRequiredKeyedService<ScoringModelHandle>("brand-b");
        Assert.Same(handle, host.Services.GetRequiredService<ScoringModelProvider>().GetHandle("brand-b"));
        Assert.Same(handle.Current.Engine, host.Services.GetRequiredKeyedService<ScoringEngine>("brand-b"));
        Assert.Equal("default", host.Services.GetRequiredService<ScoringModel>().Name);
        await host.StopAsync();
    }

    [Fact]
    public async Task NamedModel_AutofacHostWithABadPath_FailsAtStartWithTheValidationMessage()
    {
        using var host = new HostBuilder()
            .UseServiceProviderFactory(new AutofacServiceProviderFactory())
            .ConfigureServices(services => services.AddCxScoring("brand-a", o => o.ModelPath = "no-such-model.json"))
            .Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("CxScoring model 'brand-a': ModelPath 'no-such-model.json' does not exist", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }
}
