using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CxScoring.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace WebApi.Tests;

/// <summary>The sample API over HTTP: a fresh host per test, so the scorecards start empty.</summary>
public sealed class OutcomesEndpointTests : IDisposable
{
    // The telecom demo model: a chat agent is promised within 2 minutes (until July 2025); customers accept up to
    // 3 minutes more and hope for 1; a full gap is 5 minutes. Written complaints: accepted within 48 h, hoped within 24 h.
    private const string Chat240 = """{"customer":"c1","touchpoint":"offer-chat","measure":"chat-wait","value":240,"observedAt":"2025-04-02T09:00:00Z"}""";
    private const string Chat420 = """{"customer":"c2","touchpoint":"offer-chat","measure":"chat-wait","value":"PT7M","observedAt":"2025-04-02T09:05:00Z"}""";
    private const string Letter = """{"customer":"c3","touchpoint":"complaint-letter","measure":"reply-time","value":86400,"observedAt":"2025-04-02T09:00:00Z","segment":"business"}""";
    private const string UnknownTouchpoint = """{"customer":"c4","touchpoint":"shop-visit","measure":"chat-wait","value":60,"observedAt":"2025-04-02T09:00:00Z"}""";

    private readonly WebApplicationFactory<Program> _factory = new();
    private readonly HttpClient _client;

