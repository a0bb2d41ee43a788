using System.Globalization;
using CxScoring.Model;
using CxScoring.Text;
using NodaTime;

namespace CxScoring.OutcomeFiles;

/// <summary>The fields of one outcome record as they are read, and the rules that turn them into an <see cref="Outcome"/>.</summary>
internal struct OutcomeFields
{
    internal const string Customer = "customer";
    internal const string Touchpoint = "touchpoint";
    internal const string Measure = "measure";
    internal const string Value = "value";
    internal const string ObservedAt = "observedAt";
    internal const string Segment = "segment";
    internal const string PromisedLevel = "promisedLevel";
    internal const string PromisedBy = "promisedBy";
    internal const string RequestedAt = "requestedAt";
    internal const string PerceivedRating = "perceivedRating";

    internal static readonly string[] Names = [Customer, Touchpoint, Measure, Value, ObservedAt, Segment, PromisedLevel, PromisedBy, RequestedAt, PerceivedRating];

    internal string? CustomerId;
    internal string? TouchpointId;
    internal string? MeasureId;
    internal double? DeliveredValue;
    internal Instant? Observed;
    internal string? SegmentId;
    internal double? Promised;
    internal Instant? Deadline;
    internal Instant? Requested;
    internal double? Rating;

    /// <summary>Whether <see cref="DeliveredValue"/> was given as a plain number (in the measure's time unit) rather than an ISO-8601 duration.</summary>
    internal bool ValueIsNumber;

    /// <summary>Whether <see cref="Promised"/> was given as a plain number rather than an ISO-8601 duration.</summary>
    internal bool PromisedIsNumber;

    /// <summary>Sets a field from its text; empty text leaves the field absent.</summary>
    /// <returns>An error message, or <see langword="null"/> when the text was read.</returns>
    internal string? SetText(string name, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        switch (name)
        {
            case Customer:
                CustomerId = text;
                return null;
            case Touchpoint:
                TouchpointId = text;
                return null;
            case Measure:
                MeasureId = text;
                return null;
            case Segment:
                SegmentId = text;
                return null;
            case Value:
                return TryNumberOrDuration(text, out DeliveredValue, out ValueIsNumber);
            case PromisedLevel:
                return TryNumberOrDuration(text, out Promised, out PromisedIsNumber);
            case PerceivedRating:
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) && double.IsFinite(rating))
                {
                    Rating = rating;
                    return null;
                }

                return $"'{Shorten(text)}' is not a finite number.";
            case ObservedAt:
                return TryInstant(text, out Observed);
            case PromisedBy:
                return TryInstant(text, out Deadline);
            default:
                return TryInstant(text, out Requested);
        }
    }

    /// <summary>Sets a numeric field from a JSON number.</summary>
    internal string? SetNumber(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            return "the number is not finite.";
        }

        switch (name)
        {
            case Value:
                DeliveredValue = value;
                ValueIsNumber = true;
                return null;
            case PromisedLevel:
                Promised = value;
                PromisedIsNumber = true;
                return null;
            case PerceivedRating:
                Rating = value;
                return null;
            default:
                return "expected a string, found a number.";
        }
    }

    internal static bool IsNumeric(string name) => name is Value or PromisedLevel or PerceivedRating;

    /// <summary>Checks the record and builds the outcome.</summary>
    /// <param name="model">The model whose measures state the time unit of plain numbers (see <see cref="Model.Measure.FromNumber(double)"/>);
    /// <see langword="null"/> to read plain numbers as they are (seconds for time measures).</param>
    /// <param name="outcome">The outcome, when the record is complete.</param>
    /// <param name="field">The field at fault, or <see langword="null"/>.</param>
    /// <param name="message">What is wrong, when the record is not complete.</param>
    internal readonly bool TryBuild(ScoringModel? model, out Outcome outcome, out string? field, out string message)
    {
        outcome = default;
        field = CustomerId is null ? Customer
            : TouchpointId is null ? Touchpoint
            : MeasureId is null ? Measure
            : Observed is null ? ObservedAt
            : null;
        if (field is not null)
        {
            message = "missing required field.";
            return false;
        }

        if (DeliveredValue is null && Deadline is null && Requested is null)
        {
            field = Value;
            message = "missing value; only a deadline record (one with promisedBy or requestedAt) may omit it.";
            return false;
        }

        var delivered = DeliveredValue;
        var promised = Promised;
        if (model is not null && model.TryGetMeasure(MeasureId!, out var measure))
        {
            if (ValueIsNumber && delivered is { } d)
            {
                delivered = measure.FromNumber(d);
            }

            if (PromisedIsNumber && promised is { } p)
            {
                promised = measure.FromNumber(p);
            }
        }

        try
        {
            outcome = new Outcome(CustomerId!, TouchpointId!, MeasureId!, delivered ?? 0, Observed!.Value, SegmentId, promised, Deadline, Requested, Rating);
            message = string.Empty;
            return true;
        }
        catch (ArgumentException ex)
        {
            field = ex.ParamName switch
            {
                "customerId" => Customer,
                "touchpointId" => Touchpoint,
                "measureId" => Measure,
                "segmentId" => Segment,
                _ => null,
            };
            message = ex.ParamName is { } p ? ex.Message.Replace($" (Parameter '{p}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            return false;
        }
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");

    private static string? TryNumberOrDuration(string text, out double? value, out bool isNumber)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            isNumber = true;
            return null;
        }

        isNumber = false;
        if (IsoDuration.TryParseSeconds(text, out var seconds))
        {
            value = seconds;
            return null;
        }

        value = null;
        return $"'{Shorten(text)}' is neither a finite number nor an ISO-8601 duration such as 'PT48H'.";
    }

    private static string? TryInstant(string text, out Instant? value)
    {
        if (Instants.TryParse(text, out var instant))
        {
            value = instant;
            return null;
        }

        value = null;
        return $"'{Shorten(text)}' is not an ISO-8601 instant such as '2025-03-01T09:30:00Z'.";
    }
}
