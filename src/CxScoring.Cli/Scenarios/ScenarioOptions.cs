using System.Globalization;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;

namespace CxScoring.Cli.Scenarios;

/// <summary>A promise moved by <c>--promise ID=LEVEL</c>: the level as given and as a value of the measure (seconds for time measures).</summary>
internal sealed record PromiseChange(Promise Promise, Measure Measure, string LevelText, double Level);

/// <summary>Delivery improved at a touchpoint by <c>--improve TOUCHPOINT=PERCENT</c>.</summary>
internal sealed record DeliveryChange(string TouchpointId, double Percent);

/// <summary>
/// The scenario of <c>cx what-if</c>, read from its <c>--promise</c> and <c>--improve</c> options and checked against
/// the model before any outcome is read: unknown ids get the library's "did you mean", levels are read in the
/// measure's own form (<see cref="ScoringModelJson.TryParseValue"/>), and a promise on a deadline measure is refused.
/// </summary>
internal sealed class ScenarioOptions
{
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
            throw new CliException(ExitCodes.Usage, "what-if needs a change: give at least one --promise ID=LEVEL (e.g. --promise letter-reply-5-working-days=P2D) or --improve TOUCHPOINT=PERCENT (e.g. --improve complaint-letter=20).");
        }

        var scenario = WhatIfScenario.None.Named(string.Join(", ", promiseOptions.Select(o => "--promise " + o).Concat(improveOptions.Select(o => "--improve " + o))));
        var promises = new List<PromiseChange>();
        foreach (var option in promiseOptions)
        {
            var (id, text) = Split("--promise", option, "ID=LEVEL", "letter-reply-5-working-days=P2D");
            if (promises.Any(p => p.Promise.Id == id))
            {
                throw new CliException(ExitCodes.Usage, $"--promise {option}: promise '{id}' is moved twice; give one level for it.");
            }

            var promise = model.Promises.FirstOrDefault(p => p.Id == id);
            if (promise is null)
            {
                Check("--promise", option, WhatIfScenario.None.WithPromiseLevel(id, 0), model);
                throw new InvalidOperationException($"promise '{id}' was neither found nor refused.");
            }

            if (!model.TryGetMeasure(promise.MeasureId, out var measure) || measure.Kind == MeasureKind.Deadline)
            {
                throw new CliException(ExitCodes.Usage, $"--promise {option}: promise '{id}' is on the deadline measure '{promise.MeasureId}' (on time is lateness 0), so it has no level to move; what-if can move promises on duration, count, money, ratio, rating and yes/no measures.");
            }

            if (!ScoringModelJson.TryParseValue(measure, text, out var level))
            {
                throw new CliException(ExitCodes.Usage, $"--promise {option}: '{text}' is not a level of measure '{measure.Id}' ({Describe(measure)}).");
            }

            if (!measure.Admits(level))
            {
                throw new CliException(ExitCodes.Usage, $"--promise {option}: {text} is outside the range of measure '{measure.Id}' ({Range(measure)}).");
            }

            promises.Add(new PromiseChange(promise, measure, text, level));
            scenario = scenario.WithPromiseLevel(id, level);
        }

        var improvements = new List<DeliveryChange>();
        foreach (var option in improveOptions)
        {
            var (id, text) = Split("--improve", option, "TOUCHPOINT=PERCENT", "complaint-letter=20");
            if (improvements.Any(i => i.TouchpointId == id))
            {
                throw new CliException(ExitCodes.Usage, $"--improve {option}: touchpoint '{id}' is improved twice; give one percentage for it.");
            }

            var number = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent > 0 && percent <= 100))
            {
                throw new CliException(ExitCodes.Usage, $"--improve {option}: '{text}' is not a percentage above 0 and at most 100 (such as 20 or 12.5).");
            }

            if (!model.TryGetTouchpoint(id, out _))
            {
                Check("--improve", option, WhatIfScenario.None.WithDeliveryImproved(id, percent / 100), model);
            }

            improvements.Add(new DeliveryChange(id, percent));
            scenario = scenario.WithDeliveryImproved(id, percent / 100);
        }

        try
        {
            scenario.Apply(model);
        }
        catch (ScoringModelException e)
        {
            var plain = promises.Where(p => p.Measure.Kind == MeasureKind.Duration && double.TryParse(p.LevelText, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                .Select(p => $"{Environment.NewLine}Note: --promise {p.Promise.Id}={p.LevelText} reads {p.LevelText} in {p.Measure.TimeUnit.ToString().ToLowerInvariant()}, the unit of measure '{p.Measure.Id}'; write an ISO-8601 duration such as P2D or PT48H to say days or hours.");
            throw new CliException(ExitCodes.Usage, $"the scenario makes the model invalid ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, e.Problems.Select(p => $"  {p}"))}{string.Concat(plain)}");
        }

        return new ScenarioOptions(scenario, promises, improvements);
    }

    /// <summary>How a level of the measure is written, for messages and help.</summary>
    private static string Describe(Measure measure) => measure.Kind == MeasureKind.Duration
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

    private static (string Id, string Value) Split(string name, string option, string form, string example)
    {
        var equals = option.LastIndexOf('=');
        if (equals <= 0 || equals == option.Length - 1)
        {
            throw new CliException(ExitCodes.Usage, $"{name} '{option}' is not {form}: write it as {name} {example}.");
        }

        return (option[..equals].Trim(), option[(equals + 1)..].Trim());
    }

    /// <summary>Lets the library refuse an id the model does not define, with its "did you mean", quoting the option.</summary>
    private static void Check(string name, string option, WhatIfScenario change, ScoringModel model)
    {
        try
        {
            change.Apply(model);
        }
        catch (ArgumentException e)
        {
            var message = e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            var prefix = $"Scenario '{change.Name}' ";
            var reason = message.StartsWith(prefix, StringComparison.Ordinal) ? "it " + message[prefix.Length..] : message;
            throw new CliException(ExitCodes.Usage, $"{name} {option}: {reason}");
        }
    }
}