    public OutcomesEndpointTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType)
        => _client.PostAsync(new Uri("/outcomes", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    [Fact]
    public async Task PostOutcomes_JsonArray_ScoresEveryRecordAndUpdatesScorecards()
    {
        using var response = await PostAsync($"[{Chat240},{Chat420},{Letter}]", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<ScoringSummary>();
        Assert.NotNull(summary);
        Assert.Equal((3L, 3L, 0L, 1L), (summary.Received, summary.Scored, summary.Rejected, summary.ModelVersion));

        var view = await GetScorecardsAsync();
        Assert.Equal(("telecom-contract-upgrade", 3L, 3L, 0L), (view.Model, view.Received, view.Scored, view.Rejected));
        var rows = view.Touchpoints;
        var chat = Assert.Single(rows, r => r.Touchpoint == "offer-chat");
        Assert.Equal(2, chat.Count);
        Assert.Equal((1, 1, 0), (chat.Within, chat.Below, chat.Above)); // 4 minutes within, 7 minutes below
        Assert.Equal((0 + -2.0 / 5) / 2, chat.MeanScore, 6);            // 7 minutes is 2 past the adequate 5; a full gap is 5
        var letter = Assert.Single(rows, r => r.Touchpoint == "complaint-letter");
        Assert.Equal(1, letter.Within);                                  // 24 h: the desired level, inside the zone
    }

    [Fact]
    public async Task GetScorecards_AfterSeveralRequests_MergesThemExactly()
    {
        using (await PostAsync($"[{Chat240},{UnknownTouchpoint}]", "application/json"))
        using (await PostAsync($"{Chat420}\n{Letter}\n", "application/x-ndjson"))
        {
        }

        var view = await GetScorecardsAsync();
        Assert.Equal((4L, 3L, 1L), (view.Received, view.Scored, view.Rejected));
        Assert.Equal(2, Assert.Single(view.Touchpoints, r => r.Touchpoint == "offer-chat").Count);
    }

    [Fact]
    public async Task GetScorecards_NothingPosted_IsEmpty()
    {
        var view = await GetScorecardsAsync();
        Assert.Equal(0, view.Received);
        Assert.Empty(view.Touchpoints);
    }

    [Fact]
    public async Task PostOutcomes_Ndjson_ScoresEveryLineSkippingBlankOnes()
    {
        using var response = await PostAsync($"{Chat240}\n\n{Letter}\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<ScoringSummary>();
        Assert.Equal(2, summary!.Scored);
    }

    [Fact]
    public async Task PostOutcomes_UnknownTouchpoint_ListsTheRejectionWithItsIndexAndScoresTheRest()
    {
        using var response = await PostAsync($"[{Chat240},{UnknownTouchpoint}]", "application/json");

        var summary = await response.Content.ReadFromJsonAsync<ScoringSummary>();
        Assert.Equal((1L, 1L), (summary!.Scored, summary.Rejected));
        var rejection = Assert.Single(summary.Rejections);
        Assert.Equal(1, rejection.Index);
        Assert.Equal("UnknownTouchpoint", rejection.Reason);
        Assert.Contains("touchpoint 'shop-visit' is not defined", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOutcomes_MissingField_ReturnsProblemDetailsWithIndexAndFieldAndScoresNothing()
    {
        var missing = Chat420.Replace("\"touchpoint\":\"offer-chat\",", string.Empty, StringComparison.Ordinal);
        using var response = await PostAsync($"[{Chat240},{missing}]", "application/json");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, problem.Extensions["index"].GetInt32());
        Assert.Equal("touchpoint", problem.Extensions["field"].GetString());
        Assert.Equal("Record 1, field 'touchpoint': missing required field. Nothing was scored.", problem.Detail);
        Assert.Equal(0, (await GetScorecardsAsync()).Received);
    }

    [Fact]
    public async Task PostOutcomes_NdjsonBadInstant_ReturnsProblemDetailsWithLineAndField()
    {
        var bad = Letter.Replace("2025-04-02T09:00:00Z", "yesterday", StringComparison.Ordinal);
        using var response = await PostAsync($"{Chat240}\n{Chat420}\n{bad}\n", "application/x-ndjson");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(3, problem.Extensions["line"].GetInt32());
        Assert.Equal("observedAt", problem.Extensions["field"].GetString());
        Assert.Contains("is not an ISO-8601 instant", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOutcomes_MalformedJson_ReturnsProblemDetailsWithLine()
    {
        using var response = await PostAsync("[\n" + Chat240 + ",\n{\"customer\": }\n]", "application/json");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(3, problem.Extensions["line"].GetInt32());
        Assert.False(problem.Extensions.ContainsKey("field"));
    }

    [Fact]
    public async Task PostOutcomes_WrongFieldType_NamesTheField()
    {
        var wrong = Chat240.Replace("\"value\":240", "\"value\":\"ten minutes\"", StringComparison.Ordinal);
        using var response = await PostAsync($"[{wrong}]", "application/json");

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("value", problem.Extensions["field"].GetString());
        Assert.Equal(0, problem.Extensions["index"].GetInt32());
    }

    [Fact]
    public async Task PostOutcomes_NdjsonLineNotJson_ReturnsProblemDetailsWithLine()
    {
        using var response = await PostAsync($"{Chat240}\n{{not json\n", "application/x-ndjson");
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.Extensions["line"].GetInt32());
    }

    [Fact]
    public async Task PostOutcomes_NotAnArray_ReturnsProblemDetails()
    {
        using var response = await PostAsync(Chat240, "application/json");
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Expected a JSON array of outcomes", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOutcomes_UnsupportedMediaType_Returns415ProblemDetails()
    {
        using var response = await PostAsync("customer,touchpoint\n", "text/csv");
        var problem = await ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/x-ndjson", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetScorecards_AfterAReload_KeepsEachModelVersionsScorecardApart()
    {
        using (await PostAsync($"[{Chat240},{Chat420}]", "application/json"))
        {
        }

        var handle = _factory.Services.GetRequiredService<ScoringModelHandle>();
        Assert.True(await handle.ReloadAsync());
        using (await PostAsync($"[{Letter}]", "application/json"))
        {
        }

        var latest = await GetScorecardsAsync();
        Assert.Equal((2L, 1L), (latest.ModelVersion, latest.Received));
        Assert.Equal([1L, 2L], latest.Versions);
        var first = (await _client.GetFromJsonAsync<ScorecardView>(new Uri("/scorecards?version=1", UriKind.Relative)))!;
        Assert.Equal((1L, 2L), (first.ModelVersion, first.Received));
        using var missing = await _client.GetAsync(new Uri("/scorecards?version=7", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetReport_AfterPosting_ServesTheSelfContainedHtmlReportOfTheRunningScorecard()
    {
        using (await PostAsync($"[{Chat240},{Chat420},{Letter},{UnknownTouchpoint}]", "application/json"))
        {
        }

        using var response = await _client.GetAsync(new Uri("/report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("telecom-contract-upgrade", html, StringComparison.Ordinal);
        Assert.Contains("offer-chat", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"http", html, StringComparison.OrdinalIgnoreCase); // offline: no external scripts
    }

    [Fact]
    public async Task GetReport_NothingPosted_Returns404ProblemDetailsSayingWhatToDo()
    {
        using var response = await _client.GetAsync(new Uri("/report", UriKind.Relative));

        var problem = await ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("POST outcomes to /outcomes first", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_UnknownVersion_Returns404()
    {
        using (await PostAsync($"[{Chat240}]", "application/json"))
        {
        }

        using var response = await _client.GetAsync(new Uri("/report?version=9", UriKind.Relative));

        var problem = await ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Model version 9 has scored nothing.", problem.Detail);
    }

    private async Task<ScorecardView> GetScorecardsAsync()
        => (await _client.GetFromJsonAsync<ScorecardView>(new Uri("/scorecards", UriKind.Relative)))!;

    private static async Task<ProblemDetailsWithExtensions> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetailsWithExtensions>();
        Assert.NotNull(problem);
        Assert.Equal((int)expected, problem.Status);
        return problem;
    }

    /// <summary>ProblemDetails as read back by a client: extension members arrive as JSON elements.</summary>
    public sealed class ProblemDetailsWithExtensions
    {
        public string? Title { get; set; }

        public string? Detail { get; set; }

        public int? Status { get; set; }

        [System.Text.Json.Serialization.JsonExtensionData]
        public Dictionary<string, JsonElement> Extensions { get; set; } = [];
    }
}
