using CxScoring.Model;

namespace CxScoring.Arrow;

/// <summary>
/// Thrown when an Arrow IPC or Parquet file cannot be read as outcomes as a whole: a required column is missing, a
/// column has a type the format does not accept (the message names the column, the type found and the types
/// accepted), a column is named twice, or the file is not a readable Arrow or Parquet file. A single bad row is not
/// this: it is a malformed record (<see cref="OutcomeFiles.MalformedRecord"/>), counted with its row number.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ColumnarFormatException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="ColumnarFormatException"/> class.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public ColumnarFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ColumnarFormatException"/> class.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The reading library's own error.</param>
    public ColumnarFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
