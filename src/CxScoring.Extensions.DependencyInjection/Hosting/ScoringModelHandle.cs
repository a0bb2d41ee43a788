using System.Runtime.ExceptionServices;
using CxScoring.Model;
using CxScoring.Plans;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CxScoring.Hosting;

/// <summary>
/// The live handle of one registered scoring model: <see cref="Current"/> is the snapshot in force (the model and
/// the engine compiled from it), and
/// <see cref="ReloadAsync(CancellationToken)"/> (or a change of the source, with
/// <see cref="CxScoringOptions.ReloadOnChange"/>) replaces it atomically.
/// </summary>
/// <remarks>
/// <para>Take <see cref="Current"/> once per unit of work (a request, a batch) and use that snapshot to the end: scoring
/// in flight finishes on the snapshot it started with while a reload publishes the next one. A failed reload keeps
/// the snapshot in force, logs why and sets <see cref="LastReloadError"/>. A failed first load is remembered:
/// <see cref="Current"/> throws its error again, without loading, until a reload (explicit, or of a watched source
/// that changed) succeeds.</para>
/// <para>All members are thread-safe. The first load and reloads are serialised; reading <see cref="Current"/> never
/// blocks once the first load has happened.</para>
/// </remarks>
public sealed class ScoringModelHandle : IDisposable
{
    private readonly ModelSource _source;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly TimeSpan? _pollingInterval;
    private readonly ScoringEngineOptions? _engineOptions;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScoringModelSnapshot? _current;
    private ExceptionDispatchInfo? _firstLoadError;
    private Exception? _lastReloadError;
    private Watch? _watch;
    private int _disposed;

    internal ScoringModelHandle(string name, ModelSource source, IClock clock, ILogger logger, TimeSpan? pollingInterval, ScoringEngineOptions? engineOptions = null)
    {
        _engineOptions = engineOptions;
        Name = name;
        _source = source;
        _clock = clock;
        _logger = logger;
        _pollingInterval = pollingInterval;
    }

    /// <summary>Raised after every reload attempt, successful or not, once the outcome is published; a reload that makes the first load counts too.</summary>
    /// <remarks>Handlers run on the thread that reloaded; an exception they throw is logged and does not undo the reload.</remarks>
    public event EventHandler<ScoringModelReloadedEventArgs>? Reloaded;

    /// <summary>Gets the name the model was registered under.</summary>
    /// <value>The key of a named model, or the empty string for the default model.</value>
    public string Name { get; }

    /// <summary>Gets the snapshot in force, loading the model first if that has not happened yet.</summary>
    /// <exception cref="ScoringModelException">Thrown when the first load found the model invalid; the message lists every problem. The same error is thrown again, without loading, until a reload succeeds.</exception>
    /// <exception cref="ObjectDisposedException">Thrown when the handle has been disposed before the first load.</exception>
    public ScoringModelSnapshot Current => Volatile.Read(ref _current) ?? LoadFirst();

    /// <summary>Gets a value indicating whether a model has been loaded.</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>Gets why the last load or reload failed.</summary>
    /// <value>The error of the last attempt, or <see langword="null"/> when it succeeded or none has been made.</value>
    public Exception? LastReloadError => Volatile.Read(ref _lastReloadError);

    /// <summary>Gets a value indicating whether the source is being watched for changes (for tests).</summary>
    internal bool IsWatching => Volatile.Read(ref _watch) is not null;

