using System.Runtime.CompilerServices;
using Apache.Arrow;
using CxScoring.OutcomeFiles;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Arrow;

/// <summary>
/// One pass over a <see cref="ColumnarSource"/>: units (record batches, row groups) are read, mapped and scored by up
/// to <c>threads</c> workers, each with its own reader and scorecard; the calling thread takes the units' reports in
/// file order, numbering rows from where the previous unit ended, and merges the scorecards exactly at the end.
/// </summary>
internal sealed class ColumnarIngest
{
    private static readonly ConditionalWeakTable<ScoringPlan, PlanIds> IdsByPlan = [];

    private readonly ScoringEngine _engine;
    private readonly ColumnarSource _source;
    private readonly OutcomeSchema _schema;
    private readonly OutcomeReaderOptions _reader;
    private readonly ScorecardOptions _scorecard;
    private readonly PlanIds _ids;
    private readonly List<Worker> _workers = [];
    private readonly Stack<Worker> _idle = new();

    private ColumnarIngest(ScoringEngine engine, ColumnarSource source, FileScoringOptions options)
    {
        _engine = engine;
        _source = source;
        _schema = OutcomeSchema.Bind(source.Schema, source.Name);
        _reader = options.Reader;
        _scorecard = options.Scorecard ?? new ScorecardOptions();
        _ids = IdsByPlan.GetValue(engine.Plan, static plan => new PlanIds(plan));
        var threads = _scorecard.ByCustomer ? 1 : options.MaxDegreeOfParallelism ?? engine.MaxDegreeOfParallelism;
        Threads = Math.Max(1, Math.Min(threads, source.Units));
    }

    private int Threads { get; }

    /// <summary>Checks file scoring options for the satellites that have no access to the core's internals.</summary>
    internal static void Validate(FileScoringOptions options, string parameterName) => options.Validate(parameterName);

    /// <summary>Scores a source; the caller has validated the options and disposes the source.</summary>
    internal static Task<FileScoringResult> RunAsync(ScoringEngine engine, ColumnarSource source, FileScoringOptions options, CancellationToken cancellationToken)
        => new ColumnarIngest(engine, source, options).RunAsync(cancellationToken);

    private async Task<FileScoringResult> RunAsync(CancellationToken cancellationToken)
    {
        var report = new OutcomeReadReport(_reader.MaxErrorsKept);
        var pending = new Queue<(Task<UnitResult> Task, Worker Worker)>();
        long row = 1;
        try
        {
            for (var unit = 0; unit < _source.Units; unit++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Threads == 1)
                {
                    var worker = Rent();
                    var only = unit;
                    var result = await Task.Run(() => Process(worker, only, cancellationToken), cancellationToken).ConfigureAwait(false);
                    _idle.Push(worker);
                    row = Take(result, report, row);
                    continue;
                }

                if (pending.Count == Threads)
                {
                    var (task, done) = pending.Dequeue();
                    var result = await task.ConfigureAwait(false);
                    _idle.Push(done);
                    row = Take(result, report, row);
                }

                var next = Rent();
                var index = unit;
                pending.Enqueue((Task.Run(() => Process(next, index, cancellationToken), cancellationToken), next));
            }

            while (pending.Count > 0)
            {
                var (task, done) = pending.Dequeue();
                var result = await task.ConfigureAwait(false);
                _idle.Push(done);
                row = Take(result, report, row);
            }

            return Finish(report);
        }
        finally
        {
            // After a failure: let the units in flight finish before their readers are closed.
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue().Task.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or MalformedOutcomeException or ColumnarFormatException)
                {
                    // Reported by the first failure already.
                }
            }

            foreach (var worker in _workers)
            {
                worker.Reader?.Dispose();
            }
        }
    }

    private FileScoringResult Finish(OutcomeReadReport report)
    {
        Scorecard? merged = null;
        foreach (var worker in _workers)
        {
            var scorecard = worker.Mapper.Builder.Build();
            merged = merged is null ? scorecard : merged.Merge(scorecard);
        }

        merged ??= _engine.CreateScorecardBuilder(_scorecard).Build();
        return new FileScoringResult(merged, report, Threads);
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

    private Worker Rent()
    {
        if (_idle.TryPop(out var worker))
        {
            return worker;
        }

        worker = new Worker(new BatchMapper(_engine, _ids, _schema, _source.Schema, _source.Name, _engine.CreateScorecardBuilder(_scorecard)));
        _workers.Add(worker);
        return worker;
    }

    private UnitResult Process(Worker worker, int unit, CancellationToken cancellationToken)
    {
        var result = new UnitResult();
        long first = 1;
        try
        {
            worker.Reader ??= _source.OpenReader(_scorecard.ByCustomer);
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

    /// <summary>One thread's mapper, scorecard and reader; used by one unit at a time.</summary>
    private sealed class Worker(BatchMapper mapper)
    {
        internal BatchMapper Mapper { get; } = mapper;

        internal IUnitReader? Reader { get; set; }
    }
}
