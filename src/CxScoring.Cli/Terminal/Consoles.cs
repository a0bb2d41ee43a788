using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>The Spectre consoles of the tool: results on standard output, progress on standard error; plain text when redirected.</summary>
internal static class Consoles
{
    /// <summary>Gets a value indicating whether progress may be drawn: both outputs are a terminal that Spectre can redraw.</summary>
    public static bool CanShowProgress => !Console.IsOutputRedirected && !Console.IsErrorRedirected && Error.Profile.Capabilities.Interactive;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            // Redirected output has no window; wide enough for every column of the tables.
            console.Profile.Width = 160;
        }

        return console;
    }
}
