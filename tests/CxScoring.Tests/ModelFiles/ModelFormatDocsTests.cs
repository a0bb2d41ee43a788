using System.Text.Json;
using System.Text.RegularExpressions;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.ModelFiles;

public class ModelFormatDocsTests
{
    public static TheoryData<int> JsonExamples()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Examples().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonExamples))]
    public void DocsExample_Loads_WithoutProblems(int index)
    {
        var model = ScoringModelJson.Parse(Examples()[index]);
        ScoringModelJsonTests.AssertEqualModels(model, ScoringModelJson.Parse(ScoringModelJson.ToJson(model)));
    }

    [Fact]
    public void Docs_HaveAMinimalAndACompleteExample()
        => Assert.True(Examples().Count >= 2);

    [Fact]
    public void Schema_EnumerationsMatchTheLibrary()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs", "model.schema.json")));
        var defs = schema.RootElement.GetProperty("$defs");
        Assert.Equal(Camel<JourneyStage>(), Enum(defs, "stage"));
        Assert.Equal(Camel<PromiseSource>(), Enum(defs, "source"));
        Assert.Equal(Camel<Polarity>(), Enum(defs, "polarity"));
        Assert.Equal(Camel<MeasureSource>(), Enum(defs, "measureSource"));
        var kinds = defs.GetProperty("measure").GetProperty("oneOf").EnumerateArray()
            .Select(m => m.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
        Assert.Equal(Camel<MeasureKind>(), kinds);
        Assert.Equal(
            Enumerable.Range(1, ScoringModelJson.SchemaVersion),
            schema.RootElement.GetProperty("properties").GetProperty("schemaVersion").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
    }

    private static List<string> Examples()
        => [.. Regex.Matches(File.ReadAllText(RepositoryFiles.PathOf("docs", "model-format.md")), "```json\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    private static IEnumerable<string?> Enum(JsonElement defs, string name)
        => defs.GetProperty(name).GetProperty("enum").EnumerateArray().Select(e => e.GetString());

    private static IEnumerable<string?> Camel<T>()
        where T : struct, Enum
        => System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);
}
