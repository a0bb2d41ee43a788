using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Collections.Immutable;
using CxScoring.Calendars;
using CxScoring.Model;
using CxScoring.Text;
using NodaTime;
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
        // Version 1 while no calendar (nor expectation level in working time) is used, so that such files stay readable by earlier versions.
        var ruledLevels = model.Expectations.Any(e => e.Adequate.IsCalendarRule || e.Desired.IsCalendarRule);
        json.WriteNumber("schemaVersion", model.Calendars.IsEmpty && !ruledLevels ? 1 : ModelJsonReader.CalendarsVersion);
        json.WriteString("name", model.Name);
        json.WriteStartObject("feltValue");
        json.WriteNumber("alpha", model.FeltValue.Alpha);
        json.WriteNumber("beta", model.FeltValue.Beta);
        json.WriteNumber("lambda", model.FeltValue.Lambda);
        json.WriteEndObject();

        if (!model.Calendars.IsEmpty)
        {
            json.WriteStartArray("calendars");
            foreach (var calendar in model.Calendars)
            {
                WriteCalendar(json, calendar);
            }

            json.WriteEndArray();
        }

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
            json.WriteString("stage", ModelJsonNames.Camel(touchpoint.Stage));
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
        for (var i = 0; i < model.Measures.Length; i++)
        {
            WriteMeasure(json, model.Measures[i], i);
        }

        json.WriteEndArray();
        var measures = model.Measures.ToDictionary(m => m.Id, StringComparer.Ordinal);
        json.WriteStartArray("promises");
        for (var i = 0; i < model.Promises.Length; i++)
        {
            WritePromise(json, model.Promises[i], measures[model.Promises[i].MeasureId], i);
        }

        json.WriteEndArray();
        json.WriteStartArray("expectations");
        for (var i = 0; i < model.Expectations.Length; i++)
        {
            var expectation = model.Expectations[i];
            var measure = measures[expectation.MeasureId];
            json.WriteStartObject();
            json.WriteString("measure", expectation.MeasureId);
            WriteScope(json, expectation.Scope);
            WriteExpectationLevel(json, "adequate", expectation.Adequate, measure, i);
            WriteExpectationLevel(json, "desired", expectation.Desired, measure, i);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTimeUnit(Utf8JsonWriter json, Measure measure)
    {
        if (measure.TimeUnit != TimeUnit.Seconds)
        {
            json.WriteString("unit", ModelJsonNames.Camel(measure.TimeUnit));
        }
    }

    private static void WriteMeasure(Utf8JsonWriter json, Measure measure, int index)
    {
        json.WriteStartObject();
        json.WriteString("id", measure.Id);
        json.WriteString("kind", ModelJsonNames.Camel(measure.Kind));
        switch (measure.Kind)
        {
            case MeasureKind.Duration:
                json.WriteString("polarity", ModelJsonNames.Camel(measure.Polarity));
                WriteTimeUnit(json, measure);
                json.WriteString("scale", Duration(measure.Scale, string.Create(CultureInfo.InvariantCulture, $"$.measures[{index}].scale"), $"the scale of measure '{measure.Id}'"));
                if (measure.AllowsNegative)
                {
                    json.WriteBoolean("allowNegative", true);
                }

                break;
            case MeasureKind.Deadline:
                WriteTimeUnit(json, measure);
                json.WriteString("scale", Duration(measure.Scale, string.Create(CultureInfo.InvariantCulture, $"$.measures[{index}].scale"), $"the scale of measure '{measure.Id}'"));
                break;
            case MeasureKind.Rating:
                json.WriteNumber("points", measure.RatingPoints);
                json.WriteNumber("scale", measure.Scale);
                break;
            case MeasureKind.YesNo:
                break;
            default:
                json.WriteString("polarity", ModelJsonNames.Camel(measure.Polarity));
                if (measure.Kind == MeasureKind.Money)
                {
                    json.WriteString("currency", measure.Unit);
                }
                else if (measure.Kind is MeasureKind.Count or MeasureKind.Number)
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

        if (measure.Source != MeasureSource.Delivered)
        {
            json.WriteString("source", ModelJsonNames.Camel(measure.Source));
        }

        if (measure.RatedBy is { } ratedBy)
        {
            json.WriteString("ratedBy", ratedBy);
        }

        json.WriteEndObject();
    }

    private static void WritePromise(Utf8JsonWriter json, Promise promise, Measure measure, int index)
    {
        json.WriteStartObject();
        json.WriteString("id", promise.Id);
        json.WriteString("measure", promise.MeasureId);
        if (measure.Kind != MeasureKind.Deadline && !promise.HasDueRule)
        {
            WriteLevel(json, "level", promise.Level, measure, string.Create(CultureInfo.InvariantCulture, $"$.promises[{index}].level"), $"the level of promise '{promise.Id}'");
        }

        json.WriteString("source", ModelJsonNames.Camel(promise.Source));
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
            WriteDeadline(json, deadline);
        }

        if (promise.Within is { } within)
        {
            WriteWithin(json, within);
        }

        if (promise.Description is { } description)
        {
            json.WriteString("description", description);
        }

        if (promise.Owner is { } owner)
        {
            json.WriteString("owner", owner);
        }

        json.WriteEndObject();
    }

    private static void WriteDeadline(Utf8JsonWriter json, ZonedDeadline deadline)
    {
        json.WriteStartObject("deadline");
        json.WriteString("time", FormatTime(deadline.TimeOfDay));
        if (deadline.Calendar is { } calendar)
        {
            json.WriteString("calendar", calendar.Id);
            json.WriteNumber("workingDaysAfter", deadline.DaysAfter);
        }
        else
        {
            json.WriteString("zone", deadline.Zone.Id);
            json.WriteNumber("daysAfter", deadline.DaysAfter);
        }

        json.WriteEndObject();
    }

    private static void WriteWithin(Utf8JsonWriter json, BusinessTimeLimit within)
    {
        json.WriteStartObject("within");
        json.WriteString("businessTime", IsoDuration.Format(Measure.ToSeconds(within.Amount)));
        json.WriteString("calendar", within.Calendar.Id);
        json.WriteEndObject();
    }

    private static string FormatTime(LocalTime time)
        => time.Second == 0 && time.NanosecondOfSecond == 0 ? ShortTime.Format(time) : LocalTimePattern.ExtendedIso.Format(time);

    /// <summary>Writes a calendar: the most common hours as <c>workingDays</c> and <c>hours</c>, other days under <c>days</c>, holidays inline.</summary>
    private static void WriteCalendar(Utf8JsonWriter json, BusinessCalendar calendar)
    {
        var week = Enumerable.Range(1, 7).Select(d => ((IsoDayOfWeek)d, calendar.GetHours((IsoDayOfWeek)d))).ToArray();
        var common = week.Where(d => !d.Item2.IsEmpty)
            .GroupBy(d => string.Join(",", d.Item2), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .First()
            .First().Item2;
        json.WriteStartObject();
        json.WriteString("id", calendar.Id);
        json.WriteString("zone", calendar.Zone.Id);
        json.WriteStartArray("workingDays");
        foreach (var (day, hours) in week)
        {
            if (hours.SequenceEqual(common))
            {
                json.WriteStringValue(DayName(day));
            }
        }

        json.WriteEndArray();
        WriteHours(json, "hours", common);
        var others = week.Where(d => !d.Item2.IsEmpty && !d.Item2.SequenceEqual(common)).ToArray();
        if (others.Length > 0)
        {
            json.WriteStartObject("days");
            foreach (var (day, hours) in others)
            {
                WriteHours(json, DayName(day), hours);
            }

            json.WriteEndObject();
        }

        if (!calendar.Holidays.IsEmpty)
        {
            json.WriteStartArray("holidays");
            foreach (var date in calendar.Holidays)
            {
                json.WriteStringValue(LocalDatePattern.Iso.Format(date));
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();

        static string DayName(IsoDayOfWeek day) => ModelJsonNames.Camel(day);

        static void WriteHours(Utf8JsonWriter json, string name, ImmutableArray<WorkingHours> hours)
        {
            json.WriteStartArray(name);
            foreach (var h in hours)
            {
                json.WriteStringValue($"{FormatTime(h.Start)}-{(h.End == LocalTime.Midnight ? "24:00" : FormatTime(h.End))}");
            }

            json.WriteEndArray();
        }
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

    private static void WriteExpectationLevel(Utf8JsonWriter json, string name, ExpectationLevel level, Measure measure, int index)
    {
        json.WriteStartObject(name);
        if (level.Within is { } within)
        {
            WriteWithin(json, within);
            json.WriteEndObject();
            return;
        }

        if (level.Deadline is { } deadline)
        {
            WriteDeadline(json, deadline);
            json.WriteEndObject();
            return;
        }

        var property = level.IsRelativeToPromise ? "relativeToPromise" : "value";
        WriteLevel(json, property, level.Value, measure, string.Create(CultureInfo.InvariantCulture, $"$.expectations[{index}].{name}.{property}"), $"the {name} level of the expectation for measure '{measure.Id}'");
        json.WriteEndObject();
    }

    private static void WriteLevel(Utf8JsonWriter json, string name, double value, Measure measure, string path, string what)
    {
        if (measure.Kind is MeasureKind.Duration or MeasureKind.Deadline)
        {
            json.WriteString(name, Duration(value, path, what));
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    /// <summary>Formats a time value, or says which value of the model cannot be written and why.</summary>
    private static string Duration(double seconds, string path, string what)
    {
        try
        {
            return IsoDuration.Format(seconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var reason = ex.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine, 2)[0];
            throw new ArgumentOutOfRangeException(
                "model",
                seconds,
                string.Create(CultureInfo.InvariantCulture, $"Cannot save {what} at {path}: {seconds:R} seconds cannot be written as an ISO-8601 duration. {reason} The model file format writes time values below 10^15 seconds (about 31.7 million years) to 28 decimal places, so that they read back exactly; a larger value can be loaded (ISO-8601 durations of up to 15 digits of hours are read), but not saved."));
        }
    }
}
