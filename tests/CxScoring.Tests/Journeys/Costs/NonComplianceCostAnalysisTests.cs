using CxScoring.Journeys;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Plans;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys.Costs;

public class NonComplianceCostAnalysisTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(JourneyFixtures.Model);

    private static readonly NonComplianceCostOptions Prices = new()
    {
        BreachPenaltyByPromise = new Dictionary<string, decimal> { ["sat-promise"] = 10m },
        CostPerShortfallUnit = new Dictionary<string, decimal> { ["sat"] = 40m },
        ContactCostByTouchpoint = new Dictionary<string, decimal> { ["hotline"] = 6.5m },
        Cascades = new CascadeRiskOptions { ContactTouchpointIds = ["hotline"] },
        ChurnCurve = new ChurnResponseCurve(-2.5, -6),
        RevenuePerCustomer = 480m,
        RevenueBySegment = new Dictionary<string, decimal> { ["business"] = 2400m },
    };

    private static OutcomeRow Row(long customer, string touchpoint, double value, double hours, string? segment = null)
        => Plan.ToRow(new Outcome($"c{customer}", touchpoint, "sat", value, JourneyFixtures.Base + Duration.FromHours(hours), segment), customer);

    [Fact]
    public void Analyze_OneBrokenShortfall_PricesEachLineFromItsInputs()
    {
        // Rating 1 on the 9-point scale (zone 5..8, scale 8, promise 6): adequacy −0.5, promise gap −0.625, score −0.5.
        // Churn curve a = −2.5, b = −6 (hand-worked, docs/sources.md): p(−0.5) = 0.622459, p(0) = 0.075858, excess 0.546601.
        var report = NonComplianceCostAnalysis.Analyze(Plan, [Row(1, "invoice", 1, 0)], Prices);
        var breach = Assert.Single(report.Lines, l => l.Kind == NonComplianceCostKind.BreachPenalty);
        Assert.Equal(("invoice", "sat-promise", 1m, 10m, 10m), (breach.TouchpointId, breach.PromiseId, breach.Quantity, breach.UnitCost, breach.Amount));
        var shortfall = Assert.Single(report.Lines, l => l.Kind == NonComplianceCostKind.Shortfall);
        Assert.Equal((0.5m, 40m, 20m), (shortfall.Quantity, shortfall.UnitCost, shortfall.Amount));
        var risk = Assert.Single(report.Lines, l => l.Kind == NonComplianceCostKind.RevenueAtRisk);
        Assert.Equal(0.546601, (double)risk.Quantity, 1e-6);
        Assert.Equal(262.3686, (double)risk.Amount, 1e-3);
        Assert.Equal(new LocalDate(2026, 3, 1), risk.Month);
        Assert.Equal(report.Total, report.Unowned);
        Assert.Equal(1, report.Journeys.Total.CustomerCount);
    }

    [Fact]
    public void Analyze_CascadeThatIsEvidence_PricesTheExcessFollowOnsOnly()
    {
        // 20 invoices with a shortfall, 15 followed by a hotline call; 40 without, 4 followed: RR 7.5, interval above 1.
        var rows = new List<OutcomeRow>();
        for (var c = 0; c < 60; c++)
        {
            var shortfall = c < 20;
            rows.Add(Row(c, "invoice", shortfall ? 2 : 7, 0));
            if ((shortfall && c < 15) || (!shortfall && c < 24))
            {
                rows.Add(Row(c, "hotline", 6, 30));
            }
        }

        var report = NonComplianceCostAnalysis.Analyze(Plan, rows.ToArray(), Prices);
        Assert.True(report.Cascades.TryGet("invoice", "hotline", out var pair));
        Assert.True(pair.Risk.ExcludesOne);
        var followOn = Assert.Single(report.Lines, l => l.Kind == NonComplianceCostKind.FollowOnContacts);
        Assert.Equal("hotline", followOn.FollowOnTouchpointId);
        Assert.Equal(20 * ((15 / 20.0) - (4 / 40.0)), (double)followOn.Quantity, 1e-9);
        Assert.Equal(followOn.Quantity * 6.5m, followOn.Amount);
    }

    [Property(MaxTest = 60)]
    public void Analyze_Lines_SumToTheTotalsEveryWayTheyAreGrouped(int seed)
    {
        var report = NonComplianceCostAnalysis.Analyze(Plan, RandomRows(seed), Prices);
        var sum = report.Lines.Sum(l => l.Amount);
        Assert.Equal(sum, report.Total);
        Assert.Equal(sum, report.ByKind.Values.Sum());
        Assert.Equal(sum, report.ByTouchpoint.Values.Sum());
        Assert.Equal(sum, report.ByMonth.Values.Sum());
        Assert.Equal(sum, report.ByOwner.Values.Sum() + report.Unowned);
        Assert.Equal(report.Lines.Where(l => l.PromiseId is not null).Sum(l => l.Amount), report.ByPromise.Values.Sum());
        Assert.All(report.Lines, l => Assert.Equal(Math.Round(l.Quantity * l.UnitCost, 6, MidpointRounding.ToEven), l.Amount));
    }

    [Property(MaxTest = 60)]
    public void Analyze_AnyArrivalOrder_SameLines(int seed)
    {
        var rows = RandomRows(seed);
        var shuffled = (OutcomeRow[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        var a = NonComplianceCostAnalysis.Analyze(Plan, rows, Prices);
        var b = NonComplianceCostAnalysis.Analyze(Plan, shuffled, Prices);
        Assert.Equal(a.Lines.Select(l => l.ToString()), b.Lines.Select(l => l.ToString()));
        Assert.Equal(a.Total, b.Total);
        Assert.Equal(a.Journeys, b.Journeys);
    }

    [Property(MaxTest = 150)]
    public void Analyze_EqualsTheReferencePath_InAnyOrder(int seed)
    {
        // The one pass (row kernel, dense customer ordinals, counting sort) against the general path (TryScore per row,
        // a dictionary of customer states, a sort of the contacts), on rows in their order and shuffled.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var reference = NonComplianceCostReference.AnalyzeByRow(JourneyPassFixtures.Plan, rows, JourneyPassFixtures.Prices);
        var shuffled = (OutcomeRow[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        foreach (var input in new[] { rows, shuffled })
        {
            var fast = NonComplianceCostAnalysis.Analyze(JourneyPassFixtures.Plan, input, JourneyPassFixtures.Prices);
            Assert.Equal(JourneyPassFixtures.Content(reference), JourneyPassFixtures.Content(fast));
            Assert.Equal(reference.Journeys, fast.Journeys);
            Assert.Equal(rows.Length, fast.Journeys.Received);
        }
    }

    [Property(MaxTest = 60)]
    public void Analyze_EqualsTheReferencePath_WhenTheInstantsSpanTooLongForPackedMoments(int seed)
    {
        // One scored row 40 years after the others: the pass's partitions then hold 32-byte moments instead of 24-byte
        // ones (CustomerRowsTests checks which), and the report is still the reference path's.
        var rows = JourneyPassFixtures.RandomRows(seed).ToList();
        var later = UnixTime.ToNanoseconds(JourneyPassFixtures.Start) + (40 * 365L * 24 * 3_600_000_000_000L);
        rows.Add(new OutcomeRow(1, 0, 2, later, OutcomeRow.NoSegment, rows.Count > 0 ? rows[0].CustomerKey : 3));
        var input = rows.ToArray();
        var none = default(NoScoredRowSink);
        Assert.False(CustomerRows.Build(JourneyPassFixtures.Plan, input, ref none).IsPacked);
        var reference = NonComplianceCostReference.AnalyzeByRow(JourneyPassFixtures.Plan, input, JourneyPassFixtures.Prices);
        var fast = NonComplianceCostAnalysis.Analyze(JourneyPassFixtures.Plan, input, JourneyPassFixtures.Prices);
        Assert.Equal(JourneyPassFixtures.Content(reference), JourneyPassFixtures.Content(fast));
        Assert.Equal(reference.Journeys, fast.Journeys);
    }

    [Fact]
    public void Analyze_EqualsTheReferencePath_OnRowsSpreadOverManyPartitions()
    {
        // Enough rows and customers for the pass to spread them over several partitions (CustomerRows.MomentsPerPartition).
        var random = new Random(7);
        var rows = new OutcomeRow[60_000];
        var start = UnixTime.ToNanoseconds(JourneyPassFixtures.Start);
        for (var i = 0; i < rows.Length; i++)
        {
            var measure = random.Next(3);
            var value = measure switch { 0 => random.Next(1, 10), 1 => random.Next(0, 1800), _ => 17 + random.Next(0, 7) };
            var key = random.Next(6_000) * (random.Next(2) == 0 ? 1L : -1L << 33);
            rows[i] = new OutcomeRow(random.Next(5), measure, value, start + (random.Next(0, 4 * 200) * 6 * 3_600_000_000_000L), random.Next(3) - 1, key);
        }

        var reference = NonComplianceCostReference.AnalyzeByRow(JourneyPassFixtures.Plan, rows, JourneyPassFixtures.Prices);
        var fast = NonComplianceCostAnalysis.Analyze(JourneyPassFixtures.Plan, rows, JourneyPassFixtures.Prices);
        Assert.Equal(JourneyPassFixtures.Content(reference), JourneyPassFixtures.Content(fast));
        Assert.Equal(reference.Journeys, fast.Journeys);
        Assert.True(fast.Journeys.Total.CustomerCount > 6_000);
    }

    [Property(MaxTest = 60)]
    public void Analyze_EqualsTheReferencePath_OnTheJourneyFixtures(int seed)
    {
        var rows = RandomRows(seed);
        Assert.Equal(JourneyPassFixtures.Content(NonComplianceCostReference.AnalyzeByRow(Plan, rows, Prices)), JourneyPassFixtures.Content(NonComplianceCostAnalysis.Analyze(Plan, rows, Prices)));
        Assert.Equal(NonComplianceCostReference.AnalyzeByRow(Plan, rows, Prices).Journeys, NonComplianceCostAnalysis.Analyze(Plan, rows, Prices).Journeys);
    }

    [Fact]
    public void Analyze_InvalidArguments_NameTheParameterAndTheProperty()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => NonComplianceCostAnalysis.Analyze(Plan, [], null!)).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => NonComplianceCostAnalysis.Analyze(null!, [], Prices)).ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => NonComplianceCostAnalysis.Analyze(Plan, [], new NonComplianceCostOptions { BreachPenaltyByPromise = new Dictionary<string, decimal> { ["nope"] = 1m } }));
        Assert.Equal("options", unknown.ParamName);
        Assert.Contains("BreachPenaltyByPromise names promise 'nope'", unknown.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => NonComplianceCostAnalysis.Analyze(Plan, [], new NonComplianceCostOptions { CostPerShortfallUnit = new Dictionary<string, decimal> { ["sat"] = -1m } }));
        Assert.Contains("NonComplianceCostOptions.CostPerShortfallUnit['sat']", negative.Message, StringComparison.Ordinal);
        var recency = Assert.Throws<ArgumentException>(() => NonComplianceCostAnalysis.Analyze(Plan, [], new NonComplianceCostOptions { ChurnCurve = new ChurnResponseCurve(0, -1), JourneyScore = CxScoring.Journeys.RollUps.RollUpKind.RecencyWeighted }));
        Assert.Contains("AsOf", recency.Message, StringComparison.Ordinal);
    }

    private static OutcomeRow[] RandomRows(int seed)
    {
        var random = new Random(seed);
        string?[] segments = [null, "consumer", "business"];
        var rows = new OutcomeRow[random.Next(1, 200)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Row(random.Next(15), JourneyFixtures.TouchpointIds[random.Next(5)], Math.Round(1 + (random.NextDouble() * 8), 2), random.Next(0, 24 * 60), segments[random.Next(3)]);
        }

        return rows;
    }
}
