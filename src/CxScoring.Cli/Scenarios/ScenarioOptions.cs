using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;

namespace CxScoring.Cli.Scenarios;

/// <summary>A promise moved by <c>--promise ID=LEVEL</c> or a scenario file: the level as given and as a value of the measure (seconds for time measures).</summary>
internal sealed record PromiseChange(Promise Promise, Measure Measure, string LevelText, double Level);

/// <summary>Delivery improved at a touchpoint by <c>--improve TOUCHPOINT=PERCENT</c> or a scenario file.</summary>
internal sealed record DeliveryChange(string TouchpointId, double Percent);

/// <summary>
/// A scenario of <c>cx what-if</c>, read from its <c>--promise</c> and <c>--improve</c> options or from a scenario file
/// (<c>--scenario</c>, docs/scenario-format.md) and checked against the model before any outcome is read. Both go
/// through the library's scenario reader (<see cref="WhatIfScenarioJson"/>), so they take the same value forms and
/// make the same checks: unknown ids get "did you mean", levels are read in the measure's own form, a promise on a
/// deadline measure is refused.
/// </summary>
internal sealed class ScenarioOptions
{
    private const string OptionScenario = "command line";

    private ScenarioOptions(WhatIfScenario scenario, IReadOnlyList<PromiseChange> promises, IReadOnlyList<DeliveryChange> improvements)
    {
        Scenario = scenario;
        Promises = promises;
        Improvements = improvements;
    }

    public WhatIfScenario Scenario { get; }

    public IReadOnlyList<PromiseChange> Promises { get; }

    public IReadOnlyList<DeliveryChange> Improvements { get; }

    /// <summary>Reads the options into a scenario the model accepts.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Usage"/> when no change is given, or one names what the model does not define, or gives a level or percentage that cannot be read; the message quotes the option.</exception>
    public static ScenarioOptions Read(ScoringModel model, IReadOnlyList<string> promiseOptions, IReadOnlyList<string> improveOptions)
    {
        if (promiseOptions.Count == 0 && improveOptions.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, "what-if needs a change: give at least one --promise ID=LEVEL (e.g. --promise letter-reply-5-working-days=P2D) or --improve TOUCHPOINT=PERCENT (e.g. --improve complaint-letter=20), or a scenario file with --scenario FILE (docs/scenario-format.md).");
        }

        var promises = Changes("--promise", promiseOptions, "ID=LEVEL", "letter-reply-5-working-days=P2D", "promise '{0}' is moved twice; give one level for it");
        var improvements = Changes("--improve", improveOptions, "TOUCHPOINT=PERCENT", "complaint-letter=20", "touchpoint '{0}' is improved twice; give one percentage for it");
        var file = new JsonObject
        {
            ["format"] = WhatIfScenarioJson.Format,
            ["scenarios"] = new JsonArray(new JsonObject
            {
                ["name"] = OptionScenario,
                ["promises"] = Texts(promises),
                ["improve"] = Texts(improvements),
            }),
        };
        WhatIfScenario scenario;
        try
        {
            scenario = WhatIfScenarioJson.Parse(file.ToJsonString(), model)[0];
        }
        catch (ScenarioFileException e)
        {
            var invalid = e.Problems.Where(p => p.Path == "$.scenarios[0].promises").Select(p => p.Message.Replace("The scenario makes the model invalid: ", string.Empty, StringComparison.Ordinal)).ToList();
            var lines = e.Problems.Where(p => p.Path != "$.scenarios[0].promises")
                .Select(p => (Option(p.Path, promises, "--promise", "$.scenarios[0].promises") ?? Option(p.Path, improvements, "--improve", "$.scenarios[0].improve")) is { } option ? $"{option}: {p.Message}" : p.Message)
                .ToList();
            if (invalid.Count > 0)
            {
                lines.Add($"the scenario makes the model invalid ({invalid.Count} problem{(invalid.Count == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, invalid.Select(p => $"  {p}"))}");
            }

            throw new CliException(ExitCodes.Usage, string.Join(Environment.NewLine, lines));
        }

