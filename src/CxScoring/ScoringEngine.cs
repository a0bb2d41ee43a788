using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using CxScoring.Diagnostics;
using CxScoring.Gaps;
using CxScoring.Kernels;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring;

/// <summary>
/// Scores outcomes at stream scale into scorecards. Three ways in: rows (<see cref="Score"/>, a span of
/// <see cref="OutcomeRow"/>), columns (<see cref="ScoreColumns"/>, an <see cref="OutcomeColumns"/> batch, split over
/// threads when large) and streams (<see cref="ScoreAsync"/> and <see cref="ScoreChannelAsync"/>, with bounded memory
/// and cancellation); plus <see cref="ScoreOutcomes"/> for model-level <see cref="Outcome"/> values.
/// </summary>
/// <remarks>
/// <para>Nothing is lost: every outcome received is either added to the scorecard or counted as refused with its
/// <see cref="RejectionReason"/> (and handed to the optional <see cref="RejectionHandler"/>), so scored + refused =
/// received, always. The per-outcome gaps are those of <see cref="ScoringModel.TryScore(in Outcome, out GapResult, out RejectionReason)"/>.</para>
/// <para>Each call records the meter <see cref="CxScoringMetrics.MeterName"/>'s instruments.</para>
/// <para>An engine is immutable and safe to use from any number of threads; each <see cref="ScorecardBuilder"/> must be
/// used by one call at a time.</para>
/// </remarks>
public sealed partial class ScoringEngine
{
    private const int StreamChunk = 4096;

    private readonly CxScoringMetrics.Instruments _instruments;

    /// <summary>Initializes a new instance of the <see cref="ScoringEngine"/> class.</summary>
    /// <param name="plan">The compiled plan.</param>
    /// <param name="options">The threading options; the defaults when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="ScoringEngineOptions.MaxDegreeOfParallelism"/> is below 1 or <see cref="ScoringEngineOptions.ParallelThreshold"/> is negative; the message names the property.</exception>
    public ScoringEngine(ScoringPlan plan, ScoringEngineOptions? options = null)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new ScoringEngineOptions();
        Plan = plan;
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        ParallelThreshold = options.ParallelThreshold;
        _instruments = CxScoringMetrics.For(options.MeterFactory);
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringEngine"/> class, compiling a model.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    public ScoringEngine(ScoringModel model)
        : this(ScoringPlan.Compile(model))
    {
    }

    /// <summary>Gets the compiled plan.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the most threads one columnar batch may use.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Gets the number of rows from which a columnar batch is split over threads.</summary>
    public int ParallelThreshold { get; }

    /// <summary>Creates an empty scorecard builder for this engine's plan.</summary>
    /// <param name="options">The calendar and customer options; the defaults when omitted.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public ScorecardBuilder CreateScorecardBuilder(ScorecardOptions? options = null) => new(Plan, options);

    /// <summary>Scores rows on the calling thread.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="scorecard">The builder to add them to.</param>
    /// <param name="onRejected">Called for each refused row with its index in <paramref name="rows"/>.</param>
    /// <returns>What the call did.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="scorecard"/> was made for another plan.</exception>
    public BatchResult Score(ReadOnlySpan<OutcomeRow> rows, ScorecardBuilder scorecard, RejectionHandler? onRejected = null)
    {
        RequireOwn(scorecard);
        var batch = new BatchScope(scorecard, _instruments);
        ScoringKernel.Run(Plan, scorecard.Accumulator, new RowSpanSource(rows), 0, rows.Length, 0, onRejected);
        return batch.Complete(scorecard);
    }

    /// <summary>Scores a columnar batch; batches of at least <see cref="ParallelThreshold"/> rows are split over up to <see cref="MaxDegreeOfParallelism"/> threads, each with its own accumulators, merged exactly.</summary>
    /// <param name="columns">The batch; rows 0 to <see cref="OutcomeColumns.Count"/> − 1 are scored.</param>
    /// <param name="scorecard">The builder to add them to.</param>
    /// <param name="onRejected">Called for each refused row with its index in the batch; from several threads at once on the parallel path.</param>
    /// <returns>What the call did.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="columns"/> or <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="scorecard"/> was made for another plan.</exception>
    public BatchResult ScoreColumns(OutcomeColumns columns, ScorecardBuilder scorecard, RejectionHandler? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        RequireOwn(scorecard);
        var batch = new BatchScope(scorecard, _instruments);
        var count = columns.Count;
        var threads = Math.Min(MaxDegreeOfParallelism, Math.Max(1, count / Math.Max(1, ParallelThreshold / 2)));
        if (count < ParallelThreshold || threads <= 1)
        {
            ScoringKernel.Run(Plan, scorecard.Accumulator, new ColumnSource(columns), 0, count, 0, onRejected);
        }
        else
        {
            var workers = scorecard.Accumulator.RentWorkers(threads);
            var plan = Plan;
            try
            {
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
                {
                    var from = (int)((long)count * w / threads);
                    var to = (int)((long)count * (w + 1) / threads);
                    ScoringKernel.Run(plan, workers[w], new ColumnSource(columns), from, to, 0, onRejected);
                });
            }
            finally
            {
                // Also when a handler threw: the rows the workers did score are counted once, and the workers are
                // left empty for the next call.
                for (var w = 0; w < threads; w++)
                {
                    scorecard.Accumulator.TakeFrom(workers[w]);
                }
            }
        }

