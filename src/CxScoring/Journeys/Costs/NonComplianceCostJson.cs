using System.Text;
using CxScoring.Model;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// Reads prices files: what non-compliance costs, as JSON (<c>"schemaVersion": 1</c>, documented in
/// <c>docs/prices-format.md</c>, with a JSON Schema in <c>docs/prices.schema.json</c>), into
/// <see cref="NonComplianceCostOptions"/> for <see cref="NonComplianceCostAnalysis.Analyze"/>.
/// </summary>
/// <remarks>
/// <para>Loading checks the whole file against the model and reports <em>every</em> problem at once — unknown
/// properties (with the nearest allowed name), promises, measures, touchpoints and segments the model does not define
/// (with the nearest id and the known ones), negative amounts, bad durations and time zones, wrong types — each with its
/// JSON path and line, in one <see cref="PricesFileException"/>.</para>
/// <para>Input is bounded (<see cref="MaxBytes"/>, <see cref="MaxDepth"/>). All members are static and safe to call
/// from any number of threads.</para>
/// </remarks>
public static class NonComplianceCostJson
{
    /// <summary>The version of the prices file format this library reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The largest prices file accepted, in bytes (16 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>Reads prices from JSON text.</summary>
    /// <param name="json">The prices file's text.</param>
    /// <param name="model">The model whose promises, measures, touchpoints and segments the prices name.</param>
    /// <returns>The prices, with <see cref="NonComplianceCostOptions.Currency"/> set from the file.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="json"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="PricesFileException">Thrown when the text is not valid prices for the model; it lists every problem with its JSON path and line.</exception>
    public static NonComplianceCostOptions Parse(string json, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(model);
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > MaxBytes && Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            throw TooLarge();
        }

        return Parse(Encoding.UTF8.GetBytes(json), model);
    }

    /// <summary>Reads prices from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The prices file's bytes; a UTF-8 byte-order mark is allowed.</param>
    /// <param name="model">The model whose promises, measures, touchpoints and segments the prices name.</param>
    /// <returns>The prices, with <see cref="NonComplianceCostOptions.Currency"/> set from the file.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="PricesFileException">Thrown when the bytes are not valid prices for the model; it lists every problem with its JSON path and line.</exception>
    public static NonComplianceCostOptions Parse(ReadOnlySpan<byte> utf8Json, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (utf8Json.Length > MaxBytes)
        {
            throw TooLarge();
        }

        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        return PricesJsonReader.Read(utf8Json, MaxDepth, model);
    }

    /// <summary>Reads a prices file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="model">The model whose promises, measures, touchpoints and segments the prices name.</param>
    /// <returns>The prices, with <see cref="NonComplianceCostOptions.Currency"/> set from the file.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be read.</exception>
    /// <exception cref="PricesFileException">Thrown when the file is not valid prices for the model; it names the file (<see cref="PricesFileException.FileName"/>) and lists every problem with its JSON path and line.</exception>
    public static NonComplianceCostOptions LoadFile(string path, ScoringModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new PricesFileException(TooLarge().Problems, path);
        }

        try
        {
            return Parse(File.ReadAllBytes(path), model);
        }
        catch (PricesFileException ex) when (ex.FileName is null)
        {
            throw new PricesFileException(ex.Problems, path);
        }
    }

    private static PricesFileException TooLarge()
        => new([new ModelProblem("$", $"The prices file is larger than the limit of {MaxBytes} bytes.")]);
}
