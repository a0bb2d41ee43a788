using System.CommandLine;
using CxScoring.Cli.Terminal;
using Spectre.Console;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx demo [FOLDER]</c>: writes the telecom demo model and generated outcomes to try every command.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "Where to write model.json and outcomes.ndjson.", DefaultValueFactory = _ => "cx-demo" };
        var customers = new Option<int>("--customers") { Description = "How many customers to generate (about ten outcomes each).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "The random seed; the same seed gives the same outcomes.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Write the telecom demo (a model of a contract upgrade journey and ~100k generated outcomes, a few malformed or unscorable on purpose) to a folder.") { folder, customers, seed };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(folder);
            var count = parse.GetValue(customers);
            if (count < 0)
            {
                throw new CliException(ExitCodes.Usage, "--customers must not be negative.");
            }

            var lines = CxLibrary.WriteDemo(path, count, parse.GetValue(seed));
            var model = Path.Combine(path, "model.json");
            var outcomes = Path.Combine(path, "outcomes.ndjson");
            Consoles.Out.MarkupLine(Markup.Escape($"Wrote {model} and {outcomes} ({lines:N0} lines). Next:"));
            Consoles.Out.MarkupLine(Markup.Escape($"  cx validate {model}"));
            Consoles.Out.MarkupLine(Markup.Escape($"  cx score {model} {outcomes} --time-zone Europe/Berlin --html {Path.Combine(path, "report.html")}"));
            Consoles.Out.MarkupLine(Markup.Escape($"  cx gaps {model} {outcomes} --output {Path.Combine(path, "gaps.ndjson")}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
