using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Text;

namespace CxScoring.ModelFiles;

/// <summary>The model-wide and catalogue sections: felt value, segments, touchpoints, measures, and the levels read for a measure.</summary>
internal sealed partial class ModelJsonReader
{
    private ProspectValueFunction? ReadFeltValue(JsonSourceNode root)
    {
        if (Object(root, "$", "feltValue") is not { } node)
        {
            return null;
        }

        const string path = "$.feltValue";
        Known(node, path, ["alpha", "beta", "lambda"]);
        var alpha = Number(node, path, "alpha", required: true);
        var beta = Number(node, path, "beta", required: true);
        var lambda = Number(node, path, "lambda", required: true);
        if (alpha is null || beta is null || lambda is null)
        {
            return null;
        }

        return CreateValue(path, node, () => new ProspectValueFunction(alpha.Value, beta.Value, lambda.Value), p => p);
    }

    private void ReadSegment(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "name"]);
        var id = Id(node, path, "segment", _declaredSegments);
        var name = String(node, path, "name", required: false);
        if (id is not null && Create(path, node, () => new Segment(id, name), _ => "id") is { } segment)
        {
            _segmentList.Add((segment, path, node.Line));
        }
    }

    private void ReadTouchpoint(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "name", "stage", "channel", "weight", "owner"]);
        var id = Id(node, path, "touchpoint", _declaredTouchpoints);
        var name = String(node, path, "name", required: false);
        var stage = node["stage"] is null or { Kind: JsonSourceKind.Null } ? JourneyStage.Unspecified : Enum<JourneyStage>(node, path, "stage", required: false);
        var channel = node["channel"] is null or { Kind: JsonSourceKind.Null } ? Channel.Unspecified : ReadChannel(node, path);
        var weight = Number(node, path, "weight", required: false) ?? 1.0;
        var owner = String(node, path, "owner", required: false);
        if (id is not null && stage is not null && channel is not null
            && Create(path, node, () => new Touchpoint(id, stage.Value, channel.Value, weight, name, owner), p => p) is { } touchpoint)
        {
            _touchpointList.Add((touchpoint, path, node.Line));
            _touchpoints.Add(id, touchpoint);
        }
    }

    private Channel? ReadChannel(JsonSourceNode node, string path, bool required = true)
    {
        var text = String(node, path, "channel", required);
        if (text is null)
        {
            return null;
        }

        if (Channel.TryParse(text, out var channel))
        {
            return channel;
        }

        try
        {
            Channel.Custom(text);
        }
        catch (ArgumentException ex)
        {
            Problem(ModelJsonNames.Child(path, "channel"), node["channel"]!.Line, ModelJsonNames.Clean(ex));
        }

        return null;
    }

    private void ReadMeasure(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        var id = Id(node, path, "measure", _declaredMeasures);
        var kind = Enum<MeasureKind>(node, path, "kind", required: true);
        if (kind is null)
        {
            Known(node, path, ["id", "kind", "polarity", "unit", "currency", "scale", "target", "points", "source", "ratedBy"]);
            return;
        }

        Measure? measure = null;
        switch (kind.Value)
        {
            case MeasureKind.Duration:
            {
                Known(node, path, ["id", "kind", "polarity", "unit", "scale", "allowNegative", "source", "ratedBy"]);
                var polarityRead = Enum<Polarity>(node, path, "polarity", required: false);
                var polarity = polarityRead ?? Polarity.LowerIsBetter;
                var unit = Enum<TimeUnit>(node, path, "unit", required: false);
                var scale = TimeScale(node, path, unit);
                var allowNegativeRead = Boolean(node, path, "allowNegative");
                var allowNegative = allowNegativeRead ?? false;
                if (id is not null && scale is not null && WasRead(node, "polarity", polarityRead) && WasRead(node, "unit", unit) && WasRead(node, "allowNegative", allowNegativeRead))
                {
                    measure = Create(path, node, () => Measure.Duration(id, scale.Value, polarity, allowNegative, unit ?? TimeUnit.Seconds), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Deadline:
            {
                Known(node, path, ["id", "kind", "unit", "scale", "source", "ratedBy"]);
                var unit = Enum<TimeUnit>(node, path, "unit", required: false);
                var scale = TimeScale(node, path, unit);
                if (id is not null && scale is not null && WasRead(node, "unit", unit))
                {
                    measure = Create(path, node, () => Measure.Deadline(id, scale.Value, unit ?? TimeUnit.Seconds), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Count:
            {
                Known(node, path, ["id", "kind", "polarity", "unit", "scale", "target", "source", "ratedBy"]);
                var polarityRead = Enum<Polarity>(node, path, "polarity", required: false);
                var polarity = polarityRead ?? Polarity.LowerIsBetter;
                var unit = String(node, path, "unit", required: false) ?? "count";
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null && WasRead(node, "polarity", polarityRead))
                {
                    measure = Create(path, node, () => Measure.Count(id, scale.Value, polarity, unit, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Ratio:
            {
                Known(node, path, ["id", "kind", "polarity", "scale", "target", "source", "ratedBy"]);
                var polarityRead = Enum<Polarity>(node, path, "polarity", required: false);
                var polarity = polarityRead ?? Polarity.HigherIsBetter;
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null && WasRead(node, "polarity", polarityRead))
                {
                    measure = Create(path, node, () => Measure.Ratio(id, scale.Value, polarity, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Money:
            {
                Known(node, path, ["id", "kind", "polarity", "currency", "scale", "target", "source", "ratedBy"]);
                var polarityRead = Enum<Polarity>(node, path, "polarity", required: false);
                var polarity = polarityRead ?? Polarity.NearerToTargetIsBetter;
                var currency = String(node, path, "currency", required: true);
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null && WasRead(node, "polarity", polarityRead) && currency is not null)
                {
                    measure = Create(path, node, () => Measure.Money(id, currency, scale.Value, polarity, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Rating:
            {
                Known(node, path, ["id", "kind", "points", "scale", "source", "ratedBy"]);
                var points = Integer(node, path, "points", required: true);
                var scale = Number(node, path, "scale", required: false) ?? 0;
                if (id is not null && points is not null)
                {
                    measure = Create(path, node, () => Measure.Rating(id, points.Value, scale), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Number:
            {
                Known(node, path, ["id", "kind", "polarity", "unit", "scale", "target", "source", "ratedBy"]);
                var polarity = Enum<Polarity>(node, path, "polarity", required: true);
                var unit = String(node, path, "unit", required: false) ?? "number";
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null && polarity is not null)
                {
                    measure = Create(path, node, () => Measure.Number(id, scale.Value, polarity.Value, unit, target), MeasureProperty);
                }

                break;
            }

            default:
                Known(node, path, ["id", "kind", "source", "ratedBy"]);
                if (id is not null)
                {
                    measure = Create(path, node, () => Measure.YesNo(id), MeasureProperty);
                }

                break;
        }

        var source = Enum<MeasureSource>(node, path, "source", required: false);
        if (measure is not null && !WasRead(node, "source", source))
        {
            measure = null;
        }

        var ratedBy = String(node, path, "ratedBy", required: false);
        if (measure is not null && ratedBy is null && node["ratedBy"] is not (null or { Kind: JsonSourceKind.Null }))
        {
            measure = null;
        }

        if (measure is not null && ratedBy is not null && string.IsNullOrWhiteSpace(ratedBy))
        {
            Problem(ModelJsonNames.Child(path, "ratedBy"), node["ratedBy"]!.Line, "A measure's ratedBy names a perceived measure; it cannot be empty.");
            measure = null;
        }

        if (measure is not null && ratedBy is not null && string.Equals(ratedBy, measure.Id, StringComparison.Ordinal))
        {
            Problem(ModelJsonNames.Child(path, "ratedBy"), node["ratedBy"]!.Line, $"Measure '{ratedBy}' cannot be rated by itself: name a perceived measure.");
            measure = null;
        }

        if (measure is not null)
        {
            measure = measure.WithSource(source ?? MeasureSource.Delivered).WithRatedBy(ratedBy);
            _measureList.Add((measure, path, node.Line));
            _measures.Add(measure.Id, measure);
        }

        static string? MeasureProperty(string? parameter) => parameter switch
        {
            "id" or "polarity" or "scale" or "target" or "unit" or "currency" => parameter,
            "points" => "points",
            _ => null,
        };
    }

    private double? Level(JsonSourceNode node, string path, Measure measure)
    {
        if (measure.Kind is MeasureKind.Duration or MeasureKind.Deadline)
        {
            if (node.Kind == JsonSourceKind.String && IsoDuration.TryParseSeconds(node.Text, out var seconds))
            {
                return seconds;
            }

            if (node.Kind == JsonSourceKind.Number && double.IsFinite(node.Number) && double.IsFinite(measure.FromNumber(node.Number)))
            {
                // A plain number is in the measure's time unit (seconds unless the measure states one).
                return measure.FromNumber(node.Number);
            }

            Problem(path, node.Line, node.Kind == JsonSourceKind.String
                ? $"'{node.Text}' is not a valid duration for {ModelJsonNames.Camel(measure.Kind)} measure '{measure.Id}'; {IsoDuration.Hint}."
                : node.Kind == JsonSourceKind.Number
                ? $"{node.Text} is not a finite number of {ModelJsonNames.Camel(measure.TimeUnit)}."
                : $"Expected an ISO-8601 duration string (such as 'PT48H') or a number of {ModelJsonNames.Camel(measure.TimeUnit)} for {ModelJsonNames.Camel(measure.Kind)} measure '{measure.Id}'; found {node.KindName}.");
            return null;
        }

        if (node.Kind == JsonSourceKind.Number && double.IsFinite(node.Number))
        {
            return node.Number;
        }

        Problem(path, node.Line, node.Kind == JsonSourceKind.Number
            ? $"{node.Text} is not a finite number."
            : $"Expected a number for {ModelJsonNames.Camel(measure.Kind)} measure '{measure.Id}' (in {measure.Unit}); found {node.KindName}.");
        return null;
    }

    /// <summary>The largest scale of a time measure, in seconds, as for ISO-8601 scales.</summary>
    private const double MaxScaleSeconds = 9e9;

    /// <summary>Reads the scale of a time measure: an ISO-8601 duration, or a plain number in the measure's unit.</summary>
    private NodaTime.Duration? TimeScale(JsonSourceNode node, string path, TimeUnit? unit)
    {
        if (node["scale"] is not { Kind: JsonSourceKind.Number } number)
        {
            return DurationValue(node, path, "scale", required: true);
        }

        var seconds = number.Number * Measure.SecondsPer(unit ?? TimeUnit.Seconds);
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > MaxScaleSeconds)
        {
            Problem(ModelJsonNames.Child(path, "scale"), number.Line, $"{number.Text} {ModelJsonNames.Camel(unit ?? TimeUnit.Seconds)} is not a duration that can be held; a scale may be at most 9e9 seconds (about 285 years).");
            return null;
        }

        return NodaTime.Duration.FromSeconds(seconds);
    }

    /// <summary>
    /// Whether an optional property was read, or left out: a bad value is reported where it is read, and the element is
    /// then not built, so that no default stands in for it and causes a misleading second problem.
    /// </summary>
    internal static bool WasRead<T>(JsonSourceNode node, string name, T? value)
        where T : struct
        => value is not null || node[name] is null or { Kind: JsonSourceKind.Null };
}
