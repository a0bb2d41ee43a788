namespace CxScoring.Cli.Tests;

/// <summary><c>cx convert</c> and <c>cx score</c> on Arrow and Parquet files, run as a process.</summary>
public sealed class ColumnarCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ColumnarCommandTests()
    {
        var demo = CxRun.Run(_folder.Path, null, "demo", "demo", "--customers", "300");
        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("outcomes.parquet")]
    [InlineData("outcomes.arrow")]
    public void Convert_ThenScore_GivesTheScorecardOfTheNdjson(string converted)
    {
        // The demo has malformed records on purpose: they are left out and reported.
        var convert = CxRun.Run(_folder.Path, null, "convert", "demo/outcomes.ndjson", converted, "--batch-rows", "500", "--max-bad-rate", "1");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Matches(@"Wrote [\d,]+ outcomes to outcomes\.(parquet|arrow)", convert.Error);
        Assert.Contains("malformed and left out", convert.Error, StringComparison.Ordinal);

        var fromNdjson = CxRun.Run(_folder.Path, null, "score", "demo/model.json", "demo/outcomes.ndjson", "--json", "ndjson.json", "--max-bad-rate", "1");
        var fromColumnar = CxRun.Run(_folder.Path, null, "score", "demo/model.json", converted, "--json", "columnar.json", "--max-bad-rate", "1");

        Assert.True(fromNdjson.ExitCode == 0, fromNdjson.ToString());
        Assert.True(fromColumnar.ExitCode == 0, fromColumnar.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(_folder.Path, "ndjson.json")), File.ReadAllText(Path.Combine(_folder.Path, "columnar.json")));
        Assert.Contains("refused by the model", fromColumnar.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_FormatOptionOverridesTheExtension_ReadsArrow()
    {
        var convert = CxRun.Run(_folder.Path, null, "convert", "demo/outcomes.ndjson", "outcomes.arrow", "--max-bad-rate", "1");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        File.Move(Path.Combine(_folder.Path, "outcomes.arrow"), Path.Combine(_folder.Path, "outcomes.bin"));

        var run = CxRun.Run(_folder.Path, null, "score", "demo/model.json", "outcomes.bin", "--format", "arrow", "--max-bad-rate", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Score_CorruptParquet_ExitsOneNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "broken.parquet"), "not parquet at all");

        var run = CxRun.Run(_folder.Path, null, "score", "demo/model.json", "broken.parquet");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'broken.parquet' is not a Parquet file (it does not start and end with the bytes PAR1)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_UnknownOutputExtension_ExitsTwo()
    {
        var run = CxRun.Run(_folder.Path, null, "convert", "demo/outcomes.ndjson", "outcomes.txt");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(".arrow, .feather or .parquet", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_InstantBeyondTimestampNanoseconds_ExitsOneNamingTheLineAndLeavesNoFile()
    {
        var csv = _folder.File("o.csv", "customer,touchpoint,measure,value,observedAt\nc1,offer-chat,chat-wait,60,2025-05-01T10:00:00Z\nc2,offer-chat,chat-wait,60,2300-05-01T10:00:00Z\n");

        var run = CxRun.Run(_folder.Path, null, "convert", csv, "o.parquet");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("The outcome at line 3 of 'o.csv' cannot be written: observedAt 2300-05-01T10:00:00Z is outside timestamp[ns]", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "o.parquet")));
    }

    [Fact]
    public void Convert_ColumnarInput_ExitsTwo()
    {
        var run = CxRun.Run(_folder.Path, null, "convert", "outcomes.parquet", "outcomes.arrow");

        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void Gaps_ArrowInput_ExitsTwoSayingWhichCommandsReadIt()
    {
        var convert = CxRun.Run(_folder.Path, null, "convert", "demo/outcomes.ndjson", "outcomes.arrow", "--max-bad-rate", "1");
        Assert.True(convert.ExitCode == 0, convert.ToString());

        var run = CxRun.Run(_folder.Path, null, "gaps", "demo/model.json", "outcomes.arrow");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cx score, cx compare and cx what-if read Arrow and Parquet", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ParquetFromStandardInput_ExitsTwo()
    {
        var run = CxRun.Run(_folder.Path, string.Empty, "score", "demo/model.json", "-", "--format", "parquet");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not from standard input", run.Error, StringComparison.Ordinal);
    }
}
