using System.Collections.Immutable;
using System.Globalization;
using CxScoring.Model;
using CxScoring.ModelFiles;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// Reads a scenario file's JSON tree into <see cref="WhatIfScenario"/>s, checking each against the model and
/// collecting every problem with its JSON path and line, as the prices reader does. One instance reads one file.
/// </summary>
internal sealed class ScenarioJsonReader : CheckedJsonReader
{
    private static readonly string[] RootProperties = ["$schema", "format", "scenarios"];
    private static readonly string[] ScenarioProperties = ["name", "description", "promises", "improve"];

    private readonly ScoringModel _model;
    private readonly Dictionary<string, string> _promises;
    private readonly Dictionary<string, string> _touchpoints;

    private ScenarioJsonReader(ScoringModel model)
    {
        _model = model;
        _promises = Ids(model.Promises.Select(p => p.Id));
        _touchpoints = Ids(model.Touchpoints.Select(t => t.Id));
    }

    internal static ImmutableArray<WhatIfScenario> Read(ReadOnlySpan<byte> utf8, int maxDepth, ScoringModel model)
    {
        var reader = new ScenarioJsonReader(model);
        return reader.Read(ModelJsonReader.ParseSource(utf8, maxDepth, reader.Problems, syntax => new ScenarioFileException([syntax])));
    }

    /// <summary>How a level of the measure is written, for messages.</summary>
    private static string LevelForm(Measure measure) => measure.Kind == MeasureKind.Duration
        ? $"a duration: give an ISO-8601 duration such as P2D, PT48H or PT1H30M, or a number of {measure.TimeUnit.ToString().ToLowerInvariant()}, the measure's unit"
        : $"a {measure.Kind.ToString().ToLowerInvariant()} measure: give a number in its unit ({measure.Unit}), with a '.' for decimals";

    /// <summary>The values a measure admits, for messages.</summary>
    private static string Range(Measure measure) => measure.Kind switch
    {
        MeasureKind.Duration => "a duration of 0 or more",
        MeasureKind.Ratio => "from 0 to 1",
        MeasureKind.Rating => string.Create(CultureInfo.InvariantCulture, $"from 1 to {measure.RatingPoints}"),
        MeasureKind.YesNo => "0 or 1",
        MeasureKind.Count => "0 or more",
        _ => "a finite number",
    };

    private ImmutableArray<WhatIfScenario> Read(JsonSourceNode root)
    {
        if (root.Kind != JsonSourceKind.Object)
        {
            Problem("$", root.Line, $"A scenario file must be a JSON object; found {root.KindName}.");
            throw new ScenarioFileException(Problems.Listed());
        }

        var format = Typed(root, "$", "format", JsonSourceKind.String, $"the string '{WhatIfScenarioJson.Format}'", required: true);
        if (format is not null && format.Text != WhatIfScenarioJson.Format)
        {
            // An unknown format cannot be interpreted field by field; report only this.
            Problems.Clear();
            Problem("$.format", format.Line, $"Unsupported format '{format.Text}'; this version of CxScoring reads scenario files of format '{WhatIfScenarioJson.Format}'.");
            throw new ScenarioFileException(Problems.Listed());
        }

        Known(root, "$", RootProperties);
        var scenarios = ImmutableArray.CreateBuilder<WhatIfScenario>();
        if (Typed(root, "$", "scenarios", JsonSourceKind.Array, "an array of scenarios", required: true) is { } array)
        {
            if (array.Items.Count == 0)
            {
                Problem("$.scenarios", array.Line, "The file holds no scenario; give at least one, such as { \"name\": \"letter in two days\", \"promises\": { \"letter-reply-5-working-days\": \"P2D\" } }.");
            }

            var names = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < array.Items.Count; i++)
            {
                if (ReadScenario(array.Items[i], string.Create(CultureInfo.InvariantCulture, $"$.scenarios[{i}]"), names) is { } scenario)
                {
                    scenarios.Add(scenario);
                }
            }
        }

        if (Problems.Any)
        {
            throw new ScenarioFileException(Problems.Listed());
        }

