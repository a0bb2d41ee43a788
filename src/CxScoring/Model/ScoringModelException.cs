using System.Collections.ObjectModel;

namespace CxScoring.Model;

/// <summary>
/// A scoring model is invalid. <see cref="Problems"/> lists every problem found, not only the first, each with
/// where it is; the message lists them too.
/// </summary>
/// <remarks>Instances are immutable once thrown and may be shared between threads.</remarks>
public sealed class ScoringModelException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="ScoringModelException"/> class.</summary>
    /// <param name="problems">The problems found; at least one.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="problems"/> is empty.</exception>
    public ScoringModelException(IEnumerable<ModelProblem> problems)
        : this(Freeze(problems))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringModelException"/> class for a model read from a file.</summary>
    /// <param name="problems">The problems found; at least one.</param>
    /// <param name="fileName">The file the model was read from, named in the message; <see langword="null"/> when it was not read from a file.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="problems"/> is empty.</exception>
    public ScoringModelException(IEnumerable<ModelProblem> problems, string? fileName)
        : this(Freeze(problems), fileName)
    {
    }

    private ScoringModelException(ReadOnlyCollection<ModelProblem> problems, string? fileName = null)
        : base(Describe(problems, fileName))
    {
        Problems = problems;
        FileName = fileName;
    }

    /// <summary>Gets the file the model was read from.</summary>
    /// <value>The path as given to <c>ScoringModelJson.LoadFile</c>, or <see langword="null"/> when the model was not read from a file.</value>
    public string? FileName { get; }

    /// <summary>Gets the problems found, in the order they were found.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }

    private static ReadOnlyCollection<ModelProblem> Freeze(IEnumerable<ModelProblem> problems) => ProblemList.Freeze(problems, "A scoring model exception");

    private static string Describe(IReadOnlyList<ModelProblem> problems, string? fileName) => ProblemList.Describe(problems, fileName, "The scoring model is invalid", "The scoring model file");
}
