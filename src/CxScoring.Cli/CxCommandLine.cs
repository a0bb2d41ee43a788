using System.CommandLine;
using System.CommandLine.Help;
using CxScoring.Cli.Commands;
using CxScoring.Model;
using CxScoring.OutcomeFiles;

namespace CxScoring.Cli;

/// <summary>The <c>cx</c> command tree, and the translation of failures into exit codes and messages.</summary>
internal static class CxCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            cx: score customer-experience expectation gaps with CxScoring.

            Try it in a minute:
              cx demo cx-demo
              cx score cx-demo/model.json cx-demo/outcomes.ndjson --html cx-demo/report.html

            """ + ExitCodes.Help);
        root.Add(ValidateCommand.Create());
        root.Add(ScoreCommand.Create());
        root.Add(GapsCommand.Create());
        root.Add(CompareCommand.Create());
        root.Add(WhatIfCommand.Create());
        root.Add(ConvertCommand.Create());
        root.Add(DemoCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"cx: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'cx --help' or 'cx <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"cx: {e.Message}");
            return e.ExitCode;
        }
        catch (ScoringModelException e)
        {
            await Console.Error.WriteLineAsync($"cx: the model is not valid ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"  {problem}");
            }

            return ExitCodes.InvalidInput;
        }
        catch (MalformedOutcomeException e)
        {
            await Console.Error.WriteLineAsync($"cx: the outcome file cannot be read: {e.Record}");
            return ExitCodes.InvalidInput;
        }
        catch (CxScoring.Arrow.ColumnarFormatException e)
        {
            await Console.Error.WriteLineAsync($"cx: the outcome file cannot be read: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"cx: {e.Message}");
            return ExitCodes.Unreadable;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cx: cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"cx: unexpected error, please report it: {e}");
            return ExitCodes.Unexpected;
        }
    }
}
