namespace CxScoring.Cli;

/// <summary>The exit codes of <c>cx</c>, documented in <c>docs/cli.md</c> and in <c>cx --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Done; the input was valid (within the allowed rate of bad records).</summary>
    public const int Ok = 0;

    /// <summary>The model is invalid, or more records were malformed or refused than <c>--max-bad-rate</c> allows.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong: an unknown command, option or value, a missing argument, an input whose format cannot be told, an unknown time zone.</summary>
    public const int Usage = 2;

    /// <summary>A file could not be read or written.</summary>
    public const int Unreadable = 3;

    /// <summary>The command or view exists but is not available in this version (none at present; kept so scripts can rely on the code).</summary>
    public const int NotAvailable = 4;

    /// <summary>An unexpected error: a bug in cx; the message says what happened.</summary>
    public const int Unexpected = 5;

    public const string Help = """
        Exit codes:
          0  done
          1  invalid model, more malformed or refused records than --max-bad-rate allows, or an
             outcome file whose content is not outcomes (unusable CSV header, corrupt Arrow/Parquet)
          2  usage error (unknown command, option or value; a missing argument; an input whose
             format cannot be told; an unknown time zone; a what-if change the model cannot take)
          3  a file could not be read or written (missing, no permission)
          4  command or view not available in this version (none at present)
          5  unexpected error (please report it)
        """;
}

/// <summary>Stops a command with an exit code and a message for standard error.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
