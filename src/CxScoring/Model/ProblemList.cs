using System.Collections.ObjectModel;
using System.Text;

namespace CxScoring.Model;

/// <summary>The problem list shared by the exceptions of files checked with JSON paths and lines (model files, prices files).</summary>
internal static class ProblemList
{
    /// <summary>Copies the problems into a read-only list; at least one is required.</summary>
    /// <param name="problems">The problems.</param>
    /// <param name="exception">The exception's name for the message, e.g. "A scoring model exception".</param>
    /// <returns>The list.</returns>
    internal static ReadOnlyCollection<ModelProblem> Freeze(IEnumerable<ModelProblem> problems, string exception)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"{exception} needs at least one problem.", nameof(problems));
        }

        return list.AsReadOnly();
    }

    /// <summary>The message: what is invalid (naming the file when there is one), how many problems, then one line each.</summary>
    /// <param name="problems">The problems.</param>
    /// <param name="fileName">The file, or <see langword="null"/>.</param>
    /// <param name="invalid">The message's start without a file, e.g. "The scoring model is invalid".</param>
    /// <param name="file">The file's kind, named with it, e.g. "The scoring model file".</param>
    /// <returns>The message.</returns>
    internal static string Describe(IReadOnlyList<ModelProblem> problems, string? fileName, string invalid, string file)
    {
        var text = new StringBuilder();
        text.Append(fileName is null ? $"{invalid}: " : $"{file} '{fileName}' is invalid: ")
            .Append(problems.Count)
            .Append(problems.Count == 1 ? " problem." : " problems.");
        foreach (var problem in problems)
        {
            text.AppendLine().Append("  - ").Append(problem);
        }

        return text.ToString();
    }
}
