using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.Costs;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Tests.TestSupport;
using NodaTime;
using TelecomDemo;

namespace CxScoring.Tests.Journeys.Costs;

public class NonComplianceCostJsonTests
{
    private static readonly ScoringModel Model = ScoringModelJson.LoadFile(RepositoryFiles.PathOf("samples", "data", "telecom", "model.json"));
    private static readonly string PricesPath = RepositoryFiles.PathOf("samples", "data", "telecom", "prices.json");

    private static readonly NonComplianceCostOptions HandBuilt = new()
    {
        Currency = "EUR",
        TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"],
        BreachPenaltyByPromise = new Dictionary<string, decimal>
        {
            ["letter-reply-5-working-days"] = 25m, ["email-reply-48h"] = 5m, ["phone-answer-5-minutes"] = 1m, ["upgrade-by-17-next-day"] = 10m, ["bill-matches-offer"] = 15m,
        },
        CostPerShortfallUnit = new Dictionary<string, decimal> { ["bill-error"] = 40m, ["reply-time"] = 8m, ["phone-wait"] = 2m },
        ContactCostByTouchpoint = new Dictionary<string, decimal> { ["complaint-email"] = 4m, ["complaint-call"] = 6m, ["complaint-letter"] = 9m },
        Cascades = new CascadeRiskOptions { Window = Duration.FromDays(14), ContactTouchpointIds = ["complaint-email", "complaint-call", "complaint-letter"] },
        RevenuePerCustomer = 480m,
        RevenueBySegment = new Dictionary<string, decimal> { ["consumer"] = 420m, ["business"] = 1800m },
        ChurnCurve = new ChurnResponseCurve(-2.5, -6),
    };

    [Fact]
    public void LoadFile_TelecomPrices_EqualsHandBuiltOptions()
    {
        var loaded = NonComplianceCostJson.LoadFile(PricesPath, Model);

        Assert.Equal(HandBuilt.Currency, loaded.Currency);
        Assert.Equal(HandBuilt.TimeZone, loaded.TimeZone);
        Assert.Equal(HandBuilt.TimeZone, loaded.Journeys.TimeZone);
        Assert.Equal(HandBuilt.BreachPenaltyByPromise, loaded.BreachPenaltyByPromise);
        Assert.Equal(HandBuilt.CostPerShortfallUnit, loaded.CostPerShortfallUnit);
        Assert.Equal(HandBuilt.ContactCostByTouchpoint, loaded.ContactCostByTouchpoint);
        Assert.Equal(HandBuilt.Cascades.Window, loaded.Cascades.Window);
        Assert.Equal(HandBuilt.Cascades.ContactTouchpointIds, loaded.Cascades.ContactTouchpointIds);
        Assert.Equal(HandBuilt.RevenuePerCustomer, loaded.RevenuePerCustomer);
        Assert.Equal(HandBuilt.RevenueBySegment, loaded.RevenueBySegment);
        Assert.Equal(HandBuilt.ChurnCurve, loaded.ChurnCurve);
    }

    [Fact]
    public void LoadFile_TelecomPrices_PricesTheDemoAsTheHandBuiltOptionsDo()
    {
        var plan = ScoringPlan.Compile(Model);
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        OutcomeRow[] rows = [.. TelecomDemoData.Generate(1_000, seed: 7).Select(o => plan.ToRow(o, keys.TryGetValue(o.CustomerId, out var k) ? k : keys[o.CustomerId] = keys.Count))];

        var fromFile = NonComplianceCostAnalysis.Analyze(plan, rows, NonComplianceCostJson.LoadFile(PricesPath, Model));
        var byHand = NonComplianceCostAnalysis.Analyze(plan, rows, HandBuilt);

        Assert.True(fromFile.Total > 0);
        Assert.Equal(byHand.Total, fromFile.Total);
        Assert.Equal(byHand.ByKind, fromFile.ByKind);
        Assert.Equal(byHand.ByMonth, fromFile.ByMonth);
        Assert.Equal("EUR", fromFile.Currency);
    }

