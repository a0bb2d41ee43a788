using System.CommandLine;
using CxScoring.Cli.Costs;
using CxScoring.Cli.Input;
using CxScoring.Cli.Scenarios;
using CxScoring.Cli.Terminal;
using CxScoring.Journeys.Scenarios;
using NodaTime;

namespace CxScoring.Cli.Commands;

/// <summary>
/// <c>cx what-if MODEL OUTCOMES… --promise ID=LEVEL --improve TOUCHPOINT=PERCENT</c>: scores the outcomes as they are
/// and under a scenario (<see cref="WhatIfAnalysis"/>) and prints what would change: zone shares, letter-vs-spirit
/// figures and, with <c>--prices</c>, the cost of non-compliance.
/// </summary>
internal static class WhatIfCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var outcomes = CommonOptions.Outcomes();
        var promise = new Option<string[]>("--promise")
        {
            Description = "Move a promise to another level: ID=LEVEL, the level as the model file writes it (a duration as ISO-8601, such as P2D or PT48H, or a number in the measure's unit; a number for other measures). Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            HelpName = "ID=LEVEL",
        };
        var improve = new Option<string[]>("--improve")
        {
            Description = "Improve delivery at a touchpoint by a percentage: TOUCHPOINT=PERCENT, such as complaint-letter=20 (lower-is-better values x 0.8, higher-is-better x 1.2, nearer-to-target values 20 % of the way to the target; deadline and yes/no outcomes unchanged). Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            HelpName = "TOUCHPOINT=PERCENT",
        };
        var format = CommonOptions.Format();
        var delimiter = CommonOptions.Delimiter();
        var prices = new Option<string?>("--prices") { HelpName = "FILE", Description = "Also price non-compliance on both sides with this prices file (docs/prices-format.md) and show the cost change by kind." };
        var json = new Option<string?>("--json") { HelpName = "FILE", Description = "Also write the figures as JSON (shape cxscoring.whatif/1, docs/output-format.md) to this file." };
        var maxBadRate = CommonOptions.MaxBadRate();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command(
            "what-if",
            "Score outcome files as they are and with a promise moved or delivery improved, and print what would change: zone shares, promises kept, letter-vs-spirit figures (setting gap) and, with --prices, the cost of non-compliance.")
        {
            model, outcomes, promise, improve, format, delimiter, prices, json, maxBadRate, noProgress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            var sources = OutcomeSource.Resolve(parse.GetRequiredValue(outcomes), parse.GetValue(format));
            var loaded = CxLibrary.LoadModel(parse.GetRequiredValue(model));
            var scenario = ScenarioOptions.Read(loaded, parse.GetValue(promise) ?? [], parse.GetValue(improve) ?? []);
            var costs = parse.GetValue(prices) is { } pricesPath ? CostPricing.LoadPrices(pricesPath, loaded) : null;
            var rows = new OutcomeRows(loaded);
            var summary = new InputSummary();
            var show = Consoles.CanShowProgress && !parse.GetValue(noProgress);
            await SpectreProgress.RunAsync(show, progress => CxLibrary.ScoreAsync(loaded, sources, DateTimeZone.Utc, separator, summary, progress, cancellationToken, rows));

            var report = WhatIfAnalysis.Analyze(loaded, scenario.Scenario, rows.Rows, costs);
            WhatIfTables.Print(Consoles.Out, report, scenario);
            if (parse.GetValue(json) is { } jsonPath)
            {
                WhatIfJson.Write(report, scenario, jsonPath);
                Console.Error.WriteLine($"Wrote the what-if as JSON to {jsonPath}.");
            }

            if (rows.Skipped > 0)
            {
                Console.Error.WriteLine($"{rows.Skipped:N0} outcomes have an instant outside the engine's range and are left out of the what-if.");
            }

            summary.Report(Console.Error, rate);
            return summary.BadRate > rate ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
