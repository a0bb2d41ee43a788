using System.Collections.ObjectModel;
using System.Text;

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

    private ScoringModelException(ReadOnlyCollection<ModelProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Gets the problems found, in the order they were found.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }

    private static ReadOnlyCollection<ModelProblem> Freeze(IEnumerable<ModelProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A scoring model exception needs at least one problem.", nameof(problems));
        }

        return list.AsReadOnly();
    }

    private static string Describe(IReadOnlyList<ModelProblem> problems)
    {
        var text = new StringBuilder();
        text.Append("The scoring model is invalid: ")
            .Append(problems.Count)
            .Append(problems.Count == 1 ? " problem." : " problems.");
        foreach (var problem in problems)
        {
            text.AppendLine().Append("  - ").Append(problem);
        }

        return text.ToString();
    }
}