    [Fact]
    public void Parse_MinimalFile_GivesDefaults()
    {
        var options = NonComplianceCostJson.Parse("""{ "schemaVersion": 1, "currency": "USD" }""", Model);

        Assert.Equal("USD", options.Currency);
        Assert.Equal(DateTimeZone.Utc, options.TimeZone);
        Assert.Empty(options.BreachPenaltyByPromise);
        Assert.Null(options.ChurnCurve);
        Assert.Equal(0m, options.RevenuePerCustomer);
        Assert.Equal(CascadeRiskOptions.Default.Window, options.Cascades.Window);
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 1, "currency": "EUR", "breachPenalties": { "leter-reply-5-working-days": 25 } }""", "$.breachPenalties['leter-reply-5-working-days']", 1, "did you mean 'letter-reply-5-working-days'? Known promises:")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"shortfallRates\": { \"no-such-measure\": 3 } }", "$.shortfallRates['no-such-measure']", 2, "The model defines no measure 'no-such-measure'; known measures: chat-wait, phone-wait")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n\n  \"contactCosts\": { \"complaint-call\": -6 } }", "$.contactCosts['complaint-call']", 3, "negative; amounts must be at least 0")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"cascades\": { \"window\": \"14 days\" } }", "$.cascades.window", 2, "'14 days' is not a valid duration")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"cascades\": { \"contactTouchpoints\": [\"complaint-cal\"] } }", "$.cascades.contactTouchpoints[0]", 2, "did you mean 'complaint-call'?")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"revenue\": { \"bySegment\": { \"private\": 400 } } }", "$.revenue.bySegment.private", 2, "known segments: consumer, business")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"timeZone\": \"Europe/Berlim\" }", "$.timeZone", 2, "'Europe/Berlim' is not a known IANA time zone id")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"churnCurve\": { \"intercept\": -2.5 } }", "$.churnCurve.slope", 2, "Missing required property 'slope'")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"contactCost\": {} }", "$.contactCost", 2, "Unknown property 'contactCost'; did you mean 'contactCosts'?")]
    [InlineData("{ \"schemaVersion\": 1, \"currency\": \"EUR\",\n  \"revenue\": { \"perCustomer\": \"480\" } }", "$.revenue.perCustomer", 2, "Expected an amount (a number of at least 0); found a string")]
    [InlineData("{ \"schemaVersion\": 1 }", "$.currency", 1, "Missing required property 'currency'")]
    [InlineData("{ \"schemaVersion\": 2, \"currency\": \"EUR\" }", "$.schemaVersion", 1, "Unsupported schemaVersion 2")]
    [InlineData("{ \"schemaVersion\": 1,\n  \"currency\": \"EUR\",, }", "$", 2, "not valid JSON")]
    public void Parse_BadFile_NamesPathAndLine(string json, string path, long line, string message)
    {
        var ex = Assert.Throws<PricesFileException>(() => NonComplianceCostJson.Parse(json, Model));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOneByLine()
    {
        const string json = "{\n \"schemaVersion\": 1,\n \"currency\": 3,\n \"breachPenalties\": { \"nope\": 1 },\n \"shortfallRates\": { \"bill-error\": -1 }\n}";

        var ex = Assert.Throws<PricesFileException>(() => NonComplianceCostJson.Parse(json, Model));

        Assert.Equal([3L, 4L, 5L], ex.Problems.Select(p => p.Line ?? 0).ToArray());
    }

    [Fact]
    public void LoadFile_BadFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1 }");
        try
        {
            var ex = Assert.Throws<PricesFileException>(() => NonComplianceCostJson.LoadFile(path, Model));
            Assert.Equal(path, ex.FileName);
            Assert.Contains($"The prices file '{path}' is invalid", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_NullArguments_NameTheParameter()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => NonComplianceCostJson.Parse((string)null!, Model)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => NonComplianceCostJson.Parse("{}", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => NonComplianceCostJson.LoadFile(" ", Model)).ParamName);
    }
}
