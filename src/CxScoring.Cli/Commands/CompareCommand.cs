using System.CommandLine;

namespace CxScoring.Cli.Commands;

/// <summary><c>cx compare A.json B.json</c>: not available until scorecards can be compared (significance of differences).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "The first scorecard JSON (cx score --json)." };
        var b = new Argument<string>("B") { Description = "The second scorecard JSON." };
        var command = new Command("compare", "Compare two scorecards (not available yet: exits with code 4).") { a, b };
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("cx: compare is not available in this version: the library cannot compare scorecards yet (Welch's t for means, two-proportion tests for shares). It will come with scorecard comparison.");
            return ExitCodes.NotAvailable;
        });
        return command;
    }
}
