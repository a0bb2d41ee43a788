using CxScoring.Cli.Input;
using CxScoring.Journeys.Scenarios;
using CxScoring.Reports.Html;

namespace CxScoring.Cli.Scenarios;

/// <summary><c>cx what-if --html FILE</c>: the what-ifs as one self-contained HTML page (<see cref="WhatIfHtmlWriter"/>, docs/report.md), with notes on the input.</summary>
internal static class WhatIfHtml
{
    public static void Write(IReadOnlyList<(WhatIfReport Report, ScenarioOptions Options)> whatIfs, IReadOnlyList<OutcomeSource> sources, InputSummary summary, string path)
    {
        var notes = new List<string> { $"Inputs: {string.Join(", ", sources.Select(s => s.Name))}." };
        notes.AddRange(summary.Lines().Select(l => l.Trim()));
        using var file = File.Create(path);
        WhatIfHtmlWriter.Write([.. whatIfs.Select(w => w.Report)], file, new WhatIfHtmlOptions { Notes = notes });
    }
}
