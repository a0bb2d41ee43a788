using System.CommandLine;

namespace CxScoring.Cli.Commands;

/// <summary>Arguments and options shared by the commands that read outcomes.</summary>
internal static class CommonOptions
{
    public static Argument<string> Model() => new("MODEL") { Description = "The model file (JSON; see docs/model-format.md)." };

    public static Argument<string[]> Outcomes() => new("OUTCOMES")
    {
        Description = "Outcome files (.ndjson/.jsonl or .csv; see docs/outcome-format.md); '-' reads standard input (then say --format).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string?> Format()
    {
        var option = new Option<string?>("--format", "-f") { Description = "The format of the outcome inputs: csv, ndjson, arrow or parquet. Default: from each file's extension (.csv; .ndjson, .jsonl; .arrow, .arrows, .feather; .parquet)." };
        option.AcceptOnlyFromAmong("csv", "ndjson", "arrow", "parquet");
        return option;
    }

    public static Option<double> MaxBadRate() => new("--max-bad-rate")
    {
        Description = "The largest share of records that may be malformed or refused before cx exits with code 1 (0 = none may be bad).",
        DefaultValueFactory = _ => 0.01,
    };

    public static Option<bool> NoProgress() => new("--no-progress") { Description = "Do not draw the progress bar (it is off anyway when output is redirected)." };

    public static void CheckRate(double rate)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new CliException(ExitCodes.Usage, "--max-bad-rate must lie between 0 and 1.");
        }
    }
}
