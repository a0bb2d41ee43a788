using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Apache.Arrow;
using CxScoring.OutcomeFiles;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Arrow;

/// <summary>
/// One pass over a <see cref="ColumnarSource"/>: units (record batches, row groups) are read, mapped and scored by up
/// to <c>threads</c> workers, each on its own thread with its own reader and scorecard, taking the next unit from a
/// shared counter (so units go to whichever worker is free, in increasing order for each worker). A finished unit's
/// report is taken in file order, numbering rows from where the previous unit ended, by the worker that finds it next
/// in turn; the scorecards are merged exactly at the end.
/// </summary>
/// <remarks>
/// A failure (a malformed row under the fail-fast policy, a unit that cannot be read, cancellation) stops the claiming
/// of later units; units before it are still finished and taken, so the error reported is the first in file order,
/// as when the units are read one after another.
/// </remarks>
internal sealed class ColumnarIngest
{
    private static readonly ConditionalWeakTable<ScoringPlan, PlanIds> IdsByPlan = [];

    private readonly ScoringEngine _engine;
    private readonly ColumnarSource _source;
    private readonly OutcomeSchema _schema;
    private readonly OutcomeReaderOptions _reader;
    private readonly ScorecardOptions _scorecard;
    private readonly PlanIds _ids;
    private readonly Worker[] _workers;
    private readonly OutcomeReadReport _report;
    private readonly OutcomeRowsHandler? _rows;

    // Finished units whose reports wait for the ones before them; guarded by _lock, as are _taken, _row and the failure.
    private readonly UnitResult?[] _finished;
    private readonly Lock _lock = new();
    private int _taken;
    private long _row = 1;
    private int _failedUnit = int.MaxValue;
    private ExceptionDispatchInfo? _failure;

    // The last unit claimed, and the first not to claim (after a failure); read and written without the lock.
    private int _claimed = -1;
    private int _stop = int.MaxValue;

    // A worker waits for a place in both before it claims the next unit. _window: two places a worker, for units
    // being processed or holding malformed rows: a unit without malformed rows gives its place back as soon as it is
    // finished (its report is two counts), one with malformed rows when it is taken, so the malformed rows waiting for
    // a slow unit stay bounded as before while a worker that runs ahead of a slower one on well-formed units does not
    // wait for it. _ahead: RunAhead places a worker, each given back when its unit is taken, so the reports waiting
    // for a slow unit, and the units a failure or cancellation finds already claimed, stay bounded.
    private readonly SemaphoreSlim _window;
    private readonly SemaphoreSlim _ahead;

    /// <summary>The places of <c>_ahead</c> a worker brings: at most this many units times the workers are claimed and not yet taken, in all.</summary>
    internal const int RunAhead = 16;

    private ColumnarIngest(ScoringEngine engine, ColumnarSource source, FileScoringOptions options, OutcomeRowsHandler? rows)
    {
        _rows = rows;
        _engine = engine;
        _source = source;
        _schema = OutcomeSchema.Bind(source.Schema, source.Name);
        _reader = options.Reader;
        _scorecard = options.Scorecard ?? new ScorecardOptions();
        _ids = IdsByPlan.GetValue(engine.Plan, static plan => new PlanIds(plan));
        _report = new OutcomeReadReport(_reader.MaxErrorsKept);
        _finished = new UnitResult?[source.Units];
        // Customers numbered in file order (a per-customer scorecard, rows handed over in file order): one worker.
        var threads = _scorecard.ByCustomer || rows is not null ? 1 : options.MaxDegreeOfParallelism ?? engine.MaxDegreeOfParallelism;
        _workers = new Worker[Math.Max(1, Math.Min(threads, source.Units))];
        _window = new SemaphoreSlim(2 * _workers.Length);
        _ahead = new SemaphoreSlim(RunAhead * _workers.Length);
    }

    /// <summary>Checks file scoring options for the satellites that have no access to the core's internals.</summary>
    internal static void Validate(FileScoringOptions options, string parameterName) => options.Validate(parameterName);

    /// <summary>Opens a source, scores it and disposes it; the caller has validated the options.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="open">Opens the source (reading its footer or schema).</param>
    /// <param name="options">The validated options.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    /// <param name="rows">Receives the rows given to the engine, in file order, customers keyed by the scorecard options' <see cref="ScorecardOptions.Customers"/>; <see langword="null"/> for none.</param>
    internal static async Task<FileScoringResult> RunAsync(ScoringEngine engine, Func<Task<ColumnarSource>> open, FileScoringOptions options, CancellationToken cancellationToken, OutcomeRowsHandler? rows = null)
    {
        // The workers' pools keep their buffers while any file is being opened, scored or closed (a footer's bytes, a
        // stream's body buffer given back when the source is disposed), and let go of them once none has been for a while.
        WorkerBuffers.Enter();
        try
        {
            using var source = await open().ConfigureAwait(false);
            return await new ColumnarIngest(engine, source, options, rows).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WorkerBuffers.Exit();
        }
    }

