using System.Globalization;

namespace CxScoring.Model;

/// <summary>One thing wrong with a scoring model: where it is and what is wrong.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ModelProblem : IEquatable<ModelProblem>
{
    /// <summary>Initializes a new instance of the <see cref="ModelProblem"/> class.</summary>
    /// <param name="path">Where the problem is: a JSON path such as <c>$.promises[2].measure</c>, or a model element such as <c>promise 'answer-48h'</c>.</param>
    /// <param name="message">What is wrong and, where it helps, how to fix it.</param>
    /// <param name="line">The 1-based line in the source file, when the model was read from one.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> or <paramref name="message"/> is empty.</exception>
    public ModelProblem(string path, string message, long? line = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Path = path;
        Message = message;
        Line = line;
    }

    /// <summary>Gets where the problem is.</summary>
    public string Path { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Message { get; }

    /// <summary>Gets the 1-based line in the source file.</summary>
    /// <value>The line, or <see langword="null"/> when the model was not read from a file.</value>
    public long? Line { get; }

    /// <inheritdoc/>
    public bool Equals(ModelProblem? other) => other is not null && Path == other.Path && Message == other.Message && Line == other.Line;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ModelProblem);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Message, Line);

    /// <inheritdoc/>
    public override string ToString()
        => Line is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{Path} (line {line}): {Message}")
            : $"{Path}: {Message}";
}
