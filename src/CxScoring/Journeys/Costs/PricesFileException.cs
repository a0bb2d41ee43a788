using System.Collections.ObjectModel;
using CxScoring.Model;

namespace CxScoring.Journeys.Costs;

/// <summary>
/// Thrown when a prices file (<see cref="NonComplianceCostJson"/>) is not valid: it lists every problem found, each
/// with its JSON path and line, as a model file's problems are listed.
/// </summary>
/// <remarks>Instances are immutable once thrown and safe to read from any thread.</remarks>
public sealed class PricesFileException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="PricesFileException"/> class.</summary>
    /// <param name="problems">The problems found; at least one.</param>
    /// <param name="fileName">The file the prices were read from, named in the message; <see langword="null"/> when they were not read from a file.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="problems"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="problems"/> is empty.</exception>
    public PricesFileException(IEnumerable<ModelProblem> problems, string? fileName = null)
        : this(Freeze(problems), fileName)
    {
    }

    private PricesFileException(ReadOnlyCollection<ModelProblem> problems, string? fileName)
        : base(Describe(problems, fileName))
    {
        Problems = problems;
        FileName = fileName;
    }

    /// <summary>Gets the file the prices were read from.</summary>
    /// <value>The path as given to <see cref="NonComplianceCostJson.LoadFile"/>, or <see langword="null"/> when the prices were not read from a file.</value>
    public string? FileName { get; }

    /// <summary>Gets the problems found, by line.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }

    private static ReadOnlyCollection<ModelProblem> Freeze(IEnumerable<ModelProblem> problems) => ProblemList.Freeze(problems, "A prices file exception");

    private static string Describe(IReadOnlyList<ModelProblem> problems, string? fileName) => ProblemList.Describe(problems, fileName, "The prices are invalid", "The prices file");
}
