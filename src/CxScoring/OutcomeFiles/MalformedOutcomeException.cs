using CxScoring.Model;


namespace CxScoring.OutcomeFiles;

/// <summary>An outcome record could not be read (fail-fast readers), or a CSV header makes the whole file unreadable.</summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public sealed class MalformedOutcomeException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="MalformedOutcomeException"/> class.</summary>
    /// <param name="record">The record that could not be read.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="record"/> is <see langword="null"/>.</exception>
    public MalformedOutcomeException(MalformedRecord record)
        : base($"Malformed outcome record at {record ?? throw new ArgumentNullException(nameof(record))}")
        => Record = record;

    /// <summary>Gets the record that could not be read.</summary>
    public MalformedRecord Record { get; }

    /// <summary>Gets the 1-based line the record starts on.</summary>
    public long Line => Record.Line;

    /// <summary>Gets the field at fault.</summary>
    /// <value>The field name, or <see langword="null"/> when the whole record is at fault.</value>
    public string? Field => Record.Field;
}