        return scenarios.ToImmutable();
    }

    private WhatIfScenario? ReadScenario(JsonSourceNode node, string path, Dictionary<string, long> names)
    {
        if (node.Kind != JsonSourceKind.Object)
        {
            Problem(path, node.Line, $"Expected a scenario (an object with a name and its changes); found {node.KindName}.");
            return null;
        }

        Known(node, path, ScenarioProperties);
        var ok = true;
        var name = Typed(node, path, "name", JsonSourceKind.String, "a string", required: true);
        if (name is null)
        {
            ok = false;
        }
        else if (string.IsNullOrWhiteSpace(name.Text))
        {
            Problem(path + ".name", name.Line, "The name must not be empty; give one that says what the scenario asks, such as 'letter in two days'.");
            ok = false;
        }
        else if (names.TryGetValue(name.Text!, out var earlier))
        {
            Problem(path + ".name", name.Line, $"The name '{name.Text}' is already the name of the scenario on line {earlier}; give each scenario its own name.");
            ok = false;
        }
        else
        {
            names.Add(name.Text!, name.Line);
        }

        var description = Typed(node, path, "description", JsonSourceKind.String, "a string", required: false)?.Text;
        var scenario = WhatIfScenario.None.Named(ok ? name!.Text! : "scenario").Described(description);
        var changes = 0;
        if (Typed(node, path, "promises", JsonSourceKind.Object, "an object of levels by promise id", required: false) is { } promises)
        {
            foreach (var (id, value) in promises.Properties)
            {
                changes++;
                if (Level(ModelJsonNames.Child(path + ".promises", id), id, value) is { } level)
                {
                    scenario = scenario.WithPromiseLevel(id, level);
                }
                else
                {
                    ok = false;
                }
            }
        }

        if (Typed(node, path, "improve", JsonSourceKind.Object, "an object of percentages by touchpoint id", required: false) is { } improve)
        {
            foreach (var (id, value) in improve.Properties)
            {
                changes++;
                if (Percent(ModelJsonNames.Child(path + ".improve", id), id, value) is { } percent)
                {
                    scenario = scenario.WithDeliveryImproved(id, percent / 100);
                }
                else
                {
                    ok = false;
                }
            }
        }

        if (changes == 0)
        {
            Problem(path, node.Line, "The scenario changes nothing: give at least one promise level in 'promises' (such as \"letter-reply-5-working-days\": \"P2D\") or one touchpoint in 'improve' (such as \"complaint-letter\": 20).");
            return null;
        }

        if (!ok)
        {
            return null;
        }

        try
        {
            scenario.Apply(_model);
        }
        catch (ScoringModelException e)
        {
            foreach (var problem in e.Problems)
            {
                Problem(path + ".promises", node["promises"]?.Line ?? node.Line, $"The scenario makes the model invalid: {problem.Message}{PlainNumberNote(node["promises"])}");
            }

            return null;
        }

        return scenario;
    }

    /// <summary>A note for the plain numbers given for duration promises: they are read in the measure's unit.</summary>
    private string PlainNumberNote(JsonSourceNode? promises)
    {
        var notes = (promises?.Properties ?? [])
            .Where(p => _model.Promises.FirstOrDefault(x => x.Id == p.Key) is { } promise && _model.TryGetMeasure(promise.MeasureId, out var m) && m.Kind == MeasureKind.Duration
                && double.TryParse(LevelText(p.Value), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(p =>
            {
                _model.TryGetMeasure(_model.Promises.First(x => x.Id == p.Key).MeasureId, out var m);
                var text = LevelText(p.Value);
                return $" Note: the level of '{p.Key}' reads {text} in {m!.TimeUnit.ToString().ToLowerInvariant()}, the unit of measure '{m.Id}'; write an ISO-8601 duration such as P2D or PT48H to say days or hours.";
            });
        return string.Concat(notes);
    }

    private static string? LevelText(JsonSourceNode value) => value.Kind is JsonSourceKind.String or JsonSourceKind.Number ? value.Text : null;

    private double? Level(string path, string id, JsonSourceNode value)
    {
        if (!Reference(path, value.Line, id, _promises, "promise", "promises"))
        {
            return null;
        }

        var promise = _model.Promises.First(p => p.Id == id);
        if (!_model.TryGetMeasure(promise.MeasureId, out var measure) || measure.Kind == MeasureKind.Deadline)
        {
            Problem(path, value.Line, $"Promise '{id}' is on the deadline measure '{promise.MeasureId}' (on time is lateness 0), so it has no level to move; a scenario can move promises on duration, count, money, ratio, rating and yes/no measures.");
            return null;
        }

        if (LevelText(value) is not { } text)
        {
            Problem(path, value.Line, $"Expected a level of measure '{measure.Id}' (a string such as \"P2D\" or a number); found {value.KindName}.");
            return null;
        }

        if (!ScoringModelJson.TryParseValue(measure, text, out var level))
        {
            Problem(path, value.Line, $"'{text}' is not a level of measure '{measure.Id}' ({LevelForm(measure)}).");
            return null;
        }

        if (!measure.Admits(level))
        {
            Problem(path, value.Line, $"{text} is outside the range of measure '{measure.Id}' ({Range(measure)}).");
            return null;
        }

        return level;
    }

    private double? Percent(string path, string id, JsonSourceNode value)
    {
        var known = Reference(path, value.Line, id, _touchpoints, "touchpoint", "touchpoints");
        var text = LevelText(value);
        var number = text is not null && text.EndsWith('%') && value.Kind == JsonSourceKind.String ? text[..^1].TrimEnd() : text;
        if (number is null || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent > 0 && percent <= 100))
        {
            Problem(path, value.Line, text is null
                ? $"Expected a percentage (a number above 0 and at most 100, such as 20); found {value.KindName}."
                : $"'{text}' is not a percentage above 0 and at most 100 (such as 20 or 12.5).");
            return null;
        }

        return known ? percent : null;
    }
}
