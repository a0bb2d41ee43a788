using System.Text;
using CxScoring.Reports.Html.Rendering;
using CxScoring.Scorecards;

namespace CxScoring.Reports.Html;

/// <summary>
/// Writes a <see cref="Scorecard"/> as one self-contained HTML file that works offline: a summary, a heat map of
/// touchpoints by journey stage, a Pareto chart of hotspots, owners along the journey, letter vs spirit per touchpoint,
/// zone shares per touchpoint, trends, the significance of changes (<see cref="ScorecardHtmlOptions.Comparison"/>, or
/// the last full trend period against the one before) and refusals by reason. Charts are Vega-Lite specifications drawn
/// by the inlined vega-embed bundle; each has a description and a data table that holds the same numbers.
/// </summary>
/// <remarks>The output depends only on the scorecard and the options (no clock is read), so the same input gives the same file. This type is stateless and safe to use from any number of threads.</remarks>
public static class ScorecardHtmlWriter
{
    /// <summary>Writes the report as text.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">Where to write the HTML; left open.</param>
    /// <param name="options">What to show; <see cref="ScorecardHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="ScorecardHtmlOptions.MaxHotspots"/> or <see cref="ScorecardHtmlOptions.MaxCostChanges"/> is negative or <see cref="ScorecardHtmlOptions.TrendPeriod"/> is not defined.</exception>
    /// <exception cref="ArgumentException">Thrown when <see cref="ScorecardHtmlOptions.TouchpointScorecards"/> names a touchpoint the scorecard's model does not define.</exception>
    public static void Write(Scorecard scorecard, TextWriter output, ScorecardHtmlOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(output);
        options ??= ScorecardHtmlOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxHotspots, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxCostChanges, nameof(options));
        if (!Enum.IsDefined(options.TrendPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TrendPeriod, "Not a report period.");
        }

        var view = ReportView.From(scorecard, options);
        HtmlDocument.Write(view, output);
    }

    /// <summary>Writes the report as UTF-8 (without a byte-order mark).</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="utf8Html">The stream to write to; left open.</param>
    /// <param name="options">What to show; <see cref="ScorecardHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="utf8Html"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="ScorecardHtmlOptions.MaxHotspots"/> or <see cref="ScorecardHtmlOptions.MaxCostChanges"/> is negative or <see cref="ScorecardHtmlOptions.TrendPeriod"/> is not defined.</exception>
    /// <exception cref="ArgumentException">Thrown when <see cref="ScorecardHtmlOptions.TouchpointScorecards"/> names a touchpoint the scorecard's model does not define.</exception>
    public static void Write(Scorecard scorecard, Stream utf8Html, ScorecardHtmlOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(utf8Html);
        using var writer = new StreamWriter(utf8Html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        Write(scorecard, writer, options);
    }

    /// <summary>Writes the report to a string.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="options">What to show; <see cref="ScorecardHtmlOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <see cref="ScorecardHtmlOptions.MaxHotspots"/> or <see cref="ScorecardHtmlOptions.MaxCostChanges"/> is negative or <see cref="ScorecardHtmlOptions.TrendPeriod"/> is not defined.</exception>
    /// <exception cref="ArgumentException">Thrown when <see cref="ScorecardHtmlOptions.TouchpointScorecards"/> names a touchpoint the scorecard's model does not define.</exception>
    public static string WriteToString(Scorecard scorecard, ScorecardHtmlOptions? options = null)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(scorecard, writer, options);
        return writer.ToString();
    }
}
