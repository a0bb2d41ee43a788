using System.Buffers;
using System.Globalization;
using System.Text;
using CxScoring.Model;
using CxScoring.ModelFiles;

namespace CxScoring;

/// <summary>
/// Reads and writes scoring models in the versioned JSON model file format (<c>"schemaVersion": 1</c>, documented
/// in <c>docs/model-format.md</c>, with a JSON Schema in <c>docs/model.schema.json</c>).
/// </summary>
/// <remarks>
/// <para>Loading never guesses: it validates the whole file and reports <em>every</em> problem at once — unknown
/// references, duplicate ids, inverted zones of tolerance, unknown time-zone ids, bad durations, missing or unknown
/// properties, wrong types — each with its JSON path and line, in one <see cref="ScoringModelException"/>.</para>
/// <para>Input is bounded (<see cref="MaxBytes"/>, <see cref="MaxDepth"/>) and read without reflection or
/// polymorphic type names. All members are static and safe to call from any number of threads.</para>
/// </remarks>
public static class ScoringModelJson
{
    /// <summary>The newest version of the model file format this library reads; it reads version 1 files unchanged.</summary>
    /// <remarks>Version 2 adds the <c>calendars</c> section (business calendars referred to by promises and expectation
    /// levels) and expectation levels in working time. The writer writes version 1 for a model without either, so that
    /// such files stay readable by older versions.</remarks>
    public const int SchemaVersion = 2;

    /// <summary>The largest model file accepted, in bytes (16 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Reads a model from JSON text.</summary>
    /// <param name="json">The model file's text.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringModelException">Thrown when the text is not a valid model; it lists every problem with its JSON path and line.</exception>
    public static ScoringModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > MaxBytes && Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            throw TooLarge();
        }

        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a model from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The model file's bytes; a UTF-8 byte-order mark is allowed.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ScoringModelException">Thrown when the bytes are not a valid model; it lists every problem with its JSON path and line.</exception>
    public static ScoringModel Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxBytes)
        {
            throw TooLarge();
        }

        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        return ModelJsonReader.Read(utf8Json, MaxDepth);
    }

    private static ScoringModel ParseFile(ReadOnlySpan<byte> utf8Json, string path)
    {
        if (utf8Json.Length > MaxBytes)
        {
            throw TooLarge();
        }

        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        return ModelJsonReader.Read(utf8Json, MaxDepth, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Reads a model from a stream of UTF-8 JSON; the stream is read to its end and left open.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringModelException">Thrown when the content is not a valid model or is larger than <see cref="MaxBytes"/>.</exception>
    public static ScoringModel Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return Parse(ReadAll(utf8Json).WrittenSpan);
    }

    private static ArrayBufferWriter<byte> ReadAll(Stream utf8Json)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        int read;
        do
        {
            read = utf8Json.Read(buffer.GetSpan(16 * 1024));
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw TooLarge();
            }
        }
        while (read > 0);
        return buffer;
    }

    /// <summary>Reads a model from a stream of UTF-8 JSON without blocking; the stream is read to its end and left open.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringModelException">Thrown when the content is not a valid model or is larger than <see cref="MaxBytes"/>.</exception>
    public static async Task<ScoringModel> LoadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = await ReadAllAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.WrittenSpan);
    }

    private static async Task<ArrayBufferWriter<byte>> ReadAllAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        int read;
        do
        {
            read = await utf8Json.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw TooLarge();
            }
        }
        while (read > 0);
        return buffer;
    }

    /// <summary>Reads a model file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be read.</exception>
    /// <exception cref="ScoringModelException">Thrown when the file is not a valid model; it names the file (<see cref="ScoringModelException.FileName"/>) and lists every problem with its JSON path and line.</exception>
    public static ScoringModel LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var stream = File.OpenRead(path);
            return ParseFile(ReadAll(stream).WrittenSpan, path);
        }
        catch (ScoringModelException ex) when (ex.FileName is null)
        {
            throw new ScoringModelException(ex.Problems, path);
        }
    }

    /// <summary>Reads a model file without blocking.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The validated model.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be read.</exception>
    /// <exception cref="ScoringModelException">Thrown when the file is not a valid model; it names the file (<see cref="ScoringModelException.FileName"/>) and lists every problem with its JSON path and line.</exception>
    public static async Task<ScoringModel> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = await ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
                return ParseFile(buffer.WrittenSpan, path);
            }
        }
        catch (ScoringModelException ex) when (ex.FileName is null)
        {
            throw new ScoringModelException(ex.Problems, path);
        }
    }

    /// <summary>Writes a model as indented JSON text in the model file format.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The JSON text; <see cref="Parse(string)"/> reads it back to an equal model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a time level is too large (10^15 s or more) or has too many decimal places (below about 10^-12 s) to write exactly as an ISO-8601 duration.</exception>
    public static string ToJson(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new ArrayBufferWriter<byte>();
        ModelJsonWriter.Write(model, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Writes a model as indented UTF-8 JSON to a stream, which is left open.</summary>
    /// <param name="model">The model.</param>
    /// <param name="utf8Json">The stream.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> or <paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a time level is too large (10^15 s or more) or has too many decimal places (below about 10^-12 s) to write exactly as an ISO-8601 duration.</exception>
    public static void Save(ScoringModel model, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = new ArrayBufferWriter<byte>();
        ModelJsonWriter.Write(model, buffer);
        utf8Json.Write(buffer.WrittenSpan);
        utf8Json.WriteByte((byte)'\n');
    }

    /// <summary>Writes a model to a file as indented UTF-8 JSON, replacing the file if it exists.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be written.</exception>
    public static void SaveFile(ScoringModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        Save(model, stream);
    }

    private static ScoringModelException TooLarge()
        => new([new ModelProblem("$", $"The model file is larger than the limit of {MaxBytes} bytes.")]);

    /// <summary>
    /// Reads a value written as text the way a model file gives it for this measure: for a time measure an ISO-8601
    /// duration (<c>P2D</c>, <c>PT48H</c>, <c>-PT2H</c>; days, hours, minutes and seconds) or a plain number in
    /// <see cref="Measure.TimeUnit"/>, giving seconds; for any other measure a plain number in <see cref="Measure.Unit"/>. Numbers are
    /// read in the invariant culture (<c>2.5</c>, not <c>2,5</c>).
    /// </summary>
    /// <param name="measure">The measure the value is of.</param>
    /// <param name="text">The text, such as <c>P2D</c> or <c>0.95</c>.</param>
    /// <param name="value">The value in <see cref="Measure.Unit"/> (seconds for time measures); 0 when the text is not one.</param>
    /// <returns><see langword="true"/> when the text is a finite value of one of those forms.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="measure"/> is <see langword="null"/>.</exception>
    public static bool TryParseValue(Measure measure, string? text, out double value)
    {
        ArgumentNullException.ThrowIfNull(measure);
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var time = measure.Kind is MeasureKind.Duration or MeasureKind.Deadline;
        if (time && CxScoring.Text.IsoDuration.TryParseSeconds(text, out var seconds))
        {
            value = seconds;
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        value = time ? measure.FromNumber(number) : number;
        return double.IsFinite(value);
    }
}
