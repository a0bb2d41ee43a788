using System.Globalization;
using CxScoring;
using CxScoring.Journeys;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.Dynamics;
using CxScoring.Journeys.Hotspots;
using CxScoring.Journeys.RollUps;
using CxScoring.Journeys.Scenarios;
using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;
using TelecomDemo;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The telecom demo: its model file and seeded, generated outcomes for 2,000 customers (offer → contract change →
// upgrade → first invoice, with complaints after some billing errors), plus one outcome the model refuses.
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var model = ScoringModelJson.LoadFile(Path.Combine(data, "model.json"));
var outcomes = TelecomDemoData.Generate(customers: 2_000).ToList();
outcomes.Add(new Outcome("cust-x", "shop", "satisfaction", 7, outcomes[0].ObservedAt)); // refused: no such touchpoint

// Score once; refusals are counted by reason, never dropped silently.
var scored = JourneyEventScorer.Score(model, outcomes);
Console.WriteLine($"{scored.ScoredCount} events scored, {scored.RejectedCount} refused ({string.Join(", ", scored.RejectedByReason.Select(r => $"{r.Key}: {r.Value}"))})");

// Journeys per engagement: "upgrade service" opens at the offer and runs for 30 local days in Berlin.
var upgrade = new EngagementDefinition(
    "upgrade-service",
    ["offer-email", "offer-chat", "contract-change-call", "upgrade-activation", "first-invoice", "complaint-email", "complaint-call", "complaint-letter"],
    EngagementWindow.OfLocalDays(60, DateTimeZoneProviders.Tzdb["Europe/Berlin"]),
    openingTouchpointIds: ["offer-email", "offer-chat"]);
var engagements = JourneyGrouping.ByEngagement(scored.Events, upgrade);
var first = RollUpAnalysis.Analyze(engagements[0].Events);
Console.WriteLine($"{engagements.Length} engagements; {engagements[0].CustomerId}: {first}");

// Expectation dynamics: a wow raises the bar for the next contact.
var dynamics = ExpectationDynamicsAnalysis.Analyze(scored.Events, model, new ExpectationDynamicsOptions { RateAfterDelight = 0.3, RateAfterShortfall = 0.1 });
var raised = dynamics.Drifts.Count(d => d.DesiredShift > 0);
Console.WriteLine($"mean score, static zones {RollUpAnalysis.Analyze(scored.Events).Mean:0.0000}; moving zones {RollUpAnalysis.Analyze(dynamics.Events).Mean:0.0000}; {raised} customers' bar raised");

// Hotspots: where to act first.
foreach (var hotspot in HotspotAnalysis.Analyze(scored.Events).Hotspots)
{
    Console.WriteLine($"  {hotspot}");
}

// Failure demand: complaint contacts after a shortfall within two weeks.
var cascades = CascadeAnalysis.Analyze(scored.Events, Duration.FromDays(14), contactTouchpointIds: ["complaint-email", "complaint-call", "complaint-letter"]);
Console.WriteLine($"{cascades.FollowOnShare:P0} of {cascades.ContactCount} complaint contacts follow a shortfall; top: {cascades.Cells.FirstOrDefault()}");

// Cost of gaps: handling cost per full gap of each measure, and revenue at risk from the host's churn curve.
var costs = GapCostAnalysis.Analyze(scored.Events, new GapCostOptions
{
    CostPerShortfall = new Dictionary<string, double> { ["bill-error"] = 40, ["phone-wait"] = 3, ["upgrade-on-time"] = 15, ["satisfaction"] = 10 },
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

// At engine speed: rows of the compiled plan (customer keys numbered by the caller), any arrival order.
var plan = ScoringPlan.Compile(model);
var keys = new Dictionary<string, long>(StringComparer.Ordinal);
var rows = outcomes.Select(o => plan.ToRow(o, keys.TryGetValue(o.CustomerId, out var k) ? k : keys[o.CustomerId] = keys.Count)).ToArray();
var journeys = new JourneyScorecardBuilder(plan, new JourneyScorecardOptions { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
journeys.Add(rows);
var card = journeys.Build();
Console.WriteLine($"journey scorecard: {card}; billing/disputes: peak-end below the zone {card.ByOwner["billing/disputes"].Get(RollUpKind.PeakEnd).BelowShare:P0}");

// Cascades as evidence: complaint contacts after a first-invoice shortfall against after a correct first invoice.
var complaints = new[] { "complaint-email", "complaint-call", "complaint-letter" };
var risks = CascadeRiskAnalysis.Analyze(plan, rows, new CascadeRiskOptions { ContactTouchpointIds = complaints });
if (risks.TryGet("first-invoice", "complaint-call", out var invoiceToCall))
{
    Console.WriteLine($"first-invoice → complaint-call: {invoiceToCall.Risk}");
}

// What non-compliance costs, and what a two-day promise for letters would change.
var prices = new NonComplianceCostOptions
{
    BreachPenaltyByPromise = new Dictionary<string, decimal> { ["letter-reply-5-working-days"] = 25m, ["phone-answer-5-minutes"] = 1m },
    CostPerShortfallUnit = new Dictionary<string, decimal> { ["bill-error"] = 40m },
    ContactCostByTouchpoint = new Dictionary<string, decimal> { ["complaint-call"] = 6m, ["complaint-email"] = 4m, ["complaint-letter"] = 9m },
    Cascades = new CascadeRiskOptions { ContactTouchpointIds = complaints },
    ChurnCurve = new ChurnResponseCurve(intercept: -2.5, slope: -6),
    RevenuePerCustomer = 480m,
};
var whatIf = WhatIfAnalysis.Analyze(model, WhatIfScenario.None.Named("letters in 2 days").WithPromiseLevel("letter-reply-5-working-days", Duration.FromDays(2).TotalSeconds), rows, prices);
var (before, after) = whatIf.ForPromise("letter-reply-5-working-days");
Console.WriteLine($"cost of non-compliance {whatIf.BaselineCost!.Total:0} EUR; letters in 2 days: setting gap {before.SettingGapMean:0.00} → {after.SettingGapMean:0.00}, cost change {whatIf.CostChange:+0;-0} EUR");
