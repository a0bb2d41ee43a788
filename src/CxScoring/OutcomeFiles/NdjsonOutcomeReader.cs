using System.Runtime.CompilerServices;
using System.Text.Json;
using CxScoring.Model;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Reads outcomes from newline-delimited JSON (NDJSON, one object per line; UTF-8), streaming: memory stays bounded by
/// <see cref="OutcomeReaderOptions.MaxRecordLength"/> whatever the size of the input. Field names and forms are
/// documented in <c>docs/outcome-format.md</c>; unknown fields are skipped, blank lines are counted and skipped.
/// </summary>
/// <remarks>
/// A malformed record is reported with its line number and field, counted in <see cref="Report"/>, and then either
/// thrown (<see cref="MalformedRecordPolicy.FailFast"/>) or skipped (<see cref="MalformedRecordPolicy.CollectAndContinue"/>).
/// A reader reads its stream once and leaves it open; it is not thread-safe.
/// </remarks>
public sealed class NdjsonOutcomeReader
{
    private const string InvalidText = "the text is not valid UTF-8 or holds an unpaired UTF-16 surrogate escape such as \\uD800.";
    private static readonly JsonReaderOptions JsonOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };
    private readonly Stream _stream;
    private readonly OutcomeReaderOptions _options;
    private bool _started;

    /// <summary>Initializes a new instance of the <see cref="NdjsonOutcomeReader"/> class.</summary>
    /// <param name="utf8Ndjson">The UTF-8 NDJSON stream; a byte-order mark is allowed.</param>
    /// <param name="options">How to treat malformed records; <see cref="OutcomeReaderOptions.Default"/> (fail fast) when omitted.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Ndjson"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range); the message names it.</exception>
    public NdjsonOutcomeReader(Stream utf8Ndjson, OutcomeReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Ndjson);
        _stream = utf8Ndjson;
        options?.Validate(nameof(options));
        _options = options ?? OutcomeReaderOptions.Default;
        Report = new OutcomeReadReport(_options.MaxErrorsKept);
    }

    /// <summary>Gets the counts and malformed records of this reader so far.</summary>
    public OutcomeReadReport Report { get; }

    /// <summary>Reads the outcomes one by one without blocking.</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The outcomes of the well-formed records, in file order.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the reader has been read already.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, at the first malformed record.</exception>
    public async IAsyncEnumerable<Outcome> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Start();
        using var lines = new LineBuffer(_options.MaxRecordLength);
        while (true)
        {
            var status = lines.Next(out var start, out var length, out var line);
            if (status == LineStatus.NeedData)
            {
                lines.Commit(await _stream.ReadAsync(lines.FreeSpace(), cancellationToken).ConfigureAwait(false));
                continue;
            }

            if (status == LineStatus.End)
            {
                yield break;
            }

            if (Handle(status, lines, start, length, line, out var outcome))
            {
                yield return outcome;
            }
        }
    }

    /// <summary>Reads the outcomes one by one.</summary>
    /// <returns>The outcomes of the well-formed records, in file order.</returns>
    /// <exception cref="InvalidOperationException">Thrown when the reader has been read already.</exception>
    /// <exception cref="MalformedOutcomeException">Thrown, with the fail-fast policy, at the first malformed record.</exception>
    public IEnumerable<Outcome> ReadAll()
    {
        Start();
        return Iterate();

        IEnumerable<Outcome> Iterate()
        {
            using var lines = new LineBuffer(_options.MaxRecordLength);
            while (true)
            {
                var status = lines.Next(out var start, out var length, out var line);
                if (status == LineStatus.NeedData)
                {
                    lines.Commit(_stream.Read(lines.FreeSpace().Span));
                    continue;
                }

                if (status == LineStatus.End)
                {
                    yield break;
                }

                if (Handle(status, lines, start, length, line, out var outcome))
                {
                    yield return outcome;
                }
            }
        }
    }

    /// <summary>Parses one NDJSON line into an outcome.</summary>
    /// <param name="utf8Line">The line, without its line break.</param>
    /// <param name="model">The model that states the time unit of plain numbers, or <see langword="null"/>.</param>
    /// <param name="outcome">The outcome, when the line is well-formed.</param>
    /// <param name="field">The field at fault, or <see langword="null"/>.</param>
    /// <param name="message">What is wrong, when the line is malformed.</param>
    /// <returns><see langword="true"/> when the line was read.</returns>
    internal static bool TryParse(ReadOnlySpan<byte> utf8Line, ScoringModel? model, out Outcome outcome, out string? field, out string message)
    {
        outcome = default;
        field = null;
        var fields = default(OutcomeFields);
        var seen = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8Line, JsonOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                message = "expected a JSON object.";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!IsValidText(ref reader))
                {
                    // A name that is not text cannot be named: the field stays null, as for other names that cannot be read.
                    message = "a property name is not valid UTF-8 or holds an unpaired UTF-16 surrogate escape such as \\uD800.";
                    return false;
                }

                var index = IndexOf(ref reader);
                if (index < 0)
                {
                    // An unknown field is skipped, but its text must still be valid: a line is well-formed or not as a whole.
                    var nameReader = reader;
                    reader.Read();
                    if (!SkipValidating(ref reader))
                    {
                        field = nameReader.GetString();
                        message = InvalidText;
                        return false;
                    }

                    continue;
                }

                reader.Read();

                var name = OutcomeFields.Names[index];
                if ((seen & (1 << index)) != 0)
                {
                    field = name;
                    message = "the field appears twice.";
                    return false;
                }

                seen |= 1 << index;
                var error = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => TryGetString(ref reader, out var text) ? fields.SetText(name, text) : InvalidText,
                    JsonTokenType.Number when OutcomeFields.IsNumeric(name) => reader.TryGetDouble(out var number)
                        ? fields.SetNumber(name, number)
                        : "the number is out of range.",
                    _ => OutcomeFields.IsNumeric(name) ? $"expected a number, found {Describe(reader.TokenType)}." : $"expected a string, found {Describe(reader.TokenType)}.",
                };
                if (error is not null)
                {
                    field = name;
                    message = error;
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                message = "expected one JSON object on the line.";
                return false;
            }
        }
        catch (JsonException ex)
        {
            message = $"not valid JSON: {ex.Message.Split(" LineNumber")[0].Trim()}";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader throws this, not JsonException, for text it cannot transcode (for example a property name).
            message = "not valid JSON: " + InvalidText;
            return false;
        }

        return fields.TryBuild(model, out outcome, out field, out message);
    }

    /// <summary>Whether the current string or property name is valid UTF-8 without unpaired surrogate escapes.</summary>
    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        return TryGetString(ref reader, out _);
    }

    /// <summary>Skips the current value, checking the text of every string and property name in it.</summary>
    private static bool SkipValidating(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return IsValidText(ref reader);
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsValidText(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < OutcomeFields.Names.Length; i++)
        {
            if (reader.ValueTextEquals(OutcomeFields.Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        _ => "a boolean",
    };

    private void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("This reader has been read already; create a new reader for each pass over the data.");
        }

        _started = true;
    }

    private bool Handle(LineStatus status, LineBuffer lines, int start, int length, long line, out Outcome outcome)
    {
        outcome = default;
        if (status == LineStatus.TooLong)
        {
            Report.CountMalformed(new MalformedRecord(line, null, $"the line is longer than the limit of {_options.MaxRecordLength} bytes."), _options);
            return false;
        }

        var span = lines.Span(start, length);
        if (line == 1 && span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        if (span.Trim(" \t"u8).IsEmpty)
        {
            Report.CountBlank();
            return false;
        }

        if (TryParse(span, _options.Model, out outcome, out var field, out var message))
        {
            Report.CountRead();
            return true;
        }

        Report.CountMalformed(new MalformedRecord(line, field, message), _options);
        return false;
    }
}
