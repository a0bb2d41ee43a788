namespace CxScoring.OutcomeFiles;

/// <summary>The text formats outcomes are read from; both are documented in <c>docs/outcome-format.md</c>.</summary>
public enum OutcomeFileFormat
{
    /// <summary>CSV (RFC 4180) with a header row naming the columns; UTF-8.</summary>
    Csv = 0,

    /// <summary>Newline-delimited JSON: one object per line; UTF-8.</summary>
    Ndjson = 1,
}
