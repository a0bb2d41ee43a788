using System.CommandLine;
using CxScoring.Cli.Costs;
using CxScoring.Cli.Input;
using CxScoring.Cli.Terminal;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx score MODEL OUTCOMES…</c>: scores outcome files into a scorecard; prints it, and writes JSON and HTML when asked.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var outcomes = CommonOptions.Outcomes();
        var format = CommonOptions.Format();
        var delimiter = CommonOptions.Delimiter();
        var json = new Option<string?>("--json") { Description = "Also write the scorecard as JSON (shape cxscoring.scorecard/1, docs/output-format.md) to this file." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with charts (docs/report.md) to this file." };
        var by = new Option<string>("--by")
        {
            Description = "The table to print: touchpoint, owner (owning units, nested owners rolled up; with letter-vs-spirit shares), measure, promise (per promise with its owner and verdict, then the promises to change and those to keep better), source (per touchpoint, delivered outcomes beside the customers' own answers: the perceived gap and where the two disagree), or period (see --period).",
            DefaultValueFactory = _ => "touchpoint",
        };
        by.AcceptOnlyFromAmong("touchpoint", "period", "owner", "measure", "promise", "source");
        var period = new Option<string>("--period") { Description = "The period of --by period: day, week or month.", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong("day", "week", "month");
        var zone = new Option<string>("--time-zone", "-z") { Description = "The IANA time zone whose local dates make days, weeks and months (e.g. Europe/Berlin).", DefaultValueFactory = _ => "UTC" };
        var hotspots = new Option<int>("--hotspots") { Description = "How many hotspots to list.", DefaultValueFactory = _ => 5 };
        var prices = new Option<string?>("--prices") { Description = "Also price non-compliance with this prices file (docs/prices-format.md): print the cost after the scorecard, and add it to --json and --html." };
        var maxBadRate = CommonOptions.MaxBadRate();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command("score", "Score outcome files with a model into a scorecard: print it as a table, and write it as JSON and/or an HTML report.")
        {
            model, outcomes, format, delimiter, json, html, by, period, zone, hotspots, prices, maxBadRate, noProgress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var view = parse.GetRequiredValue(by);
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            var count = parse.GetValue(hotspots);
            if (count < 0)
            {
                throw new CliException(ExitCodes.Usage, "--hotspots must not be negative.");
            }

            var timeZone = CxLibrary.FindTimeZone(parse.GetRequiredValue(zone));
            var sources = OutcomeSource.Resolve(parse.GetRequiredValue(outcomes), parse.GetValue(format));
            var loaded = CxLibrary.LoadModel(parse.GetRequiredValue(model));
            var pricing = parse.GetValue(prices) is { } pricesPath ? CostPricing.Load(pricesPath, loaded) : null;
            var summary = new InputSummary();
            var show = Consoles.CanShowProgress && !parse.GetValue(noProgress);
            var scored = await SpectreProgress.RunAsync(show, progress => CxLibrary.ScoreAsync(loaded, sources, timeZone, separator, summary, progress, cancellationToken, pricing?.Rows));

            ScorecardTables.Print(Consoles.Out, scored.Scorecard, view, parse.GetRequiredValue(period), count);
            var costs = pricing?.Analyze();
            if (costs is not null)
            {
                CostTables.Print(Consoles.Out, costs, count, pricing!.Unpriced);
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                if (costs is null)
                {
                    CxLibrary.WriteJson(scored.Scorecard, jsonPath);
                }
                else
                {
                    CostPricing.WriteJson(scored.Scorecard, costs, jsonPath);
                }

                Console.Error.WriteLine($"Wrote the scorecard as JSON to {jsonPath}.");
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                var notes = new List<string> { $"Inputs: {string.Join(", ", sources.Select(s => s.Name))}." };
                notes.AddRange(summary.Lines().Select(l => l.Trim()));
                CxLibrary.WriteHtml(scored, htmlPath, notes, costs: costs);
                Console.Error.WriteLine($"Wrote the HTML report to {htmlPath}.");
            }

            summary.Report(Console.Error, rate);
            return summary.BadRate > rate ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
