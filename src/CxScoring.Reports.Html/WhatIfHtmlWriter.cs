using System.Text;
using CxScoring.Journeys.Scenarios;
using CxScoring.Reports.Html.Rendering;

namespace CxScoring.Reports.Html;

/// <summary>
/// Writes what-ifs (<see cref="WhatIfAnalysis.Analyze"/>) scored against one baseline as one self-contained HTML file
/// that works offline, with the scorecard report's styles, chart libraries and accessibility: the scenarios side by side
/// over all outcomes, then per scenario the promises moved (level and verdict, baseline → scenario), the zone and
/// letter-vs-spirit shares of all outcomes and of every touchpoint the scenario changes (a chart of the zone shares with
/// a description, and a table of every figure with its change) and, when priced, the cost of non-compliance by kind.
/// </summary>
/// <remarks>The output depends only on the what-ifs and the options (no clock is read), so the same input gives the same file. This type is stateless and safe to use from any number of threads.</remarks>
public static class WhatIfHtmlWriter
{
    /// <summary>Writes the page as text.</summary>
    /// <param name="whatIfs">The what-ifs, in the order to show them; each analysed with the same baseline model over the same outcomes.</param>
    /// <param name="output">Where to write the HTML; left open.</param>
    /// <param name="options">What to show; <see cref="WhatIfHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="whatIfs"/>, one of them, or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="whatIfs"/> is empty, or its what-ifs have different baselines (another model, or other outcomes), or some are priced and others not.</exception>
    public static void Write(IReadOnlyList<WhatIfReport> whatIfs, TextWriter output, WhatIfHtmlOptions? options)
    {
        ArgumentNullException.ThrowIfNull(whatIfs);
        ArgumentNullException.ThrowIfNull(output);
        if (whatIfs.Count == 0)
        {
            throw new ArgumentException("Give at least one what-if.", nameof(whatIfs));
        }

        for (var i = 0; i < whatIfs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(whatIfs[i], nameof(whatIfs));
            var (first, other) = (whatIfs[0], whatIfs[i]);
            if (!ReferenceEquals(first.Baseline.Plan.Model, other.Baseline.Plan.Model) || !first.Baseline.Total.Equals(other.Baseline.Total))
            {
                throw new ArgumentException($"What-if {i} ('{other.Scenario.Name}') has another baseline than what-if 0 ('{first.Scenario.Name}'): analyse every scenario with the same model object over the same outcomes.", nameof(whatIfs));
            }

            if ((first.BaselineCost is null) != (other.BaselineCost is null))
            {
                throw new ArgumentException($"What-if {i} ('{other.Scenario.Name}') is {(other.BaselineCost is null ? "not " : string.Empty)}priced and what-if 0 ('{first.Scenario.Name}') is {(first.BaselineCost is null ? "not" : "priced")}: price all or none.", nameof(whatIfs));
            }
        }

        WhatIfDocument.Write(whatIfs, options ?? WhatIfHtmlOptions.Default, output);
    }

    /// <summary>Writes the page as UTF-8 (without a byte-order mark).</summary>
    /// <param name="whatIfs">The what-ifs, in the order to show them; each analysed with the same baseline model over the same outcomes.</param>
    /// <param name="utf8Html">The stream to write to; left open.</param>
    /// <param name="options">What to show; <see cref="WhatIfHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="whatIfs"/>, one of them, or <paramref name="utf8Html"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown as <see cref="Write(IReadOnlyList{WhatIfReport}, TextWriter, WhatIfHtmlOptions?)"/> does.</exception>
    public static void Write(IReadOnlyList<WhatIfReport> whatIfs, Stream utf8Html, WhatIfHtmlOptions? options)
    {
        ArgumentNullException.ThrowIfNull(whatIfs);
        ArgumentNullException.ThrowIfNull(utf8Html);
        using var writer = new StreamWriter(utf8Html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        Write(whatIfs, writer, options);
    }

    /// <summary>Writes the page to a string.</summary>
    /// <param name="whatIfs">The what-ifs, in the order to show them; each analysed with the same baseline model over the same outcomes.</param>
    /// <param name="options">What to show; <see cref="WhatIfHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="whatIfs"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown as <see cref="Write(IReadOnlyList{WhatIfReport}, TextWriter, WhatIfHtmlOptions?)"/> does.</exception>
    public static string WriteToString(IReadOnlyList<WhatIfReport> whatIfs, WhatIfHtmlOptions? options = null)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(whatIfs, writer, options);
        return writer.ToString();
    }
}
