using System.Runtime.CompilerServices;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Events;

/// <summary>
/// Turns a stream of operational events into outcomes: each start is paired with the end of the same key into one
/// outcome of the start's measure, with <c>requestedAt</c> the start, <c>observedAt</c> the end and the value the time
/// between them in seconds — a duration outcome, or a deadline outcome whose deadline the model's promise computes
/// from the request.
/// </summary>
/// <remarks>
/// <para>Memory is bounded: at most <see cref="EventPairingOptions.MaxOpenStarts"/> starts are kept (the oldest is
/// evicted past it) and at most <see cref="EventPairingOptions.MaxClosedKeysRemembered"/> keys of paired outcomes.
/// Time is event time: a start times out once an event more than <see cref="EventPairingOptions.StartTimeout"/> later
/// has been read. Nothing is dropped silently; <see cref="Report"/> counts every event once.</para>
/// <para>With a timeout and a memory large enough for the input, the outcomes do not depend on how the events of
/// different keys interleave, only on each key's own order (a start before its end).</para>
/// <para>An instance pairs one stream and is not thread-safe.</para>
/// </remarks>
public sealed class EventPairer
{
    private readonly EventPairingOptions _options;
    private readonly Dictionary<string, OpenStart> _open = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Key, long Sequence), Instant> _byStart = new();
    private readonly HashSet<string> _closed = new(StringComparer.Ordinal);
    private readonly Queue<string> _closedOrder = new();
    private long _sequence;
    private Instant _watermark = Instant.MinValue;

    /// <summary>Initializes a new instance of the <see cref="EventPairer"/> class.</summary>
    /// <param name="options">The bounds and the timeout; <see cref="EventPairingOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">Thrown when an option is invalid; the message names it.</exception>
    public EventPairer(EventPairingOptions? options = null)
    {
        options?.Validate(nameof(options));
        _options = options ?? EventPairingOptions.Default;
    }

    /// <summary>Gets what has been done with the events read so far.</summary>
    public EventPairingReport Report { get; } = new();

    /// <summary>Reads one event.</summary>
    /// <param name="item">The event.</param>
    /// <param name="outcome">The outcome, when the event is the end of an open start.</param>
    /// <param name="sameChannel">The same-channel reply outcome of the pair, when <see cref="EventPairingOptions.SameChannelMeasureId"/> is set and both events record a channel.</param>
    /// <returns><see langword="true"/> when the event completed an outcome.</returns>
    public bool TryAdd(in OutcomeEvent item, out Outcome outcome, out Outcome? sameChannel)
    {
        outcome = default;
        sameChannel = null;
        Report.EventsRead++;
        if (item.Key is not { } key)
        {
            Report.Malformed++;
            return false;
        }

        Advance(item.At);
        if (item.Kind == OutcomeEventKind.Start)
        {
            AddStart(key, item);
            return false;
        }

        if (_open.Remove(key, out var start))
        {
            Report.Open--;
            if (item.At < start.At)
            {
                Report.Malformed += 2;
                return false;
            }

            if (item.At - start.At > _options.StartTimeout)
            {
                // Read out of order: the start would have timed out before this end.
                Report.TimedOut++;
                Report.LateEnds++;
                return false;
            }

            Report.Paired++;
            Remember(key);
            outcome = new Outcome(start.CustomerId, start.TouchpointId, start.MeasureId, Measure.ToSeconds(item.At - start.At), item.At, start.SegmentId, requestedAt: start.At);
            if (_options.SameChannelMeasureId is { } sameChannelMeasure && start.Channel is { } asked && item.Channel is { } answered)
            {
                var same = asked == answered;
                Report.SameChannelOutcomes++;
                Report.OtherChannelReplies += same ? 0 : 1;
                sameChannel = new Outcome(start.CustomerId, start.TouchpointId, sameChannelMeasure, same ? 1 : 0, item.At, start.SegmentId, requestedAt: start.At);
            }

            return true;
        }

        if (_closed.Contains(key))
        {
            Report.DuplicateEnds++;
        }
        else
        {
            Report.LateEnds++;
        }

        return false;
    }

    /// <summary>Pairs a sequence of events.</summary>
    /// <param name="events">The events, each key's start before its end.</param>
    /// <returns>The outcomes, in the order their ends are read (each followed by its same-channel outcome, when configured).</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    public IEnumerable<Outcome> Pair(IEnumerable<OutcomeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Iterate(events);

        IEnumerable<Outcome> Iterate(IEnumerable<OutcomeEvent> source)
        {
            foreach (var item in source)
            {
                if (TryAdd(item, out var outcome, out var sameChannel))
                {
                    yield return outcome;
                    if (sameChannel is { } reply)
                    {
                        yield return reply;
                    }
                }
            }
        }
    }

    /// <summary>Pairs a stream of events as it arrives.</summary>
    /// <param name="events">The events, each key's start before its end.</param>
    /// <param name="cancellationToken">Stops the pairing.</param>
    /// <returns>The outcomes, in the order their ends are read (each followed by its same-channel outcome, when configured).</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="events"/> is <see langword="null"/>.</exception>
    public IAsyncEnumerable<Outcome> PairAsync(IAsyncEnumerable<OutcomeEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Iterate(events, cancellationToken);

        async IAsyncEnumerable<Outcome> Iterate(IAsyncEnumerable<OutcomeEvent> source, [EnumeratorCancellation] CancellationToken token)
        {
            await foreach (var item in source.WithCancellation(token).ConfigureAwait(false))
            {
                if (TryAdd(item, out var outcome, out var sameChannel))
                {
                    yield return outcome;
                    if (sameChannel is { } reply)
                    {
                        yield return reply;
                    }
                }
            }
        }
    }

    private void AddStart(string key, in OutcomeEvent item)
    {
        if (_open.ContainsKey(key))
        {
            Report.DuplicateStarts++;
            return;
        }

        // A key may be reused once its outcome is paired (a reopened ticket).
        _closed.Remove(key);
        if (_watermark - item.At > _options.StartTimeout)
        {
            // Read out of order, after an event that times it out already.
            Report.TimedOut++;
            return;
        }

        var sequence = ++_sequence;
        _open.Add(key, new OpenStart(item.At, item.CustomerId!, item.TouchpointId!, item.MeasureId!, item.SegmentId, item.Channel, sequence));
        _byStart.Enqueue((key, sequence), item.At);
        Report.Open++;
        if (_open.Count > _options.MaxOpenStarts)
        {
            if (PopOldest() is { } evicted)
            {
                _open.Remove(evicted);
                Report.Open--;
                Report.Evicted++;
            }
        }

        if (_byStart.Count > (2 * _options.MaxOpenStarts) + 16)
        {
            // Entries of paired starts linger in the queue; rebuild it from the open starts so that memory stays bounded.
            _byStart.Clear();
            foreach (var (openKey, open) in _open)
            {
                _byStart.Enqueue((openKey, open.Sequence), open.At);
            }
        }
    }

    /// <summary>Moves event time forward and times out the starts older than the timeout.</summary>
    private void Advance(Instant at)
    {
        if (at <= _watermark)
        {
            return;
        }

        _watermark = at;
        if (_watermark < Instant.MinValue + _options.StartTimeout)
        {
            return;
        }

        var limit = _watermark - _options.StartTimeout;
        while (_byStart.TryPeek(out var entry, out var startedAt) && startedAt < limit)
        {
            _byStart.Dequeue();
            if (IsCurrent(entry))
            {
                _open.Remove(entry.Key);
                Report.Open--;
                Report.TimedOut++;
            }
        }
    }

    private string? PopOldest()
    {
        while (_byStart.TryDequeue(out var entry, out _))
        {
            if (IsCurrent(entry))
            {
                return entry.Key;
            }
        }

        return null;
    }

    private bool IsCurrent((string Key, long Sequence) entry)
        => _open.TryGetValue(entry.Key, out var open) && open.Sequence == entry.Sequence;

    private void Remember(string key)
    {
        if (_options.MaxClosedKeysRemembered == 0 || !_closed.Add(key))
        {
            return;
        }

        _closedOrder.Enqueue(key);
        while (_closedOrder.Count > _options.MaxClosedKeysRemembered)
        {
            _closed.Remove(_closedOrder.Dequeue());
        }
    }

    private readonly record struct OpenStart(Instant At, string CustomerId, string TouchpointId, string MeasureId, string? SegmentId, Channel? Channel, long Sequence);
}
