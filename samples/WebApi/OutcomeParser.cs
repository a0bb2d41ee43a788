using System.Text.Json;
using CxScoring.Model;
using NodaTime;
using NodaTime.Text;

namespace WebApi;

/// <summary>Something wrong with one input record: which record, which field, what is wrong.</summary>
public sealed record InputError(string Where, int Position, string? Field, string Message);

/// <summary>
/// Reads outcomes from a JSON array or from NDJSON (one JSON object per line). Every record is checked before any is
/// scored, so a request with bad input changes nothing.
/// </summary>
public static class OutcomeParser
{
    public static async Task<(List<Outcome> Outcomes, InputError? Error)> ReadJsonArrayAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ([], new InputError("line", (int)(ex.LineNumber ?? 0) + 1, null, $"The body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], new InputError("index", 0, null, $"Expected a JSON array of outcomes, found {document.RootElement.ValueKind}."));
            }

            var outcomes = new List<Outcome>(document.RootElement.GetArrayLength());
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (!TryRead(element, out var outcome, out var field, out var message))
                {
                    return ([], new InputError("index", index, field, message));
                }

                outcomes.Add(outcome);
                index++;
            }

            return (outcomes, null);
        }
    }

    public static async Task<(List<Outcome> Outcomes, InputError? Error)> ReadNdjsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        using var reader = new StreamReader(body);
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (!TryRead(document.RootElement, out var outcome, out var field, out var message))
                {
                    return ([], new InputError("line", line, field, message));
                }

                outcomes.Add(outcome);
            }
            catch (JsonException ex)
            {
                return ([], new InputError("line", line, null, $"The line is not valid JSON: {ex.Message}"));
            }
        }

        return (outcomes, null);
    }

    private static bool TryRead(JsonElement element, out Outcome outcome, out string? field, out string message)
    {
        outcome = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            (field, message) = (null, $"Expected an outcome object, found {element.ValueKind}.");
            return false;
        }

        if (!TryString(element, "customer", true, out var customer, out field, out message)
            || !TryString(element, "touchpoint", true, out var touchpoint, out field, out message)
            || !TryString(element, "measure", true, out var measure, out field, out message)
            || !TryString(element, "segment", false, out var segment, out field, out message)
            || !TryInstant(element, "observedAt", true, out var observedAt, out field, out message)
            || !TryInstant(element, "promisedBy", false, out var promisedBy, out field, out message)
            || !TryInstant(element, "requestedAt", false, out var requestedAt, out field, out message)
            || !TryNumber(element, "value", promisedBy is null && requestedAt is null, out var value, out field, out message)
            || !TryNumber(element, "promisedLevel", false, out var promisedLevel, out field, out message))
        {
            return false;
        }

        try
        {
            outcome = new Outcome(customer!, touchpoint!, measure!, value ?? 0, observedAt!.Value, segment, promisedLevel, promisedBy, requestedAt);
            return true;
        }
        catch (ArgumentException ex)
        {
            (field, message) = (ex.ParamName switch { "customerId" => "customer", "touchpointId" => "touchpoint", "measureId" => "measure", "segmentId" => "segment", var other => other }, ex.Message);
            return false;
        }
    }

    private static bool TryString(JsonElement element, string name, bool required, out string? value, out string? field, out string message)
    {
        (value, field, message) = (null, null, string.Empty);
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return !required || Fail(name, $"'{name}' is required.", out field, out message);
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return Fail(name, $"'{name}' must be a string, found {property.ValueKind}.", out field, out message);
        }

        value = property.GetString();
        return true;
    }

    private static bool TryNumber(JsonElement element, string name, bool required, out double? value, out string? field, out string message)
    {
        (value, field, message) = (null, null, string.Empty);
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return !required || Fail(name, $"'{name}' is required (in the measure's unit; seconds for durations).", out field, out message);
        }

        if (property.ValueKind != JsonValueKind.Number || !property.TryGetDouble(out var number))
        {
            return Fail(name, $"'{name}' must be a number, found {property.ValueKind}.", out field, out message);
        }

        value = number;
        return true;
    }

    private static bool TryInstant(JsonElement element, string name, bool required, out Instant? value, out string? field, out string message)
    {
        (value, field, message) = (null, null, string.Empty);
        if (!TryString(element, name, required, out var text, out field, out message))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (!parsed.Success)
        {
            return Fail(name, $"'{name}' must be an ISO 8601 UTC instant such as 2026-03-02T09:00:00Z, found '{text}'.", out field, out message);
        }

        value = parsed.Value;
        return true;
    }

    private static bool Fail(string name, string text, out string? field, out string message)
    {
        (field, message) = (name, text);
        return false;
    }
}
