using System.Collections.ObjectModel;
using CxScoring.Model;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// Thrown when a scenario file (<see cref="WhatIfScenarioJson"/>) is not valid: it lists every problem found, each
/// with its JSON path and line, as a model file's and a prices file's problems are listed.
/// </summary>
/// <remarks>Instances are immutable once thrown and safe to read from any thread.</remarks>
public sealed class ScenarioFileException : CxScoringException
{
    /// <summary>Initializes a new instance of the <see cref="ScenarioFileException"/> class.</summary>
    /// <param name="problems">The problems found; at least one.</param>
    /// <param name="fileName">The file the scenarios were read from, named in the message; <see langword="null"/> when they were not read from a file.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="problems"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="problems"/> is empty.</exception>
    public ScenarioFileException(IEnumerable<ModelProblem> problems, string? fileName = null)
        : this(ProblemList.Freeze(problems, "A scenario file exception"), fileName)
    {
    }

    private ScenarioFileException(ReadOnlyCollection<ModelProblem> problems, string? fileName)
        : base(ProblemList.Describe(problems, fileName, "The scenarios are invalid", "The scenario file"))
    {
        Problems = problems;
        FileName = fileName;
    }

    /// <summary>Gets the file the scenarios were read from.</summary>
    /// <value>The path as given to <see cref="WhatIfScenarioJson.LoadFile"/>, or <see langword="null"/> when the scenarios were not read from a file.</value>
    public string? FileName { get; }

    /// <summary>Gets the problems found, by line.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }
}
