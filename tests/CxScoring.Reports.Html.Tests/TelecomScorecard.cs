using CxScoring.Model;
using CxScoring.Scorecards;
using NodaTime;
using TelecomDemo;

namespace CxScoring.Reports.Html.Tests;

/// <summary>The telecom demo scored the way <c>cx score --html</c> does: one scorecard per touchpoint, merged exactly into the total.</summary>
internal static class TelecomScorecard
{
    public static DateTimeZone Berlin { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static Scorecard Total => Demo.Value.Total;

    public static IReadOnlyDictionary<string, Scorecard> ByTouchpoint => Demo.Value.ByTouchpoint;

    public static ScoringModel Model { get; } = ScoringModelJson.LoadFile(ModelPath);

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Data", "telecom-model.json");

    private static Lazy<Scored> Demo { get; } = new(() => Score(Outcomes(), Model));

    /// <summary>Gets the telecom demo's prices file.</summary>
    public static string PricesPath => Path.Combine(AppContext.BaseDirectory, "Data", "telecom-prices.json");

    /// <summary>The demo's outcomes as rows of a plan of the model, customers numbered as they are met.</summary>
    public static CxScoring.Plans.OutcomeRow[] Rows(CxScoring.Plans.ScoringPlan plan)
    {
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        return [.. Outcomes().Select(o => plan.ToRow(o, keys.TryGetValue(o.CustomerId, out var k) ? k : keys[o.CustomerId] = keys.Count))];
    }

    /// <summary>The demo's outcomes (3,000 customers, with a few unscorable ones on purpose).</summary>
    public static IReadOnlyList<Outcome> Outcomes() => [.. TelecomDemoData.Generate(customers: 3_000, includeUnscorable: true)];

    /// <summary>Scores outcomes per touchpoint and merges the partitions into the total, days in Europe/Berlin.</summary>
    public static Scored Score(IEnumerable<Outcome> outcomes, ScoringModel model)
    {
        var engine = new ScoringEngine(model);
        var options = new ScorecardOptions { TimeZone = Berlin };
        var byTouchpoint = new Dictionary<string, Scorecard>(StringComparer.Ordinal);
        var unrouted = engine.CreateScorecardBuilder(options);
        foreach (var group in outcomes.GroupBy(o => o.TouchpointId, StringComparer.Ordinal))
        {
            var batch = group.ToArray();
            if (model.TryGetTouchpoint(group.Key, out _))
            {
                var builder = engine.CreateScorecardBuilder(options);
                engine.ScoreOutcomes(batch, builder);
                byTouchpoint.Add(group.Key, builder.Build());
            }
            else
            {
                engine.ScoreOutcomes(batch, unrouted);
            }
        }

        return new Scored(Scorecard.Merge(byTouchpoint.Values.Prepend(unrouted.Build())), byTouchpoint);
    }

    internal sealed record Scored(Scorecard Total, IReadOnlyDictionary<string, Scorecard> ByTouchpoint);
}
