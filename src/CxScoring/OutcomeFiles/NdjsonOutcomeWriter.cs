using System.Text.Json;
using CxScoring.Model;
using CxScoring.Text;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Writes outcomes as NDJSON in the form <see cref="NdjsonOutcomeReader"/> reads (documented in
/// <c>docs/outcome-format.md</c>): one compact object per line, optional fields only when present.
/// </summary>
/// <remarks>
/// Records are buffered and written to the stream in blocks; call <see cref="Flush"/> or <see cref="FlushAsync"/>
/// (or dispose) at the end. The stream is left open. A writer is not thread-safe.
/// </remarks>
public sealed class NdjsonOutcomeWriter : IDisposable, IAsyncDisposable
{
    private readonly NdjsonOutput _output;

    /// <summary>Initializes a new instance of the <see cref="NdjsonOutcomeWriter"/> class.</summary>
    /// <param name="utf8Ndjson">The stream to write UTF-8 NDJSON to.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Ndjson"/> is <see langword="null"/>.</exception>
    public NdjsonOutcomeWriter(Stream utf8Ndjson)
    {
        ArgumentNullException.ThrowIfNull(utf8Ndjson);
        _output = new NdjsonOutput(utf8Ndjson);
    }

    /// <summary>Writes one outcome as one line.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value (it has no customer).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a number of the outcome is not finite; JSON cannot carry it.</exception>
    public void Write(in Outcome outcome)
    {
        WriteRecord(outcome);
        if (_output.IsFull)
        {
            _output.Flush();
        }
    }

    /// <summary>Writes one outcome as one line, flushing to the stream without blocking when the buffer is full.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the outcome is buffered.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value (it has no customer).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a number of the outcome is not finite; JSON cannot carry it.</exception>
    public ValueTask WriteAsync(Outcome outcome, CancellationToken cancellationToken = default)
    {
        WriteRecord(outcome);
        return _output.IsFull ? _output.FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes the buffered records to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    /// <summary>Writes the buffered records to the stream and flushes it without blocking.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the records are written.</returns>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _output.FlushAsync(cancellationToken);

    /// <summary>Writes the buffered records to the stream.</summary>
    public void Dispose()
    {
        _output.Flush();
        _output.Json.Dispose();
    }

    /// <summary>Writes the buffered records to the stream without blocking.</summary>
    /// <returns>A task that completes when the records are written.</returns>
    public async ValueTask DisposeAsync()
    {
        await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await _output.Json.DisposeAsync().ConfigureAwait(false);
    }

    internal static void WriteFields(Utf8JsonWriter json, in Outcome outcome)
    {
        json.WriteString(OutcomeFields.Customer, outcome.CustomerId);
        json.WriteString(OutcomeFields.Touchpoint, outcome.TouchpointId);
        json.WriteString(OutcomeFields.Measure, outcome.MeasureId);
        json.WriteNumber(OutcomeFields.Value, outcome.Value);
        json.WriteString(OutcomeFields.ObservedAt, Instants.Format(outcome.ObservedAt));
        if (outcome.SegmentId is { } segment)
        {
            json.WriteString(OutcomeFields.Segment, segment);
        }

        if (outcome.PromisedLevel is { } level)
        {
            json.WriteNumber(OutcomeFields.PromisedLevel, level);
        }

        if (outcome.PromisedBy is { } promisedBy)
        {
            json.WriteString(OutcomeFields.PromisedBy, Instants.Format(promisedBy));
        }

        if (outcome.RequestedAt is { } requestedAt)
        {
            json.WriteString(OutcomeFields.RequestedAt, Instants.Format(requestedAt));
        }

        if (outcome.PerceivedRating is { } rating)
        {
            json.WriteNumber(OutcomeFields.PerceivedRating, rating);
        }
    }

    internal static void CheckWritable(in Outcome outcome)
    {
        if (outcome.CustomerId is null)
        {
            throw new ArgumentException("The outcome is the default value and has no customer, touchpoint or measure.", nameof(outcome));
        }

        Finite(outcome.Value, "value");
        Finite(outcome.PromisedLevel, "promisedLevel");
        Finite(outcome.PerceivedRating, "perceivedRating");

        static void Finite(double? value, string field)
        {
            if (value is { } v && !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(nameof(outcome), v, $"The outcome's {field} is not a finite number and cannot be written.");
            }
        }
    }

    private void WriteRecord(in Outcome outcome)
    {
        CheckWritable(outcome);
        _output.Json.WriteStartObject();
        WriteFields(_output.Json, outcome);
        _output.Json.WriteEndObject();
        _output.EndRecord();
    }
}
