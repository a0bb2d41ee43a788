using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CxScoring.Reports.Html.Tests.Browser;

/// <summary>
/// Opens a report in headless Chromium (the Debian package, <c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>) and returns
/// the DOM after the charts are drawn, the errors the page logged, and a screenshot. Never downloads a browser.
/// </summary>
internal static partial class Chromium
{
    /// <summary>Captures console errors, uncaught errors and rejected promises in the page, into an attribute of the root element.</summary>
    private const string ErrorProbe = """
        <script>
        (function () {
          var errors = [];
          function keep(text) { errors.push(String(text)); document.documentElement.setAttribute('data-test-errors', JSON.stringify(errors)); }
          var error = console.error;
          console.error = function () { keep(Array.prototype.join.call(arguments, ' ')); return error.apply(console, arguments); };
          window.addEventListener('error', function (e) { keep('uncaught: ' + e.message); });
          window.addEventListener('unhandledrejection', function (e) { keep('unhandled rejection: ' + e.reason); });
        })();
        </script>
        """;

    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            if (!File.Exists(path))
            {
                Assert.Fail($"Chromium is not installed (looked for {path}); the report tests open the report in a real browser. Install it with `apt-get update && apt-get install -y chromium` (CI installs it), or set CHROMIUM_PATH.");
            }

            return path;
        }
    }

    public static RenderedPage Open(string html, string screenshotPath)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cx-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var page = System.IO.Path.Combine(folder, "report.html");
            File.WriteAllText(page, html.Replace("<head>\n", "<head>\n" + ErrorProbe, StringComparison.Ordinal));
            var url = new Uri(page).AbsoluteUri;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(screenshotPath)!);

            // One run dumps the DOM and takes the screenshot, both after the virtual-time budget let the charts draw.
            var (dom, log) = Run(folder, ["--dump-dom", $"--screenshot={screenshotPath}"], url);
            var errors = ErrorsAttribute().Match(dom) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : string.Empty;
            return new RenderedPage(dom, errors, log);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary profile is harmless.
            }
        }
    }

    private static (string Out, string Error) Run(string folder, string[] actions, string url)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={System.IO.Path.Combine(folder, "profile")}", "--virtual-time-budget=20000", "--window-size=1280,3400",
        }.Concat(actions).Append(url))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish {string.Join(' ', actions)} within 2 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {error.Result}");
        return (output.Result, error.Result);
    }

    [GeneratedRegex("data-test-errors=\"([^\"]*)\"")]
    private static partial Regex ErrorsAttribute();
}

/// <summary>The DOM of a page after it ran, what it logged as errors, and Chromium's log.</summary>
internal sealed partial record RenderedPage(string Dom, string Errors, string Log)
{
    /// <summary>Gets the markup of one chart's container: from its <c>data-chart</c> element to the next chart's.</summary>
    public string Chart(string name)
    {
        var start = Dom.IndexOf($"data-chart=\"{name}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no chart '{name}'.");
        var next = Dom.IndexOf("data-chart=\"", start + 12, StringComparison.Ordinal);
        return next < 0 ? Dom[start..] : Dom[start..next];
    }

    /// <summary>Counts the drawn items of a kind (Vega's aria-roledescription: bar, rect mark, line mark, point) in a chart.</summary>
    public int Count(string chart, string role) => Regex.Count(Chart(chart), $"aria-roledescription=\"{Regex.Escape(role)}\"");

    /// <summary>Gets the accessible labels of a chart's items of a kind, in drawing order.</summary>
    public IReadOnlyList<string> Labels(string chart, string role)
        => ItemLabel().Matches(Chart(chart)).Where(m => m.Groups[2].Value == role).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("aria-label=\"([^\"]*)\" role=\"graphics-symbol\" aria-roledescription=\"([^\"]*)\"")]
    private static partial Regex ItemLabel();
}
