using Microsoft.Extensions.DependencyInjection;
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
    public void AddCxScoring_CalledTwice_RegistersClockOnce()
    {
        var services = new ServiceCollection().AddCxScoring().AddCxScoring();
        Assert.Single(services, d => d.ServiceType == typeof(IClock));
    }

    [Fact]
    public void AddCxScoring_HostClockRegisteredFirst_KeepsHostClock()
    {
        var fake = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        using var provider = new ServiceCollection().AddSingleton<IClock>(fake).AddCxScoring().BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<IClock>());
    }
}
