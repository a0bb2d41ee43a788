using System.CommandLine;
using CxScoring.Cli.Costs;
using CxScoring.Cli.Input;
using CxScoring.Cli.Scenarios;
using CxScoring.Cli.Terminal;
using CxScoring.Journeys.Scenarios;
using NodaTime;
using Spectre.Console;

namespace CxScoring.Cli.Commands;

/// <summary>
/// <c>cx what-if MODEL OUTCOMES… --promise ID=LEVEL --improve TOUCHPOINT=PERCENT</c> (or <c>--scenario FILE</c>): scores
/// the outcomes as they are and under each scenario (<see cref="WhatIfAnalysis"/>) and prints what would change: zone
/// shares, letter-vs-spirit figures and, with <c>--prices</c>, the cost of non-compliance; <c>--json</c> and
/// <c>--html</c> also write them.
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
        var scenarioFile = new Option<string?>("--scenario")
        {
            HelpName = "FILE",
            Description = "Read the scenarios from this scenario file (format cxscoring.scenario/1, docs/scenario-format.md) instead of --promise and --improve: each is scored against the same baseline in this one run and shown one after another.",
        };
        var format = CommonOptions.Format();
        var delimiter = CommonOptions.Delimiter();
        var prices = new Option<string?>("--prices") { HelpName = "FILE", Description = "Also price non-compliance on both sides with this prices file (docs/prices-format.md) and show the cost change by kind." };
        var json = new Option<string?>("--json") { HelpName = "FILE", Description = "Also write the figures as JSON to this file: shape cxscoring.whatif/1, or cxscoring.whatifs/1 (one cxscoring.whatif/1 per scenario) with --scenario (docs/output-format.md)." };
        var html = new Option<string?>("--html") { HelpName = "FILE", Description = "Also write a self-contained HTML page of the what-if to this file: per scenario the promises moved, the zone and letter-vs-spirit shares that changed and, with --prices, the cost by kind (docs/report.md)." };
        var maxBadRate = CommonOptions.MaxBadRate();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command(
            "what-if",
            "Score outcome files as they are and with a promise moved or delivery improved (on the command line, or each scenario of a scenario file), and print what would change: zone shares, promises kept, letter-vs-spirit figures (setting gap) and, with --prices, the cost of non-compliance.")
        {
            model, outcomes, promise, improve, scenarioFile, format, delimiter, prices, json, html, maxBadRate, noProgress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            var sources = OutcomeSource.Resolve(parse.GetRequiredValue(outcomes), parse.GetValue(format));
            var loaded = CxLibrary.LoadModel(parse.GetRequiredValue(model));
            var (promiseOptions, improveOptions) = (parse.GetValue(promise) ?? [], parse.GetValue(improve) ?? []);
            var fromFile = parse.GetValue(scenarioFile);
            if (fromFile is not null && promiseOptions.Length + improveOptions.Length > 0)
            {
                throw new CliException(ExitCodes.Usage, $"--scenario and {(promiseOptions.Length > 0 ? "--promise" : "--improve")} cannot be given together: put the changes in the scenario file, or give them on the command line without --scenario.");
            }

            var scenarios = fromFile is null ? [ScenarioOptions.Read(loaded, promiseOptions, improveOptions)] : ScenarioOptions.ReadFile(fromFile, loaded);
            var costs = parse.GetValue(prices) is { } pricesPath ? CostPricing.LoadPrices(pricesPath, loaded) : null;
            var rows = new OutcomeRows(loaded);
            var summary = new InputSummary();
            var show = Consoles.CanShowProgress && !parse.GetValue(noProgress);
            await SpectreProgress.RunAsync(show, progress => CxLibrary.ScoreAsync(loaded, sources, DateTimeZone.Utc, separator, summary, progress, cancellationToken, rows));

            var reports = WhatIfAnalysis.AnalyzeAll(loaded, [.. scenarios.Select(s => s.Scenario)], rows.Rows, costs);
            var whatIfs = reports.Select((report, i) => (Report: report, Options: scenarios[i])).ToList();
            foreach (var (report, scenario) in whatIfs)
            {
                if (!ReferenceEquals(report, reports[0]))
                {
                    Consoles.Out.WriteLine();
                }

                WhatIfTables.Print(Consoles.Out, report, scenario);
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                if (fromFile is null)
                {
                    WhatIfJson.Write(whatIfs[0].Report, whatIfs[0].Options, jsonPath);
                }
                else
                {
                    WhatIfJson.WriteSet(whatIfs, fromFile, jsonPath);
                }

                Console.Error.WriteLine($"Wrote the what-if as JSON to {jsonPath}.");
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                WhatIfHtml.Write(whatIfs, sources, summary, htmlPath);
                Console.Error.WriteLine($"Wrote the what-if as HTML to {htmlPath}.");
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
