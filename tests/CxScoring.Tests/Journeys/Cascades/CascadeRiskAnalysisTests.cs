using CxScoring.Journeys.Cascades;
using CxScoring.Model;
using CxScoring.Plans;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Journeys.Cascades;

public class CascadeRiskAnalysisTests
{
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(JourneyFixtures.Model);

    private static OutcomeRow Row(long customer, string touchpoint, double value, double hours)
        => Plan.ToRow(new Outcome($"c{customer}", touchpoint, "sat", value, JourneyFixtures.Base + Duration.FromHours(hours)), customer);

    [Fact]
    public void Analyze_HandCountedTable_GivesTheTwoByTwoCounts()
    {
        // Invoices (zone 5..8): a shortfall is a rating below 5. Hotline contacts within 14 days follow them.
        OutcomeRow[] rows =
        [
            Row(1, "invoice", 2, 0), Row(1, "hotline", 6, 24),          // shortfall, followed
            Row(2, "invoice", 3, 0), Row(2, "hotline", 6, 24 * 20),     // shortfall, hotline too late
            Row(3, "invoice", 4, 0), Row(3, "hotline", 6, 5), Row(3, "hotline", 7, 6), // shortfall, followed (B counted once)
            Row(4, "invoice", 7, 0), Row(4, "hotline", 6, 48),          // fine, followed
            Row(5, "invoice", 6, 0),                                    // fine, not followed
            Row(6, "invoice", 6, 0),                                    // fine, not followed
            Row(7, "hotline", 6, 0), Row(7, "invoice", 2, 0),           // same instant: not a follow-on
        ];
        var report = CascadeRiskAnalysis.Analyze(Plan, rows, new CascadeRiskOptions { ContactTouchpointIds = ["hotline"] });
        Assert.True(report.TryGet("invoice", "hotline", out var pair));
        Assert.Equal(2, pair.Risk.ExposedEvents);
        Assert.Equal(4, pair.Risk.ExposedCount);
        Assert.Equal(1, pair.Risk.UnexposedEvents);
        Assert.Equal(3, pair.Risk.UnexposedCount);
        Assert.Equal(0.5 / (1.0 / 3), pair.Risk.Estimate, 1e-12);
        Assert.Equal(2 - (4 * (1.0 / 3)), pair.ExcessFollowOns, 1e-12);
        Assert.Equal(rows.Length, report.Received);
        Assert.Equal(rows.Length, report.ContactCount);

        // Hotline → hotline (repeat contact) for customer 3.
        Assert.True(report.TryGet("hotline", "hotline", out var repeat));
        Assert.Equal(1, repeat.Risk.UnexposedEvents);
        Assert.False(report.TryGet("offer", "hotline", out _));
    }

    [Fact]
    public void Analyze_EarlyStage_PoolsEarlyShortfallsAgainstEarlyContactsThatWentWell()
    {
        OutcomeRow[] rows =
        [
            Row(1, "offer", 2, 0), Row(1, "hotline", 6, 10),
            Row(2, "contract", 2, 0), Row(2, "hotline", 6, 10),
            Row(3, "offer", 7, 0),
            Row(4, "contract", 7, 0), Row(4, "hotline", 6, 10),
            Row(5, "invoice", 2, 0), Row(5, "hotline", 6, 10), // billing is not early
        ];
        var report = CascadeRiskAnalysis.Analyze(Plan, rows, new CascadeRiskOptions { ContactTouchpointIds = ["hotline"] });
        Assert.Equal(2, report.EarlyStage.ExposedEvents);
        Assert.Equal(2, report.EarlyStage.ExposedCount);
        Assert.Equal(1, report.EarlyStage.UnexposedEvents);
        Assert.Equal(2, report.EarlyStage.UnexposedCount);
    }

