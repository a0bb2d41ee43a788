using System.Collections.Concurrent;
using System.Reflection;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>The files embedded in the assembly: the chart libraries with their licences, the chart specifications, the style sheet and the script.</summary>
internal static class Assets
{
    /// <summary>The chart libraries in load order, with the versions recorded in <c>Vendor/README.md</c>.</summary>
    internal static readonly (string Name, string Version, string File)[] ChartLibraries =
    [
        ("vega", "6.4.0", "vega.min.js"),
        ("vega-lite", "6.5.0", "vega-lite.min.js"),
        ("vega-embed", "7.3.0", "vega-embed.min.js"),
    ];

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Gets an embedded file's text.</summary>
    /// <param name="file">The file name, such as <c>pareto.vl.json</c>.</param>
    /// <returns>The text.</returns>
    public static string Text(string file) => Cache.GetOrAdd(file, static name =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("CxScoring.Reports.Html." + name)
            ?? throw new InvalidOperationException($"The report asset '{name}' is missing from {typeof(Assets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Gets a chart library's script, without its trailing source-map comment (the map is not shipped).</summary>
    /// <param name="file">The file name.</param>
    /// <returns>The script.</returns>
    public static string Script(string file)
    {
        var text = Text(file).TrimEnd();
        var comment = text.LastIndexOf("\n//# sourceMappingURL=", StringComparison.Ordinal);
        return comment < 0 ? text : text[..comment];
    }

    /// <summary>Gets the version of this package, for the report's footer.</summary>
    public static string PackageVersion { get; } =
        typeof(Assets).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
