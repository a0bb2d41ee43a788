using System.Globalization;
using CxScoring.Model;
using CxScoring.Text;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Writes outcomes as CSV in the form <see cref="CsvOutcomeReader"/> reads: a header row naming all ten columns,
/// then one row per outcome; empty fields for absent values; fields quoted only when they need it.
/// </summary>
/// <remarks>The text writer is left open; call <see cref="Flush"/> at the end. A writer is not thread-safe.</remarks>
public sealed class CsvOutcomeWriter
{
    private readonly TextWriter _text;
    private readonly char _delimiter;
    private bool _headerWritten;

    /// <summary>Initializes a new instance of the <see cref="CsvOutcomeWriter"/> class.</summary>
    /// <param name="text">The text writer to write CSV to.</param>
    /// <param name="delimiter">The field delimiter; <c>','</c> by default.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="delimiter"/> is a quote, a line break or a letter or digit.</exception>
    public CsvOutcomeWriter(TextWriter text, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        if (delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(delimiter))
        {
            throw new ArgumentException($"'{delimiter}' cannot delimit CSV fields; use ',', ';', '\\t' or '|'.", nameof(delimiter));
        }

        _text = text;
        _delimiter = delimiter;
    }

    /// <summary>Writes one outcome as one row, preceded by the header row the first time.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="outcome"/> is the default value (it has no customer).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a number of the outcome is not finite.</exception>
    public void Write(in Outcome outcome)
    {
        NdjsonOutcomeWriter.CheckWritable(outcome);
        if (!_headerWritten)
        {
            _text.Write(string.Join(_delimiter, OutcomeFields.Names));
            _text.Write("\r\n");
            _headerWritten = true;
        }

        Field(outcome.CustomerId, first: true);
        Field(outcome.TouchpointId);
        Field(outcome.MeasureId);
        Field(Number(outcome.Value));
        Field(Instants.Format(outcome.ObservedAt));
        Field(outcome.SegmentId);
        Field(Number(outcome.PromisedLevel));
        Field(outcome.PromisedBy is { } by ? Instants.Format(by) : null);
        Field(outcome.RequestedAt is { } at ? Instants.Format(at) : null);
        Field(Number(outcome.PerceivedRating));
        _text.Write("\r\n");
    }

    /// <summary>Flushes the text writer.</summary>
    public void Flush() => _text.Flush();

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private void Field(string? value, bool first = false)
    {
        if (!first)
        {
            _text.Write(_delimiter);
        }

        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(['"', '\r', '\n', _delimiter]) >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))))
        {
            _text.Write('"');
            _text.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            _text.Write('"');
        }
        else
        {
            _text.Write(value);
        }
    }
}