        var name = string.Join(", ", promiseOptions.Select(o => "--promise " + o).Concat(improveOptions.Select(o => "--improve " + o)));
        return Of(scenario.Named(name), model, promises.ToDictionary(p => p.Id, p => p.Text), improvements.ToDictionary(p => p.Id, p => p.Text));
    }

    /// <summary>Reads every scenario of a scenario file, in the file's order.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Unreadable"/> when the file does not exist or cannot be read, and with <see cref="ExitCodes.InvalidInput"/> listing every problem with its JSON path and line when it is not valid.</exception>
    public static IReadOnlyList<ScenarioOptions> ReadFile(string path, ScoringModel model)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Unreadable, $"the scenario file '{path}' does not exist.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Unreadable, $"the scenario file '{path}' cannot be read: {e.Message}");
        }

        IReadOnlyList<WhatIfScenario> scenarios;
        try
        {
            scenarios = WhatIfScenarioJson.Parse(bytes, model);
        }
        catch (ScenarioFileException e)
        {
            var lines = e.Problems.Select(p => $"  {p}");
            throw new CliException(ExitCodes.InvalidInput, $"the scenario file '{path}' is not valid ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }

        // The file is valid: read the levels and percentages again as written, to show them as the file gives them.
        using var document = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        var items = document.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        return [.. scenarios.Select((s, i) => Of(s, model, Written(items[i], "promises"), Written(items[i], "improve")))];
    }

    /// <summary>The changes of one option as (id, text), each id once.</summary>
    private static List<(string Id, string Text, string Option)> Changes(string name, IReadOnlyList<string> options, string form, string example, string twice)
    {
        var changes = new List<(string Id, string Text, string Option)>();
        foreach (var option in options)
        {
            var equals = option.LastIndexOf('=');
            if (equals <= 0 || equals == option.Length - 1)
            {
                throw new CliException(ExitCodes.Usage, $"{name} '{option}' is not {form}: write it as {name} {example}.");
            }

            var (id, text) = (option[..equals].Trim(), option[(equals + 1)..].Trim());
            if (changes.Any(c => c.Id == id))
            {
                throw new CliException(ExitCodes.Usage, $"{name} {option}: {string.Format(CultureInfo.InvariantCulture, twice, id)}.");
            }

            changes.Add((id, text, option));
        }

        return changes;
    }

    private static JsonObject Texts(List<(string Id, string Text, string Option)> changes)
    {
        var o = new JsonObject();
        foreach (var (id, text, _) in changes)
        {
            o[id] = text;
        }

        return o;
    }

    /// <summary>The option a problem of the generated file is about, quoted as given: "--promise ID=LEVEL".</summary>
    private static string? Option(string path, List<(string Id, string Text, string Option)> changes, string name, string parent)
    {
        foreach (var (id, _, option) in changes)
        {
            if (path == $"{parent}.{id}" || path == $"{parent}['{id}']")
            {
                return $"{name} {option}";
            }
        }

        return null;
    }

    /// <summary>The values of one member of a scenario as the file writes them: a string as it is, a number as its text.</summary>
    private static Dictionary<string, string> Written(JsonElement scenario, string member)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scenario.TryGetProperty(member, out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                texts[value.Name] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : value.Value.GetRawText();
            }
        }

        return texts;
    }

    /// <summary>A scenario the library read, with each change as it was written, in the order written.</summary>
    private static ScenarioOptions Of(WhatIfScenario scenario, ScoringModel model, IReadOnlyDictionary<string, string> levels, IReadOnlyDictionary<string, string> percents)
    {
        var promises = new List<PromiseChange>();
        foreach (var (id, text) in levels)
        {
            var promise = model.Promises.First(p => p.Id == id);
            model.TryGetMeasure(promise.MeasureId, out var measure);
            promises.Add(new PromiseChange(promise, measure!, text, scenario.PromiseLevels[id]));
        }

        var improvements = percents
            .Select(p => new DeliveryChange(p.Key, double.Parse(p.Value.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
        return new ScenarioOptions(scenario, promises, improvements);
    }
}
