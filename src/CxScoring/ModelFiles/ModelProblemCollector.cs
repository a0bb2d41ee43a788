using System.Globalization;
using CxScoring.Model;

namespace CxScoring.ModelFiles;

/// <summary>
/// Collects the problems found in one model file: the first <see cref="MaxProblems"/> are kept with their path,
/// line and message; the rest are only counted, so that a hostile file costs no more memory than a bad one.
/// </summary>
internal sealed class ModelProblemCollector
{
    /// <summary>The most problems listed in one <see cref="ScoringModelException"/>; the rest are only counted.</summary>
    internal const int MaxProblems = 200;

    private readonly List<ModelProblem> _problems = [];
    private int _unlisted;

    /// <summary>Gets a value indicating whether any problem was found, listed or not.</summary>
    internal bool Any => _problems.Count > 0 || _unlisted > 0;

    /// <summary>Gets a value indicating whether no more problems will be listed (further ones are only counted).</summary>
    internal bool IsFull => _problems.Count >= MaxProblems;

    /// <summary>Gets how many more problems may still be listed.</summary>
    internal int Room => Math.Max(0, MaxProblems - _problems.Count);

    /// <summary>Lists a problem, or counts it when the list is full.</summary>
    internal void Add(string path, long? line, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new ModelProblem(path, message, line));
        }
        else
        {
            _unlisted++;
        }
    }

    /// <summary>Counts problems that are not listed.</summary>
    internal void CountUnlisted(int count) => _unlisted += count;

    /// <summary>Forgets every problem found so far.</summary>
    internal void Clear()
    {
        _problems.Clear();
        _unlisted = 0;
    }

    /// <summary>The exception listing the problems by line, with a last line counting those not listed.</summary>
    internal ScoringModelException ToException() => new(Listed());

    /// <summary>The problems by line, with a last line counting those not listed.</summary>
    internal List<ModelProblem> Listed()
    {
        var problems = _problems.OrderBy(p => p.Line ?? long.MaxValue).ToList();
        if (_unlisted > 0)
        {
            problems.Add(new ModelProblem("$", string.Create(CultureInfo.InvariantCulture, $"…and {_unlisted} more problems, not listed; fix the ones above first."), null));
        }

        return problems;
    }
}
