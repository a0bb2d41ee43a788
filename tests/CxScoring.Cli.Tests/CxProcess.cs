using System.Diagnostics;

namespace CxScoring.Cli.Tests;

/// <summary>Runs the built tool as a separate process, with standard input, output and error redirected.</summary>
public sealed record CxRun(int ExitCode, string Out, string Error)
{
    public static string Tool { get; } = Path.Combine(AppContext.BaseDirectory, "cx.dll");

    public static string TelecomModel { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json");

    public static CxRun Run(string workingDirectory, string? standardInput, params string[] args)
    {
        Assert.True(File.Exists(Tool), $"The tool was not built next to the tests: {Tool}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"cx {string.Join(' ', args)} did not finish within 2 minutes.");
        }

        return new CxRun(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>A fresh folder per test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cx-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>The library's own path to an NDJSON file's rows: read with the NDJSON reader, customers numbered as met.</summary>
public static class LibraryRows
{
    public static string TelecomPrices { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "telecom-prices.json");

    public static async Task<CxScoring.Plans.OutcomeRow[]> ReadNdjsonAsync(CxScoring.Plans.ScoringPlan plan, string outcomesPath)
    {
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<CxScoring.Plans.OutcomeRow>();
        await using var stream = System.IO.File.OpenRead(outcomesPath);
        var reader = new CxScoring.OutcomeFiles.NdjsonOutcomeReader(stream, new CxScoring.OutcomeFiles.OutcomeReaderOptions { Policy = CxScoring.OutcomeFiles.MalformedRecordPolicy.CollectAndContinue });
        await foreach (var o in reader.ReadAllAsync())
        {
            rows.Add(plan.ToRow(o, keys.TryGetValue(o.CustomerId, out var k) ? k : keys[o.CustomerId] = keys.Count));
        }

        return [.. rows];
    }
}
