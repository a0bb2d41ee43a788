// An ASP.NET Core minimal API: POST /outcomes takes a JSON array or NDJSON of outcomes and scores them against the
// registered model; GET /scorecards returns the running scorecards. Bad input gets a ProblemDetails naming the record
// and the field.
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
app.MapGet("/scorecards", (ScorecardStore scorecards) => scorecards.Read());
app.Run();

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
