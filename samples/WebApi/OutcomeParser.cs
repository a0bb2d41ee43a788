using System.Text.Json;
using CxScoring.Model;
using CxScoring.OutcomeFiles;

namespace WebApi;

/// <summary>Something wrong with one input record: which record (an array index or an NDJSON line), which field, what.</summary>
public sealed record InputError(string Where, long Position, string? Field, string Message);

/// <summary>
/// Reads outcomes with the library's NDJSON reader, from NDJSON as it comes or from a JSON array whose elements are
/// passed to the reader one per line. Every record is read before any is scored, so bad input changes nothing.
/// </summary>
public static class OutcomeParser
{
    public static async Task<(List<Outcome> Outcomes, InputError? Error)> ReadNdjsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        try
        {
            await foreach (var outcome in new NdjsonOutcomeReader(body).ReadAllAsync(cancellationToken))
            {
                outcomes.Add(outcome);
            }
        }
        catch (MalformedOutcomeException ex)
        {
            return ([], new InputError("line", ex.Line, ex.Field, ex.Record.Message));
        }

        return (outcomes, null);
    }

    public static async Task<(List<Outcome> Outcomes, InputError? Error)> ReadJsonArrayAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ([], new InputError("line", (ex.LineNumber ?? 0) + 1, null, $"The body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], new InputError("index", 0, null, $"Expected a JSON array of outcomes, found {document.RootElement.ValueKind}."));
            }

            // Element i becomes line i + 1 of an NDJSON stream, so the reader's line numbers map back to indices.
            using var ndjson = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(ndjson))
            {
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    element.WriteTo(writer);
                    await writer.FlushAsync(cancellationToken);
                    writer.Reset();
                    ndjson.WriteByte((byte)'\n');
                }
            }

            ndjson.Position = 0;
            var (outcomes, error) = await ReadNdjsonAsync(ndjson, cancellationToken);
            return (outcomes, error is null ? null : error with { Where = "index", Position = error.Position - 1 });
        }
    }
}
