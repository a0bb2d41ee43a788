using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CxScoring.Hosting;

/// <summary>
/// Gets the handles of the scoring models registered with <c>AddCxScoring</c>, by name. Keyed services
/// (<c>[FromKeyedServices("brand-a")]</c>) resolve through it; it also serves containers without keyed services.
/// </summary>
/// <remarks>All members are thread-safe; each name gets one handle for the life of the container.</remarks>
public sealed class ScoringModelProvider : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly CxScoringRegistrations _registrations;
    private readonly IOptionsMonitor<CxScoringOptions> _options;
    private readonly IClock _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<string, Lazy<ScoringModelHandle>> _handles = new(StringComparer.Ordinal);
    private int _disposed;

    internal ScoringModelProvider(
        IServiceProvider services,
        CxScoringRegistrations registrations,
        IOptionsMonitor<CxScoringOptions> options,
        IClock clock,
        ILoggerFactory loggerFactory)
    {
        _services = services;
        _registrations = registrations;
        _options = options;
        _clock = clock;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Gets the names of the registered models; the default model's name is the empty string.</summary>
    public IReadOnlyList<string> Names => _registrations.Names;

    /// <summary>Gets the handle of a registered model.</summary>
    /// <param name="name">The name the model was registered under; the empty string for the default model.</param>
    /// <returns>The handle, the same for every call with the same name.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">Thrown when no model was registered under <paramref name="name"/>; the message lists the names that were.</exception>
    /// <exception cref="OptionsValidationException">Thrown when the model's options are invalid; the message says what to change.</exception>
    /// <exception cref="ObjectDisposedException">Thrown when the provider has been disposed.</exception>
    public ScoringModelHandle GetHandle(string name)
    {
        if (TryGetHandle(name, out var handle))
        {
            return handle;
        }

        var known = _registrations.Names.Count == 0 ? "none" : string.Join(", ", _registrations.Names.Select(n => n.Length == 0 ? "(default)" : $"'{n}'"));
        throw new KeyNotFoundException($"No CxScoring model is registered under the name '{name}'. Registered: {known}. Add it with services.AddCxScoring(\"{name}\", ...).");
    }

    /// <summary>Gets the handle of a registered model, if there is one.</summary>
    /// <param name="name">The name the model was registered under; the empty string for the default model.</param>
    /// <param name="handle">The handle, when the name is registered.</param>
    /// <returns><see langword="true"/> when a model is registered under <paramref name="name"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">Thrown when the model's options are invalid; the message says what to change.</exception>
    /// <exception cref="ObjectDisposedException">Thrown when the provider has been disposed.</exception>
    public bool TryGetHandle(string name, [NotNullWhen(true)] out ScoringModelHandle? handle)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_registrations.Contains(name))
        {
            handle = null;
            return false;
        }

        var lazy = _handles.GetOrAdd(name, static (n, self) => new Lazy<ScoringModelHandle>(() => self.Create(n)), this);
        try
        {
            handle = lazy.Value;
        }
        catch
        {
            // Invalid options are not cached: a later call (after the configuration is fixed) tries again.
            _handles.TryRemove(new KeyValuePair<string, Lazy<ScoringModelHandle>>(name, lazy));
            throw;
        }

        // Dispose may have run while the handle was being created and missed it: dispose it here and refuse.
        if (Volatile.Read(ref _disposed) != 0)
        {
            handle.Dispose();
            handle = null;
            throw new ObjectDisposedException(GetType().FullName);
        }

        return true;
    }

    /// <summary>Disposes the handles, which stops watching their sources.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lazy in _handles.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    /// <summary>Records the engine's metrics to the host's <see cref="IMeterFactory"/> when it has one and the options name none.</summary>
    private ScoringEngineOptions? WithHostMeter(ScoringEngineOptions? engine)
    {
        if (engine?.MeterFactory is not null || _services.GetService(typeof(IMeterFactory)) is not IMeterFactory factory)
        {
            return engine;
        }

        return (engine ?? new ScoringEngineOptions()) with { MeterFactory = factory };
    }

    private ScoringModelHandle Create(string name)
    {
        var options = _options.Get(name); // runs the validators: invalid options throw here
        var source = ModelSource.From(options, _services);
        var logger = _loggerFactory.CreateLogger("CxScoring.Hosting");
        return new ScoringModelHandle(name, source, _clock, logger, options.ReloadOnChange ? options.ReloadPollingInterval : null, WithHostMeter(options.Engine));
    }
}
