using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Journeys.RollUps;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Tests.Journeys;

/// <summary>
/// A model and random rows that reach every branch of the journey passes over rows: fast cells and general-path
/// cells (a promise that changes during the period, per-row promised levels and request instants), three polarities,
/// segments, owners, rejected rows, equal instants across touchpoints and measures, follow-ons exactly at the window's
/// edge, month boundaries in a zone with daylight saving, and customer keys anywhere in the range of a long.
/// </summary>
internal static class JourneyPassFixtures
{
    internal static readonly Instant Start = Instant.FromUtc(2026, 1, 20, 0, 0);

    internal static readonly ScoringModel Model = new ScoringModelBuilder("journey-pass")
        .AddMeasure(Measure.Rating("sat", 9))
        .AddMeasure(Measure.Duration("wait", Duration.FromMinutes(10)))
        .AddMeasure(Measure.Number("temperature", 2, Polarity.NearerToTargetIsBetter, "°C", 20))
        .AddSegment(new Segment("consumer"))
        .AddSegment(new Segment("business"))
        .AddTouchpoint(new Touchpoint("offer", JourneyStage.Consideration, Channel.Web, 1.0, owner: "sales"))
        .AddTouchpoint(new Touchpoint("contract", JourneyStage.Onboarding, Channel.Web, 2.5, owner: "sales/contracts"))
        .AddTouchpoint(new Touchpoint("repair", JourneyStage.Usage, Channel.FieldVisit, 3.0, owner: "service"))
        .AddTouchpoint(new Touchpoint("chat", JourneyStage.Support, Channel.Chat, 1.0))
        .AddTouchpoint(new Touchpoint("hotline", JourneyStage.Support, Channel.Phone, 1.5, owner: "service/care"))
        .AddPromise(new Promise("sat-promise", "sat", 6, PromiseSource.Advertising))
        .AddPromise(new Promise("wait-old", "wait", 600, PromiseSource.Contract, new Interval(null, Start + Duration.FromDays(40))))
        .AddPromise(new Promise("wait-new", "wait", 240, PromiseSource.Contract, new Interval(Start + Duration.FromDays(40), null)))
        .AddPromise(new Promise("temperature-promise", "temperature", 20.5, PromiseSource.Implicit))
        .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
        .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(900), ExpectationLevel.Absolute(120)))
        .AddExpectation(new Expectation("temperature", ExpectationLevel.Absolute(21.5), ExpectationLevel.Absolute(20.25)))
        .Build();

    internal static readonly ScoringPlan Plan = ScoringPlan.Compile(Model);

    internal static readonly NonComplianceCostOptions Prices = new()
    {
        BreachPenaltyByPromise = new Dictionary<string, decimal> { ["sat-promise"] = 10m, ["wait-new"] = 3m, ["temperature-promise"] = 1.25m },
        CostPerShortfallUnit = new Dictionary<string, decimal> { ["sat"] = 40m, ["wait"] = 7.5m, ["temperature"] = 2m },
        ContactCostByTouchpoint = new Dictionary<string, decimal> { ["hotline"] = 6.5m, ["chat"] = 2m },
        Cascades = new CascadeRiskOptions { ContactTouchpointIds = ["hotline", "chat"], Window = Duration.FromDays(14) },
        ChurnCurve = new ChurnResponseCurve(-2.5, -6),
        RevenuePerCustomer = 480m,
        RevenueBySegment = new Dictionary<string, decimal> { ["business"] = 2400m },
        Journeys = new JourneyScorecardOptions { AsOf = Start + Duration.FromDays(90), TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] },
        TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"],
    };

    /// <summary>Random rows from a seed: a few customers with many rows each, or many with few.</summary>
    internal static OutcomeRow[] RandomRows(int seed)
    {
        var random = new Random(seed);
        var customerKeys = new long[random.Next(1, 40)];
        for (var c = 0; c < customerKeys.Length; c++)
        {
            customerKeys[c] = random.Next(4) switch { 0 => c, 1 => -c - 1, 2 => long.MaxValue - c, _ => random.NextInt64(long.MinValue, long.MaxValue) };
        }

        var rows = new OutcomeRow[random.Next(0, 400)];
        var start = UnixTime.ToNanoseconds(Start);
        var hour = 3_600_000_000_000L;
        for (var i = 0; i < rows.Length; i++)
        {
            // Instants on a 6-hour grid (many equal instants), now and then 14 days to the nanosecond after another grid point.
            var time = start + (random.Next(0, 4 * 80) * 6 * hour) + (random.Next(6) == 0 ? 14 * 24 * hour : 0) + (random.Next(10) == 0 ? 1 : 0);
            var touchpoint = random.Next(40) == 0 ? 9 : random.Next(5);
            var measure = random.Next(3);
            var value = measure switch
            {
                0 => random.Next(1, 10),
                1 => Math.Round(random.NextDouble() * 1800, 1),
                _ => 17 + Math.Round(random.NextDouble() * 6, 2),
            };
            value = random.Next(50) switch { 0 => double.NaN, 1 => -5, _ => value };
            var row = new OutcomeRow(touchpoint, measure, value, time, random.Next(3) - 1, customerKeys[random.Next(customerKeys.Length)]);
            row = random.Next(12) switch
            {
                0 => row.WithRequestedAt(time - (random.Next(0, 30 * 24) * hour)),
                1 when measure == 0 => row.WithPromisedLevel(random.Next(4, 8)),
                _ => row,
            };
            rows[i] = row;
        }

        return rows;
    }

    /// <summary>Everything a cost report says, as comparable values.</summary>
    internal static object Content(NonComplianceCostReport report)
        => (string.Join('\n', report.Lines.Select(Line)), report.Total, report.Unowned, Cascades(report.Cascades));

    /// <summary>Everything a cascade report says, as comparable values.</summary>
    internal static string Cascades(CascadeRiskReport report)
        => string.Join(
            '\n',
            [$"{report.Received} {report.Scored} {report.ContactCount} {report.Window} {Risk(report.EarlyStage)}",
             .. report.Pairs.Select(p => $"{p.FromTouchpointId}>{p.ToTouchpointId} {Risk(p.Risk)}"),
             .. report.ShortfallsByMonth.OrderBy(x => x.Key.Touchpoint).ThenBy(x => x.Key.Month).Select(x => $"{x.Key.Touchpoint} {x.Key.Month} {x.Value}")]);

    private static string Line(NonComplianceCostLine l)
        => $"{l.Kind} {l.TouchpointId} {l.Owner} {l.PromiseId} {l.SegmentId} {l.Month} {l.Quantity} {l.UnitCost} {l.Amount} {l.FollowOnTouchpointId}";

    private static string Risk(RelativeRisk r)
        => FormattableString.Invariant($"{r.ExposedEvents}/{r.ExposedCount} {r.UnexposedEvents}/{r.UnexposedCount} {r.Estimate:R} {r.Lower:R} {r.Upper:R} {r.ContinuityCorrected}");
}
