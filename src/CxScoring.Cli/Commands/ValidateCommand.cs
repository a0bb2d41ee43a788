using System.CommandLine;
using CxScoring.Cli.Terminal;
using Spectre.Console;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx validate MODEL</c>: loads a model file and lists every problem with its JSON path and line.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var command = new Command("validate", "Check a model file: every problem is listed with its JSON path and line; exit code 1 when there is any. A valid model whose state leaves every outcome of a measure unscorable (expectations but no promise, or promises but no expectation) gets a warning naming the measure and its JSON path; exit code 0.") { model };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(model);
            var loaded = CxLibrary.LoadModel(path);
            Consoles.Out.MarkupLine(Markup.Escape($"{path}: valid {CxLibrary.Describe(loaded)}."));
            foreach (var warning in CxLibrary.Warnings(loaded))
            {
                Console.Error.WriteLine($"cx: warning: {path}: {warning}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
