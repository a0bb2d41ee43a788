using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CxScoring services in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>The methods are thread-safe only as far as the service collection they are given is.</remarks>
public static class CxScoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds the CxScoring services. Calling it more than once is harmless: every registration is a
    /// <c>TryAdd</c>, so services registered earlier (an <see cref="IClock"/> of the host, say) win.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
#pragma warning disable RS0030 // The DI package is the one place allowed to default to the system clock.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        return services;
    }
}