        return batch.Complete(scorecard);
    }

    /// <summary>
    /// Scores rows held in columns the engine does not own (views of a decoded Arrow batch) on the calling thread, as
    /// <see cref="ScoreColumns"/> scores an <see cref="OutcomeColumns"/> batch without per-outcome promises: the same
    /// kernel over the same values, so the same results bit for bit.
    /// </summary>
    /// <param name="source">The rows' columns; rows 0 to <paramref name="count"/> − 1 are scored.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="scorecard">The builder to add them to; the caller has checked it is this engine's.</param>
    internal void ScoreViews(scoped in ColumnSource source, int count, ScorecardBuilder scorecard)
    {
        Debug.Assert(ReferenceEquals(scorecard.Plan, Plan), "The scorecard is this engine's.");
        var batch = new BatchScope(scorecard, _instruments);
        ScoringKernel.Run(Plan, scorecard.Accumulator, source, 0, count, 0, null);
        _ = batch.Complete(scorecard);
    }

    /// <summary>Scores model-level outcomes (string identifiers) on the calling thread: the convenience path.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="scorecard">The builder to add them to; per-customer scorecards number customers with its <see cref="ScorecardBuilder.Customers"/>.</param>
    /// <param name="onRejected">Called for each refused outcome with its index in <paramref name="outcomes"/>.</param>
    /// <returns>What the call did.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="scorecard"/> was made for another plan.</exception>
    public BatchResult ScoreOutcomes(ReadOnlySpan<Outcome> outcomes, ScorecardBuilder scorecard, RejectionHandler? onRejected = null)
    {
        RequireOwn(scorecard);
        var batch = new BatchScope(scorecard, _instruments);
        using var stream = new StreamBuffer(this, scorecard, onRejected);
        foreach (ref readonly var outcome in outcomes)
        {
            stream.Add(outcome);
        }

        stream.Flush();
        return batch.Complete(scorecard);
    }

    /// <summary>Scores a stream of model-level outcomes, holding at most a few thousand at a time.</summary>
    /// <param name="outcomes">The stream.</param>
    /// <param name="scorecard">The builder to add them to.</param>
    /// <param name="onRejected">Called for each refused outcome with its index from the start of the stream.</param>
    /// <param name="cancellationToken">Stops reading the stream; outcomes read so far are scored and stay counted.</param>
    /// <returns>What the call did.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="outcomes"/> or <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="scorecard"/> was made for another plan.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<BatchResult> ScoreAsync(IAsyncEnumerable<Outcome> outcomes, ScorecardBuilder scorecard, RejectionHandler? onRejected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        RequireOwn(scorecard);
        var batch = new BatchScope(scorecard, _instruments);
        var stream = new StreamBuffer(this, scorecard, onRejected);
        try
        {
            await foreach (var outcome in outcomes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                stream.Add(outcome);
                cancellationToken.ThrowIfCancellationRequested();
            }

            stream.Flush();
        }
        catch
        {
            // Cancelled, or the source failed (a fail-fast reader, say): what was read so far stays counted.
            FlushAfterFailure(stream, batch, scorecard);
            throw;
        }
        finally
        {
            stream.Dispose();
        }

        return batch.Complete(scorecard);
    }

    /// <summary>Scores the outcomes of a channel until it completes, holding at most a few thousand at a time.</summary>
    /// <param name="reader">The channel's reader.</param>
    /// <param name="scorecard">The builder to add them to.</param>
    /// <param name="onRejected">Called for each refused outcome with its index from the first one read.</param>
    /// <param name="cancellationToken">Stops reading; outcomes read so far are scored and stay counted.</param>
    /// <returns>What the call did.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="reader"/> or <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="scorecard"/> was made for another plan.</exception>
    /// <exception cref="OperationCanceledException">Thrown when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<BatchResult> ScoreChannelAsync(ChannelReader<Outcome> reader, ScorecardBuilder scorecard, RejectionHandler? onRejected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RequireOwn(scorecard);
        var batch = new BatchScope(scorecard, _instruments);
        var stream = new StreamBuffer(this, scorecard, onRejected);
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (!cancellationToken.IsCancellationRequested && reader.TryRead(out var outcome))
                {
                    stream.Add(outcome);
                }

                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush();
            }
        }
        catch
        {
            FlushAfterFailure(stream, batch, scorecard);
            throw;
        }
        finally
        {
            stream.Dispose();
        }

        return batch.Complete(scorecard);
    }

    private static void FlushAfterFailure(StreamBuffer stream, BatchScope batch, ScorecardBuilder scorecard)
    {
        try
        {
            stream.Flush();
        }
        finally
        {
            batch.Complete(scorecard);
        }
    }

    private void Encode(in Outcome outcome, ScorecardBuilder scorecard, long index, OutcomeRow[] buffer, ref int buffered, ref long first, RejectionHandler? onRejected)
    {
        var key = scorecard.Accumulator.ByCustomer ? scorecard.Customers.KeyOf(outcome.CustomerId ?? string.Empty) : 0;
        if (Plan.TryToRow(outcome, key, out var row))
        {
            if (buffered == 0)
            {
                first = index;
            }

            // Rows in a buffer must be consecutive in the input, so that their indices are first + position.
            if (first + buffered != index)
            {
                ScoringKernel.Run(Plan, scorecard.Accumulator, new RowSpanSource(buffer.AsSpan(0, buffered)), 0, buffered, first, onRejected);
                buffered = 0;
                first = index;
            }

            buffer[buffered++] = row;
        }
        else
        {
            ScoringKernel.Reject(scorecard.Accumulator, RejectionReason.InstantOutOfRange, index, onRejected);
        }
    }

    private void RequireOwn(ScorecardBuilder scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        if (!ReferenceEquals(scorecard.Plan, Plan))
        {
            throw new ArgumentException("The scorecard builder was made for another plan; create it with this engine's CreateScorecardBuilder().", nameof(scorecard));
        }
    }

    /// <summary>Takes the counts before a call, and records the metrics after it.</summary>
    private readonly struct BatchScope
    {
        private readonly long _start;
        private readonly long _scored;
        private readonly long _rejected;
        private readonly long[] _reasons;
        private readonly CxScoringMetrics.Instruments _instruments;

        internal BatchScope(ScorecardBuilder scorecard, CxScoringMetrics.Instruments instruments)
        {
            _instruments = instruments;
            _start = Stopwatch.GetTimestamp();
            _scored = scorecard.Scored;
            _rejected = scorecard.Rejected;
            _reasons = scorecard.Accumulator.RejectionCounts();
        }

        internal BatchResult Complete(ScorecardBuilder scorecard)
        {
            var scored = scorecard.Scored - _scored;
            var elapsed = _instruments.RecordBatch(scored, _reasons, scorecard.Accumulator.RejectionCounts(), _start);
            return new BatchResult(scored, scorecard.Rejected - _rejected, elapsed);
        }
    }

    /// <summary>A pooled buffer of rows for the streaming paths.</summary>
    private sealed class StreamBuffer : IDisposable
    {
        private readonly ScoringEngine _engine;
        private readonly ScorecardBuilder _scorecard;
        private readonly RejectionHandler? _onRejected;
        private OutcomeRow[]? _buffer = ArrayPool<OutcomeRow>.Shared.Rent(StreamChunk);
        private int _buffered;
        private long _first;
        private long _index;

        internal StreamBuffer(ScoringEngine engine, ScorecardBuilder scorecard, RejectionHandler? onRejected)
        {
            _engine = engine;
            _scorecard = scorecard;
            _onRejected = onRejected;
        }

        internal void Add(in Outcome outcome)
        {
            if (_buffered == _buffer!.Length)
            {
                Flush();
            }

            _engine.Encode(outcome, _scorecard, _index++, _buffer, ref _buffered, ref _first, _onRejected);
        }

        internal void Flush()
        {
            // Emptied before scoring, so that a flush after a failed one can never score a row twice.
            var count = _buffered;
            _buffered = 0;
            if (count > 0)
            {
                ScoringKernel.Run(_engine.Plan, _scorecard.Accumulator, new RowSpanSource(_buffer.AsSpan(0, count)), 0, count, _first, _onRejected);
            }
        }

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<OutcomeRow>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}
