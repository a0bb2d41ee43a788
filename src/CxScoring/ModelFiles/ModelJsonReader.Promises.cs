using System.Globalization;
using CxScoring.Model;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.ModelFiles;

/// <summary>The sections that refer to measures: promises (with local-time deadline rules and scopes) and expectations.</summary>
internal sealed partial class ModelJsonReader
{
    private static readonly LocalTimePattern ShortTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private void ReadPromise(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "measure", "level", "source", "validFrom", "validTo", "scope", "deadline", "within", "description", "owner"]);
        var id = Id(node, path, "promise", _declaredPromises);
        var (measure, measureOk) = MeasureReference(node, path);
        var source = Enum<PromiseSource>(node, path, "source", required: true);
        var from = InstantValue(node, path, "validFrom");
        var to = InstantValue(node, path, "validTo");
        var description = String(node, path, "description", required: false);
        var owner = String(node, path, "owner", required: false);
        var scope = ReadScope(node, path);
        double level = 0;
        var levelOk = true;
        var ruled = node["deadline"] is not null || node["within"] is not null;
        if (measure is not null)
        {
            if (measure.Kind == MeasureKind.Duration && ruled)
            {
                if (node["level"] is { } levelNode)
                {
                    Problem(ModelJsonNames.Child(path, "level"), levelNode.Line, $"Promise on duration measure '{measure.Id}' is stated by a calendar rule ('deadline' or 'within'), which gives each request its own promised duration; remove 'level'.");
                    levelOk = false;
                }
            }
            else if (measure.Kind == MeasureKind.Deadline)
            {
                if (node["level"] is { } levelNode)
                {
                    Problem(ModelJsonNames.Child(path, "level"), levelNode.Line, $"Measure '{measure.Id}' is a deadline measure: its promise has no level (lateness 0 is on time). Remove 'level'; give a 'deadline' rule, or let each outcome carry 'promisedBy'.");
                    levelOk = false;
                }
            }
            else if (node["level"] is null)
            {
                Problem(ModelJsonNames.Child(path, "level"), node.Line, "Missing required property 'level'.");
                levelOk = false;
            }
            else if (Level(node["level"]!, ModelJsonNames.Child(path, "level"), measure) is { } value)
            {
                level = value;
            }
            else
            {
                levelOk = false;
            }
        }

        ZonedDeadline? deadline = null;
        var deadlineOk = true;
        if (Object(node, path, "deadline") is { } deadlineNode)
        {
            var deadlinePath = ModelJsonNames.Child(path, "deadline");
            var ruleFits = measure is null || measure.Kind is MeasureKind.Deadline or MeasureKind.Duration;
            if (!ruleFits)
            {
                Problem(deadlinePath, deadlineNode.Line, $"Measure '{measure!.Id}' is a {ModelJsonNames.Camel(measure.Kind)} measure; a local-time deadline rule belongs to deadline and duration measures only.");
            }

            deadline = ReadDeadline(deadlineNode, deadlinePath);
            deadlineOk = deadline is not null && measure is not null && ruleFits;
        }

        BusinessTimeLimit? within = null;
        if (Object(node, path, "within") is { } withinNode)
        {
            var withinPath = ModelJsonNames.Child(path, "within");
            var ruleFits = measure is null || measure.Kind is MeasureKind.Deadline or MeasureKind.Duration;
            if (!ruleFits)
            {
                Problem(withinPath, withinNode.Line, $"Measure '{measure!.Id}' is a {ModelJsonNames.Camel(measure.Kind)} measure; a business-time limit belongs to deadline and duration measures only.");
            }

            if (deadline is not null || node["deadline"] is not null)
            {
                Problem(withinPath, withinNode.Line, "Give either 'deadline' or 'within', not both.");
                ruleFits = false;
            }

            within = ReadWithin(withinNode, withinPath);
            deadlineOk &= within is not null && measure is not null && ruleFits;
        }

        Interval? validity = null;
        if (from is { } start && to is { } end && end < start)
        {
            Problem(ModelJsonNames.Child(path, "validTo"), node["validTo"]!.Line, $"validTo {end} is before validFrom {start}: the validity interval is inverted.");
        }
        else if (from is not null || to is not null)
        {
            validity = new Interval(from, to);
        }

        if (id is not null && measureOk && source is not null && levelOk && deadlineOk && scope is not null
            && Create(path, node, () => new Promise(id, measure!.Id, level, source.Value, validity, scope.Value, deadline, description, owner, within), _ => null) is { } promise)
        {
            _promiseList.Add((promise, path, node.Line));
        }
    }

    private BusinessTimeLimit? ReadWithin(JsonSourceNode node, string path)
    {
        Known(node, path, ["businessTime", "calendar"]);
        var amount = DurationValue(node, path, "businessTime", required: true);
        var (calendar, calendarOk) = CalendarReference(node, path);
        if (amount is null || calendar is null || !calendarOk)
        {
            return null;
        }

        return Create(path, node, () => new BusinessTimeLimit(amount.Value, calendar), p => p == "amount" ? "businessTime" : null);
    }

    private ZonedDeadline? ReadDeadline(JsonSourceNode node, string path)
    {
        if (node["calendar"] is not null)
        {
            return ReadWorkingDayDeadline(node, path);
        }

        Known(node, path, ["time", "zone", "daysAfter", "calendar"]);
        var timeText = String(node, path, "time", required: true);
        var zoneId = String(node, path, "zone", required: true);
        var daysAfter = Integer(node, path, "daysAfter", required: false) ?? 0;
        LocalTime? time = null;
        if (timeText is not null)
        {
            var parsed = ShortTime.Parse(timeText);
            if (!parsed.Success)
            {
                parsed = LocalTimePattern.ExtendedIso.Parse(timeText);
            }

            if (parsed.Success)
            {
                time = parsed.Value;
            }
            else
            {
                Problem(ModelJsonNames.Child(path, "time"), node["time"]!.Line, $"'{timeText}' is not a local time of day; use 24-hour 'HH:mm' such as '17:00' (or 'HH:mm:ss').");
            }
        }

        DateTimeZone? zone = null;
        if (zoneId is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                Problem(ModelJsonNames.Child(path, "zone"), node["zone"]!.Line, $"'{zoneId}' is not a known IANA time zone id; use one such as 'Europe/Berlin' or 'America/New_York' (tz database {DateTimeZoneProviders.Tzdb.VersionId}).");
            }
        }

        if (time is null || zone is null)
        {
            return null;
        }

        return Create(path, node, () => new ZonedDeadline(time.Value, zone, daysAfter), p => p == "daysAfter" ? p : null);
    }

    /// <summary>A deadline counted in working days of a calendar: <c>{ "time": "17:00", "calendar": "uk-office", "workingDaysAfter": 1 }</c>.</summary>
    private ZonedDeadline? ReadWorkingDayDeadline(JsonSourceNode node, string path)
    {
        Known(node, path, ["time", "calendar", "workingDaysAfter"]);
        var timeText = String(node, path, "time", required: true);
        var workingDays = Integer(node, path, "workingDaysAfter", required: false) ?? 0;
        var (calendar, calendarOk) = CalendarReference(node, path);
        LocalTime? time = null;
        if (timeText is not null)
        {
            time = ParseTime(timeText, endOfDay: false);
            if (time is null)
            {
                Problem(ModelJsonNames.Child(path, "time"), node["time"]!.Line, $"'{timeText}' is not a local time of day; use 24-hour 'HH:mm' such as '17:00' (or 'HH:mm:ss').");
            }
        }

        if (time is null || calendar is null || !calendarOk)
        {
            return null;
        }

        return Create(path, node, () => ZonedDeadline.OnWorkingDay(time.Value, calendar, workingDays), p => p == "workingDaysAfter" ? p : null);
    }

    private Scope? ReadScope(JsonSourceNode owner, string ownerPath)
    {
        if (Object(owner, ownerPath, "scope") is not { } node)
        {
            return owner["scope"] is { Kind: not JsonSourceKind.Null } ? null : Scope.Everywhere;
        }

        var path = ModelJsonNames.Child(ownerPath, "scope");
        Known(node, path, ["touchpoint", "channel", "segment"]);
        var ok = true;
        var touchpointId = String(node, path, "touchpoint", required: false);
        Touchpoint? touchpoint = null;
        if (touchpointId is not null)
        {
            ok &= Reference(node, path, "touchpoint", touchpointId, _declaredTouchpoints, "touchpoints");
            _touchpoints.TryGetValue(touchpointId, out touchpoint);
        }

        Channel? channel = null;
        if (node["channel"] is { Kind: not JsonSourceKind.Null })
        {
            channel = ReadChannel(node, path, required: false);
            ok &= channel is not null;
            if (channel is { } c && touchpoint is not null && touchpoint.Channel != c)
            {
                Problem(ModelJsonNames.Child(path, "channel"), node["channel"]!.Line, $"Touchpoint '{touchpoint.Id}' uses channel '{touchpoint.Channel}', not '{c}': the scope can never apply. Drop one of the two.");
                ok = false;
            }
        }

        var segmentId = String(node, path, "segment", required: false);
        if (segmentId is not null)
        {
            ok &= Reference(node, path, "segment", segmentId, _declaredSegments, "segments");
        }

        return ok ? CreateValue(path, node, () => new Scope(touchpointId, channel, segmentId), p => p == "touchpointId" ? "touchpoint" : p == "segmentId" ? "segment" : null) : null;
    }

    private void ReadExpectation(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["measure", "scope", "norm", "adequate", "desired"]);
        var (measure, measureOk) = MeasureReference(node, path);
        var scope = ReadScope(node, path);
        ExpectationLevel? adequate, desired;
        if (String(node, path, "norm", required: false) is { } normName)
        {
            // A shipped channel norm: its channel is the scope unless one is given, and either bound may be overridden.
            if (!ChannelNorm.TryGet(normName, out var norm))
            {
                Problem(ModelJsonNames.Child(path, "norm"), node["norm"]!.Line, $"Unknown channel norm '{normName}'; known norms: {string.Join(", ", ChannelNorm.All.Select(n => n.Name))}.");
                return;
            }

            if (measure is not null && measure.Kind != MeasureKind.Duration)
            {
                Problem(ModelJsonNames.Child(path, "norm"), node["norm"]!.Line, $"A channel norm is a zone of response times; measure '{measure.Id}' is a {ModelJsonNames.Camel(measure.Kind)} measure, not a duration.");
                return;
            }

            if (node["scope"] is null && scope is not null)
            {
                scope = new Scope(channel: norm.Channel);
            }

            adequate = node["adequate"] is null ? ExpectationLevel.Absolute(norm.Adequate) : ExpectationLevelOf(node, path, "adequate", measure);
            desired = node["desired"] is null ? ExpectationLevel.Absolute(norm.Desired) : ExpectationLevelOf(node, path, "desired", measure);
        }
        else
        {
            adequate = ExpectationLevelOf(node, path, "adequate", measure);
            desired = ExpectationLevelOf(node, path, "desired", measure);
        }

        if (measureOk && scope is not null && adequate is not null && desired is not null
            && Create(path, node, () => new Expectation(measure!.Id, adequate.Value, desired.Value, scope.Value), _ => null) is { } expectation)
        {
            _expectationList.Add((expectation, path, node.Line));
        }
    }

    private ExpectationLevel? ExpectationLevelOf(JsonSourceNode owner, string ownerPath, string name, Measure? measure)
    {
        if (Object(owner, ownerPath, name, required: true) is not { } node)
        {
            return null;
        }

        var path = ModelJsonNames.Child(ownerPath, name);
        Known(node, path, ["value", "relativeToPromise", "within", "deadline"]);
        var absolute = node["value"];
        var relative = node["relativeToPromise"];
        var within = node["within"];
        var deadline = node["deadline"];
        if ((absolute is null ? 0 : 1) + (relative is null ? 0 : 1) + (within is null ? 0 : 1) + (deadline is null ? 0 : 1) != 1)
        {
            Problem(path, node.Line, "An expectation level needs exactly one of 'value' (an absolute level), 'relativeToPromise' (an offset from the promised level), 'within' (working time of a calendar) or 'deadline' (a local-time deadline, such as in working days of a calendar).");
            return null;
        }

        if (within is not null || deadline is not null)
        {
            return RuledExpectationLevel(node, path, within is not null ? "within" : "deadline", measure);
        }

        if (measure is null)
        {
            return null;
        }

        var isRelative = relative is not null;
        var value = Level(relative ?? absolute!, ModelJsonNames.Child(path, isRelative ? "relativeToPromise" : "value"), measure);
        if (value is null)
        {
            return null;
        }

        return isRelative ? ExpectationLevel.RelativeToPromise(value.Value) : ExpectationLevel.Absolute(value.Value);
    }

    /// <summary>A level stated by a calendar rule: <c>{ "within": { "businessTime": "PT16H", "calendar": "uk-office" } }</c> or <c>{ "deadline": { … } }</c>.</summary>
    private ExpectationLevel? RuledExpectationLevel(JsonSourceNode node, string path, string property, Measure? measure)
    {
        var rulePath = ModelJsonNames.Child(path, property);
        if (Object(node, path, property) is not { } ruleNode)
        {
            return null;
        }

        var ok = true;
        if (_schemaVersion is < CalendarsVersion)
        {
            Problem(rulePath, ruleNode.Line, string.Create(CultureInfo.InvariantCulture, $"An expectation level in working time ('{property}') needs schemaVersion {CalendarsVersion}; this file says schemaVersion {_schemaVersion}. Set \"schemaVersion\": {CalendarsVersion}."));
            ok = false;
        }

        if (measure is not null && measure.Kind != MeasureKind.Duration)
        {
            Problem(rulePath, ruleNode.Line, $"Measure '{measure.Id}' is a {ModelJsonNames.Camel(measure.Kind)} measure; an expectation level in working time ('{property}') belongs to duration measures only (a deadline measure's levels are lateness: state the rule in its promise).");
            ok = false;
        }

        if (property == "within")
        {
            var limit = ReadWithin(ruleNode, rulePath);
            return ok && limit is not null && measure is not null ? ExpectationLevel.InBusinessTime(limit) : null;
        }

        var rule = ReadDeadline(ruleNode, rulePath);
        return ok && rule is not null && measure is not null ? ExpectationLevel.ByDeadline(rule) : null;
    }
}
