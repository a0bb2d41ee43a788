using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Text;

namespace CxScoring.Reports;

/// <summary>
/// Writes per-outcome gap results as NDJSON, one compact object per line, in the stable shape documented in
/// <c>docs/output-format.md</c>: the outcome's identity, then either the gaps (<c>"scored": true</c>) or the reason
/// it was rejected (<c>"scored": false</c>), so that every outcome in is one line out. The writer does not score:
/// the caller scores with <see cref="ScoringModel.TryScore(in Outcome, out GapResult, out RejectionReason)"/> and writes
/// the result with <see cref="Write"/> or the rejection with <see cref="WriteRejection"/>.
/// </summary>
/// <remarks>
/// Records are buffered and written to the stream in blocks; call <see cref="Flush"/> or <see cref="FlushAsync"/>
/// (or dispose) at the end. The stream is left open. A writer is not thread-safe.
/// </remarks>
public sealed class GapResultNdjsonWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The version of the output shape, written as <c>"v"</c> in every record.</summary>
    public const int FormatVersion = 1;

    private readonly NdjsonOutput _output;

    /// <summary>Initializes a new instance of the <see cref="GapResultNdjsonWriter"/> class.</summary>
    /// <param name="utf8Ndjson">The stream to write UTF-8 NDJSON to.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Ndjson"/> is <see langword="null"/>.</exception>
    public GapResultNdjsonWriter(Stream utf8Ndjson)
    {
        ArgumentNullException.ThrowIfNull(utf8Ndjson);
        _output = new NdjsonOutput(utf8Ndjson);
    }

    /// <summary>Gets the number of records written (scored and rejected).</summary>
    public long Written { get; private set; }

    /// <summary>Gets the number of rejection records written.</summary>
    public long Rejected { get; private set; }

    /// <summary>Writes the gaps of a scored outcome.</summary>
    /// <param name="outcome">The outcome that was scored.</param>
    /// <param name="result">Its gaps.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value (it has no customer),
    /// or when a number of <paramref name="result"/> is not finite (JSON has no NaN or infinity; a huge value over a tiny
    /// scale can overflow); nothing is written then and the writer stays usable.</exception>
    public void Write(in Outcome outcome, in GapResult result)
    {
        CheckOutcome(outcome);
        CheckFinite(outcome, "score", result.Score);
        CheckFinite(outcome, "feltValue", result.FeltValue);
        CheckFinite(outcome, "adequacy", result.Adequacy);
        CheckFinite(outcome, "superiority", result.Superiority);
        CheckFinite(outcome, "promiseGap", result.PromiseGap);
        CheckFinite(outcome, "settingGap", result.SettingGap);
        CheckFinite(outcome, "delivered", result.Delivered);
        CheckFinite(outcome, "promised", result.Promised);
        CheckFinite(outcome, "adequate", result.Adequate);
        CheckFinite(outcome, "desired", result.Desired);
        var json = _output.Json;
        try
        {
            Begin(outcome, scored: true);
            json.WriteString("zone", Camel(result.Zone));
            json.WriteNumber("score", result.Score);
            json.WriteNumber("feltValue", result.FeltValue);
            json.WriteNumber("adequacy", result.Adequacy);
            json.WriteNumber("superiority", result.Superiority);
            json.WriteNumber("promiseGap", result.PromiseGap);
            json.WriteNumber("settingGap", result.SettingGap);
            json.WriteBoolean("promiseKept", result.PromiseKept);
            json.WriteNumber("delivered", result.Delivered);
            json.WriteNumber("promised", result.Promised);
            json.WriteNumber("adequate", result.Adequate);
            json.WriteNumber("desired", result.Desired);
            End();
        }
        catch
        {
            _output.DiscardRecord();
            throw;
        }
    }

    /// <summary>Writes a rejected outcome with its reason.</summary>
    /// <param name="outcome">The outcome that was rejected.</param>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="description">A sentence naming the offending value (<see cref="ScoringModel.DescribeRejection"/>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value (it has no customer).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="reason"/> is not defined.</exception>
    public void WriteRejection(in Outcome outcome, RejectionReason reason, string? description = null)
    {
        CheckOutcome(outcome);
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a rejection reason.");
        }

        var json = _output.Json;
        try
        {
            Begin(outcome, scored: false);
            json.WriteString("rejection", Camel(reason));
            if (description is not null)
            {
                json.WriteString("reason", description);
            }

            End();
        }
        catch
        {
            _output.DiscardRecord();
            throw;
        }

        Rejected++;
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

    private static void CheckOutcome(in Outcome outcome)
    {
        if (outcome.CustomerId is null)
        {
            throw new ArgumentException("The outcome is the default value and has no customer, touchpoint or measure.", nameof(outcome));
        }
    }

    private static void CheckFinite(in Outcome outcome, string field, double value)
    {
        if (!double.IsFinite(value))
        {
            Throw(outcome, field, value);
        }

        [DoesNotReturn]
        static void Throw(in Outcome outcome, string field, double value)
            => throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The gap result's '{field}' is {value}, which JSON cannot hold (outcome of customer '{outcome.CustomerId}' at touchpoint '{outcome.TouchpointId}', measure '{outcome.MeasureId}', observed {Instants.Format(outcome.ObservedAt)}); nothing was written."),
                "result");
    }

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
    }

    private void Begin(in Outcome outcome, bool scored)
    {
        var json = _output.Json;
        json.WriteStartObject();
        json.WriteNumber("v", FormatVersion);
        json.WriteString("customer", outcome.CustomerId);
        json.WriteString("touchpoint", outcome.TouchpointId);
        json.WriteString("measure", outcome.MeasureId);
        if (outcome.SegmentId is { } segment)
        {
            json.WriteString("segment", segment);
        }

        json.WriteString("observedAt", Instants.Format(outcome.ObservedAt));
        json.WriteBoolean("scored", scored);
    }

    private void End()
    {
        _output.Json.WriteEndObject();
        _output.EndRecord();
        Written++;
        if (_output.IsFull)
        {
            _output.Flush();
        }
    }
}
