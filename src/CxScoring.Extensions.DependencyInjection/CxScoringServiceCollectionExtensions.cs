using CxScoring;
using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CxScoring services in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Every registration is a <c>TryAdd</c>: calling these methods more than once is harmless, and services the host
/// registered first (an <see cref="IClock"/>, say) win. Option delegates accumulate, the later winning per setting.</para>
/// <para>The default model resolves as <see cref="ScoringModelHandle"/>, <see cref="ScoringModel"/> and
/// <see cref="ScoringEngine"/> (the model and engine of the snapshot in force when resolved); a named model
/// resolves as keyed services under its name (<c>[FromKeyedServices("brand-a")] ScoringModelHandle</c>), and any model
/// through <see cref="ScoringModelProvider"/>. The options are validated when the host starts, and every model is
/// loaded then, so a misconfiguration stops the start with a message that says what to fix.</para>
/// <para>The methods are thread-safe only as far as the service collection they are given is.</para>
/// </remarks>
public static class CxScoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds the CxScoring services and the default model, whose <see cref="CxScoringOptions"/> are configured elsewhere
    /// (for example bound from configuration).
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddModel(services, Options.Options.DefaultName);
        return services;
    }

    /// <summary>Adds the CxScoring services and the default model, configured by <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="configure">Sets the model source and reload behaviour.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services, Action<CxScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddModel(services, Options.Options.DefaultName);
        services.Configure(configure);
        return services;
    }

    /// <summary>Adds the CxScoring services with <paramref name="model"/> as the default model.</summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="model">The model, built with <see cref="ScoringModelBuilder"/>.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(model);
        return services.AddCxScoring(options => options.ModelFactory = _ => model);
    }

    /// <summary>
    /// Adds the CxScoring services and a named model (a tenant, a brand), resolvable as keyed services under
    /// <paramref name="name"/> and through <see cref="ScoringModelProvider"/>.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="name">The model's name: the service key and the options name.</param>
    /// <param name="configure">Sets the model source and reload behaviour.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when an argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty or white space.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services, string name, Action<CxScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        AddModel(services, name);
        services.Configure(name, configure);
        return services;
    }

    /// <summary>Adds the CxScoring services and <paramref name="model"/> as a named model, resolvable as keyed services under <paramref name="name"/>.</summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="name">The model's name: the service key and the options name.</param>
    /// <param name="model">The model, built with <see cref="ScoringModelBuilder"/>.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">Thrown when an argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty or white space.</exception>
    public static IServiceCollection AddCxScoring(this IServiceCollection services, string name, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        return services.AddCxScoring(name, options => options.ModelFactory = _ => model);
    }

    private static void AddModel(IServiceCollection services, string name)
    {
        var registrations = AddCore(services);
        if (!registrations.Add(name))
        {
            return;
        }

        services.AddOptionsWithValidateOnStart<CxScoringOptions>(name);
        if (name.Length == 0)
        {
            services.TryAddSingleton(static sp => sp.GetRequiredService<ScoringModelProvider>().GetHandle(Options.Options.DefaultName));
            services.TryAddTransient(static sp => sp.GetRequiredService<ScoringModelHandle>().Current.Model);
            services.TryAddTransient(static sp => sp.GetRequiredService<ScoringModelHandle>().Current.Engine);
        }
        else
        {
            services.TryAddKeyedSingleton(name, static (sp, key) => sp.GetRequiredService<ScoringModelProvider>().GetHandle((string)key!));
            services.TryAddKeyedTransient(name, static (sp, key) => sp.GetRequiredKeyedService<ScoringModelHandle>(key).Current.Model);
            services.TryAddKeyedTransient(name, static (sp, key) => sp.GetRequiredKeyedService<ScoringModelHandle>(key).Current.Engine);
        }
    }

    private static CxScoringRegistrations AddCore(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(CxScoringRegistrations) && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is CxScoringRegistrations existing)
            {
                return existing;
            }
        }

        var registrations = new CxScoringRegistrations();
        services.AddSingleton(registrations);
#pragma warning disable RS0030 // The DI package is the one place allowed to default to the system clock.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CxScoringOptions>, CxScoringOptionsValidator>());
        services.TryAddSingleton(static sp => new ScoringModelProvider(
            sp,
            sp.GetRequiredService<CxScoringRegistrations>(),
            sp.GetRequiredService<IOptionsMonitor<CxScoringOptions>>(),
            sp.GetRequiredService<IClock>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CxScoringStartup>());
        return registrations;
    }
}