    [Fact]
    public void Analyze_SeveralMeasuresAtOneContact_AreOneContactAndAShortfallIfAnyFellShort()
    {
        var model = new ScoringModelBuilder("two-measures")
            .AddMeasure(Measure.Rating("sat", 9))
            .AddMeasure(Measure.Rating("ease", 9))
            .AddTouchpoint("invoice", JourneyStage.Billing, Channel.Letter)
            .AddTouchpoint("hotline", JourneyStage.Support, Channel.Phone)
            .AddExpectation(new Expectation("sat", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
            .AddExpectation(new Expectation("ease", ExpectationLevel.Absolute(5), ExpectationLevel.Absolute(8)))
            .AddPromise(new Promise("p1", "sat", 5, PromiseSource.Implicit))
            .AddPromise(new Promise("p2", "ease", 5, PromiseSource.Implicit))
            .Build();
        var plan = ScoringPlan.Compile(model);
        var at = JourneyFixtures.Base;
        OutcomeRow[] rows =
        [
            plan.ToRow(new Outcome("c", "invoice", "sat", 7, at), 1),
            plan.ToRow(new Outcome("c", "invoice", "ease", 2, at), 1),
            plan.ToRow(new Outcome("c", "hotline", "sat", 7, at + Duration.FromHours(1)), 1),
        ];
        var report = CascadeRiskAnalysis.Analyze(plan, rows, new CascadeRiskOptions { ContactTouchpointIds = ["hotline"] });
        Assert.Equal(2, report.ContactCount);
        Assert.True(report.TryGet("invoice", "hotline", out var pair));
        Assert.Equal(1, pair.Risk.ExposedCount);
        Assert.Equal(0, pair.Risk.UnexposedCount);
    }

    [Property(MaxTest = 100)]
    public void Analyze_AnyArrivalOrder_SameReport(int seed)
    {
        var rows = JourneyFixtureRows(seed);
        var shuffled = (OutcomeRow[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        var a = CascadeRiskAnalysis.Analyze(Plan, rows);
        var b = CascadeRiskAnalysis.Analyze(Plan, shuffled);
        Assert.Equal(a.ContactCount, b.ContactCount);
        Assert.Equal(a.EarlyStage, b.EarlyStage);
        Assert.Equal(a.Pairs.Select(p => (p.FromTouchpointId, p.ToTouchpointId, p.Risk)), b.Pairs.Select(p => (p.FromTouchpointId, p.ToTouchpointId, p.Risk)));
    }

    [Property(MaxTest = 150)]
    public void Analyze_EqualsTheReferencePath_InAnyOrder(int seed)
    {
        // Counting sort by customer and a backward scan per journey against a sort of all contacts and a forward scan.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var options = JourneyPassFixtures.Prices.Cascades;
        var zone = JourneyPassFixtures.Prices.TimeZone;
        var reference = JourneyPassFixtures.Cascades(CascadeRiskReference.AnalyzeBySorting(JourneyPassFixtures.Plan, rows, options, zone));
        var shuffled = (OutcomeRow[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        Assert.Equal(reference, JourneyPassFixtures.Cascades(CascadeRiskAnalysis.Analyze(JourneyPassFixtures.Plan, rows, options, zone)));
        Assert.Equal(reference, JourneyPassFixtures.Cascades(CascadeRiskAnalysis.Analyze(JourneyPassFixtures.Plan, shuffled, options, zone)));

        // Every touchpoint a contact touchpoint (the default).
        Assert.Equal(
            JourneyPassFixtures.Cascades(CascadeRiskReference.AnalyzeBySorting(JourneyPassFixtures.Plan, rows, null, DateTimeZone.Utc)),
            JourneyPassFixtures.Cascades(CascadeRiskAnalysis.Analyze(JourneyPassFixtures.Plan, shuffled)));
    }

    [Property(MaxTest = 100)]
    public void Analyze_ShortfallsCountedPerMonthInSmallBatches_EqualsTheReferencePath(int seed)
    {
        // Shortfall contacts wait in a buffer before their months are counted: any buffer size, even one contact, gives the same report.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var options = JourneyPassFixtures.Prices.Cascades;
        var zone = JourneyPassFixtures.Prices.TimeZone;
        var reference = JourneyPassFixtures.Cascades(CascadeRiskReference.AnalyzeBySorting(JourneyPassFixtures.Plan, rows, options, zone));
        foreach (var pending in (int[])[1, 2, 7])
        {
            Assert.Equal(reference, JourneyPassFixtures.Cascades(CascadeRiskAnalysis.Analyze(JourneyPassFixtures.Plan, rows, options, zone, pending)));
        }
    }

    [Property(MaxTest = 100)]
    public void Analyze_ShortJourneysPairwiseOrSorted_EqualsTheReferencePath(int seed)
    {
        // A journey is counted pairwise up to a length and sorted and scanned beyond it: every journey one way or the
        // other, or split at any length, gives the reference report (equal instants, one contact of several rows, rows
        // exactly the window apart, and every touchpoint a contact touchpoint included).
        var rows = JourneyPassFixtures.RandomRows(seed);
        var zone = JourneyPassFixtures.Prices.TimeZone;
        foreach (var options in (CascadeRiskOptions?[])[JourneyPassFixtures.Prices.Cascades, null])
        {
            var reference = JourneyPassFixtures.Cascades(CascadeRiskReference.AnalyzeBySorting(JourneyPassFixtures.Plan, rows, options, zone));
            foreach (var limit in (int[])[0, 1, 5, CascadeCounter.PairwiseLimit, int.MaxValue])
            {
                Assert.Equal(reference, JourneyPassFixtures.Cascades(CascadeRiskAnalysis.Analyze(JourneyPassFixtures.Plan, rows, options, zone, CascadeCounter.PendingCapacity, limit)));
            }
        }
    }

    [Property(MaxTest = 100)]
    public void Analyze_Counts_FollowedNeverExceedTheirGroups(int seed)
    {
        var report = CascadeRiskAnalysis.Analyze(Plan, JourneyFixtureRows(seed));
        foreach (var pair in report.Pairs)
        {
            Assert.InRange(pair.Risk.ExposedEvents, 0, pair.Risk.ExposedCount);
            Assert.InRange(pair.Risk.UnexposedEvents, 0, pair.Risk.UnexposedCount);
            Assert.True(pair.Risk.ExposedEvents + pair.Risk.UnexposedEvents > 0);
        }

        Assert.True(report.ContactCount <= report.Scored);
    }

    [Fact]
    public void Analyze_InvalidArguments_NameTheParameter()
    {
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => CascadeRiskAnalysis.Analyze(null!, [])).ParamName);
        var window = Assert.Throws<ArgumentOutOfRangeException>(() => CascadeRiskAnalysis.Analyze(Plan, [], new CascadeRiskOptions { Window = Duration.Zero }));
        Assert.Equal("options", window.ParamName);
        Assert.Contains("CascadeRiskOptions.Window", window.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => CascadeRiskAnalysis.Analyze(Plan, [], new CascadeRiskOptions { ContactTouchpointIds = ["shop"] }));
        Assert.Equal("options", unknown.ParamName);
        Assert.Contains("'shop'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => CascadeRiskAnalysis.Analyze(Plan, [], new CascadeRiskOptions { Z = double.NaN })).ParamName);
    }

    private static OutcomeRow[] JourneyFixtureRows(int seed)
    {
        var random = new Random(seed);
        var rows = new OutcomeRow[random.Next(1, 150)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Row(random.Next(8), JourneyFixtures.TouchpointIds[random.Next(5)], random.Next(1, 10), random.Next(0, 24 * 30 / 6) * 6);
        }

        return rows;
    }
}
