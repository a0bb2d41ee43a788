using System.Collections.Immutable;
using System.Text;
using CxScoring.Model;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// Reads scenario files: one or more named what-ifs as JSON (<c>"format": "cxscoring.scenario/1"</c>, documented in
/// <c>docs/scenario-format.md</c>, with a JSON Schema in <c>docs/scenario.schema.json</c>), each a
/// <see cref="WhatIfScenario"/> for <see cref="WhatIfAnalysis.Analyze"/>: its name and description, the promises it
/// moves (a level as the model file writes it) and the touchpoints whose delivery it improves (by a percentage).
/// </summary>
/// <remarks>
/// <para>Loading checks the whole file against the model and reports <em>every</em> problem at once — unknown
/// properties (with the nearest allowed name), promises and touchpoints the model does not define (with the nearest id
/// and the known ones), levels that are not of the promise's measure or outside its range, promises on deadline
/// measures, percentages outside (0, 100], scenarios without a change or with a name already used, and scenarios that
/// would make the model invalid — each with its JSON path and line, in one <see cref="ScenarioFileException"/>.</para>
/// <para>Input is bounded (<see cref="MaxBytes"/>, <see cref="MaxDepth"/>). All members are static and safe to call
/// from any number of threads.</para>
/// </remarks>
public static class WhatIfScenarioJson
{
    /// <summary>The format this library reads, the value of the file's <c>format</c> property.</summary>
    public const string Format = "cxscoring.scenario/1";

    /// <summary>The largest scenario file accepted, in bytes (16 MiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>Reads scenarios from JSON text.</summary>
    /// <param name="json">The scenario file's text.</param>
    /// <param name="model">The model whose promises and touchpoints the scenarios name.</param>
    /// <returns>The scenarios, in the file's order, each named and (when the file describes it) described.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="json"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScenarioFileException">Thrown when the text is not valid scenarios for the model; it lists every problem with its JSON path and line.</exception>
    public static ImmutableArray<WhatIfScenario> Parse(string json, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(model);
        if (Encoding.UTF8.GetMaxByteCount(json.Length) > MaxBytes && Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            throw TooLarge();
        }

        return Parse(Encoding.UTF8.GetBytes(json), model);
    }

    /// <summary>Reads scenarios from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The scenario file's bytes; a UTF-8 byte-order mark is allowed.</param>
    /// <param name="model">The model whose promises and touchpoints the scenarios name.</param>
    /// <returns>The scenarios, in the file's order, each named and (when the file describes it) described.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScenarioFileException">Thrown when the bytes are not valid scenarios for the model; it lists every problem with its JSON path and line.</exception>
    public static ImmutableArray<WhatIfScenario> Parse(ReadOnlySpan<byte> utf8Json, ScoringModel model)
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

        return ScenarioJsonReader.Read(utf8Json, MaxDepth, model);
    }

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="model">The model whose promises and touchpoints the scenarios name.</param>
    /// <returns>The scenarios, in the file's order, each named and (when the file describes it) described.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be read.</exception>
    /// <exception cref="ScenarioFileException">Thrown when the file is not valid scenarios for the model; it names the file (<see cref="ScenarioFileException.FileName"/>) and lists every problem with its JSON path and line.</exception>
    public static ImmutableArray<WhatIfScenario> LoadFile(string path, ScoringModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new ScenarioFileException(TooLarge().Problems, path);
        }

        try
        {
            return Parse(File.ReadAllBytes(path), model);
        }
        catch (ScenarioFileException ex) when (ex.FileName is null)
        {
            throw new ScenarioFileException(ex.Problems, path);
        }
    }

    private static ScenarioFileException TooLarge()
        => new([new ModelProblem("$", $"The scenario file is larger than the limit of {MaxBytes} bytes.")]);
}
