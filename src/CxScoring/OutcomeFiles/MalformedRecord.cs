using System.Globalization;

namespace CxScoring.OutcomeFiles;

/// <summary>A record an outcome reader could not read: where it is and what is wrong with it.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class MalformedRecord
{
    /// <summary>Initializes a new instance of the <see cref="MalformedRecord"/> class.</summary>
    /// <param name="line">The 1-based line the record starts on.</param>
    /// <param name="field">The field at fault, or <see langword="null"/> when the record as a whole is (not JSON, too long, wrong number of columns).</param>
    /// <param name="message">What is wrong.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="line"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="message"/> is empty.</exception>
    public MalformedRecord(long line, string? field, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Line = line;
        Field = field;
        Message = message;
    }

    /// <summary>Gets the 1-based line the record starts on.</summary>
    public long Line { get; }

    /// <summary>Gets the field at fault.</summary>
    /// <value>The field name as the format spells it (<c>observedAt</c>), or <see langword="null"/> when the whole record is at fault.</value>
    public string? Field { get; }

    /// <summary>Gets what is wrong with the record.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString()
        => Field is null
            ? string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Message}")
            : string.Create(CultureInfo.InvariantCulture, $"line {Line}, field '{Field}': {Message}");
}
