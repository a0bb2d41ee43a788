using System.Runtime.InteropServices;
using CxScoring.Gaps;
using CxScoring.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WebApi;

/// <summary>What POST /outcomes answers: how many records were scored, and why each refused one was refused.</summary>
public sealed record ScoringSummary(long Received, long Scored, long Rejected, long ModelVersion, IReadOnlyList<Rejection> Rejections);

/// <summary>One record the model could not score.</summary>
public sealed record Rejection(long Index, string Reason, string Detail);

public static class OutcomeEndpoints
{
    public static async Task<Results<Ok<ScoringSummary>, ProblemHttpResult>> PostAsync(
        HttpRequest request, ScoringModelHandle model, ScorecardStore scorecards, ILogger<ScorecardStore> logger, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var ndjson = mediaType is "application/x-ndjson" or "application/ndjson";
        if (mediaType != "application/json" && !ndjson)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send outcomes as application/json (an array) or application/x-ndjson (one object per line), not '{request.ContentType}'.");
        }

        var (outcomes, error) = ndjson
            ? await OutcomeParser.ReadNdjsonAsync(request.Body, cancellationToken)
            : await OutcomeParser.ReadJsonArrayAsync(request.Body, cancellationToken);
        if (error is not null)
        {
            var extensions = new Dictionary<string, object?> { [error.Where] = error.Position };
            if (error.Field is not null)
            {
                extensions["field"] = error.Field;
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid outcome",
                detail: $"{(error.Where == "line" ? "Line" : "Record")} {error.Position}{(error.Field is null ? string.Empty : $", field '{error.Field}'")}: {error.Message} Nothing was scored.",
                extensions: extensions);
        }

        // One snapshot for the whole request: a reload meanwhile applies to the next request.
        var snapshot = model.Current;
        var scorecard = snapshot.Engine.CreateScorecardBuilder();
        var refused = new List<(long Index, RejectionReason Reason)>();
        snapshot.Engine.ScoreOutcomes(CollectionsMarshal.AsSpan(outcomes), scorecard, (index, reason) =>
        {
            lock (refused)
            {
                refused.Add((index, reason));
            }
        });

        var scored = scorecard.Build();
        scorecards.Add(snapshot.Version, scored);
        logger.LogRejectionSummary(scored);
        var rejections = refused.OrderBy(r => r.Index)
            .Select(r => new Rejection(r.Index, r.Reason.ToString(), snapshot.Model.DescribeRejection(outcomes[(int)r.Index], r.Reason)))
            .ToList();
        return TypedResults.Ok(new ScoringSummary(scored.Received, scored.Scored, scored.Rejected, snapshot.Version, rejections));
    }
}
