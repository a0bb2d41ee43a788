using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CxScoring.Text;

/// <summary>
/// Buffers NDJSON records written with a <see cref="Utf8JsonWriter"/> (one compact object per line) and hands them to
/// a stream in blocks.
/// </summary>
internal sealed class NdjsonOutput
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);

    internal NdjsonOutput(Stream stream)
    {
        _stream = stream;
        Json = new Utf8JsonWriter(_buffer, Options);
    }

    internal Utf8JsonWriter Json { get; }

    internal bool IsFull => _buffer.WrittenCount >= FlushThreshold;

    /// <summary>Ends the record just written with a line break.</summary>
    internal void EndRecord()
    {
        Json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Json.Reset(_buffer);
    }

    /// <summary>Drops the part of a record written since the last <see cref="EndRecord"/> after a write failed in its middle.</summary>
    /// <remarks>The JSON writer hands bytes to the buffer only when flushed, and it is flushed only at record ends
    /// (or when one record outgrows the buffer's free space), so the output stays whole records.</remarks>
    internal void DiscardRecord() => Json.Reset(_buffer);

    internal void Flush()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _stream.Flush();
    }

    internal async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