    /// <summary>
    /// Loads the model again from its source and, when it is valid, publishes it as the new <see cref="Current"/>.
    /// When it is not, the snapshot in force stays, the error is logged, kept in <see cref="LastReloadError"/> and
    /// passed to <see cref="Reloaded"/>. Before the first load (or after it failed) this makes the first load.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for a reload already running, or the load itself.</param>
    /// <returns><see langword="true"/> when a new snapshot was published; <see langword="false"/> when the reload failed.</returns>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <exception cref="ObjectDisposedException">Thrown when the handle has been disposed.</exception>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReloadUnderGateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops watching the model source. Snapshots already taken stay usable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // StartWatching re-checks _disposed after installing its watch, so one of the two always stops it.
        Interlocked.Exchange(ref _watch, null)?.Stop();
    }

    private ScoringModelSnapshot LoadFirst()
    {
        Volatile.Read(ref _firstLoadError)?.Throw();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _gate.Wait();
        try
        {
            if (Volatile.Read(ref _current) is { } loaded)
            {
                return loaded;
            }

            Volatile.Read(ref _firstLoadError)?.Throw();
            ScoringModelSnapshot snapshot;
            try
            {
                snapshot = Compile(_source.Load(), 1);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Remembered: reads fail fast with this error until a reload succeeds; a watched source is still
                // watched, so a fixed file is picked up.
                Log.ModelLoadFailed(_logger, ex, Log.Registration(Name), _source.Description, ex.Message);
                Volatile.Write(ref _lastReloadError, ex);
                Volatile.Write(ref _firstLoadError, ExceptionDispatchInfo.Capture(ex));
                StartWatching();
                throw;
            }

            Volatile.Write(ref _current, snapshot);
            LogLoaded(snapshot);
            StartWatching();
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ReloadUnderGateAsync(CancellationToken cancellationToken)
    {
        var old = Volatile.Read(ref _current);
        ScoringModelSnapshot next;
        try
        {
            var model = await _source.LoadAsync(cancellationToken).ConfigureAwait(false);
            next = Compile(model, (old?.Version ?? 0) + 1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Volatile.Write(ref _lastReloadError, ex);
            if (old is null)
            {
                Volatile.Write(ref _firstLoadError, ExceptionDispatchInfo.Capture(ex));
                Log.ModelLoadFailed(_logger, ex, Log.Registration(Name), _source.Description, ex.Message);
            }
            else
            {
                Log.ModelReloadFailed(_logger, ex, Log.Registration(Name), _source.Description, old.Version, ex.Message);
            }

            RaiseReloaded(new ScoringModelReloadedEventArgs(old, ex));
            return false;
        }

        // The only writer, serialised by the gate: readers see the old or the new snapshot, whole.
        Volatile.Write(ref _current, next);
        Volatile.Write(ref _lastReloadError, null);
        Volatile.Write(ref _firstLoadError, null);
        if (old is null)
        {
            LogLoaded(next);
            StartWatching();
        }
        else
        {
            Log.ModelReloaded(_logger, Log.Registration(Name), _source.Description, old.Version, next.Version, next.Model.Name);
        }

        RaiseReloaded(new ScoringModelReloadedEventArgs(next, null));
        return true;
    }

    // The plan is compiled before the snapshot is published, so readers never wait for a compilation.
    private ScoringModelSnapshot Compile(ScoringModel model, long version)
        => new(model, new ScoringEngine(ScoringPlan.Compile(model), _engineOptions), version, _clock.GetCurrentInstant());

    private void LogLoaded(ScoringModelSnapshot snapshot)
    {
        var model = snapshot.Model;
        Log.ModelLoaded(_logger, Log.Registration(Name), _source.Description, model.Name, snapshot.Version,
            model.Touchpoints.Length, model.Measures.Length, model.Promises.Length, model.Expectations.Length);
    }

    private void RaiseReloaded(ScoringModelReloadedEventArgs args)
    {
        try
        {
            Reloaded?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A subscriber's failure must not turn a published reload into a failed one.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReloadHandlerFailed(_logger, ex, Log.Registration(Name));
        }
    }

    private void StartWatching()
    {
        if (_pollingInterval is not { } interval || !_source.CanWatch || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var watch = new Watch();
        if (Interlocked.CompareExchange(ref _watch, watch, null) is not null)
        {
            return; // already watching
        }

        // Dispose may have run between the check above and the exchange, and missed this watch: stop it here.
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Exchange(ref _watch, null)?.Stop();
            return;
        }

        watch.Run = PollAsync(interval, watch.Stopping.Token);
    }

    private async Task PollAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await PollOnceAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // disposed
        }
    }

    private async Task PollOnceAsync(CancellationToken stopping)
    {
        if (!await _gate.WaitAsync(0, stopping).ConfigureAwait(false))
        {
            return; // a reload is already running; the next tick looks again
        }

        try
        {
            if (_source.HasChanged())
            {
                Log.ModelChanged(_logger, Log.Registration(Name), _source.Description);
                await ReloadUnderGateAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The watch loop must not die; the failure is logged and the old snapshot stays.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _lastReloadError, ex);
            Log.ModelReloadFailed(_logger, ex, Log.Registration(Name), _source.Description, Volatile.Read(ref _current)?.Version ?? 0, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The polling loop of a watched source and the token that stops it.</summary>
    private sealed class Watch
    {
        public CancellationTokenSource Stopping { get; } = new();

        public Task? Run { get; set; }

        // The source is not disposed: the loop may still be reading its token, and it holds no timer to release.
        public void Stop() => Stopping.Cancel();
    }
}
