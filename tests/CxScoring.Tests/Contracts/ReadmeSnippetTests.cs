using System.Text.RegularExpressions;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Contracts;

/// <summary>
/// The README's C# snippets are taken from the samples, which build with the solution: the statements of each snippet
/// must appear, as written and in the same order, in one sample, so that a snippet cannot drift from code that compiles.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public void EveryReadmeSnippet_AppearsInOrderInOneSample()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var samples = Directory.EnumerateFiles(RepositoryFiles.PathOf("samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Name: Path.GetRelativePath(RepositoryFiles.Root, f), Lines: File.ReadLines(f).Select(Statement).Where(l => l.Length > 0).ToList()))
            .ToList();

        var snippets = Snippet().Matches(readme);
        Assert.NotEmpty(snippets);
        var missing = new List<string>();
        for (var i = 0; i < snippets.Count; i++)
        {
            var lines = snippets[i].Groups[1].Value.Split('\n').Select(Statement).Where(l => l.Length > 0).ToList();
            if (!samples.Any(sample => InOrder(lines, sample.Lines)))
            {
                var best = samples.MaxBy(sample => lines.Count(sample.Lines.Contains));
                missing.Add($"snippet {i + 1} (closest: {best.Name}): " + string.Join(" | ", lines.Where(l => !best.Lines.Contains(l))));
            }
        }

        Assert.True(missing.Count == 0, "README C# snippets not found, in order, in any one sample (samples/**/*.cs):\n" + string.Join('\n', missing));
    }

    // Whether the lines appear in the sample in the same order (other lines may come between them).
    private static bool InOrder(List<string> lines, List<string> sample)
    {
        var at = 0;
        foreach (var line in lines)
        {
            at = sample.IndexOf(line, at);
            if (at < 0)
            {
                return false;
            }

            at++;
        }

        return true;
    }

    // A line without its indentation and trailing comment; a using directive or a comment alone counts as empty, since
    // the README names its usings in words or beside the code.
    private static string Statement(string line)
    {
        var text = line.Trim();
        var comment = text.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0 && !text[..comment].Contains('"', StringComparison.Ordinal))
        {
            text = text[..comment].TrimEnd();
        }

        return text.StartsWith("using ", StringComparison.Ordinal) && text.EndsWith(';') && !text.Contains('=', StringComparison.Ordinal) ? string.Empty : text;
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();
}