    private async Task<FileScoringResult> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var running = new Task[_workers.Length];
        try
        {
            var started = 0;
            try
            {
                for (; started < _workers.Length; started++)
                {
                    var worker = _workers[started] = new Worker(new BatchMapper(_engine, _ids, _schema, _source.Schema, _source.Name, _engine.CreateScorecardBuilder(_scorecard), _rows));

                    // Each worker keeps its thread for the whole file: a thread of its own, not one the pool must add.
                    running[started] = Task.Factory.StartNew(() => WorkAndBuild(worker, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }
            catch (Exception ex)
            {
                // A worker could not be made or started (out of memory, no thread): the workers already running stop
                // claiming units and are waited for below, so that their buffers go back to the pools only once they
                // no longer write into them; the caller gets this exception.
                Fail(-1, ex);
            }

            await Task.WhenAll(running.AsSpan(0, started)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var worker in _workers)
            {
                worker?.Reader?.Dispose();
            }

            _window.Dispose();
            _ahead.Dispose();
        }

        _failure?.Throw();
        Debug.Assert(_taken == _finished.Length, "Every unit is taken when no worker failed.");
        return Finish();
    }

    /// <summary>One worker's loop: claim the next unit, score it, hand its report over; until the units run out or a unit fails.</summary>
    private void Work(Worker worker, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Nothing left to claim: leave now (to build the scorecard) rather than wait for a place behind a slow unit.
            if (Volatile.Read(ref _claimed) >= _finished.Length - 1 || Volatile.Read(ref _stop) != int.MaxValue)
            {
                return;
            }

            _ahead.Wait(CancellationToken.None);
            _window.Wait(CancellationToken.None);
            var unit = Interlocked.Increment(ref _claimed);
            if (unit >= _finished.Length || unit >= Volatile.Read(ref _stop))
            {
                return;
            }

            UnitResult result;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                result = Process(worker, unit, cancellationToken);
            }
            catch (Exception ex)
            {
                // Kept for the caller (the first in file order wins); the other workers stop claiming.
                Fail(unit, ex);
                return;
            }

            Hand(unit, result);
        }
    }

    /// <summary>
    /// Builds a worker's scorecard on its own thread once it has claimed its last unit, so that a worker that finishes
    /// first builds its scorecard while the others still score, and the calling thread only merges. Nothing is built
    /// after a failure (the result is the failure).
    /// </summary>
    private void WorkAndBuild(Worker worker, CancellationToken cancellationToken)
    {
        Work(worker, cancellationToken);
        if (Volatile.Read(ref _stop) == int.MaxValue)
        {
            worker.Scorecard = worker.Mapper.Builder.Build();
        }
    }

    /// <summary>Files a finished unit and takes, in file order, every unit whose turn has come.</summary>
    private void Hand(int unit, UnitResult result)
    {
        if (result.Errors.Count == 0)
        {
            // Nothing but counts waits here: the place goes back now, not when the unit is taken.
            _window.Release();
        }

        lock (_lock)
        {
            _finished[unit] = result;
            while (_taken < _finished.Length && _taken < _failedUnit && _finished[_taken] is { } next)
            {
                _finished[_taken] = null;
                try
                {
                    _row = Take(next, _report, _row);
                }
                catch (Exception ex)
                {
                    // A malformed row under the fail-fast policy, or a failure of the malformed-row callback.
                    Fail(_taken, ex);
                    return;
                }

                _taken++;
                _ahead.Release();
                if (next.Errors.Count > 0)
                {
                    _window.Release();
                }
            }
        }
    }

    private void Fail(int unit, Exception exception)
    {
        lock (_lock)
        {
            if (unit < _failedUnit)
            {
                _failedUnit = unit;
                _failure = ExceptionDispatchInfo.Capture(exception);
                Volatile.Write(ref _stop, unit);

                // Units after it are never taken: wake the workers waiting for a place, to see the stop and leave.
                _window.Release(_workers.Length);
                _ahead.Release(_workers.Length);
            }
        }
    }

    private FileScoringResult Finish()
    {
        Scorecard? merged = null;
        foreach (var worker in _workers)
        {
            var scorecard = worker.Scorecard ?? worker.Mapper.Builder.Build();
            merged = merged is null ? scorecard : merged.Merge(scorecard);

            // Every unit was processed without a failure: the mapper's work space is left for the next file's workers.
            worker.Mapper.Release();
        }

        merged ??= _engine.CreateScorecardBuilder(_scorecard).Build();
        return new FileScoringResult(merged, _report, _workers.Length);
    }

    private long Take(UnitResult result, OutcomeReadReport report, long row)
    {
        report.Count(result.Read, 0);
        foreach (var error in result.Errors)
        {
            report.CountMalformed(new MalformedRecord(row + error.Row - 1, error.Field, error.Message), _reader);
        }

        return row + result.Rows;
    }

    private UnitResult Process(Worker worker, int unit, CancellationToken cancellationToken)
    {
        var result = new UnitResult();
        long first = 1;
        try
        {
            worker.Reader ??= _source.OpenReader(_scorecard.ByCustomer || _rows is not null, _rows is not null || _engine.Plan.ReadsObservedInstants(_scorecard.ByPeriod));
        }
        catch (Exception ex) when (ArrowIpcSource.IsReadFailure(ex))
        {
            throw ArrowIpcSource.Unreadable(_source.Name, _source.Kind, ex);
        }

        using var batches = worker.Reader.Read(unit).GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RecordBatch batch;
            try
            {
                if (!batches.MoveNext())
                {
                    break;
                }

                batch = batches.Current;
            }
            catch (Exception ex) when (ArrowIpcSource.IsReadFailure(ex))
            {
                throw ArrowIpcSource.Unreadable(_source.Name, _source.Kind, ex);
            }

            using (batch)
            {
                worker.Mapper.Process(batch, first, result);
                first += batch.Length;
            }
        }

        result.Rows = first - 1;
        return result;
    }

    /// <summary>One thread's mapper, scorecard and reader.</summary>
    private sealed class Worker(BatchMapper mapper)
    {
        internal BatchMapper Mapper { get; } = mapper;

        internal IUnitReader? Reader { get; set; }

        /// <summary>Gets or sets the worker's scorecard, built on its thread after its last unit (null after a failure).</summary>
        internal Scorecard? Scorecard { get; set; }
    }
}
