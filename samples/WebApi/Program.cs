// An ASP.NET Core minimal API: POST /outcomes takes a JSON array or NDJSON of outcomes and scores them against the
// registered model; GET /scorecards returns the running scorecard of the latest model version (?version=N for an earlier
// one); GET /report serves the same scorecard as the self-contained HTML report (charts, hotspots, owners, refusals).
// Bad input gets a ProblemDetails naming the record and the field.
using CxScoring.Reports.Html;
using WebApi;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.AddCxScoring(options =>
{
    options.ModelPath = Path.Combine(AppContext.BaseDirectory, "model.json");
    options.ReloadOnChange = true;
});
builder.Services.AddSingleton<ScorecardStore>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapPost("/outcomes", OutcomeEndpoints.PostAsync);
app.MapGet("/scorecards", (ScorecardStore scorecards, long? version) =>
    scorecards.Read(version) is { } view
        ? Results.Ok(view)
        : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such scorecard", detail: $"Model version {version} has scored nothing."));
app.MapGet("/report", (ScorecardStore scorecards, long? version) =>
    scorecards.Find(version) is { } scorecard
        ? Results.Text(
            ScorecardHtmlWriter.WriteToString(scorecard, new ScorecardHtmlOptions { Title = $"{scorecard.Plan.Model.Name} — live scorecard" }),
            "text/html; charset=utf-8")
        : Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such scorecard",
            detail: version is null
                ? "Nothing has been scored yet: POST outcomes to /outcomes first."
                : $"Model version {version} has scored nothing."));
app.Run();

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
