using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CxScoring.Model;
using CxScoring.Text;
using NodaTime.Text;

namespace CxScoring.ModelFiles;

/// <summary>Writes a <see cref="ScoringModel"/> in the model file format, in the order the format documents.</summary>
internal static class ModelJsonWriter
{
    private static readonly LocalTimePattern ShortTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    internal static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static void Write(ScoringModel model, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", ScoringModelJson.SchemaVersion);
        json.WriteString("name", model.Name);
        json.WriteStartObject("feltValue");
        json.WriteNumber("alpha", model.FeltValue.Alpha);
        json.WriteNumber("beta", model.FeltValue.Beta);
        json.WriteNumber("lambda", model.FeltValue.Lambda);
        json.WriteEndObject();

        json.WriteStartArray("segments");
        foreach (var segment in model.Segments)
        {
            json.WriteStartObject();
            json.WriteString("id", segment.Id);
            json.WriteString("name", segment.Name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("touchpoints");
        foreach (var touchpoint in model.Touchpoints)
        {
            json.WriteStartObject();
            json.WriteString("id", touchpoint.Id);
            json.WriteString("name", touchpoint.Name);
            json.WriteString("stage", ModelJsonReader.Camel(touchpoint.Stage));
            json.WriteString("channel", touchpoint.Channel.Name);
            json.WriteNumber("weight", touchpoint.Weight);
            if (touchpoint.Owner is { } owner)
            {
                json.WriteString("owner", owner);
            }
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("measures");
        foreach (var measure in model.Measures)
        {
            WriteMeasure(json, measure);
        }

        json.WriteEndArray();
        var measures = model.Measures.ToDictionary(m => m.Id, StringComparer.Ordinal);
        json.WriteStartArray("promises");
        foreach (var promise in model.Promises)
        {
            WritePromise(json, promise, measures[promise.MeasureId]);
        }

        json.WriteEndArray();
        json.WriteStartArray("expectations");
        foreach (var expectation in model.Expectations)
        {
            var measure = measures[expectation.MeasureId];
            json.WriteStartObject();
            json.WriteString("measure", expectation.MeasureId);
            WriteScope(json, expectation.Scope);
            WriteExpectationLevel(json, "adequate", expectation.Adequate, measure);
            WriteExpectationLevel(json, "desired", expectation.Desired, measure);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMeasure(Utf8JsonWriter json, Measure measure)
    {
        json.WriteStartObject();
        json.WriteString("id", measure.Id);
        json.WriteString("kind", ModelJsonReader.Camel(measure.Kind));
        switch (measure.Kind)
        {
            case MeasureKind.Duration:
                json.WriteString("polarity", ModelJsonReader.Camel(measure.Polarity));
                json.WriteString("scale", IsoDuration.Format(measure.Scale));
                if (measure.AllowsNegative)
                {
                    json.WriteBoolean("allowNegative", true);
                }

                break;
            case MeasureKind.Deadline:
                json.WriteString("scale", IsoDuration.Format(measure.Scale));
                break;
            case MeasureKind.Rating:
                json.WriteNumber("points", measure.RatingPoints);
                json.WriteNumber("scale", measure.Scale);
                break;
            case MeasureKind.YesNo:
                break;
            default:
                json.WriteString("polarity", ModelJsonReader.Camel(measure.Polarity));
                if (measure.Kind == MeasureKind.Money)
                {
                    json.WriteString("currency", measure.Unit);
                }
                else if (measure.Kind == MeasureKind.Count)
                {
                    json.WriteString("unit", measure.Unit);
                }

                json.WriteNumber("scale", measure.Scale);
                if (measure.Target is { } target)
                {
                    json.WriteNumber("target", target);
                }

                break;
        }

        json.WriteEndObject();
    }

    private static void WritePromise(Utf8JsonWriter json, Promise promise, Measure measure)
    {
        json.WriteStartObject();
        json.WriteString("id", promise.Id);
        json.WriteString("measure", promise.MeasureId);
        if (measure.Kind != MeasureKind.Deadline)
        {
            WriteLevel(json, "level", promise.Level, measure);
        }

        json.WriteString("source", ModelJsonReader.Camel(promise.Source));
        if (promise.Validity.HasStart)
        {
            json.WriteString("validFrom", Instants.Format(promise.Validity.Start));
        }

        if (promise.Validity.HasEnd)
        {
            json.WriteString("validTo", Instants.Format(promise.Validity.End));
        }

        WriteScope(json, promise.Scope);
        if (promise.Deadline is { } deadline)
        {
            json.WriteStartObject("deadline");
            json.WriteString("time", deadline.TimeOfDay.Second == 0 && deadline.TimeOfDay.NanosecondOfSecond == 0
                ? ShortTime.Format(deadline.TimeOfDay)
                : LocalTimePattern.ExtendedIso.Format(deadline.TimeOfDay));
            json.WriteString("zone", deadline.Zone.Id);
            json.WriteNumber("daysAfter", deadline.DaysAfter);
            json.WriteEndObject();
        }

        if (promise.Description is { } description)
        {
            json.WriteString("description", description);
        }

        json.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter json, Scope scope)
    {
        if (scope.Specificity == 0)
        {
            return;
        }

        json.WriteStartObject("scope");
        if (scope.TouchpointId is { } touchpoint)
        {
            json.WriteString("touchpoint", touchpoint);
        }

        if (scope.Channel is { } channel)
        {
            json.WriteString("channel", channel.Name);
        }

        if (scope.SegmentId is { } segment)
        {
            json.WriteString("segment", segment);
        }

        json.WriteEndObject();
    }

    private static void WriteExpectationLevel(Utf8JsonWriter json, string name, ExpectationLevel level, Measure measure)
    {
        json.WriteStartObject(name);
        WriteLevel(json, level.IsRelativeToPromise ? "relativeToPromise" : "value", level.Value, measure);
        json.WriteEndObject();
    }

    private static void WriteLevel(Utf8JsonWriter json, string name, double value, Measure measure)
    {
        if (measure.Kind is MeasureKind.Duration or MeasureKind.Deadline)
        {
            json.WriteString(name, IsoDuration.Format(value));
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }
}
