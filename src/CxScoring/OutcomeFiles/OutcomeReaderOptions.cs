using CxScoring.Model;
using CxScoring.Validation;

namespace CxScoring.OutcomeFiles;

/// <summary>How an outcome reader treats malformed records and how much it reads at most.</summary>
/// <remarks>Set the properties before handing the options to a reader; a reader checks them, throwing an <see cref="ArgumentException"/> naming the property, and reads them once. The properties are init-only, so the options can be bound from configuration and an instance is thread-safe to share; the <see cref="OnMalformed"/> callback is called one record at a time, in file order: on the reading thread, or, when NDJSON or a columnar file is scored on several threads, on whichever worker takes the records in order (never two calls at once).</remarks>
public sealed class OutcomeReaderOptions
{
    /// <summary>Gets the default options: fail fast, records up to 1 MiB.</summary>
    public static OutcomeReaderOptions Default { get; } = new();

    /// <summary>Gets what the reader does with a malformed record.</summary>
    /// <value>The default value is <see cref="MalformedRecordPolicy.FailFast"/>.</value>
    public MalformedRecordPolicy Policy { get; init; } = MalformedRecordPolicy.FailFast;

    /// <summary>Gets a callback invoked for every malformed record, before the reader throws or goes on.</summary>
    /// <value>The default value is <see langword="null"/> (no callback).</value>
    public Action<MalformedRecord>? OnMalformed { get; init; }

    /// <summary>Gets the longest record accepted: bytes of an NDJSON line, characters of a CSV record. Longer records are malformed and skipped without being held in memory.</summary>
    /// <value>At least 64 and at most 256 MiB; the default value is 1 MiB (1,048,576).</value>
    public int MaxRecordLength { get; init; } = 1024 * 1024;

    /// <summary>Gets how many malformed records <see cref="OutcomeReadReport.Errors"/> keeps; all of them are counted and passed to <see cref="OnMalformed"/>.</summary>
    /// <value>At least 0; the default value is 1000.</value>
    public int MaxErrorsKept { get; init; } = 1000;

    /// <summary>Gets the model whose time measures state the unit of plain numbers (<see cref="Measure.TimeUnit"/>).</summary>
    /// <value>The default value is <see langword="null"/>: plain numbers are read as they are, which for time measures
    /// means seconds. Set it when a time measure of the model states a unit other than seconds, so that a
    /// <c>value</c> or <c>promisedLevel</c> of <c>70</c> for a measure in minutes is read as 4,200 seconds.
    /// ISO-8601 duration strings (<c>"PT70M"</c>) are read the same either way. Records of measures the model does
    /// not define are read as they are and refused when scored.</value>
    public ScoringModel? Model { get; init; }

    /// <summary>Gets the CSV field delimiter; a quote, a line break, a letter or a digit cannot delimit fields.</summary>
    /// <value>The default value is <c>','</c>.</value>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>Gets a copy of these options that reads plain numbers of time measures in the units of <paramref name="model"/>.</summary>
    /// <param name="model">The model whose measures state the units.</param>
    /// <returns>The copy; every other property is this instance's.</returns>
    internal OutcomeReaderOptions WithModel(ScoringModel model) => new()
    {
        Policy = Policy,
        OnMalformed = OnMalformed,
        MaxRecordLength = MaxRecordLength,
        MaxErrorsKept = MaxErrorsKept,
        CsvDelimiter = CsvDelimiter,
        Model = model,
    };

    /// <summary>Checks every property; called by each reader's constructor before it reads them.</summary>
    /// <param name="parameterName">The entry point's parameter, given to the exception.</param>
    /// <exception cref="ArgumentException">Thrown when <see cref="CsvDelimiter"/> cannot delimit fields; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a limit is outside its range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        OptionsRules.InRange(MaxRecordLength, 64, 256 * 1024 * 1024, "OutcomeReaderOptions.MaxRecordLength", parameterName);
        OptionsRules.InRange(MaxErrorsKept, 0, int.MaxValue, "OutcomeReaderOptions.MaxErrorsKept", parameterName);
        if (CsvDelimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(CsvDelimiter))
        {
            OptionsRules.Invalid(parameterName, $"OutcomeReaderOptions.CsvDelimiter is '{CsvDelimiter}', which cannot delimit CSV fields; use ',', ';', '\\t' or '|'.");
        }
    }
}
