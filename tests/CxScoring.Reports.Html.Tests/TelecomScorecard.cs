using CxScoring.Model;
using CxScoring.Scorecards;
using NodaTime;
using TelecomDemo;

namespace CxScoring.Reports.Html.Tests;

/// <summary>The telecom demo scored the way <c>cx score --html</c> does: one scorecard per touchpoint, merged exactly into the total.</summary>
internal static class TelecomScorecard
{
    private static readonly Lazy<(Scorecard Total, IReadOnlyDictionary<string, Scorecard> ByTouchpoint)> Scored = new(Score);

    public static Scorecard Total => Scored.Value.Total;

    public static IReadOnlyDictionary<string, Scorecard> ByTouchpoint => Scored.Value.ByTouchpoint;

    public static ScoringModel Model { get; } = ScoringModelJson.LoadFile(Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json"));

    private static (Scorecard, IReadOnlyDictionary<string, Scorecard>) Score()
    {
        var engine = new ScoringEngine(Model);
        var options = new ScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        var byTouchpoint = new Dictionary<string, Scorecard>(StringComparer.Ordinal);
        var unrouted = engine.CreateScorecardBuilder(options);
        foreach (var group in TelecomDemoData.Generate(customers: 3_000, includeUnscorable: true).GroupBy(o => o.TouchpointId, StringComparer.Ordinal))
        {
            var outcomes = group.ToArray();
            if (Model.TryGetTouchpoint(group.Key, out _))
            {
                var builder = engine.CreateScorecardBuilder(options);
                engine.ScoreOutcomes(outcomes, builder);
                byTouchpoint.Add(group.Key, builder.Build());
            }
            else
            {
                engine.ScoreOutcomes(outcomes, unrouted);
            }
        }

        return (Scorecard.Merge(byTouchpoint.Values.Prepend(unrouted.Build())), byTouchpoint);
    }
}
