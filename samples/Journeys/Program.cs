using System.Globalization;
using CxScoring.Journeys;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Dynamics;
using CxScoring.Journeys.Hotspots;
using CxScoring.Journeys.RollUps;
using CxScoring.Model;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// A small telecom model: one 9-point satisfaction measure scored at five touchpoints of an "upgrade service" journey.
var model = new ScoringModelBuilder("telecom-journeys")
    .AddMeasure(Measure.Rating("satisfaction", 9))
    .AddSegment(new Segment("consumer"))
    .AddSegment(new Segment("business"))
    .AddTouchpoint("offer", JourneyStage.Consideration, Channel.Web, weight: 1)
    .AddTouchpoint("contract-change", JourneyStage.Purchase, Channel.Web, weight: 2)
    .AddTouchpoint("upgrade", JourneyStage.Usage, Channel.FieldVisit, weight: 3)
    .AddTouchpoint("first-invoice", JourneyStage.Billing, Channel.Letter, weight: 2)
    .AddTouchpoint("hotline", JourneyStage.Support, Channel.Phone, weight: 1)
    .AddPromise(new Promise("advertised", "satisfaction", 7, PromiseSource.Advertising))
    .AddExpectation(new Expectation("satisfaction", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
    .AddExpectation(new Expectation("satisfaction", ExpectationLevel.Absolute(6), ExpectationLevel.Absolute(8), new Scope(segmentId: "business")))
    .Build();

// Seeded, generated outcomes: 200 customers walk the journey; a poor upgrade visit often brings a hotline call.
var random = new Random(42);
var start = Instant.FromUtc(2026, 3, 2, 8, 0);
var outcomes = new List<Outcome>();
for (var c = 0; c < 200; c++)
{
    var customer = $"cust-{c:000}";
    var segment = c % 4 == 0 ? "business" : "consumer";
    var at = start + Duration.FromHours(random.Next(0, 24 * 20));
    foreach (var (touchpoint, mean, gapDays) in new[] { ("offer", 7.0, 0), ("contract-change", 6.5, 2), ("upgrade", 5.5, 5), ("first-invoice", 6.0, 20) })
    {
        at += Duration.FromDays(gapDays) + Duration.FromHours(random.Next(0, 8));
        var value = Math.Clamp(Math.Round(mean + (random.NextDouble() * 4) - 2), 1, 9);
        outcomes.Add(new Outcome(customer, touchpoint, "satisfaction", value, at, segment));
        if (value < 5 && random.NextDouble() < 0.6)
        {
            outcomes.Add(new Outcome(customer, "hotline", "satisfaction", Math.Clamp(value + 2, 1, 9), at + Duration.FromHours(random.Next(2, 72)), segment));
        }
    }
}

outcomes.Add(new Outcome("cust-x", "shop", "satisfaction", 7, start)); // refused: no such touchpoint

// Score once; refusals are counted by reason, never dropped silently.
var scored = JourneyEventScorer.Score(model, outcomes);
Console.WriteLine($"{scored.ScoredCount} events scored, {scored.RefusedCount} refused ({string.Join(", ", scored.RefusedByReason.Select(r => $"{r.Key}: {r.Value}"))})");

// Journeys per engagement: "upgrade service" opens at the offer and runs for 30 local days in Berlin.
var upgrade = new EngagementDefinition(
    "upgrade-service",
    ["offer", "contract-change", "upgrade", "first-invoice", "hotline"],
    EngagementWindow.OfLocalDays(30, DateTimeZoneProviders.Tzdb["Europe/Berlin"]),
    openingTouchpointIds: ["offer"]);
var engagements = JourneyGrouping.ByEngagement(scored.Events, upgrade);
var first = JourneyRollUp.Of(engagements[0]);
Console.WriteLine($"{engagements.Length} engagements; {engagements[0].CustomerId}: {first}");

// Expectation dynamics: a wow raises the bar for the next contact.
var dynamics = ExpectationDynamics.Apply(scored.Events, new ExpectationDynamicsOptions { RateAfterDelight = 0.3, RateAfterShortfall = 0.1 }, model.FeltValue);
var raised = dynamics.Drifts.Count(d => d.DesiredShift > 0);
Console.WriteLine($"mean score, static zones {JourneyRollUp.Compute(scored.Events).Mean:0.0000}; moving zones {JourneyRollUp.Compute(dynamics.Events).Mean:0.0000}; {raised} customers' bar raised");

// Hotspots: where to act first.
foreach (var hotspot in HotspotRanking.Rank(scored.Events).Hotspots)
{
    Console.WriteLine($"  {hotspot}");
}

// Failure demand: hotline calls after a shortfall within a week.
var cascades = CascadeAnalysis.Analyze(scored.Events, Duration.FromDays(7), contactTouchpointIds: ["hotline"]);
Console.WriteLine($"{cascades.FollowOnShare:P0} of {cascades.ContactCount} hotline calls follow a shortfall; top: {cascades.Cells.FirstOrDefault()}");

// Cost of gaps: 25 EUR handling per full gap and revenue at risk from the host's churn curve.
var costs = GapCostCalculator.Compute(scored.Events, new GapCostOptions
{
    CostPerShortfall = new Dictionary<string, double> { ["satisfaction"] = 25 },
    ChurnCurve = new ChurnResponseCurve(intercept: -2.5, slope: -6),
    RevenuePerCustomer = 480,
    RevenueBySegment = new Dictionary<string, double> { ["business"] = 2400 },
});
Console.WriteLine($"shortfall cost {costs.TotalShortfallCost:0} EUR, revenue at risk from gaps {costs.TotalExcessRevenueAtRisk:0} EUR");
foreach (var line in costs.ByTouchpoint.Take(3))
{
    Console.WriteLine($"  {line}");
}

// Incremental: the tracker gives the batch roll-ups as events arrive.
var tracker = new JourneyTracker();
foreach (var e in scored.Events)
{
    tracker.Add(e);
}

tracker.TryGetRollUp(engagements[0].CustomerId, out var live);
Console.WriteLine($"tracked {tracker.CustomerCount} customers; {engagements[0].CustomerId} weighted mean {live!.WeightedMean:0.000}");
