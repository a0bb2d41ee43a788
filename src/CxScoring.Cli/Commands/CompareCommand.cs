using System.CommandLine;
using CxScoring.Cli.Costs;
using CxScoring.Cli.Input;
using CxScoring.Cli.Terminal;
using CxScoring.Comparisons;

namespace CxScoring.Cli.Commands;

/// <summary>
/// <c>cx compare MODEL BEFORE AFTER</c>: scores two outcome files with one model and prints what changed between them,
/// significant changes first (Welch's t, two-proportion z, Benjamini–Hochberg; docs/comparisons.md).
/// </summary>
/// <remarks>
/// It compares outcomes, not scorecard JSON files: a scorecard file keeps touchpoint, stage, channel and segment
/// totals but not the cells the library's scorecard is made of, so it cannot be read back into one without loss.
/// </remarks>
internal static class CompareCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var before = new Argument<string>("BEFORE") { Description = "The outcome file of the earlier (or reference) period; '-' reads standard input (then say --format)." };
        var after = new Argument<string>("AFTER") { Description = "The outcome file of the later (or compared) period." };
        var format = CommonOptions.Format();
        var delimiter = CommonOptions.Delimiter();
        var zone = new Option<string>("--time-zone", "-z") { Description = "The IANA time zone of the scorecards' calendars.", DefaultValueFactory = _ => "UTC" };
        var fdr = new Option<double>("--fdr") { Description = "The false discovery rate: a change is significant when its Benjamini–Hochberg q-value is at most this.", DefaultValueFactory = _ => 0.05 };
        var html = new Option<string?>("--html") { Description = "Also write the self-contained HTML report of AFTER with this comparison's changes listed (docs/report.md) to this file." };
        var prices = new Option<string?>("--prices") { Description = "Also price the non-compliance of both files with this prices file (docs/prices-format.md): print the cost of each and its change by kind, promise and owner; --html shows the costs of AFTER and the change in its cost section." };
        var top = new Option<int>("--top") { Description = "With --prices: how many promises the table of cost changes lists (in the terminal and in --html), those whose cost changed most.", DefaultValueFactory = _ => 5 };
        var maxBadRate = CommonOptions.MaxBadRate();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command(
            "compare",
            "Score two outcome files with one model and compare them: per touchpoint, stage, channel and segment, the change of mean score (Welch's t, Hedges' g), zone shares and promise-kept rate (two-proportion z, Newcombe interval), significant changes first.")
        {
            model, before, after, format, delimiter, zone, fdr, html, prices, top, maxBadRate, noProgress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            var q = parse.GetValue(fdr);
            if (!(q > 0 && q < 1))
            {
                throw new CliException(ExitCodes.Usage, "--fdr must lie strictly between 0 and 1.");
            }

            var topPromises = parse.GetValue(top);
            if (topPromises < 0)
            {
                throw new CliException(ExitCodes.Usage, "--top must not be negative.");
            }

            var timeZone = CxLibrary.FindTimeZone(parse.GetRequiredValue(zone));
            var beforeSources = OutcomeSource.Resolve([parse.GetRequiredValue(before)], parse.GetValue(format));
            var afterSources = OutcomeSource.Resolve([parse.GetRequiredValue(after)], parse.GetValue(format));
            var loaded = CxLibrary.LoadModel(parse.GetRequiredValue(model));
            var firstPricing = parse.GetValue(prices) is { } pricesPath ? CostPricing.Load(pricesPath, loaded) : null;
            var secondPricing = firstPricing?.WithSamePrices();
            var summary = new InputSummary();
            var show = Consoles.CanShowProgress && !parse.GetValue(noProgress);
            var first = await SpectreProgress.RunAsync(show, progress => CxLibrary.ScoreAsync(loaded, beforeSources, timeZone, separator, summary, progress, cancellationToken, firstPricing?.Rows));
            var second = await SpectreProgress.RunAsync(show, progress => CxLibrary.ScoreAsync(loaded, afterSources, timeZone, separator, summary, progress, cancellationToken, secondPricing?.Rows));

            var report = ScorecardComparison.Compare(first.Scorecard, second.Scorecard, new ComparisonOptions { FalseDiscoveryRate = q });
            ComparisonTables.Print(Consoles.Out, report, beforeSources[0].Name, afterSources[0].Name);
            var (firstCosts, secondCosts) = (firstPricing?.Analyze(), secondPricing?.Analyze());
            if (firstCosts is not null && secondCosts is not null)
            {
                CostTables.PrintChange(Consoles.Out, firstCosts, secondCosts, (beforeSources[0].Name, afterSources[0].Name), topPromises, (firstPricing!.Unpriced, secondPricing!.Unpriced));
            }
            if (parse.GetValue(html) is { } htmlPath)
            {
                var notes = new List<string> { $"Outcomes of {afterSources[0].Name}, compared with {beforeSources[0].Name}." };
                CxLibrary.WriteHtml(second, htmlPath, notes, report, $"{afterSources[0].Name} against {beforeSources[0].Name}", secondCosts, firstCosts, topPromises);
                Console.Error.WriteLine($"Wrote the HTML report to {htmlPath}.");
            }

            summary.Report(Console.Error, rate);
            return summary.BadRate > rate ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
