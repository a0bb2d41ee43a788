using System.Text.RegularExpressions;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Contracts;

/// <summary>
/// The README's C# snippets are taken from the samples, which build with the solution: every statement of every snippet
/// must appear, as written, in some sample, so that a snippet cannot drift from code that compiles.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public void EveryReadmeSnippetLine_AppearsInASample()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var samples = Directory.EnumerateFiles(RepositoryFiles.PathOf("samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(Statement)
            .ToHashSet(StringComparer.Ordinal);

        var snippets = Snippet().Matches(readme);
        Assert.NotEmpty(snippets);
        var missing = snippets
            .SelectMany((m, i) => m.Groups[1].Value.Split('\n').Select(line => (Snippet: i + 1, Line: Statement(line))))
            .Where(p => p.Line.Length > 0 && !samples.Contains(p.Line))
            .Select(p => $"snippet {p.Snippet}: {p.Line}")
            .ToList();

        Assert.True(missing.Count == 0, "README C# lines found in no sample (samples/**/*.cs):\n" + string.Join('\n', missing));
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
