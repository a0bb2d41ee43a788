using CxScoring.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Hosting;

/// <summary>Registers CxScoring's grains' services and the <see cref="CxScoringCluster"/> entry point on Orleans silos and clients.</summary>
/// <remarks>
/// The grains persist their state in the grain storage named <see cref="CxScoringClusterOptions.StorageName"/>, which
/// the host registers (a durable provider in production, <c>AddMemoryGrainStorage</c> in development). Calling these
/// methods more than once is harmless; every <c>configure</c> given runs, in order.
/// </remarks>
public static class CxScoringOrleansExtensions
{
    /// <summary>Adds CxScoring to a silo with the default cluster options.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISiloBuilder AddCxScoring(this ISiloBuilder builder) => builder.AddCxScoring(static _ => { });

    /// <summary>Adds CxScoring to an Orleans client with the default cluster options.</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IClientBuilder AddCxScoring(this IClientBuilder builder) => builder.AddCxScoring(static _ => { });

    /// <summary>Adds CxScoring to a silo: the model cache the grains share and <see cref="CxScoringCluster"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the cluster options; the same on every silo and client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static ISiloBuilder AddCxScoring(this ISiloBuilder builder, Action<CxScoringClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddCxScoringCore(configure);
        return builder;
    }

    /// <summary>Adds CxScoring to an Orleans client: <see cref="CxScoringCluster"/>.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the cluster options; the same on every silo and client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IClientBuilder AddCxScoring(this IClientBuilder builder, Action<CxScoringClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddCxScoringCore(configure);
        return builder;
    }

    private static void AddCxScoringCore(this IServiceCollection services, Action<CxScoringClusterOptions> configure)
    {
        var options = services.AddOptions<CxScoringClusterOptions>().Configure(configure);

        options.Validate(
            o =>
            {
                o.Validate("options");
                return true;
            },
            "CxScoringClusterOptions are invalid.");
        services.TryAddSingleton(sp => new ModelCache(sp.GetRequiredService<IGrainFactory>()));
        services.TryAddSingleton(sp => new CxScoringCluster(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<CxScoringClusterOptions>>()));
    }
}
