using System.CommandLine;
using CxScoring.Cli.Input;
using CxScoring.Cli.Terminal;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx gaps MODEL OUTCOMES…</c>: one NDJSON line of gaps (or refusal) per outcome, to standard output or a file.</summary>
internal static class GapsCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var outcomes = CommonOptions.Outcomes();
        var format = CommonOptions.Format();
        var delimiter = CommonOptions.Delimiter();
        var output = new Option<string?>("--output", "-o") { Description = "The file to write; default: standard output." };
        var maxBadRate = CommonOptions.MaxBadRate();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command("gaps", "Score each outcome on its own and write its gaps, or why it was refused, as one NDJSON line (docs/output-format.md).")
        {
            model, outcomes, format, delimiter, output, maxBadRate, noProgress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(maxBadRate);
            CommonOptions.CheckRate(rate);
            var separator = CommonOptions.ParseDelimiter(parse.GetRequiredValue(delimiter));
            var sources = OutcomeSource.Resolve(parse.GetRequiredValue(outcomes), parse.GetValue(format));
            var loaded = CxLibrary.LoadModel(parse.GetRequiredValue(model));
            var summary = new InputSummary();
            var path = parse.GetValue(output);
            await using (var stream = path is null ? Console.OpenStandardOutput() : File.Create(path))
            {
                // Progress never shares standard output with the data.
                var show = path is not null && Consoles.CanShowProgress && !parse.GetValue(noProgress);
                await SpectreProgress.RunAsync(show, async progress =>
                {
                    await CxLibrary.WriteGapsAsync(loaded, sources, separator, stream, summary, progress, cancellationToken);
                    return true;
                });
            }

            if (path is not null)
            {
                Console.Error.WriteLine($"Wrote the gaps of {summary.Records - summary.Malformed:N0} outcomes to {path}.");
            }

            summary.Report(Console.Error, rate);
            return summary.BadRate > rate ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
