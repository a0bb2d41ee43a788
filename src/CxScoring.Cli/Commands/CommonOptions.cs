using System.CommandLine;

namespace CxScoring.Cli.Commands;

/// <summary>Arguments and options shared by the commands that read outcomes.</summary>
internal static class CommonOptions
{
    public static Argument<string> Model() => new("MODEL") { Description = "The model file (JSON; see docs/model-format.md)." };

    public static Argument<string[]> Outcomes() => new("OUTCOMES")
    {
        Description = "Outcome files, each in any of the formats: CSV (.csv), NDJSON (.ndjson, .jsonl, .json) (docs/outcome-format.md), Arrow IPC (.arrow, .arrows, .feather) or Parquet (.parquet) (docs/columnar-format.md); '-' reads CSV or NDJSON from standard input (then say --format).",
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

    public static Option<string> Delimiter() => new("--delimiter")
    {
        Description = "The field delimiter of CSV inputs: one character such as ';' or '|', or \\t for a tab (default ',').",
        DefaultValueFactory = _ => ",",
    };

    /// <summary>The delimiter <c>--delimiter</c> names: one character, or <c>\t</c> (or <c>tab</c>) for a tab.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Usage"/> when it is not one character that can delimit CSV fields.</exception>
    public static char ParseDelimiter(string text)
    {
        var delimiter = text is "\\t" or "tab" ? '\t' : text.Length == 1 ? text[0] : throw new CliException(ExitCodes.Usage, $"--delimiter '{text}' is not one character: give one such as ';' or '|', or \\t for a tab.");
        if (delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(delimiter))
        {
            throw new CliException(ExitCodes.Usage, $"--delimiter '{text}' cannot delimit CSV fields (a quote, a line break, a letter or a digit): use ',', ';', '|' or \\t.");
        }

        return delimiter;
    }

    public static Option<bool> NoProgress() => new("--no-progress") { Description = "Do not draw the progress bar (it is off anyway when output is redirected)." };

    public static void CheckRate(double rate)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new CliException(ExitCodes.Usage, "--max-bad-rate must lie between 0 and 1.");
        }
    }
}
